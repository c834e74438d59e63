// GitHub Actions workflow commands (`::error file=…,line=…::message`), which show as
// annotations on the pull request's diff, and the Markdown job summary.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "catalog/catalog.hpp"
#include "report/report.hpp"

namespace shipshape::report {

namespace {

// The C escape (\x1b, \u009b) of the control character at s[i] when there is one there other
// than CR and LF, which have escapes of their own; a C1 control is two bytes in UTF-8, and `i`
// is moved to its last. "" for any other character.
std::string control_at(std::string_view s, size_t& i) {
  auto c = static_cast<unsigned char>(s[i]);
  if ((c < 0x20 && c != '\r' && c != '\n') || c == 0x7f) return fmt::format("\\x{:02x}", c);
  if (c == 0xC2 && i + 1 < s.size()) {
    auto next = static_cast<unsigned char>(s[i + 1]);
    if (next >= 0x80 && next <= 0x9F) {
      ++i;
      return fmt::format("\\u{:04x}", next);
    }
  }
  return "";
}

// The runner decodes %25, %0D and %0A (and %3A, %2C in properties) and nothing else, so the
// other control characters are written as C escapes: an escape sequence in a file name or a
// message never reaches the log as is (a file= holding one then names the file as text shows
// it, not byte for byte).
std::string escape_data(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else if (std::string e = control_at(s, i); !e.empty()) out += e;
    else out += c;
  }
  return out;
}

std::string escape_property(std::string_view s) {
  std::string out = escape_data(s);
  std::string escaped;
  for (char c : out) {
    if (c == ':') escaped += "%3A";
    else if (c == ',') escaped += "%2C";
    else escaped += c;
  }
  return escaped;
}

// A table cell's text: no line break (CR ends a line in Markdown too) and no bare '|'.
std::string md_cell(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '|') out += "\\|";
    else if (c == '\n' || c == '\r') out += ' ';
    else if (std::string e = control_at(s, i); !e.empty()) out += e;
    else out += c;
  }
  return out;
}

// A code span holding `s` whatever backticks it holds: fenced by one more than its longest run.
std::string md_code(std::string_view s) {
  std::string cell = md_cell(s);
  size_t run = 0, longest = 0;
  for (char c : cell) longest = std::max(longest, run = c == '`' ? run + 1 : 0);
  std::string fence(longest + 1, '`');
  std::string pad = longest ? " " : "";
  return fence + pad + cell + pad + fence;
}

}  // namespace

void write_github(const Report& r, const Options&, std::ostream& out) {
  for (const auto& f : r.findings) {
    if (f.suppressed()) continue;
    const char* cmd = f.severity == Severity::error     ? "error"
                      : f.severity == Severity::warning ? "warning"
                                                        : "notice";
    const auto* meta = catalog::find_rule(f.rule_id);
    std::string title =
        f.rule_id + " " + std::string(meta ? meta->title : std::string_view(f.category));
    out << fmt::format("::{} file={},line={},col={},title={}::{}\n", cmd,
                       escape_property(r.files.path(f.ref.at.file)), f.ref.at.line, f.ref.at.column,
                       escape_property(title), escape_data(f.message + " (" + f.subject + ")"));
  }
  for (const auto& e : r.errors)
    out << fmt::format(
        "::error file={},line={},col={},title=shipshape could not load this file::{}\n",
        escape_property(r.files.path(e.at.file)), e.at.line, e.at.column, escape_data(e.message));
}

std::string github_summary(const Report& r) {
  int counts[3] = {0, 0, 0};
  std::map<std::string, int> by_category;
  size_t suppressed = 0;
  for (const auto& f : r.findings) {
    if (f.suppressed()) {
      ++suppressed;
      continue;
    }
    ++counts[static_cast<int>(f.severity)];
    ++by_category[f.category];
  }
  std::string md = "## shipshape\n\n";
  int total = counts[0] + counts[1] + counts[2];
  md += fmt::format("**{}** finding{} in {} input{}: {} error{}, {} warning{}, {} note{}", total,
                    total == 1 ? "" : "s", r.inputs, r.inputs == 1 ? "" : "s", counts[2],
                    counts[2] == 1 ? "" : "s", counts[1], counts[1] == 1 ? "" : "s", counts[0],
                    counts[0] == 1 ? "" : "s");
  if (suppressed) md += fmt::format(" ({} suppressed)", suppressed);
  if (r.baselined) md += fmt::format(" ({} already in the baseline)", r.baselined);
  md += ".\n\n";
  if (!r.errors.empty())
    md += fmt::format(":x: {} input{} could not be loaded.\n\n", r.errors.size(),
                      r.errors.size() == 1 ? "" : "s");
  if (!by_category.empty()) {
    md += "| category | findings |\n|---|---|\n";
    for (const auto& [c, n] : by_category) md += fmt::format("| `{}` | {} |\n", c, n);
    md += "\n";
    md += "| where | rule | severity | finding |\n|---|---|---|---|\n";
    int shown = 0;
    for (const auto& f : r.findings) {
      if (f.suppressed()) continue;
      if (shown++ == 50) {
        md +=
            fmt::format("\n… and {} more; see the annotations or the SARIF upload.\n", total - 50);
        break;
      }
      md += fmt::format("| {} | {} | {} | {} |\n",
                        md_code(r.files.path(f.ref.at.file) + ":" + std::to_string(f.ref.at.line)),
                        f.rule_id, to_string(f.severity), md_cell(f.message));
    }
  }
  return md;
}

}  // namespace shipshape::report
