// Edits located through our YAML tree of the original text: remove a line, replace a
// scalar, and "intents" (set a key path, append a list item) rendered with the file's own
// indentation. Intents into the same mapping are merged, so several fixes to one file
// compose into one consistent change.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "fix/edit.hpp"
#include "load/yaml_tree.hpp"

namespace shipshape::fix {

class YamlFile {
 public:
  /// Parses `text`; in a multi-document stream, takes the document that contains `line`.
  explicit YamlFile(std::string text, uint32_t line = 1);
  bool ok() const { return root_ != nullptr; }
  const std::string& text() const { return text_; }

  /// The value at a path of keys ("[2]" for a sequence item); nullptr when absent.
  const load::Node* find(const std::vector<std::string>& path) const;
  /// The key node of the last path element (nullptr for the root or a sequence item).
  const load::Node* key(const std::vector<std::string>& path) const;

  size_t offset(uint32_t line, uint32_t column) const;
  size_t line_begin(uint32_t line) const;
  /// Offset just past the line's newline (or the end of the text).
  size_t line_after(uint32_t line) const;
  std::string line_text(uint32_t line) const;
  /// Leading spaces of a line.
  size_t indent(uint32_t line) const;
  /// The last line a node's text occupies.
  uint32_t last_line(const load::Node* n) const;

  /// The key owning the mapping that has a key on `line`, and that mapping.
  std::pair<const load::Node*, const load::Node*> owner_of_line(uint32_t line) const;
  /// Deletes a whole line.
  Edit remove_line(uint32_t line) const;
  /// The extent of a scalar or flow collection written at `n`.
  std::optional<Edit> replace(const load::Node* n, std::string text) const;

  /// Asks for `path` to hold `value` (YAML text; a leading '\n' means a block rendered below
  /// the key, lines indented relative to it). False when the path cannot be reached (a flow
  /// mapping or a scalar in the way); true and nothing to do when the key exists already.
  bool set(const std::vector<std::string>& path, std::string value);
  /// Asks for `item` (YAML text of one item) to be appended to the sequence at `path`.
  bool append(const std::vector<std::string>& path, std::string item);
  /// The edits for every intent so far.
  std::vector<Edit> intent_edits() const;

 private:
  struct Tree {
    std::map<std::string, Tree> children;
    std::vector<std::string> order;
    std::optional<std::string> value;
  };
  struct Insertion {
    size_t at;
    size_t indent;
    Tree tree;
    std::optional<Edit> clear;  // `key: {}` / `key: ~` made room for a block
  };
  static void render(const Tree& t, size_t indent, std::string& out);
  bool is_flow(const load::Node* n) const;

  std::string text_;
  load::Arena arena_;
  const load::Node* root_ = nullptr;
  std::vector<size_t> lines_;  // offset of each line start
  std::map<size_t, Insertion> insertions_;
  std::vector<Edit> appends_;
};

}  // namespace shipshape::fix
