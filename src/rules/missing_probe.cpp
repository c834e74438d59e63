// SS313 missing-probe: a container of a long-running Kubernetes workload without a readiness
// or a liveness probe (separate findings).
#include "rules/health_util.hpp"
#include "rules/rule.hpp"

namespace shipshape::rules {

void check_missing_probe(const CheckContext& ctx, Sink& out) {
  for (const model::Workload& w : ctx.model.workloads) {
    if (w.source != model::SourceKind::kubernetes || !is_long_running_kind(w.kind)) continue;
    for (const model::Container& c : w.containers) {
      if (c.init) continue;
      bool readiness = false, liveness = false;
      for (const auto& p : c.probes) {
        readiness |= p.kind == model::ProbeKind::readiness;
        liveness |= p.kind == model::ProbeKind::liveness;
      }
      if (!readiness) out.report(c.ref, w.subject(c), "{} has no readiness probe", w.named(c));
      if (!liveness) out.report(c.ref, w.subject(c), "{} has no liveness probe", w.named(c));
    }
  }
}

}  // namespace shipshape::rules
