// SS201 privileged: containers that run with all of the host's privileges.
#include "rules/registry.hpp"

namespace shipshape::rules {

void check_privileged(const CheckContext& ctx, engine::FindingSink& out) {
  for (const model::Workload& w : ctx.model.workloads)
    for (const model::Container& c : w.containers)
      if (c.security.privileged.set && c.security.privileged.value)
        out.report(c.security.privileged.ref, w.subject(c), "{} runs privileged",
                   w.named(c));
}

}  // namespace shipshape::rules
