// SS403 unselected-workload: a Kubernetes workload that no NetworkPolicy of its namespace
// selects, so all traffic to it is allowed. SS404 allow-all-ingress: a NetworkPolicy rule
// that admits every source on every port.
#include <string_view>
#include <unordered_map>
#include <vector>

#include "rules/cross_input.hpp"
#include "rules/rule.hpp"

namespace shipshape::rules {

void check_unselected_workload(const CheckContext& ctx, Sink& out) {
  // A run sees every input's workloads and policies: look only at the workload's namespace.
  std::unordered_map<std::string_view, std::vector<const IndexedPolicy*>> by_namespace;
  for (const IndexedPolicy& np : ctx.across->policies()) by_namespace[np.namespace_].push_back(&np);
  for (const IndexedWorkload& w : ctx.across->workloads()) {
    bool selected = false;
    if (auto it = by_namespace.find(w.namespace_); it != by_namespace.end())
      for (const IndexedPolicy* np : it->second)
        if (np->pod_selector.matches_by([&](std::string_view key) { return w.label(key); })) {
          selected = true;
          break;
        }
    if (!selected)
      out.report(w.ref(), std::string(w.subject),
                 "{} is selected by no NetworkPolicy: any pod may reach it", w.named);
  }
}

void check_allow_all_ingress(const CheckContext& ctx, Sink& out) {
  for (const model::NetworkPolicy& np : ctx.model.network_policies) {
    std::string name = np.namespace_.empty() ? np.name : np.namespace_ + "/" + np.name;
    for (const model::PolicyRule& rule : np.ingress) {
      if (!rule.ports.empty()) continue;  // all sources but some ports: an edge's usual policy
      bool all = rule.peers.empty();
      for (const model::PolicyPeer& p : rule.peers)
        all |= (p.ip_block == "0.0.0.0/0" || p.ip_block == "::/0") ||
               (p.namespace_selector.set && p.namespace_selector.match_labels.empty() &&
                p.namespace_selector.match_expressions.empty() &&
                (!p.pod_selector.set || (p.pod_selector.match_labels.empty() &&
                                         p.pod_selector.match_expressions.empty())));
      if (all)
        out.report(rule.ref, "NetworkPolicy " + name,
                   "NetworkPolicy '{}' admits ingress from anywhere on every port", name);
    }
  }
}

}  // namespace shipshape::rules
