#include "config/config.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "load/input.hpp"
#include "load/yaml_tree.hpp"
#include "rules/catalogue.hpp"

namespace shipshape::config {

namespace {

using load::Node;

std::optional<Error> rule_settings(const Node* n, Config& cfg) {
  if (!n->is_map()) return Error{"rules: expected a mapping of rule id to settings", n->at};
  for (const auto& [k, v] : n->entries) {
    const rules::RuleMeta* meta = rules::find_rule(k->text);
    if (!meta) return Error{fmt::format("rules: unknown rule '{}'", k->text), k->at};
    RuleSetting s;
    if (v->is_scalar()) {  // `SS201: off` shorthand
      if (v->text == "off" || v->text == "false") s.enabled = false;
      else if (auto sev = parse_severity(v->text)) s.severity = sev;
      else return Error{fmt::format("rules.{}: expected off, note, warning or error", k->text), v->at};
    } else if (v->is_map()) {
      for (const auto& [sk, sv] : v->entries) {
        bool b;
        if (sk->text == "enabled" && sv->is_scalar() && load::is_bool_text(sv->text, &b)) {
          s.enabled = b;
        } else if (sk->text == "severity" && sv->is_scalar() && parse_severity(sv->text)) {
          s.severity = parse_severity(sv->text);
        } else {
          return Error{fmt::format("rules.{}.{}: expected enabled: true|false or severity: "
                                   "note|warning|error",
                                   k->text, sk->text),
                       sk->at};
        }
      }
    } else {
      return Error{fmt::format("rules.{}: expected a mapping", k->text), v->at};
    }
    cfg.rules[meta->id] = s;
  }
  return std::nullopt;
}

}  // namespace

Expected<Config> parse_config(std::string_view text, uint32_t file, SourceFiles& files) {
  Config cfg;
  cfg.path = files.path(file);
  load::Arena arena;
  auto parsed = load::parse_yaml(text, file, arena);
  if (!parsed.errors.empty()) return parsed.errors.front();
  if (parsed.documents.empty() || parsed.documents[0]->is_null()) return cfg;
  const Node* root = parsed.documents[0];
  if (!root->is_map()) return Error{"config: expected a mapping", root->at};
  for (const auto& [k, v] : root->entries) {
    if (k->text == "rules") {
      if (auto e = rule_settings(v, cfg)) return *e;
    } else {
      return Error{fmt::format("unknown config key '{}' (expected: rules)", k->text), k->at};
    }
  }
  return cfg;
}

Expected<Config> load_config(const std::string& explicit_path, SourceFiles& files) {
  std::string path = explicit_path;
  if (path.empty()) {
    std::error_code ec;
    auto start = std::filesystem::current_path(ec);
    for (auto dir = start; !ec && !dir.empty(); dir = dir.parent_path()) {
      auto candidate = dir / ".shipshape.yaml";
      std::error_code missing;  // not-found is reported here; it must not end the search
      if (std::filesystem::is_regular_file(candidate, missing)) {
        path = candidate.string();
        break;
      }
      if (dir == dir.root_path()) break;
    }
    if (path.empty()) return Config{};
  }
  if (path == "/dev/null") return Config{};  // the usual way to say "no config"
  uint32_t id = files.add(path);
  auto text = load::read_file(path, id, 1 << 20);
  if (!text) return text.error();
  return parse_config(*text, id, files);
}

}  // namespace shipshape::config
