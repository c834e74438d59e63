// The same inputs give byte-identical output whatever the thread count or the order of the
// paths on the command line; run-scoped rules find the same whether inputs are checked one
// by one (as the CLI does, keeping a little of each) or as one model.
#include <doctest/doctest.h>

#include "test_util.hpp"

TEST_CASE("determinism: -j and path order do not change the output") {
  shipshape::test::Chdir cd(SHIPSHAPE_SOURCE_DIR);
  std::vector<std::string> paths = {"fixtures/demo", "fixtures/rules", "tests/golden/input"};
  for (const char* format : {"json", "sarif", "text"}) {
    std::string reference;
    for (const char* jobs : {"1", "2", "4"})
      for (bool reversed : {false, true}) {
        std::vector<std::string> args = {"lint",     "--format",
                                         format,     "--no-color",
                                         "-j",       jobs,
                                         "--config", "fixtures/demo/.shipshape.yaml"};
        if (reversed) args.insert(args.end(), paths.rbegin(), paths.rend());
        else args.insert(args.end(), paths.begin(), paths.end());
        auto r = shipshape::test::run_cli(args);
        CHECK(r.code == 2);  // the golden input has a broken file
        if (reference.empty()) reference = r.out;
        CHECK_MESSAGE(r.out == reference, format << " output changed with -j " << jobs
                                                 << (reversed ? " reversed" : ""));
      }
    CHECK(reference.size() > 1000);
  }
}

TEST_CASE("determinism: run-scoped rules find the same input by input as in the whole model") {
  shipshape::test::Chdir cd(SHIPSHAPE_SOURCE_DIR);
  shipshape::SourceFiles files;
  auto cfg = shipshape::config::load_config("fixtures/demo/.shipshape.yaml", files);
  REQUIRE(cfg);
  for (bool tiers : {true, false}) {
    shipshape::config::Config c = *cfg;
    if (!tiers) {
      c.tiers.clear();
      c.tier_label.clear();
    }
    shipshape::load::LoadOptions opt;
    opt.paths = {"fixtures/demo", "fixtures/rules", "tests/golden/input"};
    auto [streamed, whole] = shipshape::test::run_scoped_both_ways(opt, c);
    CHECK(whole.find(" SS103 ") != std::string::npos);
    CHECK(whole.find(" SS403 ") != std::string::npos);
    CHECK(streamed == whole);
  }
}
