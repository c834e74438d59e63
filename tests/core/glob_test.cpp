#include <doctest/doctest.h>

#include "core/glob.hpp"

using shipshape::glob_match;

TEST_CASE("glob: segments / ** / names at any depth / folders only") {
  // Within a segment.
  CHECK(glob_match("*.yaml", "compose.yaml"));
  CHECK(glob_match("*.yaml", "deep/er/compose.yaml"));  // no slash: a name at any depth
  CHECK_FALSE(glob_match("*.yaml", "compose.yml"));
  CHECK(glob_match("*.env", ".env.env"));  // a leading dot is an ordinary character
  CHECK(glob_match("compose.?ml", "compose.yml"));
  CHECK(glob_match("values-[a-z]*.yaml", "chart/values-prod.yaml"));
  CHECK_FALSE(glob_match("values-[a-z]*.yaml", "chart/values-1.yaml"));
  // Anchored when the glob has a slash; `*` does not cross one.
  CHECK(glob_match("legacy/*.yaml", "legacy/a.yaml"));
  CHECK_FALSE(glob_match("legacy/*.yaml", "legacy/sub/a.yaml"));
  CHECK_FALSE(glob_match("legacy/*.yaml", "x/legacy/a.yaml"));
  // `**` across segments, zero or more.
  CHECK(glob_match("legacy/**", "legacy/sub/a.yaml"));
  CHECK(glob_match("**/testdata/**", "a/b/testdata/x.yaml"));
  CHECK(glob_match("**/testdata/**", "testdata/x.yaml"));
  CHECK(glob_match("a/**/z.yaml", "a/z.yaml"));
  CHECK(glob_match("a/**/z.yaml", "a/b/c/z.yaml"));
  CHECK_FALSE(glob_match("a/**/z.yaml", "b/a/z.yaml"));
  // A trailing slash: folders only.
  CHECK(glob_match("scratch/", "scratch", true));
  CHECK(glob_match("scratch/", "x/scratch", true));
  CHECK_FALSE(glob_match("scratch/", "scratch", false));
  // "./" is the folder itself.
  CHECK(glob_match("./legacy/**", "legacy/a.yaml"));
  CHECK_FALSE(glob_match("", "a.yaml"));
}
