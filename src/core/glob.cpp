#include "core/glob.hpp"

#include <fnmatch.h>

#include <string>
#include <vector>

namespace shipshape {

namespace {

std::vector<std::string> segments(std::string_view s) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= s.size()) {
    size_t slash = s.find('/', pos);
    if (slash == std::string_view::npos) slash = s.size();
    if (slash > pos) out.emplace_back(s.substr(pos, slash - pos));
    pos = slash + 1;
  }
  return out;
}

// Pattern segments from `pi` against path segments from `si`; `**` takes zero or more.
bool match_from(const std::vector<std::string>& pat, size_t pi,
                const std::vector<std::string>& path, size_t si) {
  for (; pi < pat.size(); ++pi, ++si) {
    if (pat[pi] == "**") {
      for (size_t k = si; k <= path.size(); ++k)
        if (match_from(pat, pi + 1, path, k)) return true;
      return false;
    }
    if (si >= path.size() || fnmatch(pat[pi].c_str(), path[si].c_str(), 0) != 0) return false;
  }
  return si == path.size();
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path, bool is_dir) {
  while (pattern.starts_with("./")) pattern.remove_prefix(2);
  while (path.starts_with("./")) path.remove_prefix(2);
  bool dir_only = pattern.ends_with('/');
  if (dir_only) {
    if (!is_dir) return false;
    pattern.remove_suffix(1);
  }
  auto pat = segments(pattern);
  auto parts = segments(path);
  if (pat.empty()) return false;
  // No slash inside: a name at any depth (as .gitignore reads it).
  if (pattern.find('/') == std::string_view::npos) pat.insert(pat.begin(), "**");
  return match_from(pat, 0, parts, 0);
}

}  // namespace shipshape
