// Masking of source lines: what reporters show of a line never carries a known secret.
#include <doctest/doctest.h>

#include "secrets/redaction.hpp"
#include "secrets/scanner.hpp"

using shipshape::secrets::KnownSecrets;

namespace {

std::string masked(const std::vector<std::string>& secrets, std::string line) {
  KnownSecrets(secrets).mask(line);
  return line;
}

}  // namespace

TEST_CASE("known secrets: every occurrence is masked as written or in base64") {
  CHECK(masked({"hunter2-pw"}, "a: hunter2-pw # hunter2-pw") == "a: **** # ****");
  // base64 of "hunter2-pw" is aHVudGVyMi1wdw==
  CHECK(masked({"hunter2-pw"}, "pw: aHVudGVyMi1wdw==") == "pw: ****");
  CHECK(masked({"hunter2-pw"}, "hunter2-pwhunter2-pw") == "********");
  CHECK(masked({"hunter2-pw"}, "hunter2-p") == "hunter2-p");
  CHECK(masked({}, "nothing: here") == "nothing: here");
}

TEST_CASE("known secrets: the longest value wins where two start at one place") {
  CHECK(masked({"abc", "abcdef-long"}, "x=abcdef-long y=abc") == "x=**** y=****");
  CHECK(masked({"abcdef-long", "abc"}, "abcdef-lon") == "****def-lon");
}

TEST_CASE("known secrets: values under three bytes are left alone") {
  CHECK(masked({"ab", "x"}, "ab x abx") == "ab x abx");
}

TEST_CASE("known secrets: many secrets mask the same as one") {
  std::vector<std::string> many;
  for (int i = 0; i < 20000; ++i) many.push_back("tok3n-" + std::to_string(i) + "-Zq");
  CHECK(masked(many, "a: tok3n-19999-Zq, b: tok3n-7-Zq, c: tok3n-7-Z") ==
        "a: ****, b: ****, c: tok3n-7-Z");
}

TEST_CASE("mask_line: known secrets and secret-looking text both go") {
  auto scanner = shipshape::secrets::SecretScanner::build();
  REQUIRE(scanner);
  KnownSecrets known({"n0t-a-keyword-value"});
  CHECK((*scanner)->mask_line("note: n0t-a-keyword-value", &known) == "note: ****");
  CHECK((*scanner)->mask_line("password: s3cr3t-value") == "password: ****");
  CHECK((*scanner)->mask_line("url: postgres://u:pw1234@db/x") == "url: postgres://u:****@db/x");
}
