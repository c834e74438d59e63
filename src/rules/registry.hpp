// The rule table: one line per rule, sorted by id. A rule is a plain function of the model
// and config that reports findings; the engine adds id, severity and suppressions.
#pragma once

#include <memory>
#include <mutex>
#include <span>
#include <vector>
#include <string_view>

#include "config/config.hpp"
#include "core/source_files.hpp"
#include "engine/findings.hpp"
#include "model/model.hpp"

namespace shipshape::rules {

struct Found;
class Kept;

struct CheckContext {
  const model::Model& model;
  const config::Config& config;
  const SourceFiles& files;  ///< to name other places in messages (file:line)
  /// What run-scoped rules read: what was kept of every input (the model is then empty).
  const Kept* kept = nullptr;

  /// Every secret the scanner finds in the model, computed once per context for the three
  /// secret rules.
  const std::vector<Found>& secrets() const;

  /// Shared by the rules of one context, which may run on several threads.
  struct Cache;
  std::shared_ptr<Cache> cache = make_cache();
  static std::shared_ptr<Cache> make_cache();
};

using CheckFn = void (*)(const CheckContext&, engine::FindingSink&);

/// What a rule needs to see. Most rules look at one input at a time (a compose project, a
/// manifest stream, a values file), so the engine checks each input as it loads and drops it.
/// A run-scoped rule relates inputs to each other and sees what the engine keeps of every
/// input (rules::Kept): the secrets found, Kubernetes workloads' labels and NetworkPolicies.
enum class Scope { input, run };

struct RuleEntry {
  std::string_view id;
  CheckFn check;  ///< nullptr for the engine's own rules (suppression bookkeeping)
  Scope scope = Scope::input;
};

/// Every rule, sorted by id.
std::span<const RuleEntry> registry();

}  // namespace shipshape::rules
