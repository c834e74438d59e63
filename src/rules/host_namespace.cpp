// SS203 host-namespace: a workload that shares the host's network, PID, IPC, UTS or user
// namespace.
#include "rules/rule.hpp"

namespace shipshape::rules {

void check_host_namespace(const CheckContext& ctx, Sink& out) {
  for (const model::Workload& w : ctx.model.workloads) {
    bool compose = w.source == model::SourceKind::compose;
    struct Ns {
      const Sourced<bool>& flag;
      const char* aspect;  // what rules/controls.yaml calls it
      const char* name;
      const char* compose_key;
      const char* kube_key;
    } spaces[] = {{w.host.network, "network", "network", "network_mode: host", "hostNetwork: true"},
                  {w.host.pid, "pid", "PID", "pid: host", "hostPID: true"},
                  {w.host.ipc, "ipc", "IPC", "ipc: host", "hostIPC: true"},
                  {w.host.uts, "uts", "UTS", "uts: host", "hostUTS"},
                  {w.host.userns, "user", "user", "userns_mode: host", "hostUsers"}};
    for (const Ns& ns : spaces)
      if (ns.flag.set && ns.flag.value) {
        out.report(ns.flag.ref, w.subject(), "{} shares the host's {} namespace ({})", w.named(),
                   ns.name, compose ? ns.compose_key : ns.kube_key);
        out.aspect(ns.aspect);
      }
  }
}

}  // namespace shipshape::rules
