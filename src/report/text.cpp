// Plain text: `file:line:col: severity [rule-id] message (subject)`, one per line, and a count.
#include <fmt/format.h>

#include "report/report.hpp"

namespace shipshape::report {

void write_text(const Report& r, const Options& o, std::ostream& out) {
  int counts[3] = {0, 0, 0};
  int suppressed = 0;
  for (const auto& f : r.findings) {
    if (f.suppressed()) {
      ++suppressed;
      if (o.show_suppressed)
        out << fmt::format("{}:{}:{}: suppressed [{}] {} ({}) -- {}: {}\n",
                           r.files.path(f.ref.at.file), f.ref.at.line, f.ref.at.column, f.rule_id,
                           f.message, f.subject, suppression_name(f.suppression),
                           f.suppression_reason.empty() ? "(no reason)" : f.suppression_reason);
      continue;
    }
    ++counts[static_cast<int>(f.severity)];
    std::string_view sev = to_string(f.severity);
    std::string sev_shown(sev);
    if (o.color)
      sev_shown = fmt::format("\033[{}m{}\033[0m",
                              f.severity == Severity::error     ? "1;31"
                              : f.severity == Severity::warning ? "1;33"
                                                                : "1;36",
                              sev);
    out << fmt::format("{}:{}:{}: {} [{}] {} ({})\n", r.files.path(f.ref.at.file), f.ref.at.line,
                       f.ref.at.column, sev_shown, f.rule_id, f.message, f.subject);
  }
  for (const auto& e : r.errors)
    out << fmt::format("{}:{}:{}: load error: {}\n", r.files.path(e.at.file), e.at.line,
                       e.at.column, e.message);
  if (o.quiet) return;
  int total = counts[0] + counts[1] + counts[2];
  out << fmt::format("{} finding{} ({} error{}, {} warning{}, {} note{}) in {} input{}", total,
                     total == 1 ? "" : "s", counts[2], counts[2] == 1 ? "" : "s", counts[1],
                     counts[1] == 1 ? "" : "s", counts[0], counts[0] == 1 ? "" : "s", r.inputs,
                     r.inputs == 1 ? "" : "s");
  if (suppressed) out << fmt::format("; {} suppressed", suppressed);
  if (!r.errors.empty())
    out << fmt::format("; {} input error{}", r.errors.size(), r.errors.size() == 1 ? "" : "s");
  out << "\n";
}

}  // namespace shipshape::report
