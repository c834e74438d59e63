#include "rules/catalogue.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>

#include "load/yaml_tree.hpp"
#include "rules/embedded.hpp"

namespace shipshape::rules {

Expected<RuleMeta> parse_rule_meta(std::string_view name, std::string_view text) {
  load::Arena arena;
  auto parsed = load::parse_yaml(text, 0, arena);
  if (!parsed.errors.empty())
    return Error{fmt::format("{}: {}", name, parsed.errors.front().message), parsed.errors.front().at};
  if (parsed.documents.size() != 1) return Error{fmt::format("{}: expected one mapping", name), {}};
  return parse_rule_meta(name, parsed.documents[0]);
}

Expected<RuleMeta> parse_rule_meta(std::string_view name, const load::Node* doc) {
  if (!doc->is_map()) return Error{fmt::format("{}: expected one mapping", name), {}};
  RuleMeta m;
  std::string missing;
  auto field = [&](const char* key, std::string& out) {
    const load::Node* n = doc->find(key);
    if (!n || !n->is_scalar() || n->text.empty()) missing += std::string(missing.empty() ? "" : ", ") + key;
    else out = n->text;
  };
  std::string severity;
  field("id", m.id);
  field("slug", m.slug);
  field("category", m.category);
  field("severity", severity);
  field("title", m.title);
  field("rationale", m.rationale);
  field("remediation", m.remediation);
  field("fix_hint", m.fix_hint);
  field("help_uri", m.help_uri);
  if (const load::Node* refs = doc->find("references"); refs && refs->is_seq()) {
    for (const load::Node* r : refs->items) {
      const load::Node* t = r->is_map() ? r->find("title") : nullptr;
      const load::Node* u = r->is_map() ? r->find("url") : nullptr;
      if (t && u && t->is_scalar() && u->is_scalar()) m.references.push_back({t->text, u->text});
    }
  }
  if (m.references.empty()) missing += std::string(missing.empty() ? "" : ", ") + "references";
  if (!missing.empty()) return Error{fmt::format("{}: missing {}", name, missing), {}};
  auto sev = parse_severity(severity);
  if (!sev) return Error{fmt::format("{}: severity must be note, warning or error", name), {}};
  m.severity = *sev;
  std::string expected_name = m.id + "-" + m.slug + ".yaml";
  if (name != expected_name)
    return Error{fmt::format("{}: file name should be {}", name, expected_name), {}};
  // Chomped block scalars keep a final newline; the catalogue wants plain sentences.
  for (std::string* s : {&m.title, &m.rationale, &m.remediation, &m.fix_hint})
    while (!s->empty() && (s->back() == '\n' || s->back() == ' ')) s->pop_back();
  return m;
}

const std::vector<RuleMeta>& catalogue() {
  static const std::vector<RuleMeta> all = [] {
    std::vector<RuleMeta> out;
    for (const auto& f : embedded_rule_files()) {
      if (!f.name.starts_with("SS")) continue;  // secrets.yaml, controls.yaml, ...
      load::Arena arena;
      auto m = parse_rule_meta(f.name, document_of(f, arena));
      if (!m) {
        std::cerr << "shipshape: internal error: " << m.error().message << "\n";
        std::abort();
      }
      out.push_back(std::move(*m));
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    return out;
  }();
  return all;
}

const RuleMeta* find_rule(std::string_view id_or_slug) {
  for (const auto& m : catalogue())
    if (m.id == id_or_slug || m.slug == id_or_slug) return &m;
  return nullptr;
}

}  // namespace shipshape::rules
