#include "rules/catalogue.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <set>

#include "rules/embedded.hpp"
#include "rules/registry.hpp"

namespace fs = std::filesystem;
using namespace shipshape;

TEST_CASE("catalogue: registry / rules/ and fixtures/ agree") {
  std::set<std::string> registered, described, fixtured;
  std::string last;
  for (const auto& r : rules::registry()) {
    CHECK_MESSAGE(std::string(r.id) > last, "the rule table is not sorted at " << r.id);
    last = std::string(r.id);
    registered.insert(last);
  }
  for (const auto& m : rules::catalogue()) described.insert(m.id);
  for (const auto& e : fs::directory_iterator(fs::path(SHIPSHAPE_SOURCE_DIR) / "fixtures" / "rules")) {
    std::string name = e.path().filename().string();
    const auto* meta = rules::find_rule(name.substr(0, name.find('-')));
    REQUIRE_MESSAGE(meta, "fixture folder " << name << " names no rule");
    CHECK_MESSAGE(name == meta->id + "-" + meta->slug, "fixture folder " << name << " should be "
                                                                        << meta->id << "-" << meta->slug);
    fixtured.insert(meta->id);
  }
  CHECK(registered == described);
  CHECK(registered == fixtured);
}

TEST_CASE("catalogue: every rule file parses with all its fields") {
  for (const auto& f : rules::embedded_rule_files()) {
    if (!f.name.starts_with("SS")) continue;
    auto m = rules::parse_rule_meta(f.name, f.text);
    CHECK_MESSAGE(m, (m ? "" : m.error().message));
  }
  CHECK(rules::find_rule("privileged") == rules::find_rule("SS201"));
  CHECK(rules::find_rule("nope") == nullptr);
}

TEST_CASE("catalogue: a rule file missing a field is rejected") {
  auto m = rules::parse_rule_meta("SS999-x.yaml", "id: SS999\nslug: x\ncategory: tool\n");
  REQUIRE_FALSE(m);
  CHECK(m.error().message.find("missing severity, title, rationale") != std::string::npos);
}
