// Runs the rule table over the model: stamps each finding with its rule's id, category and
// (configured) severity, drops disabled rules, applies inline ignores, annotations and
// waivers (reporting ones that are unmatched, reasonless or expired), and sorts.
#pragma once

#include <string>
#include <vector>

#include "config/config.hpp"
#include "core/source_files.hpp"
#include "engine/finding.hpp"
#include "model/model.hpp"

namespace shipshape::engine {

struct Options {
  bool inline_ignores = true;  ///< false for audits (--no-inline-ignores)
  std::string today;           ///< YYYY-MM-DD; "" = the current UTC date
  size_t jobs = 0;             ///< rule threads; 0 = one per core
};

/// Findings of every enabled rule, suppressed ones included (marked), sorted by file, line,
/// column, rule id, message.
std::vector<Finding> run(const model::Model& model, const config::Config& config,
                         const SourceFiles& files, const Options& options = {});

/// Sorts findings in the output order and drops exact repeats.
void sort_findings(std::vector<Finding>& findings, const SourceFiles& files);

/// Today's date as YYYY-MM-DD (UTC), or $SHIPSHAPE_TODAY when set (for reproducible tests).
std::string today();

}  // namespace shipshape::engine
