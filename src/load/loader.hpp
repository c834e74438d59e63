// Discovery and loading: paths (files, directories, `-` for stdin) become inputs of a
// detected kind, each loaded into the one model. Broken inputs become errors; the rest load.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/source_files.hpp"
#include "load/detect.hpp"
#include "load/input.hpp"
#include "model/loading.hpp"
#include "model/model.hpp"

namespace shipshape::load {

struct LoadOptions {
  std::vector<std::string> paths;  ///< files, directories or "-"
  /// Globs of paths a walk passes over (`exclude:` and `--exclude`); see glob_match.
  std::vector<std::string> exclude;
  std::vector<std::string> compose_files;  ///< `-f`: one project merged in order
  std::string env_file;                    ///< `--env-file`
  std::optional<InputKind> kind;           ///< `--kind` overrides detection
  std::vector<std::string> helm_values;    ///< `--helm-values`: one render per file
  std::string helm = "helm";               ///< helm executable looked up on PATH
  LoadLimits limits;
  /// Set by load(): the current directory and the paths named (see ReadBoundary).
  const ReadBoundary* boundary = nullptr;
  size_t jobs = 0;  ///< loader threads; 0 = one per core
  /// Called after each input, from worker threads: (index of the input, number of inputs,
  /// bytes it had).
  std::function<void(size_t, size_t, uint64_t)> progress;
  /// When set, each input's model is handed here as soon as it has loaded, from the worker
  /// thread that loaded it, with a slot (a fixed order whatever the threads), and is then
  /// dropped: LoadResult::model stays empty. Inputs read by the calling thread (stdin, helm
  /// output) are handed over last, as slot 0.
  model::ModelConsumer consume;
};

struct LoadResult : model::LoadSummary {
  model::Model model;  ///< empty when LoadOptions::consume took each input
};

LoadResult load(const LoadOptions& given, SourceFiles& files);

/// The loader as the engine runs it (engine::load_and_check): `load` with each input's model
/// handed to the engine's consumer. `files` must outlive the Loader.
model::Loader loader(LoadOptions options, SourceFiles& files);

}  // namespace shipshape::load
