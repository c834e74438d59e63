#include "engine/engine.hpp"

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <tuple>

#include "core/clock.hpp"
#include "core/parallel.hpp"
#include "core/sha256.hpp"
#include "engine/suppress.hpp"
#include "rules/catalogue.hpp"
#include "rules/registry.hpp"

namespace shipshape::engine {

std::string Finding::fingerprint(const std::string& file) const {
  // The message is left out: it may name other places by line, which shift.
  std::string key = rule_id + "\n" + file + "\n" + ref.path + "\n" + subject;
  if (ref.path.empty()) key += "\n" + message;  // tool findings have no logical path
  return sha256_hex(key).substr(0, 32);
}

std::string today() { return utc_now("%Y-%m-%d", "SHIPSHAPE_TODAY"); }

void sort_findings(std::vector<Finding>& findings, const SourceFiles& files) {
  // Files ordered by path once; comparisons then use the rank, not a (locked) path lookup.
  std::vector<uint32_t> ids;
  for (const Finding& f : findings) ids.push_back(f.ref.at.file);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::vector<std::pair<std::string, uint32_t>> by_path;
  for (uint32_t id : ids) by_path.emplace_back(files.path(id), id);
  std::sort(by_path.begin(), by_path.end());
  std::vector<uint32_t> rank(ids.empty() ? 0 : ids.back() + 1);
  // Two ids of one path (a file reached by two routes) share a rank.
  for (size_t i = 0, r = 0; i < by_path.size(); ++i) {
    if (i > 0 && by_path[i].first != by_path[i - 1].first) ++r;
    rank[by_path[i].second] = static_cast<uint32_t>(r);
  }
  auto key = [&](const Finding& f) {
    return std::tie(rank[f.ref.at.file], f.ref.at.line, f.ref.at.column, f.rule_id, f.message, f.subject);
  };
  std::stable_sort(findings.begin(), findings.end(),
                   [&](const Finding& a, const Finding& b) { return key(a) < key(b); });
  // The same finding reached twice (a file linted by two paths) is reported once.
  findings.erase(std::unique(findings.begin(), findings.end(),
                             [&](const Finding& a, const Finding& b) { return key(a) == key(b); }),
                 findings.end());
}

std::vector<Finding> run(const model::Model& model, const config::Config& config,
                         const SourceFiles& files, const Options& options) {
  auto enabled = [&](std::string_view id, Severity& severity) {
    const rules::RuleMeta* meta = rules::find_rule(id);
    severity = meta ? meta->severity : Severity::error;
    if (auto it = config.rules.find(std::string(id)); it != config.rules.end()) {
      if (it->second.enabled && !*it->second.enabled) return false;
      if (it->second.severity) severity = *it->second.severity;
    }
    return true;
  };
  auto stamp = [&](Finding& f, Severity severity) {
    const rules::RuleMeta* meta = rules::find_rule(f.rule_id);
    f.category = meta ? meta->category : "tool";
    f.severity = severity;
  };
  std::vector<Finding> all;
  config::Config defaults;
  const config::Config* cfg = &config;
  if (!config.scanner) {  // a Config built by hand (tests) still gets the built-in patterns
    defaults = config::default_config();
    defaults.rules = config.rules;
    defaults.tiers = config.tiers;
    defaults.tier_label = config.tier_label;
    defaults.waivers = config.waivers;
    cfg = &defaults;
  }
  rules::CheckContext ctx{model, *cfg, files};
  // Rules are independent: run them on a few threads, then take their findings in table
  // order, so the result does not depend on the thread count.
  auto table = rules::registry();
  std::vector<std::vector<Finding>> found(table.size());
  parallel_for(table.size(), options.jobs, [&](size_t i) {
    Severity severity;
    if (!table[i].check || !enabled(table[i].id, severity)) return;
    FindingSink sink;
    table[i].check(ctx, sink);
    found[i] = sink.take();
    for (Finding& f : found[i]) {
      f.rule_id = std::string(table[i].id);
      stamp(f, severity);
    }
  });
  for (auto& fs : found)
    for (auto& f : fs) all.push_back(std::move(f));
  sort_findings(all, files);
  for (Finding& f : apply_suppressions(all, model.ignores, *cfg, files, options)) {
    Severity severity;
    if (!enabled(f.rule_id, severity)) continue;
    stamp(f, severity);
    all.push_back(std::move(f));
  }
  sort_findings(all, files);
  return all;
}

}  // namespace shipshape::engine
