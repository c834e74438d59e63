// The typed model every rule reads: one vocabulary for compose services, Kubernetes pod
// templates, Helm values and inventories, so a rule is written once for all of them.
// Every field a rule can point at carries a NodeRef (see core/location.hpp).
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/location.hpp"
#include "core/suppression.hpp"

namespace shipshape::model {

/// The kind of input an element came from.
enum class SourceKind : uint8_t { compose, kubernetes, values, inventory };

/// Where a scalar's text came from; decides whether it is "written in the repository".
enum class Origin : uint8_t {
  literal,        ///< written as is in a file
  default_value,  ///< the default of a `${VAR:-default}` written in a file
  env_file,       ///< substituted from an env file (`.env`, `env_file:`); points at that line
  environment,    ///< substituted from the process environment: not in the repository
  unresolved,     ///< contains a `${VAR}` with no value: a reference
};

/// True when the text is written in a file of the repository (a secret there is in clear).
constexpr bool is_written(Origin o) {
  return o == Origin::literal || o == Origin::default_value || o == Origin::env_file;
}

/// A scalar value with its origin.
struct Text {
  std::string value;
  NodeRef ref;
  Origin origin = Origin::literal;
  bool set = false;
};

/// How an environment entry gets its value.
enum class EnvKind : uint8_t {
  literal,         ///< a value written in the file (or env file)
  reference,       ///< `${VAR}` or a value from the process environment
  secret_ref,      ///< Kubernetes valueFrom.secretKeyRef
  config_map_ref,  ///< Kubernetes valueFrom.configMapKeyRef
  field_ref,       ///< Kubernetes fieldRef / resourceFieldRef
  unset,           ///< compose `KEY` with no value: taken from the environment at run time
};

struct EnvVar {
  std::string name;
  NodeRef ref;  ///< the entry (key line or list item)
  EnvKind kind = EnvKind::literal;
  Text value;  ///< for literal and reference: the text and where it is written
  /// `NAME_FILE=/run/secrets/x`: a path to a secret, not a secret.
  bool is_file_path() const;
};

enum class MountType : uint8_t { bind, volume, tmpfs, npipe, host_path, secret, config, other };

struct Mount {
  MountType type = MountType::volume;
  Text source;  ///< host path (bind/hostPath) or volume name
  bool read_only = false;
  NodeRef ref;  ///< the volume item (or the `source:` line in long syntax)
};

struct Port {
  std::string host_ip;    ///< "" = all interfaces
  std::string host_port;  ///< "" = not published on the host (Kubernetes containerPort)
  std::string container_port;
  NodeRef ref;
};

struct Security {
  Sourced<bool> privileged;
  Sourced<bool> allow_privilege_escalation;
  std::vector<Text> cap_add;
  std::vector<Text> cap_drop;
  std::vector<Text> security_opt;  ///< compose security_opt entries, verbatim
  Text seccomp_profile;            ///< Kubernetes seccompProfile.type (or compose seccomp=)
  Text apparmor_profile;           ///< Kubernetes appArmorProfile.type / annotation
  std::vector<Text> devices;       ///< host devices mapped in
};

struct Resources {
  Text limits_memory;
  Text limits_cpu;
  Text requests_memory;
  Text requests_cpu;
};

enum class ProbeKind : uint8_t { healthcheck, liveness, readiness, startup };

struct Probe {
  ProbeKind kind = ProbeKind::healthcheck;
  NodeRef ref;            ///< the healthcheck / probe key
  bool disabled = false;  ///< compose `disable: true` or `test: ["NONE"]`
  /// compose: CMD, CMD-SHELL, NONE or "" (string form = CMD-SHELL);
  /// Kubernetes: exec, httpGet, tcpSocket, grpc.
  std::string handler;
  std::vector<std::string> command;  ///< test / exec command words
  NodeRef test_ref;                  ///< the `test:` / handler line
  std::string http_path;
  std::string port;
  /// Kubernetes timing (initialDelay/period/timeout/failure/success), canonical, for comparing.
  std::string timing;
};

struct Container {
  std::string name;
  NodeRef ref;        ///< compose service key / `- name:` of the container
  bool init = false;  ///< Kubernetes init container
  Text image;
  std::vector<Text> entrypoint;  ///< compose entrypoint / Kubernetes command
  std::vector<Text> command;     ///< compose command / Kubernetes args
  std::vector<EnvVar> env;
  std::vector<Mount> mounts;
  std::vector<Port> ports;
  Security security;
  Resources resources;
  std::vector<Probe> probes;
};

struct HostNamespaces {
  Sourced<bool> network;
  Sourced<bool> pid;
  Sourced<bool> ipc;
  Sourced<bool> uts;
  Sourced<bool> userns;
};

struct Dependency {
  std::string service;
  std::string condition;  ///< service_started, service_healthy, service_completed_successfully
  NodeRef ref;
};

/// A compose service, or the pod template of a Kubernetes workload.
struct Workload {
  SourceKind source = SourceKind::compose;
  std::string kind;  ///< "service", "Deployment", "CronJob", "Pod", ...
  std::string name;
  std::string namespace_;              ///< Kubernetes namespace, or compose project name
  NodeRef ref;                         ///< compose service key line / Kubernetes metadata.name line
  std::map<std::string, Text> labels;  ///< pod labels (compose labels)
  std::map<std::string, Text> annotations;  ///< pod and object annotations
  std::vector<Container> containers;
  HostNamespaces host;
  Text network_mode;             ///< compose network_mode verbatim
  std::vector<Text> networks;    ///< compose networks joined (names)
  bool default_network = false;  ///< compose service on the implicit default network
  Text restart;
  std::vector<Dependency> depends_on;

  /// "service api" or "Deployment shop/api".
  std::string subject() const;
  /// "service api" or "Deployment shop/api container web" (init containers say so).
  std::string subject(const Container& c) const;
  /// For messages: "service 'api'", "Deployment 'shop/api' container 'web'".
  std::string named(const Container& c) const;
  std::string named() const;
};

/// A compose top-level network.
struct Network {
  std::string name;
  NodeRef ref;
  Sourced<bool> internal;
  Sourced<bool> external;
};

struct LabelRequirement {
  std::string key;
  std::string op;  ///< In, NotIn, Exists, DoesNotExist
  std::vector<std::string> values;
};

struct LabelSelector {
  bool set = false;  ///< absent selector (as opposed to `{}`)
  std::map<std::string, std::string> match_labels;
  std::vector<LabelRequirement> match_expressions;
  /// Whether a label set satisfies the selector (an empty selector selects everything).
  bool matches(const std::map<std::string, Text>& labels) const;
  /// The same for labels given by `value_of(key)`, a std::optional<std::string_view>.
  template <class Lookup>
  bool matches_by(Lookup value_of) const {
    for (const auto& [k, v] : match_labels) {
      std::optional<std::string_view> got = value_of(k);
      if (!got || *got != v) return false;
    }
    for (const auto& r : match_expressions) {
      std::optional<std::string_view> got = value_of(r.key);
      bool in = got && std::find(r.values.begin(), r.values.end(), *got) != r.values.end();
      if (r.op == "In" && !in) return false;
      if (r.op == "NotIn" && in) return false;
      if (r.op == "Exists" && !got) return false;
      if (r.op == "DoesNotExist" && got) return false;
    }
    return true;
  }
};

struct PolicyPeer {
  LabelSelector pod_selector;
  LabelSelector namespace_selector;
  std::string ip_block;
};

struct PolicyRule {
  NodeRef ref;
  std::vector<PolicyPeer> peers;  ///< empty: all sources/destinations
  std::vector<std::string> ports;
};

struct NetworkPolicy {
  std::string name;
  std::string namespace_;
  NodeRef ref;
  LabelSelector pod_selector;
  std::vector<std::string> policy_types;
  std::vector<PolicyRule> ingress;
  std::vector<PolicyRule> egress;
  bool has_ingress_key = false;
  bool has_egress_key = false;
};

/// One key of a Kubernetes Secret or ConfigMap.
struct DataEntry {
  std::string key;
  Text value;  ///< decoded for Secret `data`
  bool decode_failed = false;
};

struct ConfigObject {
  std::string kind;  ///< Secret, ConfigMap
  std::string name;
  std::string namespace_;
  std::string type;  ///< Secret type
  std::vector<DataEntry> entries;
};

struct RbacRule {
  std::vector<std::string> api_groups;
  std::vector<std::string> resources;
  std::vector<std::string> verbs;
  NodeRef ref;
};

struct RbacSubject {
  std::string kind;
  std::string name;
  std::string namespace_;
};

/// ServiceAccount, Role, ClusterRole, RoleBinding or ClusterRoleBinding.
struct RbacObject {
  std::string kind;
  std::string name;
  std::string namespace_;
  NodeRef ref;
  std::vector<RbacRule> rules;
  std::vector<RbacSubject> subjects;
  std::string role_ref_kind;
  std::string role_ref_name;
};

/// A scalar of a values document or inventory, by key path.
struct KeyedScalar {
  std::string key;         ///< the last key ("password"); for list items, the parent's key
  Text value;              ///< value.ref.path is the full key path
  bool encrypted = false;  ///< Ansible Vault (`!vault`) or `$ANSIBLE_VAULT` text
};

/// A Helm values file, or any other key/value YAML linted for secrets.
struct ValuesDocument {
  std::string subject = "values file";  ///< or "env file"
  std::vector<KeyedScalar> scalars;
};

struct InventoryHost {
  std::string name;
  NodeRef ref;
};

/// An Ansible (YAML or INI) or ad-hoc inventory, with group_vars/host_vars folded in.
struct Inventory {
  std::vector<InventoryHost> hosts;
  /// Every scalar of the inventory files (host and group variables included), for secret
  /// scanning.
  std::vector<KeyedScalar> scalars;
};

/// Something a loader noticed that is not an error (bad base64, templates not rendered).
struct LoadNote {
  std::string message;
  NodeRef ref;
  std::string subject;  ///< "chart shop", "Secret shop/creds"
};

struct Model {
  std::vector<Workload> workloads;
  std::vector<Network> networks;
  std::vector<NetworkPolicy> network_policies;
  std::vector<ConfigObject> configs;  ///< Secrets and ConfigMaps
  std::vector<RbacObject> rbac;
  std::vector<ValuesDocument> values;
  std::vector<Inventory> inventories;
  std::vector<LoadNote> notes;
  /// Inline ignores: comments of every file read, and `shipshape.io/ignore` annotations.
  std::vector<Ignore> ignores;

  /// Appends another model (used when files load separately).
  void append(Model&& other);
};

}  // namespace shipshape::model
