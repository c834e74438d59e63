// The rule table: one line per rule, sorted by id. The engine runs the table; a rule's
// metadata is the catalogue's (catalog/catalog.hpp), keyed by the same id.
#pragma once

#include <span>
#include <string_view>

#include "rules/rule.hpp"

namespace shipshape::rules {

using CheckFn = void (*)(const CheckContext&, Sink&);

/// What a rule needs to see. Most rules look at one input at a time (a compose project, a
/// manifest stream, a values file), so the engine checks each input as it loads and drops it.
/// A run-scoped rule relates inputs to each other and sees what the engine keeps of every
/// input (CrossInputIndex): the secrets found, Kubernetes workloads' labels and NetworkPolicies.
enum class Scope { input, run };

struct RuleEntry {
  std::string_view id;
  CheckFn check;  ///< nullptr for the engine's own rules (suppression bookkeeping)
  Scope scope = Scope::input;
};

/// Every rule, sorted by id.
std::span<const RuleEntry> registry();
/// A rule's row, or nullptr.
const RuleEntry* find_entry(std::string_view id);

}  // namespace shipshape::rules
