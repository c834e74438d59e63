// The same inputs give byte-identical output whatever the thread count or the order of the
// paths on the command line.
#include <doctest/doctest.h>

#include "test_util.hpp"

TEST_CASE("determinism: -j and path order do not change the output") {
  shipshape::test::Chdir cd(SHIPSHAPE_SOURCE_DIR);
  std::vector<std::string> paths = {"fixtures/demo", "fixtures/rules", "tests/golden/input"};
  for (const char* format : {"json", "sarif", "text"}) {
    std::string reference;
    for (const char* jobs : {"1", "2", "4"})
      for (bool reversed : {false, true}) {
        std::vector<std::string> args = {"lint", "--format", format, "--no-color", "-j", jobs,
                                         "--config", "fixtures/demo/.shipshape.yaml"};
        if (reversed) args.insert(args.end(), paths.rbegin(), paths.rend());
        else args.insert(args.end(), paths.begin(), paths.end());
        auto r = shipshape::test::run_cli(args);
        CHECK(r.code == 2);  // the golden input has a broken file
        if (reference.empty()) reference = r.out;
        CHECK_MESSAGE(r.out == reference, format << " output changed with -j " << jobs << (reversed ? " reversed" : ""));
      }
    CHECK(reference.size() > 1000);
  }
}
