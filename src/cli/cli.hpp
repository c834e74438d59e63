// The command line: `shipshape lint`, `shipshape rules`, `shipshape --version`.
// Exit codes: 0 no finding at or above --fail-on; 1 there are; 2 usage, config or load error.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "core/source_files.hpp"
#include "engine/engine.hpp"
#include "load/loader.hpp"

namespace shipshape::cli {

/// What load_and_check gives: what loaded (the model only when kept) and every finding.
struct Checked {
  load::LoadResult loaded;
  engine::Findings findings;
};

/// The pipeline's first two stages. Each input is checked on the thread that loaded it, then
/// its model is dropped unless `keep_model` (fixes edit through the model; the compliance
/// report lists its workloads).
Checked load_and_check(load::LoadOptions lo, const config::Config& cfg, SourceFiles& files,
                       const engine::Options& eo, bool keep_model);

/// Runs the CLI with `args` (without the program name), writing to out and err.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace shipshape::cli
