// The registry of inputs (src/core/source_files.hpp): ids, unread paths, Helm `# Source:`
// ranges and kept text.
#include <doctest/doctest.h>

#include <set>
#include <string>
#include <thread>
#include <vector>

#include "core/source_files.hpp"

using namespace shipshape;

TEST_CASE("source files: ids start at 1 and paths read back") {
  SourceFiles files;
  CHECK(files.size() == 1);  // id 0 is "no file"
  CHECK(files.path(0).empty());
  uint32_t a = files.add("compose.yaml");
  uint32_t b = files.add("k8s/deploy.yaml");
  CHECK(a == 1);
  CHECK(b == 2);
  CHECK(files.size() == 3);
  CHECK(files.path(a) == "compose.yaml");
  CHECK(files.path(b) == "k8s/deploy.yaml");
  CHECK(files.path(3).empty());  // unknown ids read as ""
  CHECK(files.path(1000).empty());
  // The same path added twice is two inputs.
  CHECK(files.add("compose.yaml") == 3);
  CHECK(files.path(3) == "compose.yaml");
}

TEST_CASE("source files: unread paths are named but marked") {
  SourceFiles files;
  uint32_t read = files.add("a.yaml");
  uint32_t unread = files.add_unread("link-out.yaml");
  CHECK(unread == 2);
  CHECK(files.path(unread) == "link-out.yaml");
  CHECK(files.is_unread(unread));
  CHECK_FALSE(files.is_unread(read));
  CHECK_FALSE(files.is_unread(0));
  CHECK_FALSE(files.is_unread(99));
  CHECK(files.size() == 3);
}

TEST_CASE("source files: a path reference stays valid while files are added") {
  SourceFiles files;
  const std::string& first = files.path(files.add("first.yaml"));
  for (int i = 0; i < 5000; ++i) files.add("f" + std::to_string(i));
  CHECK(first == "first.yaml");
  CHECK(&first == &files.path(1));
  CHECK(files.path(5001) == "f4999");
}

TEST_CASE("source files: helm sources are ranges of lines") {
  SourceFiles files;
  uint32_t stream = files.add("shop (helm template)");
  uint32_t other = files.add("plain.yaml");
  files.add_helm_source(stream, 2, "shop/templates/secret.yaml");
  files.add_helm_source(stream, 14, "shop/templates/deploy.yaml");
  files.add_helm_source(stream, 40, "shop/templates/secret.yaml");  // a template seen again
  CHECK(files.helm_source(Location{stream, 1, 1}).empty());         // before the first `# Source:`
  CHECK(files.helm_source(Location{stream, 0, 0}).empty());
  CHECK(files.helm_source(Location{stream, 2, 1}) == "shop/templates/secret.yaml");
  CHECK(files.helm_source(Location{stream, 13, 80}) == "shop/templates/secret.yaml");
  CHECK(files.helm_source(Location{stream, 14, 1}) == "shop/templates/deploy.yaml");
  CHECK(files.helm_source(Location{stream, 39, 1}) == "shop/templates/deploy.yaml");
  CHECK(files.helm_source(Location{stream, 40, 1}) == "shop/templates/secret.yaml");
  CHECK(files.helm_source(Location{stream, 100000, 1}) == "shop/templates/secret.yaml");
  CHECK(files.helm_source(Location{other, 20, 1}).empty());
  CHECK(files.helm_source(Location{0, 20, 1}).empty());
  CHECK(files.helm_source(Location{77, 20, 1}).empty());
}

TEST_CASE("source files: helm sources of two files do not mix") {
  SourceFiles files;
  uint32_t a = files.add("a (helm template)");
  uint32_t b = files.add("b (helm template)");
  files.add_helm_source(a, 1, "a/templates/x.yaml");
  files.add_helm_source(b, 5, "b/templates/y.yaml");
  files.add_helm_source(99, 1, "ignored/templates/z.yaml");  // an unknown file: nothing happens
  CHECK(files.helm_source(Location{a, 7, 1}) == "a/templates/x.yaml");
  CHECK(files.helm_source(Location{b, 4, 1}).empty());
  CHECK(files.helm_source(Location{b, 5, 1}) == "b/templates/y.yaml");
  CHECK(files.size() == 3);
}

TEST_CASE("source files: kept text of inputs that cannot be read again") {
  SourceFiles files;
  uint32_t stdin_id = files.add("<stdin>");
  uint32_t disk = files.add("compose.yaml");
  CHECK_FALSE(files.kept_text(stdin_id).has_value());
  files.keep_text(stdin_id, "services:\n  api:\n    image: x\n");
  REQUIRE(files.kept_text(stdin_id).has_value());
  CHECK(*files.kept_text(stdin_id) == "services:\n  api:\n    image: x\n");
  CHECK_FALSE(files.kept_text(disk).has_value());
  CHECK_FALSE(files.kept_text(0).has_value());
  CHECK_FALSE(files.kept_text(50).has_value());
  // Empty text is kept (and differs from none).
  files.keep_text(disk, "");
  REQUIRE(files.kept_text(disk).has_value());
  CHECK(files.kept_text(disk)->empty());
  // Kept again: the later text wins.
  files.keep_text(stdin_id, "replaced");
  CHECK(*files.kept_text(stdin_id) == "replaced");
  // An unknown id is ignored.
  files.keep_text(50, "nowhere");
  CHECK_FALSE(files.kept_text(50).has_value());
  CHECK(files.size() == 3);
}

TEST_CASE("source files: ids are unique when threads add at once") {
  SourceFiles files;
  constexpr int kThreads = 4, kEach = 500;
  std::vector<std::vector<uint32_t>> got(kThreads);
  std::vector<std::thread> pool;
  for (int t = 0; t < kThreads; ++t)
    pool.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i)
        got[t].push_back(files.add("t" + std::to_string(t) + "-" + std::to_string(i)));
    });
  for (auto& th : pool) th.join();
  std::set<uint32_t> ids;
  for (int t = 0; t < kThreads; ++t)
    for (int i = 0; i < kEach; ++i) {
      uint32_t id = got[t][i];
      ids.insert(id);
      CHECK(files.path(id) == "t" + std::to_string(t) + "-" + std::to_string(i));
    }
  CHECK(ids.size() == kThreads * kEach);
  CHECK(*ids.begin() == 1);
  CHECK(*ids.rbegin() == kThreads * kEach);
  CHECK(files.size() == kThreads * kEach + 1);
}

TEST_CASE("source files: each file keeps the kind of input it belongs to") {
  shipshape::SourceFiles files;
  uint32_t compose = files.add("compose.yaml", shipshape::InputKind::compose);
  uint32_t later = files.add("values.yaml");
  CHECK(files.kind(compose) == shipshape::InputKind::compose);
  CHECK(files.kind(later) == shipshape::InputKind::unknown);
  files.set_kind(later, shipshape::InputKind::values);
  CHECK(files.kind(later) == shipshape::InputKind::values);
  CHECK(files.kind(0) == shipshape::InputKind::unknown);
  CHECK(files.kind(999) == shipshape::InputKind::unknown);
  files.set_kind(999, shipshape::InputKind::env);  // an unknown id is left alone
  CHECK(files.size() == 3);
}

TEST_CASE("input kinds: the CLI spellings both ways") {
  using shipshape::InputKind;
  CHECK(shipshape::parse_kind("k8s") == InputKind::kubernetes);
  CHECK(shipshape::parse_kind("kubernetes") == InputKind::kubernetes);
  CHECK(shipshape::parse_kind("env") == InputKind::env);
  CHECK_FALSE(shipshape::parse_kind("helm"));
  for (InputKind k : {InputKind::compose, InputKind::kubernetes, InputKind::values,
                      InputKind::inventory, InputKind::env})
    CHECK(shipshape::parse_kind(shipshape::to_string(k)) == k);
  CHECK(shipshape::to_string(InputKind::unknown) == "unknown");
}
