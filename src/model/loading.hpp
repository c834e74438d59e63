// The contract between loading and checking: the loader hands each input's model over as it
// loads, and reports what else it met. engine::load_and_check runs any Loader, so the engine
// does not depend on load/; load::loader makes the real one.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "model/model.hpp"

namespace shipshape::model {

/// Takes one input's model, from the thread that loaded it, with its slot (a fixed order
/// whatever the threads).
using ModelConsumer = std::function<void(size_t slot, Model&&)>;

/// What a load reports besides the models.
struct LoadSummary {
  std::vector<Error> errors;
  size_t inputs = 0;  ///< files and streams loaded (or attempted)
  /// Files a walk found that are none of ours (CI configs, workflows, OpenAPI, ...), with
  /// what each looks like: skipped, counted, listed with --verbose.
  std::vector<std::pair<std::string, std::string>> skipped;
};

/// Loads a run, handing every input's model to the consumer.
using Loader = std::function<LoadSummary(const ModelConsumer&)>;

}  // namespace shipshape::model
