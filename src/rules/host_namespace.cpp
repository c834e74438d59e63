// SS203 host-namespace: a workload that shares the host's network, PID, IPC, UTS or user
// namespace.
#include "rules/registry.hpp"

namespace shipshape::rules {

void check_host_namespace(const CheckContext& ctx, engine::FindingSink& out) {
  for (const model::Workload& w : ctx.model.workloads) {
    bool compose = w.source == model::SourceKind::compose;
    struct Ns {
      const Sourced<bool>& flag;
      const char* name;
      const char* compose_key;
      const char* kube_key;
    } spaces[] = {{w.host.network, "network", "network_mode: host", "hostNetwork: true"},
                  {w.host.pid, "PID", "pid: host", "hostPID: true"},
                  {w.host.ipc, "IPC", "ipc: host", "hostIPC: true"},
                  {w.host.uts, "UTS", "uts: host", "hostUTS"},
                  {w.host.userns, "user", "userns_mode: host", "hostUsers"}};
    for (const Ns& ns : spaces)
      if (ns.flag.set && ns.flag.value)
        out.report(ns.flag.ref, w.subject(), "{} shares the host's {} namespace ({})", w.named(),
                   ns.name, compose ? ns.compose_key : ns.kube_key);
  }
}

}  // namespace shipshape::rules
