// Build-time tool: turns rules/*.yaml into typed C++ tables (src/catalog/catalog.hpp). Every
// file is parsed with our YAML tree and checked against what its entries must hold: required
// fields, known keys, severities, rule ids that exist, RE2 patterns that compile. The first
// problem fails the build as FILE:LINE:COLUMN: message.
//   shipshape_embed_catalog OUT.cpp FILE.yaml...
#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/input_kind.hpp"
#include "core/severity.hpp"
#include "core/sha256.hpp"
#include "load/yaml_tree.hpp"

using shipshape::load::Node;

namespace {

// A problem in an input file: reported with its position, and the build stops.
struct Problem {
  std::string message;
  shipshape::Location at;
};

std::string literal(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') out += '\\', out += static_cast<char>(c);
    else if (c == '\n') out += "\\n";
    else if (c < 0x20 || c == 0x7f || c == '?')
      out += fmt::format("\\{:03o}", c);  // '?': no trigraphs
    else out += static_cast<char>(c);
  }
  return out + "\"";
}

// Typed reads of one mapping: each names the field in its problem.
class Fields {
 public:
  Fields(const Node* map, std::string what) : map_(map), what_(std::move(what)) {
    if (!map_->is_map()) throw Problem{what_ + " must be a mapping", map_->at};
  }
  // Problems for keys not read by the time `done` runs.
  void done(const std::set<std::string>& known) const {
    for (const auto& [k, v] : map_->entries)
      if (!known.count(k->text))
        throw Problem{fmt::format("{}: unknown key '{}'", what_, k->text), k->at};
  }
  const Node* node(const char* key, bool required = true) const {
    const Node* n = map_->find(key);
    if (!n && required) throw Problem{fmt::format("{}: missing '{}'", what_, key), map_->at};
    return n;
  }
  std::string text(const char* key, bool required = true) const {
    const Node* n = node(key, required);
    if (!n) return "";
    if (!n->is_scalar() || n->text.empty())
      throw Problem{fmt::format("{}: '{}' must be a non-empty string", what_, key), n->at};
    std::string s = n->text;
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();  // chomped blocks
    return s;
  }
  std::vector<std::string> list(const char* key, bool required = true) const {
    std::vector<std::string> out;
    for (const Node* i : items(key, required)) {
      if (!i->is_scalar() || i->text.empty())
        throw Problem{fmt::format("{}: '{}' must list non-empty strings", what_, key), i->at};
      out.push_back(i->text);
    }
    return out;
  }
  std::vector<const Node*> items(const char* key, bool required = true) const {
    const Node* n = node(key, required);
    if (!n) return {};
    if (!n->is_seq() || (required && n->items.empty()))
      throw Problem{fmt::format("{}: '{}' must be a non-empty list", what_, key), n->at};
    return n->items;
  }
  shipshape::Location at() const { return map_->at; }

 private:
  const Node* map_;
  std::string what_;
};

// Writes C++ tables. Every array gets a fresh name.
class Out {
 public:
  std::string array(const std::string& type, const std::vector<std::string>& items) {
    std::string name = fmt::format("k{}", next_++);
    if (items.empty()) return fmt::format("std::span<const {}>()", type);
    body_ += fmt::format("constexpr {} {}[] = {{\n", type, name);
    for (const auto& i : items) body_ += "    " + i + ",\n";
    body_ += "};\n";
    return name;
  }
  std::string strings(const std::vector<std::string>& items) {
    std::vector<std::string> lits;
    for (const auto& s : items) lits.push_back(literal(s) + "sv");
    return array("std::string_view", lits);
  }
  std::string kinds(const std::vector<shipshape::InputKind>& kinds) {
    std::vector<std::string> out;
    for (auto k : kinds) out.push_back(fmt::format("InputKind{{{}}}", static_cast<int>(k)));
    return array("InputKind", out);
  }
  std::string body_;

 private:
  int next_ = 0;
};

std::vector<shipshape::InputKind> kinds_of(const Fields& f, const char* key, bool required) {
  std::vector<shipshape::InputKind> out;
  for (const Node* n : f.items(key, required)) {
    auto k = n->is_scalar() ? shipshape::parse_kind(n->text) : std::nullopt;
    if (!k) throw Problem{"input kinds are compose, kubernetes, values, inventory or env", n->at};
    out.push_back(*k);
  }
  return out;
}

struct Rule {
  std::string id, slug, row;
};

Rule rule_file(const std::string& name, const Node* doc, Out& out) {
  Fields f(doc, name);
  Rule r{f.text("id"), f.text("slug"), ""};
  static const RE2 id_shape(R"(SS\d{3})"), slug_shape(R"([a-z0-9]+(-[a-z0-9]+)*)");
  if (!RE2::FullMatch(r.id, id_shape))
    throw Problem{"id must be SS and three digits", f.node("id")->at};
  if (!RE2::FullMatch(r.slug, slug_shape))
    throw Problem{"slug must be kebab-case", f.node("slug")->at};
  if (name != r.id + "-" + r.slug + ".yaml")
    throw Problem{fmt::format("the file should be named {}-{}.yaml", r.id, r.slug), f.at()};
  auto severity = shipshape::parse_severity(f.text("severity"));
  if (!severity) throw Problem{"severity must be note, warning or error", f.node("severity")->at};
  std::string rank = f.text("security_severity");
  double value = -1;
  if (!RE2::FullMatch(rank, R"(\d{1,2}\.\d)") || (value = std::stod(rank)) > 10.0)
    throw Problem{"security_severity must be a rank from 0.0 to 10.0",
                  f.node("security_severity")->at};
  std::string help = f.text("help_uri");
  if (help != "docs/rules/" + r.id + "-" + r.slug + ".md")
    throw Problem{fmt::format("help_uri must be docs/rules/{}-{}.md", r.id, r.slug),
                  f.node("help_uri")->at};
  std::vector<std::string> refs;
  for (const Node* ref : f.items("references")) {
    Fields rf(ref, "a reference");
    refs.push_back(
        fmt::format("Reference{{{}, {}}}", literal(rf.text("title")), literal(rf.text("url"))));
    rf.done({"title", "url"});
  }
  r.row = fmt::format("RuleMeta{{{}, {}, {}, Severity{{{}}}, {}, {}, {}, {}, {}, {}, {}, {}}}",
                      literal(r.id), literal(r.slug), literal(f.text("category")),
                      static_cast<int>(*severity), literal(f.text("title")),
                      literal(f.text("rationale")), literal(f.text("remediation")),
                      literal(f.text("fix_hint")), literal(help), out.array("Reference", refs),
                      literal(rank), literal(f.text("related_label", false)));
  f.done({"id", "slug", "category", "severity", "security_severity", "related_label", "title",
          "rationale", "remediation", "fix_hint", "references", "help_uri"});
  return r;
}

std::string controls_file(const Node* doc, const std::set<std::string>& rule_ids, Out& out) {
  Fields f(doc, "controls.yaml");
  std::map<std::string, std::vector<shipshape::InputKind>> frameworks;
  std::vector<std::string> fw_rows, ctl_rows;
  for (const Node* n : f.items("frameworks")) {
    Fields fw(n, "a framework");
    std::string id = fw.text("id");
    auto kinds = kinds_of(fw, "applies_to", true);
    if (!frameworks.emplace(id, kinds).second)
      throw Problem{"framework '" + id + "' is defined twice", n->at};
    fw_rows.push_back(fmt::format("Framework{{{}, {}, {}}}", literal(id), literal(fw.text("title")),
                                  out.kinds(kinds)));
    fw.done({"id", "title", "applies_to"});
  }
  std::set<std::pair<std::string, std::string>> seen;
  for (const Node* n : f.items("controls")) {
    Fields c(n, "a control");
    std::string id = c.text("id"), framework = c.text("framework");
    auto fw = frameworks.find(framework);
    if (fw == frameworks.end())
      throw Problem{"unknown framework '" + framework + "'", c.node("framework")->at};
    if (!seen.emplace(framework, id).second)
      throw Problem{"control '" + id + "' is defined twice", n->at};
    auto rules = c.list("rules");
    for (size_t i = 0; i < rules.size(); ++i)
      if (!rule_ids.count(rules[i]))
        throw Problem{"unknown rule '" + rules[i] + "'", c.node("rules")->items[i]->at};
    auto kinds = c.node("applies_to", false) ? kinds_of(c, "applies_to", true) : fw->second;
    for (auto k : kinds)
      if (std::find(fw->second.begin(), fw->second.end(), k) == fw->second.end())
        throw Problem{"a control applies to no kind its framework does not",
                      c.node("applies_to")->at};
    ctl_rows.push_back(fmt::format("Control{{{}, {}, {}, {}, {}, {}}}", literal(id),
                                   literal(framework), literal(c.text("title")), out.strings(rules),
                                   out.kinds(kinds), literal(c.text("aspect", false))));
    c.done({"id", "framework", "title", "rules", "applies_to", "aspect"});
  }
  f.done({"frameworks", "controls"});
  return fmt::format(
      "constexpr Framework kFrameworks[] = {{\n    {}}};\nconstexpr Control kControls[] = {{\n    "
      "{}}};\n",
      fmt::join(fw_rows, ",\n    "), fmt::join(ctl_rows, ",\n    "));
}

void check_regex(const std::string& re, const shipshape::Location& at,
                 bool case_insensitive = false) {
  RE2::Options o;
  o.set_log_errors(false);
  o.set_case_sensitive(!case_insensitive);
  RE2 compiled(re, o);
  if (!compiled.ok()) throw Problem{"not a valid RE2 pattern: " + compiled.error(), at};
}

std::string secrets_file(const Node* doc, Out& out) {
  Fields f(doc, "secrets.yaml");
  std::vector<std::string> patterns;
  std::set<std::string> ids;
  for (const Node* n : f.items("patterns")) {
    Fields p(n, "a pattern");
    std::string id = p.text("id"), regex = p.text("regex");
    if (!ids.insert(id).second) throw Problem{"pattern '" + id + "' is defined twice", n->at};
    check_regex(regex, p.node("regex")->at);
    patterns.push_back(fmt::format("SecretPattern{{{}, {}, {}, {}}}", literal(id),
                                   literal(p.text("name")), out.strings(p.list("keywords")),
                                   literal(regex)));
    p.done({"id", "name", "keywords", "regex"});
  }
  std::vector<std::string> pairs;
  for (const Node* n : f.items("secret_pairs")) {
    if (!n->is_seq() || n->items.size() != 2 || !n->items[0]->is_scalar() ||
        !n->items[1]->is_scalar())
      throw Problem{"a secret pair is a list of two words", n->at};
    pairs.push_back(
        fmt::format("WordPair{{{}, {}}}", literal(n->items[0]->text), literal(n->items[1]->text)));
  }
  auto placeholders = f.list("placeholders");
  for (size_t i = 0; i < placeholders.size(); ++i)
    check_regex(placeholders[i], f.node("placeholders")->items[i]->at, true);
  std::vector<std::string> defaults;
  for (const Node* n : f.items("default_credentials")) {
    Fields d(n, "a default credential");
    defaults.push_back(fmt::format("DefaultCredential{{{}, {}}}", literal(d.text("value")),
                                   literal(d.text("what"))));
    d.done({"value", "what"});
  }
  std::string row =
      fmt::format("constexpr SecretData kSecrets{{{}, {}, {}, {}, {}, {}, {}, {}, {}}};\n",
                  out.array("SecretPattern", patterns), out.strings(f.list("secret_words")),
                  out.array("WordPair", pairs), out.strings(f.list("modifier_words")),
                  out.strings(f.list("public_words")), out.strings(f.list("never_words")),
                  out.strings(placeholders), out.array("DefaultCredential", defaults),
                  out.strings(f.list("allowlist")));
  f.done({"patterns", "secret_words", "secret_pairs", "modifier_words", "public_words",
          "never_words", "placeholders", "default_credentials", "allowlist"});
  return row;
}

std::string datastores_file(const Node* doc, Out& out) {
  Fields f(doc, "datastores.yaml");
  std::string suffixes = f.text("image_suffixes");
  check_regex(suffixes, f.node("image_suffixes")->at);
  std::string row = fmt::format("constexpr DataStores kDataStores{{{}, {}}};\n",
                                out.strings(f.list("stores")), literal(suffixes));
  f.done({"stores", "image_suffixes"});
  return row;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: shipshape_embed_catalog OUT.cpp FILE.yaml...\n");
    return 2;
  }
  std::vector<std::string> inputs(argv + 2, argv + argc);
  std::sort(inputs.begin(), inputs.end(), [](const std::string& a, const std::string& b) {
    return std::filesystem::path(a).filename() < std::filesystem::path(b).filename();
  });
  std::map<std::string, std::string> texts;  // by file name
  std::map<std::string, std::string> paths;
  for (const auto& p : inputs) {
    std::string name = std::filesystem::path(p).filename().string();
    texts[name] = slurp(p);
    paths[name] = p;
  }
  Out out;
  std::vector<Rule> rules;
  std::string controls, secrets, stores;
  shipshape::Sha256 digest;
  std::string current;
  try {
    std::vector<std::pair<std::string, const Node*>> docs;
    shipshape::load::Arena arena;
    for (const auto& [name, text] : texts) {
      current = name;
      digest.update(name);
      digest.update(text);
      auto parsed = shipshape::load::parse_yaml(text, 0, arena);
      if (!parsed.errors.empty())
        throw Problem{parsed.errors.front().message, parsed.errors.front().at};
      if (parsed.documents.size() != 1)
        throw Problem{"expected exactly one YAML document", {0, 1, 1}};
      docs.emplace_back(name, parsed.documents[0]);
    }
    for (const auto& [name, doc] : docs)
      if (name.starts_with("SS")) {
        current = name;
        rules.push_back(rule_file(name, doc, out));
      }
    std::set<std::string> ids;
    for (const Rule& r : rules)
      if (!ids.insert(r.id).second) throw Problem{"rule " + r.id + " is defined twice", {0, 1, 1}};
    for (const auto& [name, doc] : docs) {
      current = name;
      if (name == "controls.yaml") controls = controls_file(doc, ids, out);
      else if (name == "secrets.yaml") secrets = secrets_file(doc, out);
      else if (name == "datastores.yaml") stores = datastores_file(doc, out);
      else if (!name.starts_with("SS")) throw Problem{"not a file the catalogue knows", {0, 1, 1}};
    }
    current.clear();
    for (const char* needed : {"controls.yaml", "secrets.yaml", "datastores.yaml"})
      if (!texts.count(needed)) throw Problem{std::string(needed) + " is missing", {}};
  } catch (const Problem& p) {
    std::string where = current.empty() ? "rules/" : paths[current];
    std::fprintf(stderr, "%s:%u:%u: %s\n", where.c_str(), std::max(p.at.line, 1u),
                 std::max(p.at.column, 1u), p.message.c_str());
    return 1;
  }
  std::vector<std::string> rows;
  for (const Rule& r : rules) rows.push_back(r.row);
  std::string text = fmt::format(
      "// Generated from rules/*.yaml by tools/embed_catalog.cpp; do not edit.\n"
      "#include <string_view>\n\n#include \"catalog/catalog.hpp\"\n\n"
      "namespace shipshape::catalog {{\n\nnamespace {{\n\nusing namespace "
      "std::string_view_literals;\n\n"
      "{}\nconstexpr RuleMeta kRules[] = {{\n    {}}};\n\n{}\n{}\n{}\n}}  // namespace\n\n"
      "std::span<const RuleMeta> rules() {{ return kRules; }}\n"
      "std::span<const Framework> frameworks() {{ return kFrameworks; }}\n"
      "std::span<const Control> controls() {{ return kControls; }}\n"
      "const SecretData& secrets() {{ return kSecrets; }}\n"
      "const DataStores& data_stores() {{ return kDataStores; }}\n"
      "std::string_view ruleset_digest() {{ return {}; }}\n\n"
      "}}  // namespace shipshape::catalog\n",
      out.body_, fmt::join(rows, ",\n    "), controls, secrets, stores, literal(digest.hex()));
  if (slurp(argv[1]) != text)
    std::ofstream(argv[1], std::ios::binary) << text;  // no rebuild if unchanged
  return 0;
}
