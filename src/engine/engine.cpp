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

std::string today() { return utc_now("%Y-%m-%d", "SHIPSHAPE_TODAY"); }

namespace {

// What the engine keeps of one input for the run-scoped rules (its findings go straight into
// the run's Findings).
struct Kept {
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
  Findings findings;             // of every input, packed as each is checked
  std::map<size_t, Kept> kept;  // by slot

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
  std::vector<Finding> found;
  impl_->check(ctx, rules::Scope::input, jobs, found);
  if (impl_->keep) {
    k.secrets = ctx.take_secrets();
    for (const model::Workload& w : part.workloads)
      if (w.source == model::SourceKind::kubernetes) k.model.workloads.push_back(slim(w));
    k.model.network_policies = part.network_policies;
  }
  k.model.ignores = part.ignores;
  std::lock_guard lock(impl_->mu);
  for (const Finding& f : found) impl_->findings.push_back(f, static_cast<uint32_t>(slot));
  Kept& into = impl_->kept[slot];
  move_append(into.secrets, std::move(k.secrets));
  into.model.append(std::move(k.model));
}

Findings Checker::finish() {
  Impl& m = *impl_;
  std::vector<rules::Found> secrets;
  model::Model kept;
  // Reserved first and each slot freed as it is taken: what is kept is held once.
  size_t found = 0, workloads = 0, policies = 0, ignores = 0;
  for (const auto& [slot, k] : m.kept) {
    found += k.secrets.size();
    workloads += k.model.workloads.size();
    policies += k.model.network_policies.size();
    ignores += k.model.ignores.size();
  }
  secrets.reserve(found);
  kept.workloads.reserve(workloads);
  kept.network_policies.reserve(policies);
  kept.ignores.reserve(ignores);
  for (auto& [slot, k] : m.kept) {
    move_append(secrets, std::move(k.secrets));
    kept.append(std::move(k.model));
    k = Kept{};
  }
  m.kept.clear();
  Findings all = std::move(m.findings);
  constexpr uint32_t kLast = UINT32_MAX;  // after every input's findings, when they sort equal
  if (m.keep) {
    rules::CheckContext ctx{kept, *m.config, m.files,
                            rules::CheckContext::make_cache(std::move(secrets))};
    std::vector<Finding> run_scoped;
    m.check(ctx, rules::Scope::run, m.options.jobs, run_scoped);
    for (const Finding& f : run_scoped) all.push_back(f, kLast);
  }
  all.sort(m.files);
  for (Finding& f : apply_suppressions(all, kept.ignores, *m.config, m.files, m.options)) {
    Severity severity;
    if (!m.enabled(f.rule_id, severity)) continue;
    Impl::stamp(f, severity);
    all.push_back(f, kLast);
  }
  all.sort(m.files);
  return all;
}

Findings run(const model::Model& model, const config::Config& config,
             const SourceFiles& files, const Options& options) {
  Checker checker(config, files, options);
  checker.add(0, model, options.jobs);
  return checker.finish();
}

}  // namespace shipshape::engine
