// libFuzzer entry point: one binary per target, chosen at compile time (SHIPSHAPE_FUZZ_TARGET).
#include <cstdio>
#include <cstdlib>

#include "harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const shipshape::fuzz::Target* target = [] {
    auto* t = shipshape::fuzz::find_target(SHIPSHAPE_FUZZ_TARGET);
    if (!t) {
      std::fprintf(stderr, "unknown fuzz target %s\n", SHIPSHAPE_FUZZ_TARGET);
      std::abort();
    }
    return t;
  }();
  target->run(data, size);
  return 0;
}
