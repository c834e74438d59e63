#include "load/interpolate.hpp"

#include <doctest/doctest.h>

using namespace shipshape;
using load::interpolate;
using model::Origin;

namespace {

load::Variables vars() {
  load::Variables v;
  v["USER"] = {"alice", Location{3, 2, 6}, Origin::env_file};
  v["EMPTY"] = {"", Location{3, 3, 7}, Origin::env_file};
  v["HOME"] = {"/home/alice", Location{}, Origin::environment};
  return v;
}

std::string value(std::string_view s) { return interpolate(s, vars(), Location{1, 1, 1})->value; }
Origin origin(std::string_view s) { return interpolate(s, vars(), Location{1, 1, 1})->origin; }

}  // namespace

TEST_CASE("interpolation: every form") {
  CHECK(value("$USER") == "alice");
  CHECK(value("${USER}") == "alice");
  CHECK(value("x-${USER}-y") == "x-alice-y");
  CHECK(value("${MISSING:-dflt}") == "dflt");
  CHECK(value("${EMPTY:-dflt}") == "dflt");
  CHECK(value("${EMPTY-dflt}") == "");
  CHECK(value("${MISSING-dflt}") == "dflt");
  CHECK(value("${USER:?need it}") == "alice");
  CHECK(value("${USER?need it}") == "alice");
  CHECK(value("${MISSING:?need it}") == "");
  CHECK(value("${USER:+set}") == "set");
  CHECK(value("${MISSING:+set}") == "");
  CHECK(value("${MISSING:-${USER}}") == "alice");
  CHECK(value("$$USER") == "$USER");
  CHECK(value("cost: 5$") == "cost: 5$");
  CHECK(value("no dollars") == "no dollars");
}

TEST_CASE("interpolation: origins decide whether a value is written in the repository") {
  CHECK(origin("plain") == Origin::literal);
  CHECK(origin("${USER}") == Origin::env_file);
  CHECK(origin("${MISSING:-hunter2}") == Origin::default_value);
  CHECK(origin("${MISSING}") == Origin::unresolved);
  CHECK(origin("${MISSING:?set it}") == Origin::unresolved);
  CHECK(origin("${HOME}") == Origin::environment);
  CHECK(origin("${USER}:${MISSING}") == Origin::unresolved);
  auto r = interpolate("${USER}", vars(), Location{1, 9, 9});
  CHECK(r->at == Location{3, 2, 6});  // the env-file line where the value is written
}

TEST_CASE("interpolation: malformed references are errors") {
  auto r = interpolate("${USER", vars(), Location{1, 4, 5});
  REQUIRE_FALSE(r);
  CHECK(r.error().message == "invalid interpolation: '${' without a closing '}'");
  CHECK(r.error().at == Location{1, 4, 5});
  CHECK_FALSE(interpolate("${1abc}", vars(), {}));
  CHECK_FALSE(interpolate("${USER:}", vars(), {}));
}

TEST_CASE("env files: KEY=VALUE / export / quotes / comments / bare keys") {
  auto r = load::parse_env_file(
      "# comment\nA=1\nexport B = two\nC=\"x y\\n\"\nD='single # not a comment'\nE=v # "
      "comment\nF\n\nG=\n",
      5);
  REQUIRE(r);
  REQUIRE(r->size() == 7);
  CHECK((*r)[0].name == "A");
  CHECK((*r)[0].value == "1");
  CHECK((*r)[0].at == Location{5, 2, 1});
  CHECK((*r)[0].value_at == Location{5, 2, 3});
  CHECK((*r)[1].name == "B");
  CHECK((*r)[1].value == "two");
  CHECK((*r)[2].value == "x y\n");
  CHECK((*r)[3].value == "single # not a comment");
  CHECK((*r)[4].value == "v");
  CHECK_FALSE((*r)[5].has_value);
  CHECK((*r)[6].has_value);
  CHECK((*r)[6].value.empty());
  auto bad = load::parse_env_file("A=1\nnot a line\n", 5);
  REQUIRE_FALSE(bad);
  CHECK(bad.error().at.line == 2);
}
