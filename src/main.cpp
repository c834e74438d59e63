// shipshape: a static policy linter for deployment manifests.
#include <iostream>
#include <string>
#include <vector>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "cli/cli.hpp"

int main(int argc, char** argv) {
#ifdef __GLIBC__
  // A fixed threshold: large blocks (the findings' text, file buffers) come from mmap and go
  // back when freed. glibc's default raises the threshold after the first such free, and the
  // blocks then land in the loader threads' heaps between short-lived YAML trees, which can
  // no longer be given back: 100 MB corpus, -j2, peak RSS 62 -> 54 MB.
  mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
  std::ios::sync_with_stdio(false);
  std::vector<std::string> args(argv + 1, argv + argc);
  return shipshape::cli::run(args, std::cout, std::cerr);
}
