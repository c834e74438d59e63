// What run-scoped rules (rules::Scope::run) see of every input. The engine checks each input
// as it loads and drops it, keeping only this, packed: each secret found, with where and what
// holds it (SS103); each Kubernetes workload's names and pod labels, and the pod selectors of
// NetworkPolicies (SS403). Views read from it are valid while it lives.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/location.hpp"
#include "core/packed.hpp"
#include "model/model.hpp"
#include "secrets/scanner.hpp"

namespace shipshape::rules {

struct FoundSecret;

/// A secret found in some input.
struct IndexedSecret {
  secrets::DetectionKind kind = secrets::DetectionKind::keyed;
  std::string_view secret;   ///< the secret part (secrets::Detection::secret); never printed
  std::string_view label;    ///< Candidate::label
  std::string_view subject;  ///< Candidate::subject
  Location at;               ///< where the value is written
  std::string_view path;
  NodeRef ref() const { return {at, std::string(path)}; }
};

/// A Kubernetes workload of some input: what names it, and its pod labels.
struct IndexedWorkload {
  std::string_view namespace_;
  std::string_view subject;  ///< model::Workload::subject()
  std::string_view named;    ///< model::Workload::named()
  Location at;
  std::string_view path;
  NodeRef ref() const { return {at, std::string(path)}; }
  /// The value of pod label `key`, if the workload has it.
  std::optional<std::string_view> label(std::string_view key) const;

  const char* labels = nullptr;  // packed: count, then key and value of each
};

/// A NetworkPolicy of some input that selects pods.
struct IndexedPolicy {
  std::string namespace_;
  model::LabelSelector pod_selector;
};

class CrossInputIndex {
 public:
  /// Keeps what run-scoped rules read of one input: `secrets` found in it, and its Kubernetes
  /// workloads and NetworkPolicies. `slot` orders inputs: secrets and workloads are seen in slot
  /// order, and in each slot in the order added, whatever order the inputs were added in.
  /// Not thread-safe.
  void add(size_t slot, const model::Model& part, const std::vector<FoundSecret>& secrets);
  /// Puts what was added in order; call once, after the last add and before reading.
  void seal();

  /// Calls `fn` with each secret value kept two or more times and every secret that holds it,
  /// values in byte order.
  void for_each_repeated_secret(
      const std::function<void(std::span<const IndexedSecret>)>& fn) const;
  /// Every workload kept.
  std::vector<IndexedWorkload> workloads() const;
  /// Every NetworkPolicy kept that has a pod selector, in no set order (a rule asks whether
  /// any selects a workload).
  const std::vector<IndexedPolicy>& policies() const { return policies_; }

 private:
  struct Entry {
    uint32_t slot;
    Location at;
    PackedRef record;
  };
  PackedArena arena_;
  PackedWriter scratch_;
  std::vector<Entry> secrets_, workloads_;
  std::vector<IndexedPolicy> policies_;
  std::string_view secret_of(const Entry& e) const;
  IndexedSecret secret(const Entry& e) const;
};

}  // namespace shipshape::rules
