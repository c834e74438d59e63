#include "fix/edit.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace shipshape::fix {

bool apply(const std::string& original, std::vector<Edit> edits, std::string& out) {
  std::stable_sort(edits.begin(), edits.end(),
                   [](const Edit& a, const Edit& b) { return a.begin < b.begin; });
  out.clear();
  size_t pos = 0;
  for (const Edit& e : edits) {
    if (e.begin < pos || e.end < e.begin || e.end > original.size()) return false;
    out.append(original, pos, e.begin - pos);
    out += e.text;
    pos = e.end;
  }
  out.append(original, pos, std::string::npos);
  return true;
}

namespace {

std::vector<std::string> split_lines(const std::string& s) {
  std::vector<std::string> lines;
  size_t pos = 0;
  while (pos < s.size()) {
    size_t nl = s.find('\n', pos);
    if (nl == std::string::npos) {
      lines.push_back(s.substr(pos));
      break;
    }
    lines.push_back(s.substr(pos, nl - pos + 1));
    pos = nl + 1;
  }
  return lines;
}

// A line as a diff shows it; a last line without newline gets git's marker.
std::string shown(char sign, const std::string& line) {
  if (!line.empty() && line.back() == '\n') return sign + line;
  return sign + line + "\n\\ No newline at end of file\n";
}

}  // namespace

namespace {

// A file name in a patch header as git writes one: C-quoted when it holds a quote, a
// backslash, a control character or a non-ASCII byte, so that a name from the tree (with a
// newline, say) cannot end the header and forge another file's.
std::string patch_name(std::string_view prefix, std::string_view path) {
  bool plain = true;
  for (unsigned char c : path) plain = plain && c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
  if (plain) return std::string(prefix) + std::string(path);
  std::string out = "\"" + std::string(prefix);
  for (unsigned char c : path) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20 || c >= 0x7f) out += fmt::format("\\{:03o}", c);
        else out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

}  // namespace

std::string unified_diff(const std::string& path, const std::string& before,
                         const std::string& after, bool before_exists) {
  if (before == after && before_exists) return "";
  auto a = split_lines(before), b = split_lines(after);
  // Longest common subsequence over lines; files here are small enough for the table.
  size_t n = a.size(), m = b.size();
  std::vector<std::vector<uint32_t>> lcs(n + 1, std::vector<uint32_t>(m + 1, 0));
  for (size_t i = n; i-- > 0;)
    for (size_t j = m; j-- > 0;)
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
  struct Op {
    char kind;
    size_t i, j;
  };
  std::vector<Op> ops;
  for (size_t i = 0, j = 0; i < n || j < m;) {
    if (i < n && j < m && a[i] == b[j]) ops.push_back({' ', i++, j++});
    else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) ops.push_back({'-', i++, j});
    else ops.push_back({'+', i, j++});
  }
  std::string old_name = patch_name("a/", path), new_name = patch_name("b/", path);
  std::string out = before_exists
                        ? fmt::format("--- {}\n+++ {}\n", old_name, new_name)
                        : fmt::format("new file mode 100644\n--- /dev/null\n+++ {}\n", new_name);
  const size_t ctx = 3;
  std::vector<size_t> changes;
  for (size_t k = 0; k < ops.size(); ++k)
    if (ops[k].kind != ' ') changes.push_back(k);
  for (size_t c = 0; c < changes.size();) {
    size_t first = changes[c], last = first;
    while (c + 1 < changes.size() && changes[c + 1] - last <= 2 * ctx + 1) last = changes[++c];
    ++c;
    size_t start = first >= ctx ? first - ctx : 0;
    size_t stop = std::min(ops.size(), last + ctx + 1);
    size_t a_len = 0, b_len = 0;
    std::string body;
    for (size_t x = start; x < stop; ++x) {
      const Op& o = ops[x];
      if (o.kind != '+') ++a_len;
      if (o.kind != '-') ++b_len;
      body += shown(o.kind, o.kind == '+' ? b[o.j] : a[o.i]);
    }
    size_t a_start = ops[start].i, b_start = ops[start].j;
    out += fmt::format("@@ -{},{} +{},{} @@\n", a_len ? a_start + 1 : a_start, a_len,
                       b_len ? b_start + 1 : b_start, b_len);
    out += body;
  }
  return out;
}

}  // namespace shipshape::fix
