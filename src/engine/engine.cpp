#include "engine/engine.hpp"

#include <algorithm>
#include <tuple>

#include "rules/catalogue.hpp"
#include "rules/registry.hpp"

namespace shipshape::engine {

void sort_findings(std::vector<Finding>& findings, const SourceFiles& files) {
  std::stable_sort(findings.begin(), findings.end(), [&](const Finding& a, const Finding& b) {
    const std::string& fa = files.path(a.ref.at.file);
    const std::string& fb = files.path(b.ref.at.file);
    return std::tie(fa, a.ref.at.line, a.ref.at.column, a.rule_id, a.message, a.subject) <
           std::tie(fb, b.ref.at.line, b.ref.at.column, b.rule_id, b.message, b.subject);
  });
  // The same finding reached twice (a file linted by two paths) is reported once.
  findings.erase(std::unique(findings.begin(), findings.end(),
                             [](const Finding& a, const Finding& b) {
                               return a.ref.at == b.ref.at && a.rule_id == b.rule_id &&
                                      a.message == b.message && a.subject == b.subject;
                             }),
                 findings.end());
}

std::vector<Finding> run(const model::Model& model, const config::Config& config,
                         const SourceFiles& files) {
  std::vector<Finding> all;
  rules::CheckContext ctx{model, config};
  for (const rules::RuleEntry& rule : rules::registry()) {
    const rules::RuleMeta* meta = rules::find_rule(rule.id);
    Severity severity = meta ? meta->severity : Severity::error;
    if (auto it = config.rules.find(std::string(rule.id)); it != config.rules.end()) {
      if (it->second.enabled && !*it->second.enabled) continue;
      if (it->second.severity) severity = *it->second.severity;
    }
    FindingSink sink;
    rule.check(ctx, sink);
    for (Finding& f : sink.take()) {
      f.rule_id = std::string(rule.id);
      f.category = meta ? meta->category : "tool";
      f.severity = severity;
      all.push_back(std::move(f));
    }
  }
  sort_findings(all, files);
  return all;
}

}  // namespace shipshape::engine
