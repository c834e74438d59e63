// Errors as values (src/core/error.hpp).
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "core/error.hpp"

using namespace shipshape;

namespace {
Expected<int> half(int n) {
  if (n % 2) return Error{"odd: " + std::to_string(n), Location{3, 7, 2}};
  return n / 2;
}
}  // namespace

TEST_CASE("error: an Expected with a value") {
  Expected<int> e = half(10);
  CHECK(e.ok());
  CHECK(static_cast<bool>(e));
  CHECK(e.value() == 5);
  CHECK(*e == 5);
  *e = 6;
  CHECK(e.value() == 6);
  const Expected<std::string> s = std::string("text");
  REQUIRE(s.ok());
  CHECK(s->size() == 4);
  CHECK(*s == "text");
}

TEST_CASE("error: an Expected with an error keeps its message and position") {
  Expected<int> e = half(7);
  CHECK_FALSE(e.ok());
  CHECK_FALSE(static_cast<bool>(e));
  CHECK(e.error().message == "odd: 7");
  CHECK(e.error().at == Location{3, 7, 2});
  CHECK_FALSE(e.error().not_text);
  Expected<std::string> binary = Error{"binary data", Location{1, 1, 1}, true};
  CHECK(binary.error().not_text);
  CHECK(binary.error().message == "binary data");
}

TEST_CASE("error: value() of an error throws and error() of a value throws") {
  Expected<int> bad = half(1);
  CHECK_THROWS_AS(bad.value(), std::bad_variant_access);
  Expected<int> good = half(2);
  CHECK_THROWS_AS(good.error(), std::bad_variant_access);
}

TEST_CASE("error: Expected holds move-only values and mutates through ->") {
  Expected<std::unique_ptr<int>> p = std::make_unique<int>(41);
  REQUIRE(p.ok());
  **p += 1;
  CHECK(*p.value() == 42);
  Expected<std::vector<int>> v = std::vector<int>{1, 2};
  v->push_back(3);
  CHECK(v->size() == 3);
  CHECK((*v)[2] == 3);
}

TEST_CASE("error: a default Error has no position") {
  Error e;
  CHECK(e.message.empty());
  CHECK(e.at == Location{0, 0, 0});
  CHECK_FALSE(e.at.known());
  CHECK_FALSE(e.not_text);
}
