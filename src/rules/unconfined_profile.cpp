// SS206 unconfined-profile: seccomp, AppArmor or SELinux confinement switched off.
#include "rules/rule.hpp"

namespace shipshape::rules {

void check_unconfined_profile(const CheckContext& ctx, Sink& out) {
  for (const model::Workload& w : ctx.model.workloads) {
    for (const model::Container& c : w.containers) {
      for (const model::Text& opt : c.security.security_opt) {
        const std::string& v = opt.value;
        for (const char* kind : {"seccomp", "apparmor"})
          if (v == std::string(kind) + ":unconfined" || v == std::string(kind) + "=unconfined")
            out.report(opt.ref, w.subject(c), "{} runs without a {} profile ({})", w.named(c), kind,
                       v);
        if (v == "label:disable" || v == "label=disable")
          out.report(opt.ref, w.subject(c), "{} turns SELinux labels off ({})", w.named(c), v);
      }
      if (c.security.seccomp_profile.value == "Unconfined")
        out.report(c.security.seccomp_profile.ref, w.subject(c),
                   "{} runs without a seccomp profile (seccompProfile: Unconfined)", w.named(c));
      if (c.security.apparmor_profile.value == "Unconfined")
        out.report(c.security.apparmor_profile.ref, w.subject(c),
                   "{} runs without an AppArmor profile (appArmorProfile: Unconfined)", w.named(c));
      auto it = w.annotations.find("container.apparmor.security.beta.kubernetes.io/" + c.name);
      if (it != w.annotations.end() && it->second.value == "unconfined")
        out.report(it->second.ref, w.subject(c), "{} runs without an AppArmor profile (annotation)",
                   w.named(c));
    }
  }
}

}  // namespace shipshape::rules
