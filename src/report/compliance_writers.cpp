// The compliance report's formats: JSON, Markdown (a pull-request comment or review
// document) and one self-contained HTML file (inline CSS and SVG, no external resources).
#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "report/compliance.hpp"

namespace shipshape::report {

namespace {

std::string where(const Compliance& c, const engine::Finding& f) {
  return fmt::format("{}:{}", c.report->files.path(f.ref.at.file), f.ref.at.line);
}

const char* kSeverityNames[3] = {"note", "warning", "error"};

std::string html_escape(std::string_view s) {
  std::string out;
  for (char ch : s) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += ch;
    }
  }
  return out;
}

std::string md(std::string_view s) {
  std::string out;
  for (char ch : s) out += ch == '|' ? std::string("\\|") : std::string(1, ch);
  return out;
}

// Findings by category, stacked by severity, as an inline SVG bar chart.
std::string svg_chart(const Compliance& c) {
  const int bar_h = 22, gap = 8, label_w = 190, width = 640;
  int max_total = 1;
  for (const auto& [cat, n] : c.by_category) max_total = std::max(max_total, n[0] + n[1] + n[2]);
  int height = static_cast<int>(c.by_category.size()) * (bar_h + gap) + 30;
  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"chart\" role=\"img\" width=\"{}\" "
      "height=\"{}\" "
      "viewBox=\"0 0 {} {}\" aria-label=\"Findings by category and severity\">\n",
      width, height, width, height);
  const char* colors[3] = {"#4a90d9", "#e0a100", "#c62828"};
  int y = 0;
  for (const auto& [cat, n] : c.by_category) {
    svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"12\">{}</text>\n",
                       label_w - 8, y + 15, html_escape(cat));
    int x = label_w;
    for (int s = 2; s >= 0; --s) {
      int w = n[static_cast<size_t>(s)] * (width - label_w - 40) / max_total;
      if (w <= 0) continue;
      svg += fmt::format(
          "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"><title>{} "
          "{}</title></rect>\n",
          x, y, w, bar_h, colors[s], n[static_cast<size_t>(s)], kSeverityNames[s]);
      x += w;
    }
    svg += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"12\">{}</text>\n", x + 6, y + 15,
                       n[0] + n[1] + n[2]);
    y += bar_h + gap;
  }
  int lx = label_w;
  for (int s = 2; s >= 0; --s) {
    svg += fmt::format(
        "<rect x=\"{}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{}\"/><text x=\"{}\" y=\"{}\" "
        "font-size=\"12\">{}</text>\n",
        lx, y + 4, colors[s], lx + 16, y + 14, kSeverityNames[s]);
    lx += 90;
  }
  return svg + "</svg>\n";
}

std::string heat(int n) {
  if (n == 0) return "#f3f4f6";
  if (n == 1) return "#fde2c8";
  if (n <= 3) return "#f8a87a";
  return "#e0533d";
}

}  // namespace

void write_compliance_json(const Compliance& c, std::ostream& out) {
  using Json = nlohmann::ordered_json;
  Json controls = Json::array();
  for (const auto& cr : c.controls) {
    Json ev = Json::array(), wv = Json::array();
    for (const auto& f : cr.failing)
      ev.push_back({{"where", where(c, f)},
                    {"ruleId", f.rule_id},
                    {"subject", f.subject},
                    {"message", f.message}});
    for (const auto& f : cr.waived)
      wv.push_back({{"where", where(c, f)},
                    {"ruleId", f.rule_id},
                    {"subject", f.subject},
                    {"kind", std::string(suppression_name(f.suppression))},
                    {"reason", f.suppression_reason},
                    {"by", f.suppressed_by}});
    controls.push_back({{"framework", cr.framework},
                        {"id", cr.id},
                        {"title", cr.title},
                        {"rules", cr.rules},
                        {"status", cr.status},
                        {"evidence", ev},
                        {"waived", wv}});
  }
  Json matrix = Json::array();
  for (const auto& [row, counts] : c.matrix)
    matrix.push_back({{"subject", row}, {"counts", counts}});
  Json by_cat = Json::object();
  for (const auto& [cat, n] : c.by_category)
    by_cat[cat] = {{"error", n[2]}, {"warning", n[1]}, {"note", n[0]}};
  Json inputs = Json::array();
  for (const auto& [p, h] : c.audit.inputs)
    inputs.push_back(h.empty()
                         ? Json{{"file", p}, {"sha256", nullptr}, {"sha256Withheld", kWithheldHash}}
                         : Json{{"file", p}, {"sha256", h}});
  Json doc = {{"version", 1},
              {"verdict", c.verdict},
              {"controls", controls},
              {"categories", c.categories},
              {"matrix", matrix},
              {"byCategory", by_cat},
              {"errors", c.report->errors.size()},
              {"audit",
               {{"generated", c.audit.generated},
                {"toolVersion", c.audit.tool_version},
                {"ruleset", c.audit.ruleset},
                {"config", c.audit.config_path.empty() ? Json(nullptr) : Json(c.audit.config_path)},
                {"configSha256", c.audit.config_sha256},
                {"inputs", inputs},
                {"git", c.audit.in_git
                            ? Json{{"commit", c.audit.git_commit}, {"dirty", c.audit.git_dirty}}
                            : Json(nullptr)}}}};
  out << json_text(doc) << "\n";
}

void write_compliance_markdown(const Compliance& c, std::ostream& out) {
  std::map<std::string, int> counts;
  for (const auto& cr : c.controls) counts[cr.status]++;
  out << "# shipshape compliance report\n\n";
  out << fmt::format("**Verdict: {}** — {} failed, {} waived, {} passed, {} not applicable.\n\n",
                     c.verdict, counts["fail"], counts["waived"], counts["pass"], counts["n/a"]);
  std::string framework;
  for (const auto& cr : c.controls) {
    if (cr.framework != framework) {
      framework = cr.framework;
      out << "\n## " << cr.framework_title
          << "\n\n| control | status | rules | evidence |\n|---|---|---|---|\n";
    }
    std::string ev;
    size_t shown = 0;
    for (const auto& f : cr.failing) {
      if (shown++ == 5) {
        ev += fmt::format("<br>… and {} more", cr.failing.size() - 5);
        break;
      }
      ev += fmt::format("{}`{}` {}", ev.empty() ? "" : "<br>", where(c, f), md(f.subject));
    }
    for (const auto& f : cr.waived)
      ev += fmt::format("{}waived: `{}` {} — {}{}", ev.empty() ? "" : "<br>", where(c, f),
                        md(f.subject),
                        md(f.suppression_reason.empty() ? "(no reason)" : f.suppression_reason),
                        f.suppressed_by.empty() ? "" : " (by " + md(f.suppressed_by) + ")");
    std::string rules;
    for (const auto& r : cr.rules) rules += (rules.empty() ? "" : ", ") + r;
    const char* mark = cr.status == "fail"     ? "❌ fail"
                       : cr.status == "waived" ? "⚠️ waived"
                       : cr.status == "pass"   ? "✅ pass"
                                               : "— n/a";
    out << fmt::format("| {} {} | {} | {} | {} |\n", cr.id, md(cr.title), mark, rules, ev);
  }
  if (!c.matrix.empty()) {
    out << "\n## Workloads × categories\n\n| subject |";
    for (const auto& cat : c.categories) out << " " << cat << " |";
    out << "\n|---|";
    for (size_t i = 0; i < c.categories.size(); ++i) out << "---|";
    out << "\n";
    for (const auto& [row, n] : c.matrix) {
      out << "| " << md(row) << " |";
      for (int v : n) out << " " << (v ? std::to_string(v) : "·") << " |";
      out << "\n";
    }
  }
  out << "\n## Findings by category\n\n| category | error | warning | note |\n|---|---|---|---|\n";
  for (const auto& [cat, n] : c.by_category)
    out << fmt::format("| {} | {} | {} | {} |\n", cat, n[2], n[1], n[0]);
  out << "\n## Audit\n\n";
  out << fmt::format("- generated: {}\n- shipshape {} (rule set {})\n", c.audit.generated,
                     c.audit.tool_version, c.audit.ruleset);
  out << fmt::format("- config: {}\n",
                     c.audit.config_path.empty()
                         ? "none"
                         : c.audit.config_path + " (sha256 " + c.audit.config_sha256 + ")");
  if (c.audit.in_git)
    out << fmt::format("- git: {}{}\n", c.audit.git_commit,
                       c.audit.git_dirty ? " (with uncommitted changes)" : "");
  else out << "- git: not a repository\n";
  out << fmt::format("- {} input files:\n\n| file | sha256 |\n|---|---|\n", c.audit.inputs.size());
  for (const auto& [p, h] : c.audit.inputs)
    out << fmt::format("| `{}` | {} |\n", md(p),
                       h.empty() ? std::string(kWithheldHash) : "`" + h + "`");
}

void write_compliance_html(const Compliance& c, std::ostream& out) {
  std::map<std::string, int> counts;
  for (const auto& cr : c.controls) counts[cr.status]++;
  std::string verdict_class = c.verdict == "PASS"                ? "pass"
                              : c.verdict == "PASS WITH WAIVERS" ? "waived"
                                                                 : "fail";
  out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<title>shipshape compliance report</title>\n<style>\n"
         "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem "
         "auto;max-width:70rem;color:#1f2328;padding:0 1rem}\n"
         "h1{margin-bottom:.2rem} h2{margin-top:2rem;border-bottom:1px solid "
         "#d0d7de;padding-bottom:.3rem}\n"
         ".verdict{display:inline-block;padding:.5rem "
         "1rem;border-radius:6px;font-weight:700;font-size:1.3rem;color:#fff}\n"
         ".verdict.fail{background:#c62828}.verdict.pass{background:#2e7d32}.verdict.waived{"
         "background:#b26a00}\n"
         "table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:.9rem}\n"
         "th,td{border:1px solid #d0d7de;padding:.35rem .5rem;text-align:left;vertical-align:top}\n"
         "th{background:#f6f8fa} td.status{font-weight:600;white-space:nowrap}\n"
         "tr.fail td.status{color:#c62828} tr.pass td.status{color:#2e7d32} tr.waived "
         "td.status{color:#b26a00} tr.na td.status{color:#6e7781}\n"
         "td.heat{text-align:center;min-width:3rem} code{font-size:.85em}\n"
         ".muted{color:#6e7781}\n"
         "@media print{body{margin:0;max-width:none} h2{page-break-after:avoid} "
         "tr{page-break-inside:avoid} .verdict{border:2px solid "
         "#000;color:#000;background:none!important}}\n"
         "</style></head><body>\n";
  out << "<h1>shipshape compliance report</h1>\n";
  out << fmt::format("<p class=\"muted\">{} · shipshape {} · rule set {}</p>\n",
                     html_escape(c.audit.generated), html_escape(c.audit.tool_version),
                     c.audit.ruleset);
  out << fmt::format(
      "<p><span id=\"verdict\" class=\"verdict {}\">{}</span> &nbsp; {} failed · {} waived · {} "
      "passed · {} not applicable</p>\n",
      verdict_class, html_escape(c.verdict), counts["fail"], counts["waived"], counts["pass"],
      counts["n/a"]);
  std::string framework;
  for (const auto& cr : c.controls) {
    if (cr.framework != framework) {
      if (!framework.empty()) out << "</tbody></table>\n";
      framework = cr.framework;
      out << fmt::format(
          "<h2>{}</h2>\n<table "
          "class=\"controls\"><thead><tr><th>control</th><th>status</th><th>rules</th>"
          "<th>evidence</th></tr></thead><tbody>\n",
          html_escape(cr.framework_title));
    }
    std::string ev;
    size_t shown = 0;
    for (const auto& f : cr.failing) {
      if (shown++ == 8) {
        ev += fmt::format("<div class=\"muted\">… and {} more</div>", cr.failing.size() - 8);
        break;
      }
      ev += fmt::format("<div><code>{}</code> {} — {}</div>", html_escape(where(c, f)),
                        html_escape(f.subject), html_escape(f.message));
    }
    for (const auto& f : cr.waived)
      ev += fmt::format(
          "<div>waived: <code>{}</code> {} — {}{}</div>", html_escape(where(c, f)),
          html_escape(f.subject),
          html_escape(f.suppression_reason.empty() ? "(no reason)" : f.suppression_reason),
          f.suppressed_by.empty() ? "" : " (by " + html_escape(f.suppressed_by) + ")");
    std::string rules;
    for (const auto& r : cr.rules) rules += (rules.empty() ? "" : ", ") + r;
    std::string cls = cr.status == "n/a" ? "na" : cr.status;
    out << fmt::format(
        "<tr class=\"control {}\" data-control=\"{}:{}\"><td><b>{}</b> {}</td><td "
        "class=\"status\">{}</td><td>{}</td><td>{}</td></tr>\n",
        cls, html_escape(cr.framework), html_escape(cr.id), html_escape(cr.id),
        html_escape(cr.title), html_escape(cr.status), rules, ev);
  }
  if (!framework.empty()) out << "</tbody></table>\n";
  out << "<h2>Workloads × categories</h2>\n";
  if (c.matrix.empty()) {
    out << "<p class=\"muted\">No findings.</p>\n";
  } else {
    out << "<table id=\"matrix\"><thead><tr><th>subject</th>";
    for (const auto& cat : c.categories) out << "<th>" << html_escape(cat) << "</th>";
    out << "</tr></thead><tbody>\n";
    for (const auto& [row, n] : c.matrix) {
      out << "<tr><td>" << html_escape(row) << "</td>";
      for (int v : n)
        out << fmt::format("<td class=\"heat\" style=\"background:{}\">{}</td>", heat(v),
                           v ? std::to_string(v) : "");
      out << "</tr>\n";
    }
    out << "</tbody></table>\n";
  }
  out << "<h2>Findings by category and severity</h2>\n" << svg_chart(c);
  out << "<h2>Audit</h2>\n<table id=\"audit\"><tbody>\n";
  out << fmt::format("<tr><th>generated</th><td>{}</td></tr>\n", html_escape(c.audit.generated));
  out << fmt::format("<tr><th>tool</th><td>shipshape {} (rule set {})</td></tr>\n",
                     html_escape(c.audit.tool_version), c.audit.ruleset);
  out << fmt::format("<tr><th>config</th><td>{}</td></tr>\n",
                     c.audit.config_path.empty()
                         ? "none"
                         : "<code>" + html_escape(c.audit.config_path) + "</code> sha256 <code>" +
                               c.audit.config_sha256 + "</code>");
  out << fmt::format("<tr><th>git</th><td>{}</td></tr>\n",
                     c.audit.in_git
                         ? "<code>" + html_escape(c.audit.git_commit) + "</code>" +
                               (c.audit.git_dirty ? " with uncommitted changes" : " clean")
                         : "not a repository");
  out << "</tbody></table>\n<table "
         "id=\"inputs\"><thead><tr><th>input</th><th>sha256</th></tr></thead><tbody>\n";
  for (const auto& [p, h] : c.audit.inputs)
    out << fmt::format("<tr><td><code>{}</code></td><td>{}</td></tr>\n", html_escape(p),
                       h.empty() ? std::string(kWithheldHash) : "<code>" + h + "</code>");
  out << "</tbody></table>\n</body></html>\n";
}

}  // namespace shipshape::report
