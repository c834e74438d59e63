// SS314 unhealthy-dependency: `depends_on: {x: {condition: service_healthy}}` where service x
// has no healthcheck (or a disabled one): the stack can never start healthy.
#include "rules/health_util.hpp"
#include "rules/rule.hpp"

namespace shipshape::rules {

void check_unhealthy_dependency(const CheckContext& ctx, Sink& out) {
  for (const model::Workload& w : ctx.model.workloads) {
    if (w.source != model::SourceKind::compose) continue;
    for (const model::Dependency& d : w.depends_on) {
      if (d.condition != "service_healthy") continue;
      for (const model::Workload& dep : ctx.model.workloads) {
        if (dep.source != model::SourceKind::compose || dep.name != d.service ||
            dep.namespace_ != w.namespace_ || dep.containers.empty())
          continue;
        const model::Probe* hc = healthcheck(dep.containers[0]);
        if (!hc)
          out.report(d.ref, w.subject(),
                     "{} waits for '{}' to be healthy, but '{}' has no healthcheck: unless its "
                     "image defines one, the stack never starts",
                     w.named(), d.service, d.service);
        else if (hc->disabled)
          out.report(d.ref, w.subject(),
                     "{} waits for '{}' to be healthy, but '{}' disables its healthcheck: the "
                     "stack never starts",
                     w.named(), d.service, d.service);
      }
    }
  }
}

}  // namespace shipshape::rules
