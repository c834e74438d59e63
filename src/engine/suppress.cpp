#include "engine/suppress.hpp"

#include <fnmatch.h>

#include <set>

#include "catalog/catalog.hpp"

namespace shipshape::engine {

namespace {

Finding tool_finding(const char* id, Location at, std::string subject, std::string message) {
  Finding f;
  f.rule_id = id;
  f.ref = NodeRef{at, ""};
  f.subject = std::move(subject);
  f.message = std::move(message);
  return f;
}

bool names(const std::vector<std::string>& rules, std::string_view id) {
  for (const auto& r : rules) {
    const auto* meta = catalog::find_rule(r);
    if (meta && meta->id == id) return true;
  }
  return false;
}

bool line_matches(const Ignore& ig, const FindingView& f, const SourceFiles& files) {
  if (files.path(ig.at.file) != files.path(f.at.file)) return false;
  return f.at.line == ig.at.line || (ig.own_line && f.at.line == ig.at.line + 1);
}

std::string list(const std::vector<std::string>& rules) {
  std::string s;
  for (const auto& r : rules) s += (s.empty() ? "" : ",") + r;
  return s;
}

}  // namespace

std::vector<Finding> apply_suppressions(Findings& findings, const std::vector<Ignore>& all_ignores,
                                        const config::Config& config, const SourceFiles& files,
                                        const Options& options) {
  std::vector<Finding> extra;
  const std::string date = options.today.empty() ? today() : options.today;
  // A file read twice (two projects extending it) records its comments twice.
  std::vector<const Ignore*> ignores;
  std::set<std::tuple<std::string, uint32_t, uint32_t, std::string>> seen;
  for (const Ignore& ig : all_ignores)
    if (seen.insert({files.path(ig.at.file), ig.at.line, ig.at.column, ig.scope}).second)
      ignores.push_back(&ig);

  if (options.inline_ignores) {
    for (const Ignore* ig : ignores) {
      std::string where = ig->scope.empty() ? "ignore comment" : "ignore annotation";
      if (ig->rules.empty()) {
        extra.push_back(tool_finding("SS003", ig->at, where,
                                     where + " names no rule; name the rule it is for"));
        continue;
      }
      bool known = true;
      for (const auto& r : ig->rules)
        if (!catalog::find_rule(r)) {
          extra.push_back(
              tool_finding("SS003", ig->at, where, where + " names an unknown rule '" + r + "'"));
          known = false;
        }
      if (!known) continue;
      if (!ig->until.empty() && ig->until < date) {
        extra.push_back(
            tool_finding("SS004", ig->at, where,
                         where + " for " + list(ig->rules) + " expired on " + ig->until));
        continue;
      }
      if (ig->reason.empty())
        extra.push_back(
            tool_finding("SS003", ig->at, where,
                         where + " for " + list(ig->rules) + " gives no reason (add `-- why`)"));
      bool matched = false;
      for (size_t i = 0; i < findings.size(); ++i) {
        FindingView f = findings.view(i);
        if (f.suppressed() || !names(ig->rules, f.rule_id)) continue;
        bool hit = ig->scope.empty() ? line_matches(*ig, f, files) : f.path.starts_with(ig->scope);
        if (!hit) continue;
        findings.suppress(i,
                          ig->scope.empty() ? SuppressionKind::inline_comment
                                            : SuppressionKind::annotation,
                          ig->reason);
        matched = true;
      }
      if (!matched)
        extra.push_back(tool_finding("SS002", ig->at, where,
                                     where + " for " + list(ig->rules) + " matched no finding"));
    }
  }
  for (const config::Waiver& w : config.waivers) {
    std::string subject = "waiver for " + w.rule;
    if (!w.expires.empty() && w.expires < date) {
      extra.push_back(
          tool_finding("SS004", w.at, subject,
                       subject + " expired on " + w.expires + "; its findings count again"));
      continue;
    }
    bool matched = false;
    for (size_t i = 0; i < findings.size(); ++i) {
      FindingView f = findings.view(i);
      if (f.suppressed() || f.rule_id != w.rule) continue;
      if (!w.subject.empty() && w.subject != f.subject) continue;
      if (!w.path.empty() && fnmatch(w.path.c_str(), files.path(f.at.file).c_str(), 0) != 0)
        continue;
      findings.suppress(i, SuppressionKind::waiver, w.reason, w.by);
      matched = true;
    }
    if (!matched)
      extra.push_back(tool_finding("SS002", w.at, subject, subject + " matched no finding"));
  }
  return extra;
}

}  // namespace shipshape::engine
