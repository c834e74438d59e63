// The registry of inputs a run has read: a Location's `file` indexes it. It keeps the path
// as the user gave it, the kind of input each file belongs to, the `# Source:` template
// ranges of rendered Helm streams, and the text of inputs that cannot be read again (stdin,
// helm output) for reporters' snippets.
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/input_kind.hpp"
#include "core/location.hpp"

namespace shipshape {

class SourceFiles {
 public:
  SourceFiles();

  /// Registers an input and returns its id (never 0). `display` is the path as the user gave
  /// it; `kind` the kind of input the file belongs to (an env file read by a compose project
  /// is compose).
  uint32_t add(std::string display, InputKind kind = InputKind::unknown);
  /// Records the kind of a file registered before its kind was known.
  void set_kind(uint32_t id, InputKind kind);
  /// The kind a file was registered with.
  InputKind kind(uint32_t id) const;
  /// Registers a path that was found but deliberately not read (a symbolic link out of the
  /// linted folder): findings may name it, but no reporter reads, quotes or hashes it.
  uint32_t add_unread(std::string display);
  bool is_unread(uint32_t id) const;
  /// The display path of a file id; "" for 0 or an unknown id.
  const std::string& path(uint32_t id) const;
  /// Number of ids handed out so far, plus one (id 0 is "no file").
  uint32_t size() const;

  /// Records that lines [first_line, ∞) of `file` were rendered from Helm template `source`
  /// (a `# Source:` header). Later calls for the same file start later ranges.
  void add_helm_source(uint32_t file, uint32_t first_line, std::string source);
  /// The Helm template a position was rendered from, or "".
  std::string helm_source(const Location& at) const;

  /// Keeps the text of an input that cannot be re-read from disk (stdin, rendered output).
  void keep_text(uint32_t file, std::string text);
  /// The text kept by keep_text, if any.
  std::optional<std::string> kept_text(uint32_t file) const;

 private:
  struct Entry {
    std::string path;
    std::vector<std::pair<uint32_t, uint32_t>> helm_sources;  // first line, template; by line
    std::optional<std::string> text;
    bool unread = false;
    InputKind kind = InputKind::unknown;
  };
  mutable std::mutex mu_;
  std::deque<Entry> entries_;
  // Template paths, each held once: a chart's streams repeat the same few.
  std::unordered_map<std::string, uint32_t> template_ids_;
  std::vector<const std::string*> templates_;
};

}  // namespace shipshape
