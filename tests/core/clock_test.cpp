// The current UTC time, pinnable by an environment variable (src/core/clock.hpp).
#include <doctest/doctest.h>
#include <stdlib.h>

#include <cctype>
#include <string>

#include "core/clock.hpp"

using namespace shipshape;

TEST_CASE("clock: an environment variable pins the time") {
  setenv("SHIPSHAPE_CLOCK_TEST", "2026-01-01T00:00:00Z", 1);
  CHECK(utc_now("%Y", "SHIPSHAPE_CLOCK_TEST") == "2026-01-01T00:00:00Z");
  unsetenv("SHIPSHAPE_CLOCK_TEST");
}

TEST_CASE("clock: without the variable the format is applied to now") {
  unsetenv("SHIPSHAPE_CLOCK_TEST_UNSET");
  std::string date = utc_now("%Y-%m-%d", "SHIPSHAPE_CLOCK_TEST_UNSET");
  REQUIRE(date.size() == 10);
  CHECK(date[4] == '-');
  CHECK(date[7] == '-');
  int year = std::stoi(date.substr(0, 4));
  CHECK(year >= 2024);
  CHECK(year < 2200);
  int month = std::stoi(date.substr(5, 2));
  CHECK(month >= 1);
  CHECK(month <= 12);
  CHECK(utc_now("literal", "SHIPSHAPE_CLOCK_TEST_UNSET") == "literal");
  CHECK(utc_now("%Z", "SHIPSHAPE_CLOCK_TEST_UNSET") == "GMT");
}
