// End-to-end tests of the built binary: standard input and process exit codes.
#include <doctest/doctest.h>

#include <array>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "test_util.hpp"

using shipshape::test::TempDir;

namespace {

struct Run {
  int code;
  std::string out;
};

Run sh(const std::string& command) {
  Run r{0, {}};
  FILE* p = popen(command.c_str(), "r");
  REQUIRE(p);
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace

TEST_CASE("binary: helm template | shipshape lint - reads standard input") {
  TempDir d;
  d.write("rendered.yaml",
          "---\n# Source: shop/templates/pod.yaml\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n"
          "spec:\n  containers:\n    - name: c\n      image: x\n      securityContext:\n"
          "        privileged: true\n");
  auto r = sh(std::string("cat ") + (d / "rendered.yaml") + " | " + SHIPSHAPE_BINARY +
              " lint --format json --config /dev/null -");
  CHECK(r.code == 1);
  auto j = nlohmann::json::parse(r.out);
  nlohmann::json privileged;
  for (const auto& f : j["findings"])
    if (f["ruleId"] == "SS201") privileged = f;
  REQUIRE(privileged.is_object());
  CHECK(privileged["file"] == "<stdin>");
  CHECK(privileged["line"] == 12);
  CHECK(privileged["helmSource"] == "shop/templates/pod.yaml");
}

TEST_CASE("binary: compose on standard input and exit codes") {
  auto r = sh(std::string("printf 'services:\\n  a:\\n    image: x\\n' | ") + SHIPSHAPE_BINARY +
              " lint --config /dev/null -");
  CHECK(r.code == 0);  // warnings only
  CHECK(r.out.find("warning[SS311]: service 'a' has no healthcheck") != std::string::npos);
  CHECK(sh(std::string(SHIPSHAPE_BINARY) + " lint --bogus 2>/dev/null").code == 2);
}
