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
#include "engine/finding.hpp"
#include "model/model.hpp"

namespace shipshape::rules {

struct Found;

struct CheckContext {
  const model::Model& model;
  const config::Config& config;
  const SourceFiles& files;  ///< to name other places in messages (file:line)

  /// Every secret the scanner finds in the model, computed once per run for the three
  /// secret rules.
  const std::vector<Found>& secrets() const;

  /// Shared by the rules of one run, which may run on several threads.
  struct Cache;
  std::shared_ptr<Cache> cache = make_cache();
  static std::shared_ptr<Cache> make_cache();
};

using CheckFn = void (*)(const CheckContext&, engine::FindingSink&);

struct RuleEntry {
  std::string_view id;
  CheckFn check;  ///< nullptr for the engine's own rules (suppression bookkeeping)
};

/// Every rule, sorted by id.
std::span<const RuleEntry> registry();

}  // namespace shipshape::rules
