// The rules/*.yaml files, embedded into the binary at build time (tools/embed_rules.cpp):
// their text, and their tree already parsed, so that no YAML is parsed at start-up.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "load/yaml_tree.hpp"

namespace shipshape::rules {

/// One node of an embedded tree; its children are nodes [first, first + count) of the same
/// table (a mapping's as key, value pairs).
struct EmbeddedNode {
  uint8_t kind;  ///< load::NodeKind
  bool plain;
  uint32_t line, column;
  std::string_view text, tag;
  uint32_t first, count;
};

struct EmbeddedFile {
  std::string_view name;  ///< e.g. "SS201-privileged.yaml"
  std::string_view text;
  std::span<const EmbeddedNode> nodes;  ///< nodes[0] is the document
};

const std::vector<EmbeddedFile>& embedded_rule_files();

/// The embedded file called `name` (nullptr if none).
const EmbeddedFile* find_embedded(std::string_view name);

/// The file's document as our YAML tree, rebuilt from its table (positions kept, file 0).
const load::Node* document_of(const EmbeddedFile& f, load::Arena& arena);

}  // namespace shipshape::rules
