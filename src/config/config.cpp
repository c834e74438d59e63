#include "config/config.hpp"

#include <re2/re2.h>

#include <fmt/format.h>

#include <charconv>
#include <filesystem>
#include <set>

#include "catalog/catalog.hpp"
#include "load/input.hpp"
#include "load/yaml_tree.hpp"

namespace shipshape::config {

namespace {

using load::Node;

// Checks that a mapping has only the given keys.
std::optional<Error> only_keys(const Node* n, std::string_view where,
                               std::initializer_list<std::string_view> keys) {
  for (const auto& [k, v] : n->entries) {
    bool known = false;
    for (auto key : keys) known = known || k->text == key;
    if (!known) {
      std::string list;
      for (auto key : keys) list += (list.empty() ? "" : ", ") + std::string(key);
      return Error{fmt::format("{}unknown key '{}' (expected: {})", where, k->text, list), k->at};
    }
  }
  return std::nullopt;
}

Expected<std::string> string_of(const Node* n, std::string_view where) {
  if (!n->is_scalar())
    return Error{fmt::format("{}: expected a string, got {}", where, n->describe()), n->at};
  return n->text;
}

Expected<std::vector<std::string>> strings_of(const Node* n, std::string_view where) {
  std::vector<std::string> out;
  if (n->is_scalar()) return std::vector<std::string>{n->text};
  if (!n->is_seq()) return Error{fmt::format("{}: expected a list of strings", where), n->at};
  for (const Node* i : n->items) {
    auto s = string_of(i, where);
    if (!s) return s.error();
    out.push_back(*s);
  }
  return out;
}

std::optional<Error> rule_settings(const Node* n, Config& cfg) {
  if (!n->is_map()) return Error{"rules: expected a mapping of rule id to settings", n->at};
  for (const auto& [k, v] : n->entries) {
    const catalog::RuleMeta* meta = catalog::find_rule(k->text);
    if (!meta) return Error{fmt::format("rules: unknown rule '{}'", k->text), k->at};
    RuleSetting s;
    if (v->is_scalar()) {  // `SS201: off` / `SS201: warning`
      if (v->text == "off" || v->text == "false") s.enabled = false;
      else if (v->text == "on" || v->text == "true") s.enabled = true;
      else if (auto sev = parse_severity(v->text)) s.severity = sev;
      else
        return Error{fmt::format("rules.{}: expected off, note, warning or error", k->text), v->at};
    } else if (v->is_map()) {
      if (auto e = only_keys(v, "rules." + k->text + ": ", {"enabled", "severity"})) return e;
      for (const auto& [sk, sv] : v->entries) {
        bool b;
        if (sk->text == "enabled" && sv->is_scalar() && load::is_bool_text(sv->text, &b))
          s.enabled = b;
        else if (sk->text == "severity" && sv->is_scalar() && parse_severity(sv->text))
          s.severity = parse_severity(sv->text);
        else
          return Error{fmt::format("rules.{}.{}: expected true/false or note/warning/error",
                                   k->text, sk->text),
                       sv->at};
      }
    } else {
      return Error{fmt::format("rules.{}: expected a mapping", k->text), v->at};
    }
    cfg.rules[std::string(meta->id)] = s;
  }
  return std::nullopt;
}

std::optional<Error> tiers(const Node* n, Config& cfg) {
  if (!n->is_seq()) return Error{"network_tiers: expected a list of tiers, outermost first", n->at};
  std::set<std::string> seen_networks;
  for (const Node* t : n->items) {
    if (!t->is_map())
      return Error{"network_tiers: each tier is a mapping with name and networks", t->at};
    if (auto e = only_keys(t, "network_tiers: ", {"name", "networks", "internal"})) return e;
    Tier tier;
    tier.at = t->at;
    const Node* name = t->find("name");
    if (!name) return Error{"network_tiers: a tier needs a name", t->at};
    auto nm = string_of(name, "network_tiers.name");
    if (!nm) return nm.error();
    tier.name = *nm;
    if (const Node* nets = t->find("networks")) {
      auto list = strings_of(nets, "network_tiers." + tier.name + ".networks");
      if (!list) return list.error();
      for (const auto& net : *list)
        if (!seen_networks.insert(net).second)
          return Error{fmt::format("network_tiers: network '{}' is in two tiers", net), nets->at};
      tier.networks = *list;
    }
    if (const Node* in = t->find("internal")) {
      if (!in->is_scalar() || !load::is_bool_text(in->text, &tier.internal))
        return Error{fmt::format("network_tiers.{}.internal: expected true or false", tier.name),
                     in->at};
    }
    cfg.tiers.push_back(std::move(tier));
  }
  return std::nullopt;
}

std::optional<Error> secrets(const Node* n, std::vector<secrets::UserPattern>& patterns,
                             std::vector<secrets::SecretScanner::Allow>& allow) {
  if (!n->is_map()) return Error{"secrets: expected a mapping with patterns and allowlist", n->at};
  if (auto e = only_keys(n, "secrets: ", {"patterns", "allowlist"})) return e;
  if (const Node* p = n->find("patterns")) {
    if (!p->is_seq()) return Error{"secrets.patterns: expected a list", p->at};
    for (const Node* item : p->items) {
      if (!item->is_map())
        return Error{"secrets.patterns: each pattern is {id, regex, name}", item->at};
      if (auto e = only_keys(item, "secrets.patterns: ", {"id", "name", "regex"})) return e;
      const Node* id = item->find("id");
      const Node* re = item->find("regex");
      if (!id || !re || !id->is_scalar() || !re->is_scalar())
        return Error{"secrets.patterns: a pattern needs an id and a regex", item->at};
      const Node* name = item->find("name");
      patterns.push_back({id->text, name && name->is_scalar() ? name->text : "", re->text, re->at});
    }
  }
  if (const Node* a = n->find("allowlist")) {
    if (!a->is_seq()) return Error{"secrets.allowlist: expected a list", a->at};
    for (const Node* item : a->items) {
      if (item->is_scalar()) {
        allow.push_back({item->text, false, item->at});
      } else if (item->is_map() && item->find("regex") && item->find("regex")->is_scalar() &&
                 item->entries.size() == 1) {
        allow.push_back({item->find("regex")->text, true, item->find("regex")->at});
      } else {
        return Error{"secrets.allowlist: each entry is a value or {regex: ...}", item->at};
      }
    }
  }
  return std::nullopt;
}

std::optional<Error> excludes(const Node* n, Config& cfg) {
  if (!n->is_seq()) return Error{"exclude: expected a list of path globs", n->at};
  for (const Node* g : n->items) {
    auto s = string_of(g, "exclude");
    if (!s) return s.error();
    if (s->empty()) return Error{"exclude: a glob cannot be empty", g->at};
    cfg.exclude.push_back(*s);
  }
  return std::nullopt;
}

std::optional<Error> waivers(const Node* n, Config& cfg) {
  if (!n->is_seq()) return Error{"waivers: expected a list", n->at};
  static const RE2 date(R"(\d{4}-\d{2}-\d{2})");
  for (const Node* w : n->items) {
    if (!w->is_map()) return Error{"waivers: each waiver is a mapping", w->at};
    if (auto e = only_keys(w, "waivers: ", {"rule", "path", "subject", "reason", "expires", "by"}))
      return e;
    Waiver wv;
    wv.at = w->at;
    for (const auto& [k, v] : w->entries) {
      auto s = string_of(v, "waivers." + k->text);
      if (!s) return s.error();
      if (k->text == "rule") {
        const auto* meta = catalog::find_rule(*s);
        if (!meta) return Error{fmt::format("waivers: unknown rule '{}'", *s), v->at};
        wv.rule = meta->id;
      } else if (k->text == "path") wv.path = *s;
      else if (k->text == "subject") wv.subject = *s;
      else if (k->text == "reason") wv.reason = *s;
      else if (k->text == "by") wv.by = *s;
      else if (k->text == "expires") {
        if (!RE2::FullMatch(*s, date))
          return Error{"waivers.expires: expected a date YYYY-MM-DD", v->at};
        wv.expires = *s;
      }
    }
    if (wv.rule.empty()) return Error{"waivers: a waiver needs a rule", w->at};
    if (wv.reason.empty()) return Error{"waivers: a waiver needs a reason", w->at};
    cfg.waivers.push_back(std::move(wv));
  }
  return std::nullopt;
}

// A positive number no larger than `max`.
Expected<double> number_of(const Node* n, std::string_view where, double max) {
  if (!n->is_scalar())
    return Error{fmt::format("{}: expected a number, got {}", where, n->describe()), n->at};
  double v = 0;
  auto [end, ec] = std::from_chars(n->text.data(), n->text.data() + n->text.size(), v);
  if (ec != std::errc() || end != n->text.data() + n->text.size() || !(v > 0) || v > max)
    return Error{fmt::format("{}: expected a number above 0 and at most {}, got '{}'", where, max,
                             n->text),
                 n->at};
  return v;
}

std::optional<Error> limits(const Node* n, load::LoadLimits& out) {
  // Each bound has a ceiling, so that a config cannot switch a protection off.
  struct Bound {
    std::string_view key;
    double max;
    void (*set)(load::LoadLimits&, double);
  };
  static constexpr Bound kBounds[] = {
      {"max_file_mb", 4096,
       [](load::LoadLimits& l, double x) {
         l.max_file_bytes = static_cast<uint64_t>(x * 1048576.0);
       }},
      {"max_env_file_kb", 65536,
       [](load::LoadLimits& l, double x) {
         l.max_env_file_bytes = static_cast<uint64_t>(x * 1024.0);
       }},
      {"max_interpolation_mb", 1024,
       [](load::LoadLimits& l, double x) {
         l.max_interpolation_bytes = static_cast<uint64_t>(x * 1048576.0);
       }},
      {"max_depth", 1000,
       [](load::LoadLimits& l, double x) { l.yaml.max_depth = static_cast<size_t>(x); }},
      {"max_alias_nodes", 1e9,
       [](load::LoadLimits& l, double x) { l.yaml.max_alias_nodes = static_cast<uint64_t>(x); }},
      {"max_run_alias_nodes", 1e10,
       [](load::LoadLimits& l, double x) {
         l.yaml.max_run_alias_nodes = static_cast<uint64_t>(x);
       }},
      {"max_documents", 1e7,
       [](load::LoadLimits& l, double x) { l.yaml.max_documents = static_cast<size_t>(x); }},
  };
  if (!n->is_map()) return Error{"limits: expected a mapping", n->at};
  if (auto e = only_keys(n, "limits: ",
                         {"max_file_mb", "max_env_file_kb", "max_interpolation_mb", "max_depth",
                          "max_alias_nodes", "max_run_alias_nodes", "max_documents"}))
    return e;
  for (const auto& [k, v] : n->entries)
    for (const Bound& b : kBounds)
      if (k->text == b.key) {
        auto x = number_of(v, "limits." + k->text, b.max);
        if (!x) return x.error();
        b.set(out, *x);
      }
  return std::nullopt;
}

}  // namespace

Config default_config() {
  Config cfg;
  auto s = secrets::SecretScanner::build();
  if (s) cfg.scanner = *s;
  return cfg;
}

Expected<Config> parse_config(std::string_view text, uint32_t file, SourceFiles& files) {
  Config cfg;
  cfg.path = files.path(file);
  load::Arena arena;
  auto parsed = load::parse_yaml(text, file, arena);
  if (!parsed.errors.empty()) return parsed.errors.front();
  std::vector<secrets::UserPattern> patterns;
  std::vector<secrets::SecretScanner::Allow> allow;
  if (!parsed.documents.empty() && !parsed.documents[0]->is_null()) {
    const Node* root = parsed.documents[0];
    if (!root->is_map()) return Error{"config: expected a mapping", root->at};
    if (auto e = only_keys(root, "",
                           {"rules", "network_tiers", "tier_label", "secrets", "waivers", "limits",
                            "exclude"}))
      return *e;
    for (const auto& [k, v] : root->entries) {
      std::optional<Error> e;
      if (k->text == "rules") e = rule_settings(v, cfg);
      else if (k->text == "network_tiers") e = tiers(v, cfg);
      else if (k->text == "secrets") e = secrets(v, patterns, allow);
      else if (k->text == "waivers") e = waivers(v, cfg);
      else if (k->text == "limits") e = limits(v, cfg.limits);
      else if (k->text == "exclude") e = excludes(v, cfg);
      else if (k->text == "tier_label") {
        auto s = string_of(v, "tier_label");
        if (!s) return s.error();
        cfg.tier_label = *s;
      }
      if (e) return *e;
    }
  }
  auto scanner = secrets::SecretScanner::build(patterns, allow);
  if (!scanner) return scanner.error();
  cfg.scanner = *scanner;
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
    if (path.empty()) return default_config();
  }
  if (path == "/dev/null") return default_config();  // the usual way to say "no config"
  uint32_t id = files.add(path);
  auto text = load::read_file(path, id, 1 << 20, "1 MB for a config file");
  if (!text) return text.error();
  return parse_config(*text, id, files);
}

}  // namespace shipshape::config
