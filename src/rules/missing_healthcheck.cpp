// SS311 missing-healthcheck: a long-running compose service without a healthcheck.
#include "rules/health_util.hpp"
#include "rules/rule.hpp"

namespace shipshape::rules {

void check_missing_healthcheck(const CheckContext& ctx, Sink& out) {
  for (const model::Workload& w : ctx.model.workloads) {
    if (w.source != model::SourceKind::compose || is_one_shot(w)) continue;
    for (const model::Container& c : w.containers)
      if (!healthcheck(c))
        out.report(c.ref, w.subject(c),
                   "{} has no healthcheck (a HEALTHCHECK defined in its image would satisfy this)",
                   w.named(c));
  }
}

}  // namespace shipshape::rules
