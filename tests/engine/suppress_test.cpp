#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "test_util.hpp"

using namespace shipshape;
using test::run_cli;
using test::TempDir;

namespace {

nlohmann::json lint(const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"lint", "--format", "json", "--fail-on", "never"};
  args.insert(args.end(), extra.begin(), extra.end());
  auto r = run_cli(args);
  REQUIRE_MESSAGE(r.code == 0, r.err);
  return nlohmann::json::parse(r.out);
}

std::vector<std::string> ids(const nlohmann::json& findings, const std::string& rule = "") {
  std::vector<std::string> out;
  for (const auto& f : findings)
    if (rule.empty() || f["ruleId"] == rule)
      out.push_back(f["ruleId"].get<std::string>() + "@" + std::to_string(f["line"].get<int>()));
  return out;
}

const char* kCompose =
    "services:\n"
    "  a:\n"
    "    image: x\n"
    "    # shipshape:ignore SS201 -- isolated runner\n"
    "    privileged: true\n"
    "  b:\n"
    "    image: x\n"
    "    privileged: true  # shipshape:ignore privileged -- vendor agent\n"
    "  c:\n"
    "    image: x\n"
    "    privileged: true\n";

}  // namespace

TEST_CASE("suppression: comments on the line or the line above by id or slug") {
  TempDir d;
  d.write("compose.yaml", kCompose);
  auto j = lint({"--config", "/dev/null", d / "compose.yaml"});
  CHECK(ids(j["findings"], "SS201") == std::vector<std::string>{"SS201@11"});
  CHECK(j["summary"]["suppressed"] == 2);
  CHECK_FALSE(j.contains("suppressed"));
  auto s = lint({"--config", "/dev/null", "--show-suppressed", d / "compose.yaml"});
  REQUIRE(s["suppressed"].size() == 2);
  CHECK(s["suppressed"][0]["suppression"]["kind"] == "inline");
  CHECK(s["suppressed"][0]["suppression"]["reason"] == "isolated runner");
  CHECK(s["suppressed"][1]["suppression"]["reason"] == "vendor agent");
}

TEST_CASE("suppression: --no-inline-ignores audits everything") {
  TempDir d;
  d.write("compose.yaml", kCompose);
  auto j = lint({"--config", "/dev/null", "--no-inline-ignores", d / "compose.yaml"});
  CHECK(ids(j["findings"], "SS201").size() == 3);
  CHECK(ids(j["findings"], "SS002").empty());
}

TEST_CASE("suppression: an annotation covers its object's findings and survives rendering") {
  TempDir d;
  d.write("rendered.yaml",
          "---\n# Source: c/templates/ds.yaml\napiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n"
          "  name: agent\n  annotations:\n    shipshape.io/ignore: \"SS203,SS201 -- host agent\"\n"
          "spec:\n  template:\n    spec:\n      hostPID: true\n      containers:\n"
          "        - name: a\n          image: x\n          securityContext: {privileged: true}\n"
          "---\napiVersion: v1\nkind: Pod\nmetadata: {name: other}\nspec:\n  hostPID: true\n"
          "  containers: [{name: b, image: x}]\n");
  auto j = lint({"--config", "/dev/null", d / "rendered.yaml"});
  CHECK(ids(j["findings"], "SS203") == std::vector<std::string>{"SS203@22"});
  CHECK(ids(j["findings"], "SS201").empty());
  CHECK(j["summary"]["suppressed"] == 2);
}

TEST_CASE("suppression: waivers by rule and path glob and subject with expiry") {
  TempDir d;
  d.write("deploy/compose.yaml", kCompose);
  d.write(
      "waive.yaml",
      "waivers:\n"
      "  - rule: privileged\n    path: \"*/deploy/*.yaml\"\n    subject: service c\n"
      "    reason: approved in SEC-12\n    by: alice\n    expires: \"2099-01-01\"\n"
      "  - rule: SS202\n    reason: nothing to waive\n"
      "  - rule: SS201\n    subject: service a\n    reason: old\n    expires: \"2001-01-01\"\n");
  auto j = lint(
      {"--config", d / "waive.yaml", "--no-inline-ignores", "--show-suppressed", d / "deploy"});
  CHECK(ids(j["findings"], "SS201") == std::vector<std::string>{"SS201@5", "SS201@8"});
  REQUIRE(j["suppressed"].size() == 1);
  CHECK(j["suppressed"][0]["suppression"]["kind"] == "waiver");
  CHECK(j["suppressed"][0]["suppression"]["by"] == "alice");
  // The unmatched and the expired waiver are reported at their lines in the config file.
  CHECK(ids(j["findings"], "SS002") == std::vector<std::string>{"SS002@8"});
  CHECK(ids(j["findings"], "SS004") == std::vector<std::string>{"SS004@10"});
  for (const auto& f : j["findings"])
    if (f["ruleId"] == "SS004")
      CHECK(f["message"] == "waiver for SS201 expired on 2001-01-01; its findings count again");
}

TEST_CASE("suppression: SHIPSHAPE_TODAY decides expiry") {
  TempDir d;
  d.write("compose.yaml",
          "services:\n  a:\n    image: x\n    privileged: true  # shipshape:ignore SS201 "
          "until=2030-06-01 -- migration\n");
  setenv("SHIPSHAPE_TODAY", "2030-06-02", 1);
  auto late = lint({"--config", "/dev/null", d / "compose.yaml"});
  setenv("SHIPSHAPE_TODAY", "2030-05-31", 1);
  auto early = lint({"--config", "/dev/null", d / "compose.yaml"});
  unsetenv("SHIPSHAPE_TODAY");
  CHECK(ids(late["findings"], "SS201").size() == 1);
  CHECK(ids(late["findings"], "SS004").size() == 1);
  CHECK(ids(early["findings"], "SS201").empty());
}
