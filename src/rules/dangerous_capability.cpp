// SS204 dangerous-capability: added Linux capabilities that amount to root on the host.
#include <algorithm>
#include <set>

#include "rules/rule.hpp"

namespace shipshape::rules {

void check_dangerous_capability(const CheckContext& ctx, Sink& out) {
  static const std::set<std::string> dangerous = {
      "ALL",         "SYS_ADMIN",       "NET_ADMIN",    "SYS_PTRACE",
      "SYS_MODULE",  "DAC_READ_SEARCH", "DAC_OVERRIDE", "BPF",
      "PERFMON",     "SYS_RAWIO",       "SYS_BOOT",     "SYS_TIME",
      "MAC_ADMIN",   "MAC_OVERRIDE",    "SYSLOG",       "LINUX_IMMUTABLE",
      "SYS_RESOURCE"};
  for (const model::Workload& w : ctx.model.workloads)
    for (const model::Container& c : w.containers)
      for (const model::Text& cap : c.security.cap_add) {
        std::string name = cap.value;
        std::transform(name.begin(), name.end(), name.begin(), ::toupper);
        if (name.starts_with("CAP_")) name = name.substr(4);
        if (dangerous.count(name))
          out.report(cap.ref, w.subject(c), "{} adds the capability {}{}", w.named(c), name,
                     name == "ALL" ? ", every capability root has" : "");
      }
}

}  // namespace shipshape::rules
