// Bounds on what one input, and one run, may cost: file sizes, what YAML aliases and compose
// variables may add, nesting. Set from the config's `limits:`; the loader enforces them.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>

namespace shipshape {

/// Bounds that keep hostile input from exhausting time or memory. Without aliases a file's
/// nodes are bounded by its size; aliases are what can make a few bytes cost gigabytes, so
/// what they expand to is counted, for the whole file and for the whole run.
struct YamlLimits {
  /// Nodes that aliases add, summed over a file's documents (each use of an alias adds the
  /// size of the node it names, with its own aliases expanded).
  uint64_t max_alias_nodes = 500'000;
  /// The same, summed over every file of a run; `run_alias_nodes` counts them when set.
  uint64_t max_run_alias_nodes = 2'000'000;
  std::atomic<uint64_t>* run_alias_nodes = nullptr;
  size_t max_documents = 100'000;
  /// Nested collections; checked as the parser descends, well before yaml-cpp's recursive
  /// parser could exhaust the stack (its own guard stops at 2000).
  size_t max_depth = 256;
};

struct LoadLimits {
  uint64_t max_file_bytes = 50ull << 20;  ///< per input file
  uint64_t max_env_file_bytes = 1ull << 20;
  /// What variables may add to one compose file when interpolated.
  uint64_t max_interpolation_bytes = 16ull << 20;
  YamlLimits yaml;
};

}  // namespace shipshape
