// Typed reads from our YAML tree for the loaders: a wrong type becomes an error at the
// node's position ("services.api.privileged: expected a boolean, got 'yes please'") instead
// of an exception, and the caller carries on with the rest of the input.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "load/input.hpp"
#include "load/yaml_tree.hpp"
#include "model/model.hpp"

namespace shipshape::load {

/// Quotes a scalar for an error message only when it cannot be a secret (short, letters,
/// spaces and dots only); otherwise describes it. Error messages never print secrets.
std::string shown(const Node* n);

/// `a.b` + `c` -> `a.b.c`; `a` + index 2 -> `a[2]`.
std::string child_path(std::string_view path, std::string_view key);
std::string item_path(std::string_view path, size_t index);

class Reader {
 public:
  explicit Reader(LoadContext& ctx) : ctx_(ctx) {}

  /// Records "path: expected <what>, got <...>" at n.
  void type_error(const Node* n, std::string_view path, std::string_view what);
  void error(std::string message, Location at) { ctx_.error(std::move(message), at); }

  /// True for a mapping; records an error for anything else but null (absent is not wrong).
  bool is_map(const Node* n, std::string_view path);
  bool is_seq(const Node* n, std::string_view path);
  /// A boolean: YAML true/false, quoted or not (interpolated values arrive as strings).
  Sourced<bool> boolean(const Node* n, std::string_view path);
  /// A scalar as text (numbers and booleans included); unset for null; error for collections.
  model::Text text(const Node* n, std::string_view path);
  /// A list of scalars; a lone scalar is accepted as one item when `scalar_ok`.
  std::vector<model::Text> texts(const Node* n, std::string_view path, bool scalar_ok);
  /// A string or list form of a command: a string is kept as one word.
  std::vector<model::Text> command(const Node* n, std::string_view path);

  static NodeRef ref(const Node* n, std::string_view path) {
    return NodeRef{n->at, std::string(path)};
  }

 private:
  LoadContext& ctx_;
};

/// Builds a Text from a scalar node without checks.
model::Text to_text(const Node* n, std::string_view path);

}  // namespace shipshape::load
