#include "rules/embedded.hpp"

namespace shipshape::rules {

namespace {

const load::Node* build(std::span<const EmbeddedNode> nodes, uint32_t i, load::Arena& arena) {
  const EmbeddedNode& e = nodes[i];
  load::Node& n = arena.make(static_cast<load::NodeKind>(e.kind), Location{0, e.line, e.column});
  n.plain = e.plain;
  n.text = e.text;
  n.tag = e.tag;
  if (n.is_seq()) {
    for (uint32_t c = 0; c < e.count; ++c) n.items.push_back(build(nodes, e.first + c, arena));
  } else if (n.is_map()) {
    for (uint32_t c = 0; c + 1 < e.count; c += 2)
      n.entries.emplace_back(build(nodes, e.first + c, arena), build(nodes, e.first + c + 1, arena));
  }
  return &n;
}

}  // namespace

const EmbeddedFile* find_embedded(std::string_view name) {
  for (const auto& f : embedded_rule_files())
    if (f.name == name) return &f;
  return nullptr;
}

const load::Node* document_of(const EmbeddedFile& f, load::Arena& arena) { return build(f.nodes, 0, arena); }

}  // namespace shipshape::rules
