// SS205 privilege-escalation: setuid binaries explicitly allowed to gain privileges
// (Kubernetes allowPrivilegeEscalation: true, compose no-new-privileges:false).
#include "rules/rule.hpp"

namespace shipshape::rules {

void check_privilege_escalation(const CheckContext& ctx, Sink& out) {
  for (const model::Workload& w : ctx.model.workloads)
    for (const model::Container& c : w.containers) {
      const auto& ape = c.security.allow_privilege_escalation;
      if (ape.set && ape.value)
        out.report(ape.ref, w.subject(c), "{} sets allowPrivilegeEscalation: true", w.named(c));
      for (const model::Text& opt : c.security.security_opt)
        if (opt.value == "no-new-privileges:false" || opt.value == "no-new-privileges=false")
          out.report(opt.ref, w.subject(c), "{} turns no-new-privileges off", w.named(c));
    }
}

}  // namespace shipshape::rules
