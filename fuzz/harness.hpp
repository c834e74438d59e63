// Fuzz targets: each takes arbitrary bytes and drives one of our loaders or parsers, then the
// rest of the pipeline (rules, fixes, every reporter) over whatever it produced. libFuzzer
// calls them from fuzz/entry.cpp (ci/fuzz.sh); the test suite replays fuzz/regressions/
// through the same functions, so an input that once crashed stays covered.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace shipshape::fuzz {

struct Target {
  std::string_view name;
  void (*run)(const uint8_t* data, size_t size);
  std::string_view
      seeds;  ///< fixture files that seed it: "compose", "kubernetes", ... (see ci/fuzz.sh)
};

std::span<const Target> targets();
const Target* find_target(std::string_view name);

/// Inputs made of several files separate them with this line (e.g. a compose file, its
/// override and its .env).
inline constexpr std::string_view kPartSeparator = "\n#%%\n";

}  // namespace shipshape::fuzz
