// The catalogue (rules/*.yaml, built into typed tables) against everything that must agree
// with it: the rule table, the fixture folders, the fixers, the docs (docs_test.cpp) and the
// config schema's enums; and the build-time checks that turn a malformed entry into a
// FILE:LINE:COLUMN error.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "catalog/catalog.hpp"
#include "core/process.hpp"
#include "fix/fix.hpp"
#include "rules/registry.hpp"
#include "test_util.hpp"

namespace fs = std::filesystem;
using namespace shipshape;

TEST_CASE("catalogue: the rule table / catalogue and fixture folders agree") {
  std::set<std::string> registered, described, fixtured;
  std::string last;
  for (const auto& r : rules::registry()) {
    CHECK_MESSAGE(std::string(r.id) > last, "the rule table is not sorted at " << r.id);
    last = std::string(r.id);
    registered.insert(last);
  }
  for (const auto& m : catalog::rules()) described.emplace(m.id);
  for (const auto& e :
       fs::directory_iterator(fs::path(SHIPSHAPE_SOURCE_DIR) / "fixtures" / "rules")) {
    std::string name = e.path().filename().string();
    const auto* meta = catalog::find_rule(name.substr(0, name.find('-')));
    REQUIRE_MESSAGE(meta, "fixture folder " << name << " names no rule");
    CHECK_MESSAGE(name == fmt::format("{}-{}", meta->id, meta->slug),
                  "fixture folder " << name << " should be " << meta->id << "-" << meta->slug);
    fixtured.emplace(meta->id);
  }
  CHECK(registered == described);
  CHECK(registered == fixtured);
  CHECK(catalog::find_rule("privileged") == catalog::find_rule("SS201"));
  CHECK(catalog::find_rule("SS201")->security_severity == "9.0");
  CHECK(catalog::find_rule("SS103")->related_label == "the same credential");
  CHECK(catalog::find_rule("nope") == nullptr);
}

TEST_CASE("catalogue: every fixer is keyed by a rule of the table") {
  auto fixable = fix::fixable_rules();
  CHECK(fixable.size() >= 10);
  CHECK(std::is_sorted(fixable.begin(), fixable.end()));
  for (std::string_view id : fixable)
    CHECK_MESSAGE(rules::find_entry(id) != nullptr, id << " has a fixer but no rule");
}

TEST_CASE("catalogue: every control names rules of the table and a framework") {
  CHECK(catalog::controls().size() >= 30);
  for (const auto& c : catalog::controls()) {
    INFO("control " << c.framework << " " << c.id);
    REQUIRE(catalog::find_framework(c.framework) != nullptr);
    CHECK_FALSE(c.applies_to.empty());
    for (std::string_view r : c.rules) CHECK(rules::find_entry(r) != nullptr);
  }
  auto all = catalog::controls();
  auto pid = std::find_if(all.begin(), all.end(), [](const auto& c) {
    return c.framework == "cis-docker" && c.id == "5.15";
  });
  REQUIRE(pid != all.end());
  CHECK(pid->aspect == "pid");
}

TEST_CASE("catalogue: the config schema's rule enums are exactly the ids and slugs") {
  std::ifstream in(fs::path(SHIPSHAPE_SOURCE_DIR) / "schemas" / "shipshape-config.schema.json");
  auto schema = nlohmann::json::parse(in);
  std::set<std::string> expected;
  for (const auto& m : catalog::rules()) expected.emplace(m.id), expected.emplace(m.slug);
  for (const auto* where :
       {"/properties/rules/propertyNames/enum", "/properties/waivers/items/properties/rule/enum"}) {
    INFO("schemas/shipshape-config.schema.json " << where);
    auto en = schema.at(nlohmann::json::json_pointer(where)).get<std::vector<std::string>>();
    CHECK(std::set<std::string>(en.begin(), en.end()) == expected);
    CHECK(en.size() == expected.size());
  }
}

namespace {

// Runs the catalogue builder on rules/ with one file replaced (or added).
Captured build_catalog(const test::TempDir& dir, const std::string& name, const std::string& text) {
  std::vector<std::string> argv{SHIPSHAPE_EMBED_CATALOG, dir / "out.cpp"};
  for (const auto& e : fs::directory_iterator(fs::path(SHIPSHAPE_SOURCE_DIR) / "rules")) {
    std::string file = e.path().filename().string();
    std::ifstream in(e.path(), std::ios::binary);
    std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    argv.push_back(dir.write("rules/" + file, file == name ? text : body));
  }
  if (!fs::exists(fs::path(SHIPSHAPE_SOURCE_DIR) / "rules" / name))
    argv.push_back(dir.write("rules/" + name, text));
  return run_capture(argv);
}

std::string rule_file(const std::string& replace, const std::string& with) {
  std::ifstream in(fs::path(SHIPSHAPE_SOURCE_DIR) / "rules" / "SS201-privileged.yaml",
                   std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  size_t at = text.find(replace);
  REQUIRE(at != std::string::npos);
  return text.replace(at, replace.size(), with);
}

}  // namespace

TEST_CASE("catalogue: the unchanged rules build / a malformed entry fails with its position") {
  test::TempDir dir;
  Captured ok = build_catalog(dir, "", "");
  CHECK_MESSAGE(ok.status == 0, ok.err);
  CHECK(fs::file_size(dir / "out.cpp") > 10000);

  struct Case {
    const char* file;
    std::string text;
    std::string expected;  // the end of "<dir>/rules/FILE:LINE:COLUMN: message"
  } cases[] = {
      {"SS201-privileged.yaml", rule_file("severity: error\n", "severity: fatal\n"),
       "rules/SS201-privileged.yaml:4:11: severity must be note, warning or error"},
      {"SS201-privileged.yaml", rule_file("slug: privileged\n", "slug: privileged\ncolour: red\n"),
       "rules/SS201-privileged.yaml:3:1: SS201-privileged.yaml: unknown key 'colour'"},
      {"SS201-privileged.yaml",
       rule_file("security_severity: \"9.0\"", "security_severity: \"high\""),
       "rules/SS201-privileged.yaml:5:20: security_severity must be a rank from 0.0 to 10.0"},
      {"SS201-privileged.yaml", rule_file("slug: privileged\n", "slug: privileged-mode\n"),
       "rules/SS201-privileged.yaml:1:1: the file should be named SS201-privileged-mode.yaml"},
      {"controls.yaml",
       "frameworks:\n  - {id: f, title: F, applies_to: [compose]}\ncontrols:\n"
       "  - {id: \"1\", framework: f, title: T, rules: [SS201, SS999]}\n",
       "rules/controls.yaml:4:54: unknown rule 'SS999'"},
      {"controls.yaml",
       "frameworks:\n  - {id: f, title: F, applies_to: [compose, helm]}\ncontrols: []\n",
       "rules/controls.yaml:2:45: input kinds are compose, kubernetes, values, inventory or env"},
      {"datastores.yaml", "stores: [postgres]\nimage_suffixes: '(ql'\n",
       "rules/datastores.yaml:2:17: not a valid RE2 pattern: missing ): (ql"},
      {"notes.yaml", "a: 1\n", "rules/notes.yaml:1:1: not a file the catalogue knows"},
  };
  for (const Case& c : cases) {
    INFO(std::string(c.file) << " expecting " << c.expected);
    test::TempDir d;
    Captured r = build_catalog(d, c.file, c.text);
    CHECK(r.status == 1);
    CHECK_MESSAGE(r.err.find(c.expected) != std::string::npos, r.err);
  }
}
