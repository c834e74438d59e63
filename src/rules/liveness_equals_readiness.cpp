// SS315 liveness-equals-readiness: a liveness probe identical to the readiness probe, so a
// slow dependency gets the pod restarted instead of taken out of rotation.
#include "rules/health_util.hpp"
#include "rules/rule.hpp"

namespace shipshape::rules {

void check_liveness_equals_readiness(const CheckContext& ctx, Sink& out) {
  for (const model::Workload& w : ctx.model.workloads)
    for (const model::Container& c : w.containers) {
      const model::Probe *live = nullptr, *ready = nullptr;
      for (const auto& p : c.probes) {
        if (p.kind == model::ProbeKind::liveness) live = &p;
        if (p.kind == model::ProbeKind::readiness) ready = &p;
      }
      if (live && ready && !live->handler.empty() && live->handler == ready->handler &&
          live->command == ready->command && live->http_path == ready->http_path &&
          live->port == ready->port && live->timing == ready->timing)
        out.report(live->ref, w.subject(c),
                   "the liveness probe of {} is the same as its readiness probe", w.named(c));
    }
}

}  // namespace shipshape::rules
