// Inline suppressions: `# shipshape:ignore SS202,socket-mount until=2026-12-31 -- reason`
// comments, and the same text in a Kubernetes `shipshape.io/ignore` annotation.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/location.hpp"

namespace shipshape {

struct Ignore {
  Location at;
  std::vector<std::string> rules;  ///< ids or slugs, as written
  std::string reason;              ///< text after `--`; "" when missing
  std::string until;               ///< YYYY-MM-DD or ""
  bool own_line = true;            ///< a comment alone on its line applies to the next line
  std::string scope;               ///< annotations: the object's path prefix; "" for comments
};

/// The marker that starts an inline ignore in a comment.
inline constexpr std::string_view kIgnoreMarker = "shipshape:ignore";

/// Parses what follows the marker (or an annotation's value).
Ignore parse_ignore(std::string_view text);

/// Finds `# shipshape:ignore` comments in a file's text.
std::vector<Ignore> scan_ignores(std::string_view text, uint32_t file);

}  // namespace shipshape
