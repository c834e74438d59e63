// The command line: `shipshape lint`, `shipshape rules`, `shipshape --version`.
// Exit codes: 0 no finding at or above --fail-on; 1 there are; 2 usage, config or load error.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace shipshape::cli {

/// Runs the CLI with `args` (without the program name), writing to out and err.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace shipshape::cli
