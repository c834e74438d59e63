// The engine's suppression phase: inline ignores, annotations and waivers.
#pragma once

#include <vector>

#include "config/config.hpp"
#include "core/source_files.hpp"
#include "engine/engine.hpp"
#include "engine/finding.hpp"
#include "engine/findings.hpp"

namespace shipshape::engine {

/// Marks suppressed findings and returns the bookkeeping findings (unmatched, malformed and
/// expired suppressions) as SS002, SS003 and SS004, without severity or category yet.
std::vector<Finding> apply_suppressions(Findings& findings, const std::vector<Ignore>& ignores,
                                        const config::Config& config, const SourceFiles& files,
                                        const Options& options);

}  // namespace shipshape::engine
