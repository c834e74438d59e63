// Text, in the style of compilers and ruff: `file:line:col: severity[rule]: message`, the
// masked source line with a caret, the subject and a one-line hint; a summary at the end.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "catalog/catalog.hpp"
#include "core/utf8.hpp"
#include "report/report.hpp"
#include "report/source_lines.hpp"

namespace shipshape::report {

namespace {

struct Style {
  bool on;
  std::string paint(std::string_view code, std::string_view s) const {
    return on ? fmt::format("\033[{}m{}\033[0m", code, s) : std::string(s);
  }
};

const char* severity_color(Severity s) {
  return s == Severity::error ? "1;31" : s == Severity::warning ? "1;33" : "1;36";
}

void finding(const engine::Finding& f, const fix::Suggestion* fx, const Report& r, const Options& o,
             const Style& st, SourceLines& lines, std::ostream& out) {
  std::string where =
      fmt::format("{}:{}:{}", visible(r.files.path(f.ref.at.file)), f.ref.at.line, f.ref.at.column);
  std::string head = f.suppressed() ? st.paint("1;90", "suppressed")
                                    : st.paint(severity_color(f.severity), to_string(f.severity));
  out << fmt::format("{}: {}[{}]: {}\n", st.paint("1", where), head, st.paint("1", f.rule_id),
                     visible(f.message));
  if (o.quiet) return;
  std::string src = visible(lines.line(f.ref.at), true);
  std::string num = std::to_string(f.ref.at.line);
  std::string pad(num.size(), ' ');
  if (!src.empty()) {
    out << fmt::format(" {} {} {}\n", st.paint("1;34", num), st.paint("1;34", "|"), src);
    std::string caret(f.ref.at.column > 0 ? f.ref.at.column - 1 : 0, ' ');
    for (size_t i = 0; i < caret.size() && i < src.size(); ++i)
      if (src[i] == '\t') caret[i] = '\t';
    out << fmt::format(" {} {} {}{}\n", pad, st.paint("1;34", "|"), caret,
                       st.paint(severity_color(f.severity), "^"));
  }
  out << fmt::format(" {} {} subject: {}\n", pad, st.paint("1;34", "="), visible(f.subject));
  if (std::string src_tpl = r.files.helm_source(f.ref.at); !src_tpl.empty())
    out << fmt::format(" {} {} rendered from: {}\n", pad, st.paint("1;34", "="), visible(src_tpl));
  if (f.suppressed())
    out << fmt::format(" {} {} suppressed ({}): {}\n", pad, st.paint("1;34", "="),
                       suppression_name(f.suppression),
                       f.suppression_reason.empty() ? "no reason given"
                                                    : visible(f.suppression_reason));
  else if (const auto* meta = catalog::find_rule(f.rule_id))
    out << fmt::format(" {} {} hint: {}\n", pad, st.paint("1;34", "="), meta->fix_hint);
  if (fx) {
    out << fmt::format(" {} {} fix: {}\n", pad, st.paint("1;32", "="), visible(fx->description));
    std::string diff = lines.diff(*fx);
    size_t pos = 0;
    while (pos < diff.size()) {
      size_t nl = diff.find('\n', pos);
      std::string_view raw = std::string_view(diff).substr(pos, nl - pos);
      if (raw.ends_with('\r'))
        raw.remove_suffix(1);  // a CRLF file's line, shown as its source lines are
      std::string line =
          visible(raw, !raw.starts_with("--- ") &&
                           !raw.starts_with("+++ "));  // tabs kept in lines, not in names
      const char* color = line.starts_with("+")    ? "32"
                          : line.starts_with("-")  ? "31"
                          : line.starts_with("@@") ? "36"
                                                   : "0";
      out << "     " << st.paint(color, line) << "\n";
      pos = nl + 1;
    }
    for (const auto& a : fx->advice)
      out << fmt::format(" {} {} then: {}\n", pad, st.paint("1;32", "="), visible(a));
  }
  out << "\n";
}

}  // namespace

void write_text(const Report& r, const Options& o, std::ostream& out) {
  Style st{o.color};
  SourceLines lines(r);
  int counts[3] = {0, 0, 0};
  int suppressed = 0;
  std::map<std::string, int> by_category;
  int fixable = 0;
  for (size_t i = 0; i < r.findings.size(); ++i) {
    const auto& f = r.findings[i];
    if (f.suppressed()) {
      ++suppressed;
      if (o.show_suppressed) finding(f, nullptr, r, o, st, lines, out);
      continue;
    }
    ++counts[static_cast<int>(f.severity)];
    ++by_category[f.category];
    fixable += r.fix_for(i) != nullptr;
    finding(f, r.fix_for(i), r, o, st, lines, out);
  }
  for (const auto& e : r.errors)
    out << fmt::format("{}: {}: {}\n",
                       st.paint("1", fmt::format("{}:{}:{}", visible(r.files.path(e.at.file)),
                                                 e.at.line, e.at.column)),
                       st.paint("1;31", "load error"), visible(e.message));
  if (o.quiet) return;
  int total = counts[0] + counts[1] + counts[2];
  out << fmt::format("{} finding{} ({} error{}, {} warning{}, {} note{}) in {} input{}", total,
                     total == 1 ? "" : "s", counts[2], counts[2] == 1 ? "" : "s", counts[1],
                     counts[1] == 1 ? "" : "s", counts[0], counts[0] == 1 ? "" : "s", r.inputs,
                     r.inputs == 1 ? "" : "s");
  if (suppressed) out << fmt::format("; {} suppressed", suppressed);
  if (r.baselined) out << fmt::format("; {} in the baseline", r.baselined);
  if (!r.errors.empty())
    out << fmt::format("; {} input error{}", r.errors.size(), r.errors.size() == 1 ? "" : "s");
  out << "\n";
  if (r.skipped && !r.skipped->empty()) {
    out << fmt::format(
        "{} other YAML file{} skipped: not a compose file, manifest, values file or inventory{}\n",
        r.skipped->size(), r.skipped->size() == 1 ? "" : "s",
        r.verbose ? "" : " (--verbose lists them)");
    if (r.verbose)
      for (const auto& [path, looks] : *r.skipped)
        out << fmt::format("  skipped {} ({})\n", visible(path), looks);
  }
  if (!by_category.empty()) {
    std::string cats;
    for (const auto& [c, n] : by_category)
      cats += fmt::format("{}{} {}", cats.empty() ? "" : ", ", c, n);
    out << "by category: " << cats << "\n";
  }
  if (r.fixes)
    out << fmt::format(
        "{} of them with a suggested fix; `shipshape lint --fix-suggestions=patch -o fixes.patch` "
        "writes them as one patch for `git apply`.\n",
        fixable);
  else if (total)
    out << "Run `shipshape lint --fix-suggestions` to see the fixes shipshape can suggest.\n";
}

}  // namespace shipshape::report
