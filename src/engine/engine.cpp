#include "engine/engine.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <mutex>

#include "catalog/catalog.hpp"
#include "core/clock.hpp"
#include "core/parallel.hpp"
#include "engine/suppress.hpp"
#include "rules/cross_input.hpp"
#include "rules/registry.hpp"
#include "rules/secret_candidates.hpp"

namespace shipshape::engine {

std::string today() { return utc_now("%Y-%m-%d", "SHIPSHAPE_TODAY"); }

struct Checker::Impl {
  config::Config defaults;
  const config::Config* config = nullptr;
  rules::Policy policy;  // what rules read of the config
  const SourceFiles& files;
  Options options;
  bool keep = false;  // a run-scoped rule is enabled: keep what it needs of each input
  std::mutex mu;
  Findings findings;                               // of every input, packed as each is checked
  rules::CrossInputIndex across;                   // what run-scoped rules read of every input
  std::vector<std::pair<size_t, Ignore>> ignores;  // by slot

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
    policy = config->policy();
    Severity unused;
    for (const rules::RuleEntry& r : rules::registry())
      keep |= r.check && r.scope == rules::Scope::run && enabled(r.id, unused);
  }

  bool enabled(std::string_view id, Severity& severity) const {
    const catalog::RuleMeta* meta = catalog::find_rule(id);
    severity = meta ? meta->severity : Severity::error;
    if (auto it = config->rules.find(std::string(id)); it != config->rules.end()) {
      if (it->second.enabled && !*it->second.enabled) return false;
      if (it->second.severity) severity = *it->second.severity;
    }
    return true;
  }

  static std::string_view category_of(std::string_view rule_id) {
    const catalog::RuleMeta* meta = catalog::find_rule(rule_id);
    return meta ? std::string_view(meta->category) : "tool";
  }

  // Runs the rules of one scope over a context on `jobs` threads; what each found, in table
  // order, so the result does not depend on the thread count.
  std::vector<Findings> check(const rules::CheckContext& ctx, rules::Scope scope,
                              size_t jobs) const {
    auto table = rules::registry();
    std::vector<Findings> found(table.size());
    parallel_for(table.size(), jobs, [&](size_t i) {
      Severity severity;
      if (!table[i].check || table[i].scope != scope || !enabled(table[i].id, severity)) return;
      FindingSink sink(table[i].id, category_of(table[i].id), severity, files);
      table[i].check(ctx, sink);
      found[i] = sink.take();
    });
    return found;
  }
};

Checker::Checker(const config::Config& config, const SourceFiles& files, Options options)
    : impl_(std::make_unique<Impl>(config, files, std::move(options))) {}

Checker::~Checker() = default;

void Checker::add(size_t slot, const model::Model& part, size_t jobs) {
  rules::CheckContext ctx{part, impl_->policy, impl_->files};
  std::vector<Findings> found = impl_->check(ctx, rules::Scope::input, jobs);
  std::lock_guard lock(impl_->mu);
  for (const Findings& f : found) impl_->findings.append(f, static_cast<uint32_t>(slot));
  if (impl_->keep) impl_->across.add(slot, part, ctx.secrets());
  for (const Ignore& ig : part.ignores) impl_->ignores.emplace_back(slot, ig);
}

Findings Checker::finish() {
  Impl& m = *impl_;
  Findings all = std::move(m.findings);
  constexpr uint32_t kLast = UINT32_MAX;  // after every input's findings, when they sort equal
  if (m.keep) {
    m.across.seal();
    static const model::Model kNone;
    rules::CheckContext ctx{kNone, m.policy, m.files, &m.across};
    for (Findings& f : m.check(ctx, rules::Scope::run, m.options.jobs)) {
      all.append(f, kLast);
      f = Findings{};
    }
  }
  std::stable_sort(m.ignores.begin(), m.ignores.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<Ignore> ignores;
  ignores.reserve(m.ignores.size());
  for (auto& [slot, ig] : m.ignores) ignores.push_back(std::move(ig));
  // Marking needs no order: one sort, after the bookkeeping findings are in, orders and dedups.
  for (Finding& f : apply_suppressions(all, ignores, *m.config, m.files, m.options)) {
    Severity severity;
    if (!m.enabled(f.rule_id, severity)) continue;
    f.category = Impl::category_of(f.rule_id);
    f.severity = severity;
    f.input = m.files.kind(f.ref.at.file);
    all.push_back(f, kLast);
  }
  all.sort(m.files);
  return all;
}

Findings run(const model::Model& model, const config::Config& config, const SourceFiles& files,
             const Options& options) {
  Checker checker(config, files, options);
  checker.add(0, model, options.jobs);
  return checker.finish();
}

CheckedRun load_and_check(const model::Loader& load, const config::Config& cfg,
                          const SourceFiles& files, const Options& options, bool keep_model) {
  Checker checker(cfg, files, options);
  std::mutex mu;
  std::map<size_t, model::Model> parts;
  CheckedRun out;
  out.loaded = load([&](size_t slot, model::Model&& m) {
    checker.add(slot, m);
    if (!keep_model) return;
    std::lock_guard lock(mu);
    parts[slot].append(std::move(m));
  });
  for (auto& [slot, m] : parts) out.model.append(std::move(m));
  out.findings = checker.finish();
  return out;
}

}  // namespace shipshape::engine
