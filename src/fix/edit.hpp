// Text edits on an original file and their unified diff. Edits never re-serialise YAML:
// everything outside an edit stays byte for byte.
#pragma once

#include <string>
#include <vector>

namespace shipshape::fix {

/// Replace [begin, end) of the original text with `text` (begin == end inserts).
struct Edit {
  size_t begin = 0;
  size_t end = 0;
  std::string text;
  auto operator<=>(const Edit&) const = default;
};

/// Applies non-overlapping edits (sorted here); overlapping ones are an error (false).
bool apply(const std::string& original, std::vector<Edit> edits, std::string& out);

/// A unified diff (`--- a/path`, `+++ b/path`, hunks with 3 lines of context) turning
/// `before` into `after`; "" when they are equal. `before_exists` false makes a new file.
std::string unified_diff(const std::string& path, const std::string& before,
                         const std::string& after, bool before_exists = true);

}  // namespace shipshape::fix
