// SS312 ineffective-healthcheck: a healthcheck that is disabled or can never fail
// (`exit 0`, `true`, `echo`, `node -e "process.exit(0)"`, `… || true`), compose or Kubernetes.
#include "rules/health_util.hpp"
#include "rules/rule.hpp"

namespace shipshape::rules {

namespace {

const char* probe_name(model::ProbeKind k) {
  switch (k) {
    case model::ProbeKind::healthcheck: return "healthcheck";
    case model::ProbeKind::liveness: return "liveness probe";
    case model::ProbeKind::readiness: return "readiness probe";
    case model::ProbeKind::startup: return "startup probe";
  }
  return "probe";
}

}  // namespace

void check_ineffective_healthcheck(const CheckContext& ctx, Sink& out) {
  for (const model::Workload& w : ctx.model.workloads)
    for (const model::Container& c : w.containers)
      for (const model::Probe& p : c.probes) {
        if (p.disabled) {
          out.report(p.test_ref, w.subject(c), "{} disables its healthcheck", w.named(c));
          continue;
        }
        std::string why = always_passes(p);
        if (!why.empty())
          out.report(p.test_ref, w.subject(c), "the {} of {} cannot fail: {}", probe_name(p.kind),
                     w.named(c), why);
      }
}

}  // namespace shipshape::rules
