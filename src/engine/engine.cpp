#include "engine/engine.hpp"

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <iterator>
#include <map>
#include <mutex>
#include <numeric>
#include <tuple>

#include "core/clock.hpp"
#include "core/parallel.hpp"
#include "core/sha256.hpp"
#include "engine/suppress.hpp"
#include "rules/catalogue.hpp"
#include "rules/registry.hpp"
#include "rules/secret_candidates.hpp"

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
  // Sorted as indices, then moved into place cycle by cycle: no second copy of the findings.
  std::vector<uint32_t> order(findings.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return key(findings[a]) < key(findings[b]); });
  for (size_t i = 0; i < order.size(); ++i) {
    if (order[i] == i) continue;
    Finding held = std::move(findings[i]);
    size_t j = i;
    while (order[j] != i) {
      size_t next = order[j];
      findings[j] = std::move(findings[next]);
      order[j] = static_cast<uint32_t>(j);
      j = next;
    }
    findings[j] = std::move(held);
    order[j] = static_cast<uint32_t>(j);
  }
  // The same finding reached twice (a file linted by two paths) is reported once.
  findings.erase(std::unique(findings.begin(), findings.end(),
                             [&](const Finding& a, const Finding& b) { return key(a) == key(b); }),
                 findings.end());
}

namespace {

// What the engine keeps of one input once its input-scoped rules have run.
struct Kept {
  std::vector<Finding> findings;
  std::vector<rules::Found> secrets;
  model::Model model;  // Kubernetes workloads without containers, NetworkPolicies, ignores
};

// A Kubernetes workload as run-scoped rules see it: what names it, and its labels.
model::Workload slim(const model::Workload& w) {
  model::Workload s;
  s.source = w.source;
  s.kind = w.kind;
  s.name = w.name;
  s.namespace_ = w.namespace_;
  s.ref = w.ref;
  s.labels = w.labels;
  for (auto& [key, value] : s.labels) value.ref.path = {};
  return s;
}

template <class T>
void move_append(std::vector<T>& to, std::vector<T>&& from) {
  if (to.empty()) to = std::move(from);
  else std::move(from.begin(), from.end(), std::back_inserter(to));
  std::vector<T>().swap(from);
}

}  // namespace

struct Checker::Impl {
  config::Config defaults;
  const config::Config* config = nullptr;
  const SourceFiles& files;
  Options options;
  bool keep = false;  // a run-scoped rule is enabled: keep what it needs of each input
  std::mutex mu;
  std::map<size_t, Kept> kept;

  Impl(const config::Config& c, const SourceFiles& f, Options o)
      : config(&c), files(f), options(std::move(o)) {
    if (!c.scanner) {  // a Config built by hand (tests) still gets the built-in patterns
      defaults = config::default_config();
      defaults.rules = c.rules;
      defaults.tiers = c.tiers;
      defaults.tier_label = c.tier_label;
      defaults.waivers = c.waivers;
      config = &defaults;
    }
    Severity unused;
    for (const rules::RuleEntry& r : rules::registry())
      keep |= r.check && r.scope == rules::Scope::run && enabled(r.id, unused);
  }

  bool enabled(std::string_view id, Severity& severity) const {
    const rules::RuleMeta* meta = rules::find_rule(id);
    severity = meta ? meta->severity : Severity::error;
    if (auto it = config->rules.find(std::string(id)); it != config->rules.end()) {
      if (it->second.enabled && !*it->second.enabled) return false;
      if (it->second.severity) severity = *it->second.severity;
    }
    return true;
  }

  static void stamp(Finding& f, Severity severity) {
    const rules::RuleMeta* meta = rules::find_rule(f.rule_id);
    f.category = meta ? meta->category : "tool";
    f.severity = severity;
  }

  // Runs the rules of one scope over a context on `jobs` threads, appending their findings
  // in table order, so the result does not depend on the thread count.
  void check(const rules::CheckContext& ctx, rules::Scope scope, size_t jobs,
             std::vector<Finding>& out) const {
    auto table = rules::registry();
    std::vector<std::vector<Finding>> found(table.size());
    parallel_for(table.size(), jobs, [&](size_t i) {
      Severity severity;
      if (!table[i].check || table[i].scope != scope || !enabled(table[i].id, severity)) return;
      FindingSink sink;
      table[i].check(ctx, sink);
      found[i] = sink.take();
      for (Finding& f : found[i]) {
        f.rule_id = std::string(table[i].id);
        stamp(f, severity);
      }
    });
    size_t n = out.size();
    for (const auto& fs : found) n += fs.size();
    out.reserve(n);
    for (auto& fs : found) std::move(fs.begin(), fs.end(), std::back_inserter(out));
  }
};

Checker::Checker(const config::Config& config, const SourceFiles& files, Options options)
    : impl_(std::make_unique<Impl>(config, files, std::move(options))) {}

Checker::~Checker() = default;

void Checker::add(size_t slot, const model::Model& part, size_t jobs) {
  rules::CheckContext ctx{part, *impl_->config, impl_->files};
  Kept k;
  impl_->check(ctx, rules::Scope::input, jobs, k.findings);
  if (impl_->keep) {
    k.secrets = ctx.take_secrets();
    for (const model::Workload& w : part.workloads)
      if (w.source == model::SourceKind::kubernetes) k.model.workloads.push_back(slim(w));
    k.model.network_policies = part.network_policies;
  }
  k.model.ignores = part.ignores;
  std::lock_guard lock(impl_->mu);
  Kept& into = impl_->kept[slot];
  move_append(into.findings, std::move(k.findings));
  move_append(into.secrets, std::move(k.secrets));
  into.model.append(std::move(k.model));
}

std::vector<Finding> Checker::finish() {
  Impl& m = *impl_;
  std::vector<Finding> all;
  std::vector<rules::Found> secrets;
  model::Model kept;
  // Reserved first and each slot freed as it is taken: a large run's findings are held once.
  size_t findings = 0, found = 0, workloads = 0, policies = 0, ignores = 0;
  for (const auto& [slot, k] : m.kept) {
    findings += k.findings.size();
    found += k.secrets.size();
    workloads += k.model.workloads.size();
    policies += k.model.network_policies.size();
    ignores += k.model.ignores.size();
  }
  all.reserve(findings);
  secrets.reserve(found);
  kept.workloads.reserve(workloads);
  kept.network_policies.reserve(policies);
  kept.ignores.reserve(ignores);
  for (auto& [slot, k] : m.kept) {
    move_append(all, std::move(k.findings));
    move_append(secrets, std::move(k.secrets));
    kept.append(std::move(k.model));
    k = Kept{};
  }
  m.kept.clear();
  if (m.keep) {
    rules::CheckContext ctx{kept, *m.config, m.files,
                            rules::CheckContext::make_cache(std::move(secrets))};
    m.check(ctx, rules::Scope::run, m.options.jobs, all);
  }
  sort_findings(all, m.files);
  for (Finding& f : apply_suppressions(all, kept.ignores, *m.config, m.files, m.options)) {
    Severity severity;
    if (!m.enabled(f.rule_id, severity)) continue;
    Impl::stamp(f, severity);
    all.push_back(std::move(f));
  }
  sort_findings(all, m.files);
  return all;
}

std::vector<Finding> run(const model::Model& model, const config::Config& config,
                         const SourceFiles& files, const Options& options) {
  Checker checker(config, files, options);
  checker.add(0, model, options.jobs);
  return checker.finish();
}

}  // namespace shipshape::engine
