// Reading inputs safely: size bound, no blocking on FIFOs or devices, binary and invalid
// UTF-8 rejected with a position. Also the per-run load context shared by the loaders.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/source_files.hpp"
#include "core/suppression.hpp"
#include "load/yaml_tree.hpp"

namespace shipshape::load {

using shipshape::LoadLimits;

/// The folders a run may read: the current directory and every path named on the command
/// line (a file's own folder). A file reached through a reference (`env_file:`, `include:`,
/// `extends`, `.env`) or a symbolic link that resolves outside them is not read: a hostile
/// tree must not make shipshape read, and quote, files it was not asked to read.
class ReadBoundary {
 public:
  ReadBoundary() = default;
  explicit ReadBoundary(const std::vector<std::string>& named);
  /// Whether `path`, with every link resolved, lies inside one of the folders. A boundary made
  /// with no folders (the default) admits everything.
  bool admits(const std::string& path) const;
  /// An error saying `path` was not read because it leads outside, or nothing.
  std::optional<Error> refuse(const std::string& path, std::string_view what, Location at) const;

 private:
  std::vector<std::string> roots_;  // canonical, each ending in '/'
};

/// What every loader gets: the file registry, the error list, the bounds.
struct LoadContext {
  SourceFiles& files;
  std::vector<Error>& errors;
  LoadLimits limits;
  std::vector<Ignore>* ignores = nullptr;  ///< where `# shipshape:ignore` comments go
  const ReadBoundary* boundary = nullptr;  ///< what references may read; null: anything

  void error(std::string message, Location at) { errors.push_back({std::move(message), at}); }
  /// Records the inline ignores of a file's text (every file read goes through here).
  void saw_text(std::string_view text, uint32_t file) {
    if (ignores && text.find(kIgnoreMarker) != std::string_view::npos)
      for (auto& ig : scan_ignores(text, file)) ignores->push_back(std::move(ig));
  }
};

/// Reads a regular file whole, refusing non-regular files, oversize files, binary data and
/// invalid UTF-8. Errors point at `file` (registered by the caller) line 1 column 1, or at the
/// offending byte.
Expected<std::string> read_file(const std::string& path, uint32_t file, uint64_t max_bytes,
                                std::string_view bound = "limits.max_file_mb / --max-file-size");

/// Checks text for NUL bytes and invalid UTF-8; returns the error or nothing.
std::optional<Error> check_text(std::string_view text, uint32_t file);

/// The 1-based line and column of a byte offset.
Location location_of(std::string_view text, size_t offset, uint32_t file);

/// Reads all of standard input (bounded by max_bytes).
Expected<std::string> read_stdin(uint32_t file, uint64_t max_bytes);

/// The directory part of a path ("." when there is none).
std::string dir_of(const std::string& path);
/// `rel` resolved against `dir` unless it is absolute.
std::string join_path(const std::string& dir, const std::string& rel);

}  // namespace shipshape::load
