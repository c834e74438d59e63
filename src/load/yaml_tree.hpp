// Our YAML tree, built straight from yaml-cpp's parser events: the only place that sees
// yaml-cpp. It resolves merge keys (`<<`, which yaml-cpp 0.7 leaves alone), rejects
// duplicate keys, self-containing nodes and alias bombs, and gives every node a position.
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/limits.hpp"
#include "core/location.hpp"

namespace shipshape::load {

enum class NodeKind : uint8_t { null, scalar, sequence, mapping };

/// One YAML node. Aliases share the anchored node, so the tree is a DAG; `weight` is the
/// size the tree would have with every alias expanded, and is bounded at parse time.
struct Node {
  NodeKind kind = NodeKind::null;
  /// A plain scalar (unquoted, no tag): `true` is a boolean, `"true"` a string.
  bool plain = true;
  Location at;
  /// Scalar text (empty for other kinds).
  std::string text;
  /// An explicit tag such as `!vault`, `!reset`, `!override`; "" when there is none.
  std::string tag;
  std::vector<const Node*> items;                            ///< sequence items
  std::vector<std::pair<const Node*, const Node*>> entries;  ///< mapping, merge keys applied
  uint64_t weight = 1;
  /// Where the text came from (a model::Origin); set by compose interpolation.
  uint8_t origin = 0;

  bool is_null() const { return kind == NodeKind::null; }
  bool is_scalar() const { return kind == NodeKind::scalar; }
  bool is_seq() const { return kind == NodeKind::sequence; }
  bool is_map() const { return kind == NodeKind::mapping; }
  /// The value of a scalar key in a mapping, or nullptr.
  const Node* find(std::string_view key) const;
  /// "a mapping", "a sequence", "a string", "null": for error messages.
  std::string_view describe() const;
};

/// Owns nodes; pointers stay valid for the arena's lifetime.
class Arena {
 public:
  Node& make(NodeKind kind, Location at) {
    Node& n = nodes_.emplace_back();
    n.kind = kind;
    n.at = at;
    return n;
  }
  size_t size() const { return nodes_.size(); }

 private:
  std::deque<Node> nodes_;
};

using shipshape::YamlLimits;

/// The documents of a stream (a document may be a null node) and any error that stopped it.
struct YamlParse {
  std::vector<const Node*> documents;
  /// Line (1-based) where each document starts, for `# Source:` and `---` mapping.
  std::vector<uint32_t> document_lines;
  std::vector<Error> errors;
};

/// Parses a YAML stream. Documents before a syntax error are kept.
YamlParse parse_yaml(std::string_view text, uint32_t file, Arena& arena,
                     const YamlLimits& limits = {});

/// Scalar text is a YAML 1.2 core-schema boolean.
bool is_bool_text(std::string_view s, bool* value = nullptr);

}  // namespace shipshape::load
