// Every input the fuzzers ever crashed on (fuzz/regressions/<target>/) replayed through the
// same target function: a crash, a sanitizer report or a violated property fails the suite.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "../fuzz/harness.hpp"
#include "test_util.hpp"

namespace fs = std::filesystem;
using namespace shipshape;

TEST_CASE("fuzz regressions replay through their targets") {
  fs::path root = fs::path(SHIPSHAPE_SOURCE_DIR) / "fuzz" / "regressions";
  size_t replayed = 0;
  for (const auto& dir : fs::directory_iterator(root)) {
    const auto* target = fuzz::find_target(dir.path().filename().string());
    INFO("directory " << dir.path().string());
    REQUIRE_MESSAGE(target != nullptr, "fuzz/regressions/ has a directory for an unknown target");
    for (const auto& entry : fs::directory_iterator(dir.path())) {
      std::ifstream in(entry.path(), std::ios::binary);
      std::ostringstream s;
      s << in.rdbuf();
      std::string data = s.str();
      INFO("input " << entry.path().string());
      target->run(reinterpret_cast<const uint8_t*>(data.data()), data.size());
      ++replayed;
    }
  }
  CHECK(replayed >= 4);
}

TEST_CASE("every fuzz target runs on an empty and a small input") {
  const std::string small = "services:\n  a:\n    image: x\n#%%\nA=1\n";
  for (const auto& t : fuzz::targets()) {
    INFO("target " << t.name);
    t.run(reinterpret_cast<const uint8_t*>(""), 0);
    t.run(reinterpret_cast<const uint8_t*>(small.data()), small.size());
  }
  CHECK(fuzz::find_target("compose") != nullptr);
}
