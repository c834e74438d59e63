// Path globs for `exclude:` and `--exclude`, as .gitignore writes them: `*`, `?` and `[...]`
// within one path segment (fnmatch), `**` across segments, a pattern without a slash matches a
// file or folder name at any depth, a trailing slash matches folders only.
#pragma once

#include <string_view>

namespace shipshape {

/// Whether `path` (relative, '/'-separated, no leading "./") matches `pattern`. `is_dir` says
/// whether the path is a folder (a pattern ending in '/' matches only folders).
bool glob_match(std::string_view pattern, std::string_view path, bool is_dir = false);

}  // namespace shipshape
