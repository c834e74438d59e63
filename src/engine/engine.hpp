// Runs the rule table over the model: stamps each finding with its rule's id, category and
// (configured) severity, drops disabled rules, and sorts deterministically.
#pragma once

#include <vector>

#include "config/config.hpp"
#include "core/source_files.hpp"
#include "engine/finding.hpp"
#include "model/model.hpp"

namespace shipshape::engine {

/// Findings of every enabled rule, sorted by file, line, column, rule id, message.
std::vector<Finding> run(const model::Model& model, const config::Config& config,
                         const SourceFiles& files);

/// Sorts findings in the output order.
void sort_findings(std::vector<Finding>& findings, const SourceFiles& files);

}  // namespace shipshape::engine
