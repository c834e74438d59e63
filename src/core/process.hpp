// Running a helper program (helm, git) and capturing what it prints, without a shell.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace shipshape {

struct Captured {
  int status = -1;  ///< exit status; -1 when it could not be started
  std::string out;
  std::string err;
  bool too_big = false;  ///< stopped keeping output past max_bytes
};

/// Runs argv (looked up on PATH) with stdin from /dev/null; keeps at most max_bytes of each stream.
Captured run_capture(const std::vector<std::string>& argv, uint64_t max_bytes = 64 << 20);

/// Whether an executable is on PATH (or is an executable path).
bool on_path(const std::string& exe);

}  // namespace shipshape
