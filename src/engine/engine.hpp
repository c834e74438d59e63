// Runs the rule table over the model: stamps each finding with its rule's id, category and
// (configured) severity, drops disabled rules, applies inline ignores, annotations and
// waivers (reporting ones that are unmatched, reasonless or expired), and sorts.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "core/source_files.hpp"
#include "engine/finding.hpp"
#include "engine/findings.hpp"
#include "model/loading.hpp"
#include "model/model.hpp"

namespace shipshape::engine {

struct Options {
  bool inline_ignores = true;  ///< false for audits (--no-inline-ignores)
  std::string today;           ///< YYYY-MM-DD; "" = the current UTC date
  size_t jobs = 0;             ///< rule threads; 0 = one per core
};

/// Checks a run input by input, so a large run never holds every input's model: `add` runs
/// the input-scoped rules (rules::Scope) on one input's model and keeps only what run-scoped
/// rules need; `finish` runs those over what was kept, applies suppressions and sorts.
/// `add` may be called from several threads at once, each with its own slot; what was found
/// is merged in slot order, so the result does not depend on the number of threads.
class Checker {
 public:
  Checker(const config::Config& config, const SourceFiles& files, Options options = {});
  ~Checker();
  Checker(const Checker&) = delete;
  Checker& operator=(const Checker&) = delete;

  /// Checks one input's model (`jobs` threads run its rules; 1 when inputs run in parallel).
  void add(size_t slot, const model::Model& part, size_t jobs = 1);
  /// Findings of every enabled rule, suppressed ones included (marked), sorted by file, line,
  /// column, rule id, message. Call once, after every `add`.
  Findings finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// What load_and_check gives: what the load reported, the model (only when kept) and every
/// finding.
struct CheckedRun {
  model::LoadSummary loaded;
  model::Model model;
  Findings findings;
};

/// The pipeline of a run, as the CLI, the fuzz targets and the tests run it: `load` (usually
/// load::loader) hands over each input's model, which is checked on the thread that loaded it
/// and then dropped, unless `keep_model` (fixes edit through the model; the compliance report
/// lists its workloads); then the run-scoped rules and the suppressions.
CheckedRun load_and_check(const model::Loader& load, const config::Config& cfg,
                          const SourceFiles& files, const Options& options, bool keep_model);

/// The model checked as if it were one input. A run of several inputs is checked with a
/// Checker, input by input, as load_and_check does: input-scoped rules must not relate one
/// input's elements to another's.
Findings run(const model::Model& model, const config::Config& config, const SourceFiles& files,
             const Options& options = {});

/// Today's date as YYYY-MM-DD (UTC), or $SHIPSHAPE_TODAY when set (for reproducible tests).
std::string today();

}  // namespace shipshape::engine
