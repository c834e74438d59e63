// Every bad input named by the foundation issue: a clear error with file:line:col, the other
// inputs still linted, exit code 2, and no secret value in any output.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "test_util.hpp"

using namespace shipshape;
using test::TempDir;

namespace {

// A secret planted in the broken inputs; it must never be printed.
const std::string kSecret = "Zq8vX2mK9pL4nR7t";

const std::string kGood = test::privileged_service("good");

struct Case {
  const char* name;
  const char* file;
  std::string content;
  const char* message;  // substring of the error
  int line;             // 0: any line >= 1
  int column;
};

std::string deep_flow() { return "a: " + std::string(100000, '[') + std::string(100000, ']') + "\n"; }

std::string billion_laughs() {
  std::string t = "x-a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i < 10; ++i) {
    t += "x-a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int k = 0; k < 9; ++k) t += (k ? ", *a" : "*a") + std::to_string(i - 1);
    t += "]\n";
  }
  return t + "services: {}\n";
}

std::vector<Case> cases() {
  return {
      {"malformed YAML", "compose.yaml",
       "services:\n  api:\n    environment:\n      PASSWORD: \"" + kSecret + "\"\n    image: [x\n",
       "invalid YAML", 0, 0},
      {"a non-YAML file given explicitly", "notes.txt", "Just some notes " + kSecret + "\n",
       "expected a mapping", 1, 1},
      {"binary data", "blob.yaml", std::string("a: b\n\x01\x02\x00\x03", 9), "binary data", 2, 3},
      {"invalid UTF-8", "compose.yaml", "services:\n  api:\n    image: \"\xff\xfe\"\n", "invalid UTF-8", 3, 13},
      {"services as a list", "compose.yaml", "services:\n  - api\n",
       "services: expected a mapping, got a sequence", 2, 3},
      {"ports as a scalar", "compose.yaml", "services:\n  api:\n    image: x\n    ports: 80\n",
       "services.api.ports: expected a sequence, got '80'", 4, 12},
      {"an extends cycle", "compose.yaml",
       "services:\n  a:\n    extends: b\n    image: x\n  b:\n    extends: a\n    image: y\n",
       "extends cycle", 0, 0},
      {"a missing env_file", "compose.yaml", "services:\n  api:\n    image: x\n    env_file: ./nope.env\n",
       "env file './nope.env' not found", 4, 15},
      {"100,000 levels of nesting", "deep.yaml", deep_flow(), "nesting deeper than", 0, 0},
      {"an alias bomb", "compose.yaml", billion_laughs(), "alias bomb", 0, 0},
      {"a node that contains itself", "values.yaml", "a: &a [*a]\n", "contains itself", 1, 8},
      {"a duplicated key", "compose.yaml",
       "services:\n  api:\n    image: x\n    privileged: false\n    environment:\n      K: " + kSecret +
           "\n    privileged: true\n",
       "duplicate key 'privileged' (first defined at line 4)", 7, 5},
  };
}

nlohmann::json lint_json(const std::vector<std::string>& paths, int* code, std::string* raw) {
  std::vector<std::string> args = {"lint", "--format", "json", "--config", "/dev/null"};
  args.insert(args.end(), paths.begin(), paths.end());
  auto r = test::run_cli(args);
  *code = r.code;
  *raw = r.out + r.err;
  return nlohmann::json::parse(r.out);
}

}  // namespace

TEST_CASE("bad input: each gives file:line:col / the rest is linted / exit 2 / no secret shown") {
  for (const Case& c : cases()) {
    SUBCASE(c.name) {
      TempDir d;
      d.write("good/compose.yaml", kGood);
      std::string bad = d.write(std::string("bad/") + c.file, c.content);
      int code = 0;
      std::string raw;
      auto j = lint_json({d / "good", bad}, &code, &raw);
      CHECK(code == 2);
      REQUIRE(j["errors"].size() >= 1);
      auto e = j["errors"][0];
      INFO(e.dump());
      CHECK(e["message"].get<std::string>().find(c.message) != std::string::npos);
      CHECK(e["file"].get<std::string>().find("/bad/") != std::string::npos);
      if (c.line) {
        CHECK(e["line"] == c.line);
        CHECK(e["column"] == c.column);
      } else {
        CHECK(e["line"].get<int>() >= 1);
        CHECK(e["column"].get<int>() >= 1);
      }
      bool good_linted = false;
      for (const auto& f : j["findings"])
        good_linted |= f["file"].get<std::string>().find("/good/") != std::string::npos;
      CHECK(good_linted);
      CHECK(raw.find(kSecret) == std::string::npos);
    }
  }
}

TEST_CASE("bad input: a missing file and an unreadable file") {
  TempDir d;
  d.write("good/compose.yaml", kGood);
  int code = 0;
  std::string raw;
  auto j = lint_json({d / "good", d / "missing.yaml"}, &code, &raw);
  CHECK(code == 2);
  REQUIRE(j["errors"].size() == 1);
  CHECK(j["errors"][0]["message"] == "cannot read: No such file or directory");
  CHECK(j["errors"][0]["line"] == 1);
  CHECK(j["findings"].size() == 1);
  if (geteuid() != 0) {  // root reads anything, so this part needs an ordinary user
    std::string locked = d.write("locked.yaml", "a: 1\n");
    chmod(locked.c_str(), 0);
    auto k = lint_json({d / "good", locked}, &code, &raw);
    CHECK(code == 2);
    CHECK(k["errors"][0]["message"] == "cannot read: Permission denied");
  }
}

TEST_CASE("bad input: a 200 MB file is refused by size before it is read") {
  TempDir d;
  d.write("good/compose.yaml", kGood);
  std::string big = d / "big.yaml";
  int fd = open(big.c_str(), O_CREAT | O_WRONLY, 0644);
  REQUIRE(fd >= 0);
  REQUIRE(ftruncate(fd, 200ll << 20) == 0);  // sparse: costs no disk
  close(fd);
  int code = 0;
  std::string raw;
  auto j = lint_json({d / "good", big}, &code, &raw);
  CHECK(code == 2);
  REQUIRE(j["errors"].size() == 1);
  CHECK(j["errors"][0]["message"] == "file is 200.0 MB, over the 50.0 MB limit (--max-file-size)");
  CHECK(j["findings"].size() == 1);
}
