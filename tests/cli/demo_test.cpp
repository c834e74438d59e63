// The bundled demo shows every family the linter checks, as the README promises.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "test_util.hpp"

TEST_CASE("demo: fixtures/demo shows a finding of every family") {
  shipshape::test::Chdir cd(SHIPSHAPE_SOURCE_DIR);
  auto r = shipshape::test::run_cli(
      {"lint", "--format", "json", "--config", "fixtures/demo/.shipshape.yaml", "fixtures/demo"});
  CHECK(r.code == 1);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["errors"].empty());
  std::set<std::string> categories;
  for (const auto& f : j["findings"]) categories.insert(f["category"]);
  for (const char* family :
       {"plaintext-secret", "duplicate-credential", "socket-mount", "privileged", "host-namespace",
        "missing-limits", "missing-probe", "network-tier"})
    CHECK_MESSAGE(categories.count(family), "the demo has no " << family << " finding");
}
