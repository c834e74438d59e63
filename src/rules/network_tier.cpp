// SS401 network-tier: with `network_tiers` in the config, a data-tier network that is not
// internal, a service joining two tiers that are not adjacent, a service in the innermost
// tier that publishes ports, a service on no tier network; with `tier_label`, a Kubernetes
// NetworkPolicy that lets a tier reach one that is not adjacent.
#include <fmt/format.h>

#include "rules/rule.hpp"

namespace shipshape::rules {

namespace {

void compose_networks(const CheckContext& ctx, Sink& out) {
  const auto& cfg = ctx.policy;
  for (const model::Network& n : ctx.model.networks) {
    int t = cfg.tier_of_network(n.name);
    if (t < 0 || !cfg.tiers[static_cast<size_t>(t)].internal) continue;
    if (n.external.set && n.external.value) continue;  // defined elsewhere
    if (!n.internal.set || !n.internal.value)
      out.report(
          n.internal.set ? n.internal.ref : n.ref, "network " + n.name,
          "network '{}' is in tier '{}', which must be internal, but is not `internal: true`",
          n.name, cfg.tiers[static_cast<size_t>(t)].name);
  }
}

void compose_services(const CheckContext& ctx, Sink& out) {
  const auto& cfg = ctx.policy;
  int innermost = static_cast<int>(cfg.tiers.size()) - 1;
  for (const model::Workload& w : ctx.model.workloads) {
    if (w.source != model::SourceKind::compose || w.network_mode.set) continue;
    std::vector<std::pair<int, const model::Text*>> joined;
    for (const model::Text& n : w.networks)
      if (int t = cfg.tier_of_network(n.value); t >= 0) joined.emplace_back(t, &n);
    if (joined.empty()) {
      out.report(w.ref, w.subject(), "{} is on no tier network{}", w.named(),
                 w.default_network ? " (it joins the implicit default network)" : "");
      continue;
    }
    for (const auto& [a, na] : joined)
      for (const auto& [b, nb] : joined)
        if (b > a + 1)
          out.report(nb->ref, w.subject(), "{} joins tiers '{}' and '{}', which are not adjacent",
                     w.named(), cfg.tiers[static_cast<size_t>(a)].name,
                     cfg.tiers[static_cast<size_t>(b)].name);
    bool inner = false;
    for (const auto& [t, n] : joined) inner |= t == innermost;
    if (inner && innermost > 0)
      for (const model::Container& c : w.containers)
        for (const model::Port& p : c.ports)
          if (!p.host_port.empty())
            out.report(p.ref, w.subject(), "{} is in the innermost tier '{}' but publishes port {}",
                       w.named(), cfg.tiers.back().name, p.host_port);
  }
}

// The tier a selector pins through the tier label, -1 when it does not.
int tier_of_selector(const CheckContext& ctx, const model::LabelSelector& s) {
  auto it = s.match_labels.find(std::string(ctx.policy.tier_label));
  if (it != s.match_labels.end()) return ctx.policy.tier_index(it->second);
  return -1;
}

void kubernetes_policies(const CheckContext& ctx, Sink& out) {
  if (ctx.policy.tier_label.empty()) return;
  for (const model::NetworkPolicy& np : ctx.model.network_policies) {
    int target = tier_of_selector(ctx, np.pod_selector);
    if (target < 0) continue;
    std::string name = np.namespace_.empty() ? np.name : np.namespace_ + "/" + np.name;
    for (const model::PolicyRule& rule : np.ingress) {
      if (rule.peers.empty() && target >= 2) {
        out.report(rule.ref, "NetworkPolicy " + name,
                   "NetworkPolicy '{}' lets every tier reach tier '{}'", name,
                   ctx.policy.tiers[static_cast<size_t>(target)].name);
        continue;
      }
      for (const model::PolicyPeer& peer : rule.peers) {
        int from = tier_of_selector(ctx, peer.pod_selector);
        bool all_pods = peer.pod_selector.set && peer.pod_selector.match_labels.empty() &&
                        peer.pod_selector.match_expressions.empty();
        if ((from >= 0 && target - from > 1) || (all_pods && target >= 2))
          out.report(rule.ref, "NetworkPolicy " + name,
                     "NetworkPolicy '{}' lets tier '{}' reach tier '{}', which is not adjacent",
                     name,
                     from >= 0 ? ctx.policy.tiers[static_cast<size_t>(from)].name : "(all pods)",
                     ctx.policy.tiers[static_cast<size_t>(target)].name);
      }
    }
  }
}

}  // namespace

void check_network_tier(const CheckContext& ctx, Sink& out) {
  if (ctx.policy.tiers.empty()) return;
  compose_networks(ctx, out);
  compose_services(ctx, out);
  kubernetes_policies(ctx, out);
}

}  // namespace shipshape::rules
