#include "rules/registry.hpp"

namespace shipshape::rules {

void check_load_note(const CheckContext&, Sink&);
void check_plaintext_secret(const CheckContext&, Sink&);
void check_default_credential(const CheckContext&, Sink&);
void check_duplicate_credential(const CheckContext&, Sink&);
void check_privileged(const CheckContext&, Sink&);
void check_socket_mount(const CheckContext&, Sink&);
void check_host_namespace(const CheckContext&, Sink&);
void check_dangerous_capability(const CheckContext&, Sink&);
void check_privilege_escalation(const CheckContext&, Sink&);
void check_unconfined_profile(const CheckContext&, Sink&);
void check_host_device(const CheckContext&, Sink&);
void check_missing_memory_limit(const CheckContext&, Sink&);
void check_missing_cpu_limit(const CheckContext&, Sink&);
void check_missing_requests(const CheckContext&, Sink&);
void check_missing_healthcheck(const CheckContext&, Sink&);
void check_ineffective_healthcheck(const CheckContext&, Sink&);
void check_missing_probe(const CheckContext&, Sink&);
void check_unhealthy_dependency(const CheckContext&, Sink&);
void check_liveness_equals_readiness(const CheckContext&, Sink&);
void check_network_tier(const CheckContext&, Sink&);
void check_exposed_datastore(const CheckContext&, Sink&);
void check_unselected_workload(const CheckContext&, Sink&);
void check_allow_all_ingress(const CheckContext&, Sink&);
void check_tls_verification(const CheckContext&, Sink&);

namespace {

// One line per rule, sorted by id. nullptr: the engine reports these itself.
constexpr RuleEntry kRules[] = {
    {"SS001", check_load_note},
    {"SS002", nullptr},  // unmatched-suppression
    {"SS003", nullptr},  // malformed-suppression
    {"SS004", nullptr},  // expired-suppression
    {"SS101", check_plaintext_secret},
    {"SS102", check_default_credential},
    {"SS103", check_duplicate_credential, Scope::run},
    {"SS201", check_privileged},
    {"SS202", check_socket_mount},
    {"SS203", check_host_namespace},
    {"SS204", check_dangerous_capability},
    {"SS205", check_privilege_escalation},
    {"SS206", check_unconfined_profile},
    {"SS207", check_host_device},
    {"SS301", check_missing_memory_limit},
    {"SS302", check_missing_cpu_limit},
    {"SS303", check_missing_requests},
    {"SS311", check_missing_healthcheck},
    {"SS312", check_ineffective_healthcheck},
    {"SS313", check_missing_probe},
    {"SS314", check_unhealthy_dependency},
    {"SS315", check_liveness_equals_readiness},
    {"SS401", check_network_tier},
    {"SS402", check_exposed_datastore},
    {"SS403", check_unselected_workload, Scope::run},
    {"SS404", check_allow_all_ingress},
    {"SS405", check_tls_verification},
};

}  // namespace

std::span<const RuleEntry> registry() { return kRules; }

const RuleEntry* find_entry(std::string_view id) {
  for (const RuleEntry& r : kRules)
    if (r.id == id) return &r;
  return nullptr;
}

}  // namespace shipshape::rules
