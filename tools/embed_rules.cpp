// Build-time tool: embeds rules/*.yaml into the binary as already-parsed trees. Each file is
// parsed here with our YAML tree (so a broken rule file fails the build, with its position)
// and written out as a flat table of nodes; at run time the trees are rebuilt from the table
// without parsing YAML, which would otherwise be most of the cost of linting one small file.
//   shipshape_embed OUT.cpp FILE.yaml...
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "load/yaml_tree.hpp"

using shipshape::load::Node;
using shipshape::load::NodeKind;

namespace {

std::string literal(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') out += '\\', out += static_cast<char>(c);
    else if (c == '\n') out += "\\n";
    else if (c < 0x20 || c == 0x7f || c == '?') out += fmt::format("\\{:03o}", c);  // '?': no trigraphs
    else out += static_cast<char>(c);
  }
  return out + "\"";
}

struct Row {
  const Node* node;
  uint32_t first = 0, count = 0;
};

// Children are laid out contiguously after their parent's siblings: a mapping's as key, value
// pairs.
void lay_out(std::vector<Row>& rows, size_t index) {
  const Node* n = rows[index].node;
  std::vector<const Node*> children;
  if (n->is_seq()) children = n->items;
  if (n->is_map())
    for (const auto& [k, v] : n->entries) children.push_back(k), children.push_back(v);
  rows[index].first = static_cast<uint32_t>(rows.size());
  rows[index].count = static_cast<uint32_t>(children.size());
  size_t first = rows.size();
  for (const Node* c : children) rows.push_back(Row{c});
  for (size_t i = 0; i < children.size(); ++i) lay_out(rows, first + i);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: shipshape_embed OUT.cpp FILE.yaml...\n");
    return 2;
  }
  std::vector<std::string> inputs(argv + 2, argv + argc);
  std::sort(inputs.begin(), inputs.end());
  std::string tables, files;
  for (size_t f = 0; f < inputs.size(); ++f) {
    std::ifstream in(inputs[f], std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    std::string name = std::filesystem::path(inputs[f]).filename().string();
    shipshape::load::Arena arena;
    auto parsed = shipshape::load::parse_yaml(text, 0, arena);
    if (!parsed.errors.empty()) {
      const auto& e = parsed.errors.front();
      std::fprintf(stderr, "%s:%u:%u: %s\n", inputs[f].c_str(), e.at.line, e.at.column, e.message.c_str());
      return 1;
    }
    if (parsed.documents.size() != 1) {
      std::fprintf(stderr, "%s: expected exactly one YAML document\n", inputs[f].c_str());
      return 1;
    }
    std::vector<Row> rows{Row{parsed.documents[0]}};
    lay_out(rows, 0);
    tables += fmt::format("const EmbeddedNode kNodes{}[] = {{\n", f);
    for (const Row& r : rows)
      tables += fmt::format("    {{{}, {}, {}, {}, {}, {}, {}, {}}},\n", static_cast<int>(r.node->kind),
                            r.node->plain, r.node->at.line, r.node->at.column, literal(r.node->text),
                            literal(r.node->tag), r.first, r.count);
    tables += "};\n";
    files += fmt::format("      {{{}, {}, kNodes{}}},\n", literal(name), literal(text), f);
  }
  std::string out = fmt::format(
      "// Generated from rules/*.yaml by tools/embed_rules.cpp; do not edit.\n"
      "#include \"rules/embedded.hpp\"\n\n"
      "namespace shipshape::rules {{\n\nnamespace {{\n\n{}\n}}  // namespace\n\n"
      "const std::vector<EmbeddedFile>& embedded_rule_files() {{\n"
      "  static const std::vector<EmbeddedFile> files = {{\n{}  }};\n  return files;\n}}\n\n"
      "}}  // namespace shipshape::rules\n",
      tables, files);
  std::string previous;
  if (std::ifstream old(argv[1], std::ios::binary); old) {
    std::ostringstream s;
    s << old.rdbuf();
    previous = s.str();
  }
  if (previous != out) std::ofstream(argv[1], std::ios::binary) << out;  // no rebuild if unchanged
  return 0;
}
