// End-to-end tests of the built binary: standard input and process exit codes.
#include <doctest/doctest.h>

#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
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
  d.write(
      "rendered.yaml",
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

TEST_CASE("binary: empty standard input is an error / nothing read is not clean") {
  for (const char* input : {"", "\\n  \\n"}) {
    auto r = sh(std::string("printf '") + input + "' | " + SHIPSHAPE_BINARY +
                " lint --format json --config /dev/null -");
    CHECK(r.code == 2);
    auto j = nlohmann::json::parse(r.out);
    REQUIRE(j["errors"].size() == 1);
    CHECK(j["errors"][0]["file"] == "<stdin>");
    CHECK(j["errors"][0]["message"].get<std::string>().starts_with("no input on standard input"));
  }
}

TEST_CASE("binary: an unreadable folder is a load error / the rest is still linted") {
  TempDir d;
  d.write("tree/good/compose.yaml", "services:\n  a:\n    image: x\n    privileged: true\n");
  d.write("tree/locked/compose.yaml", "services:\n  b:\n    image: y\n    privileged: true\n");
  std::filesystem::permissions(d.path(), std::filesystem::perms::all);
  std::filesystem::permissions(d / "tree/locked", std::filesystem::perms::none);
  // Root reads any folder: run the binary as an ordinary user (nobody) from a copy it can reach.
  std::string binary = SHIPSHAPE_BINARY, prefix;
  if (geteuid() == 0) {
    if (sh("command -v setpriv >/dev/null").code != 0) {
      MESSAGE("setpriv not found: skipped as root");
      return;
    }
    binary = d / "shipshape";
    std::filesystem::copy_file(SHIPSHAPE_BINARY, binary);
    std::filesystem::permissions(binary, std::filesystem::perms::all);
    prefix = "setpriv --reuid=65534 --regid=65534 --clear-groups ";
  }
  auto r = sh("cd " + d.path() + " && " + prefix + binary +
              " lint --format json --config /dev/null tree");
  std::filesystem::permissions(d / "tree/locked", std::filesystem::perms::owner_all);
  CHECK(r.code == 2);
  auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["errors"].size() == 1);
  CHECK(j["errors"][0]["file"] == "tree/locked");
  CHECK(j["errors"][0]["message"] == "cannot read directory: Permission denied");
  bool good = false;
  for (const auto& f : j["findings"]) good |= f["file"] == "tree/good/compose.yaml";
  CHECK(good);
}

TEST_CASE("binary: a file symlink out of the linted folder is not read / a note says so") {
  TempDir d;
  // What the link points at: outside the folder linted, with a secret in it.
  d.write("home/.aws/credentials.yaml",
          "aws_secret_access_key: Zx9Qw8Er7Ty6Ui5Op4As3Df2Gh1Jk0LzXcVbNm12\n");
  d.write("repo/compose.yaml", "services:\n  a:\n    image: x\n");
  std::filesystem::create_symlink(d / "home/.aws/credentials.yaml", d / "repo/values.yaml");
  // A link that stays inside the folder is read as usual.
  d.write("repo/real/values.yaml", "password: Inside9Secret8Value7\n");
  std::filesystem::create_symlink(d / "repo/real/values.yaml", d / "repo/values-inner.yaml");
  auto r = sh("cd " + (d / "repo") + " && " + SHIPSHAPE_BINARY +
              " lint --format json --config /dev/null .");
  CHECK(r.out.find("Zx9Q") == std::string::npos);
  auto j = nlohmann::json::parse(r.out);
  bool note = false, outside_secret = false, inside_secret = false;
  for (const auto& f : j["findings"]) {
    if (f["ruleId"] == "SS001" && f["file"] == "values.yaml")
      note = f["message"].get<std::string>().find("outside the folder being linted; not read") !=
             std::string::npos;
    if (f["ruleId"] == "SS101" && f["file"] == "values.yaml") outside_secret = true;
    if (f["ruleId"] == "SS101" && f["file"] == "values-inner.yaml") inside_secret = true;
  }
  CHECK(note);
  CHECK_FALSE(outside_secret);
  CHECK(inside_secret);
  // The compliance report neither hashes nor quotes it.
  auto report = sh("cd " + (d / "repo") + " && " + SHIPSHAPE_BINARY +
                   " report --format json --config /dev/null .");
  auto rj = nlohmann::json::parse(report.out);
  for (const auto& in : rj["audit"]["inputs"]) CHECK(in["file"] != "values.yaml");
  // Named on the command line, the link is read.
  auto named = sh("cd " + (d / "repo") + " && " + SHIPSHAPE_BINARY +
                  " lint --format json --config /dev/null values.yaml");
  auto nj = nlohmann::json::parse(named.out);
  bool read = false;
  for (const auto& f : nj["findings"]) read |= f["ruleId"] == "SS101";
  CHECK(read);
}

TEST_CASE("binary: references out of the linted folders are not read / env_file include and .env") {
  TempDir d;
  d.write("home/creds.env", "TOKEN=Zq8Wx7Ec6Rv5Tb4Yn3\n");
  d.write("home/other.yaml", "services:\n  c:\n    image: z\n    privileged: true\n");
  d.write("repo/compose.yaml",
          "services:\n  a:\n    image: x\n    env_file: ../home/creds.env\n"
          "include:\n  - ../home/other.yaml\n");
  d.write("repo/inner.env", "LOG_LEVEL=info\n");
  d.write("repo/sub/compose.yaml", "services:\n  b:\n    image: y\n    env_file: ../inner.env\n");
  std::filesystem::create_symlink(d / "home/creds.env", d / "repo/sub/.env");
  auto r = sh("cd " + (d / "repo") + " && " + SHIPSHAPE_BINARY +
              " lint --format json --config /dev/null . 2>&1");
  CHECK(r.code == 2);
  CHECK(r.out.find("Zq8W") == std::string::npos);
  auto j = nlohmann::json::parse(r.out);
  std::string all;
  for (const auto& e : j["errors"])
    all += e["file"].get<std::string>() + ": " + e["message"].get<std::string>() + "\n";
  INFO(all);
  CHECK(j["errors"].size() == 3);
  CHECK(all.find(
            "compose.yaml: env file '../home/creds.env' leads outside the folders being linted") !=
        std::string::npos);
  CHECK(all.find("compose.yaml: the compose file '../home/other.yaml' leads outside") !=
        std::string::npos);
  CHECK(all.find("sub/.env: the env file 'sub/.env' leads outside") != std::string::npos);
  for (const auto& f : j["findings"]) CHECK(f["subject"] != "service c");
  // The compliance report does not hash what it did not read.
  auto report = sh("cd " + (d / "repo") + " && " + SHIPSHAPE_BINARY +
                   " report --format json --config /dev/null .");
  auto rj = nlohmann::json::parse(report.out);
  for (const auto& in : rj["audit"]["inputs"])
    CHECK(in["file"].get<std::string>().find("home") == std::string::npos);
  for (const auto& in : rj["audit"]["inputs"]) CHECK(in["file"] != "sub/.env");
  // Linted from above, the same files are inside what was asked: they are read.
  auto above = sh("cd " + d.path() + " && " + SHIPSHAPE_BINARY +
                  " lint --format json --config /dev/null repo 2>&1");
  auto aj = nlohmann::json::parse(above.out);
  bool token = false;
  for (const auto& f : aj["findings"]) token |= f["ruleId"] == "SS101";
  CHECK(token);
}
