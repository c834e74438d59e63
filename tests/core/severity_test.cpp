// Severity names and order (src/core/severity.hpp).
#include <doctest/doctest.h>

#include <optional>

#include "core/severity.hpp"

using namespace shipshape;

TEST_CASE("severity: parse_severity takes the three lowercase names") {
  CHECK(parse_severity("note") == Severity::note);
  CHECK(parse_severity("warning") == Severity::warning);
  CHECK(parse_severity("error") == Severity::error);
}

TEST_CASE("severity: parse_severity refuses anything else") {
  CHECK(parse_severity("") == std::nullopt);
  CHECK(parse_severity("Error") == std::nullopt);
  CHECK(parse_severity("ERROR") == std::nullopt);
  CHECK(parse_severity("warn") == std::nullopt);
  CHECK(parse_severity("info") == std::nullopt);
  CHECK(parse_severity(" error") == std::nullopt);
  CHECK(parse_severity("error ") == std::nullopt);
  CHECK(parse_severity("notes") == std::nullopt);
}

TEST_CASE("severity: to_string spells each severity and round-trips") {
  CHECK(to_string(Severity::note) == "note");
  CHECK(to_string(Severity::warning) == "warning");
  CHECK(to_string(Severity::error) == "error");
  for (Severity s : {Severity::note, Severity::warning, Severity::error})
    CHECK(parse_severity(to_string(s)) == s);
  static_assert(to_string(Severity::warning) == "warning");
}

TEST_CASE("severity: a larger value is more severe") {
  CHECK(Severity::note < Severity::warning);
  CHECK(Severity::warning < Severity::error);
  CHECK(static_cast<int>(Severity::note) == 0);
  CHECK(static_cast<int>(Severity::warning) == 1);
  CHECK(static_cast<int>(Severity::error) == 2);
}
