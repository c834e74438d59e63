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
  /// the key, lines indented relative to it). A `[i]` element walks into the i-th item of a
  /// block sequence: keys missing from that item's mapping go after its last line, at its keys'
  /// indentation. False when the path cannot be reached (a flow collection, a scalar, an alias
  /// item or a missing sequence in the way, or `[i]` last); true and nothing to do when the key
  /// exists already.
  bool set(const std::vector<std::string>& path, std::string value);
  /// Asks for `item` (YAML text of one item) to be appended to the sequence at `path`.
  bool append(const std::vector<std::string>& path, const std::string& item);
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
  /// The text a scalar (or null) or a flow collection written at `n` occupies, [begin, end);
  /// `in_flow` when it is a scalar inside a flow collection (where a replacement may need quotes).
  struct Extent {
    size_t begin, end;
    bool in_flow;
  };
  std::optional<Extent> extent(const load::Node* n) const;
  /// The column (0-based) that the lines of a value written over several lines must be
  /// indented past: its key's, or the dash's of the sequence it is an item of; -1 for a root.
  long parent_indent(const load::Node* n) const;
  /// The last line after `from` indented past `base` (blank lines skipped); with
  /// `comments_end`, a line whose first character is '#' ends the value (not for block scalars).
  uint32_t continued(uint32_t from, long base, bool comments_end) const;
  /// The line (1-based) holding the character at `offset`.
  uint32_t line_of(size_t offset) const;
  /// Whether a sequence item's node starts on its dash's line (`- key: v`), so that its text
  /// is the item's own and not an alias to a node written elsewhere.
  bool after_dash(const load::Node* item) const;

  std::string text_;
  load::Arena arena_;
  const load::Node* root_ = nullptr;
  std::vector<size_t> lines_;  // offset of each line start
  /// Each node's holder in the tree: its key, or the sequence it is an item of (the one written
  /// last before the node, for a node an alias or a merge key shares).
  std::map<const load::Node*, const load::Node*> holders_;
  std::map<size_t, Insertion> insertions_;
  std::vector<Edit> appends_;
};

}  // namespace shipshape::fix
