// SS207 host-device: host devices mapped into a container (compose `devices`, a Kubernetes
// hostPath under /dev).
#include "rules/rule.hpp"

namespace shipshape::rules {

void check_host_device(const CheckContext& ctx, Sink& out) {
  for (const model::Workload& w : ctx.model.workloads)
    for (const model::Container& c : w.containers) {
      for (const model::Text& d : c.security.devices) {
        std::string dev = d.value.substr(0, d.value.find(':'));
        out.report(d.ref, w.subject(c), "{} maps the host device '{}'", w.named(c), dev);
      }
      for (const model::Mount& m : c.mounts)
        if ((m.type == model::MountType::host_path || m.type == model::MountType::bind) &&
            (m.source.value == "/dev" || m.source.value.starts_with("/dev/")))
          out.report(m.ref, w.subject(c), "{} mounts the host device path '{}'", w.named(c),
                     m.source.value);
    }
}

}  // namespace shipshape::rules
