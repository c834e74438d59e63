// shipshape: a static policy linter for deployment manifests.
#include <iostream>
#include <string>
#include <vector>

#include "cli/cli.hpp"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  std::vector<std::string> args(argv + 1, argv + argc);
  return shipshape::cli::run(args, std::cout, std::cerr);
}
