// Positions and sourced values (src/core/location.hpp).
#include <doctest/doctest.h>

#include <algorithm>
#include <vector>

#include "core/location.hpp"

using namespace shipshape;

TEST_CASE("location: known means a line") {
  CHECK_FALSE(Location{}.known());
  CHECK_FALSE((Location{4, 0, 9}.known()));
  CHECK((Location{0, 1, 0}.known()));
  CHECK((Location{2, 10, 3}.known()));
}

TEST_CASE("location: order is file then line then column") {
  std::vector<Location> v = {{2, 1, 1}, {1, 9, 1}, {1, 2, 5}, {1, 2, 3}, {0, 0, 0}};
  std::sort(v.begin(), v.end());
  CHECK(v == std::vector<Location>{{0, 0, 0}, {1, 2, 3}, {1, 2, 5}, {1, 9, 1}, {2, 1, 1}});
  CHECK((Location{1, 2, 3} == Location{1, 2, 3}));
  CHECK((Location{1, 2, 3} != Location{1, 2, 4}));
}

TEST_CASE("location: Sourced and NodeRef defaults") {
  Sourced<bool> b;
  CHECK_FALSE(b.set);
  CHECK_FALSE(b.value);
  CHECK(b.ref.path.empty());
  CHECK_FALSE(b.ref.at.known());
  Sourced<int> n{5, NodeRef{Location{1, 4, 17}, "services.api.privileged"}, true};
  CHECK(n.value == 5);
  CHECK(n.ref.at.line == 4);
  CHECK(n.ref.at.column == 17);
  CHECK(n.ref.path == "services.api.privileged");
}
