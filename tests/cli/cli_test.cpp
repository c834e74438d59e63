#include <doctest/doctest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "test_util.hpp"

using namespace shipshape;
using test::run_cli;
using test::TempDir;

TEST_CASE("cli: --version and help") {
  auto v = run_cli({"--version"});
  CHECK(v.code == 0);
  CHECK(v.out.starts_with("shipshape 0."));
  auto h = run_cli({"lint", "--help"});
  CHECK(h.code == 0);
  CHECK(h.out.find("--fail-on") != std::string::npos);
}

TEST_CASE("cli: usage errors exit 2") {
  CHECK(run_cli({}).code == 2);
  CHECK(run_cli({"lint", "--format", "yaml"}).code == 2);
  CHECK(run_cli({"lint", "--fail-on", "sometimes"}).code == 2);
  CHECK(run_cli({"frobnicate"}).code == 2);
}

TEST_CASE("cli: exit codes follow --fail-on") {
  TempDir d;
  d.write("compose.yaml", test::privileged_service());
  d.write("warn/compose.yaml",
          "services:\n  a:\n    image: x\n");  // warnings only (limits, healthcheck)
  CHECK(run_cli({"lint", d / "compose.yaml"}).code == 1);
  CHECK(run_cli({"lint", "--fail-on", "never", d / "compose.yaml"}).code == 0);
  CHECK(run_cli({"lint", d / "warn"}).code == 0);
  CHECK(run_cli({"lint", "--fail-on", "warning", d / "warn"}).code == 1);
}

TEST_CASE("cli: the JSON contract") {
  TempDir d;
  d.write("compose.yaml", test::privileged_service());
  d.write("broken.yaml", "services: [\n");
  test::Chdir cd(d.path());
  auto r = run_cli({"lint", "--format", "json", "--config", "/dev/null", "."});
  CHECK(r.code == 2);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["version"] == 1);
  CHECK(j["tool"]["name"] == "shipshape");
  CHECK(j["tool"]["version"].is_string());
  REQUIRE(j["findings"].size() == 1);
  auto f = j["findings"][0];
  CHECK(f["ruleId"] == "SS201");
  CHECK(f["category"] == "privileged");
  CHECK(f["severity"] == "error");
  CHECK(f["message"] == "service 'api' runs privileged");
  CHECK(f["file"] == "compose.yaml");  // relative, as given
  CHECK(f["line"] == 4);
  CHECK(f["column"] == 17);
  CHECK(f["subject"] == "service api");
  REQUIRE(j["errors"].size() == 1);
  CHECK(j["errors"][0]["file"] == "broken.yaml");
  CHECK(j["errors"][0]["line"].get<int>() >= 1);
  CHECK(j["errors"][0]["column"].get<int>() >= 1);
  CHECK(j["summary"]["findings"] == 1);
  CHECK(j["summary"]["errors"] == 1);
  CHECK(j["summary"]["bySeverity"]["error"] == 1);
}

TEST_CASE("cli: findings are sorted by file / line / column / rule") {
  TempDir d;
  d.write("b/compose.yaml",
          "services:\n  z:\n    image: x\n    privileged: true\n  a:\n    image: x\n    "
          "privileged: true\n");
  d.write("a/compose.yaml", "services:\n  q:\n    image: x\n    privileged: true\n");
  test::Chdir cd(d.path());
  auto r = run_cli({"lint", "--format", "json", "b", "a"});
  auto j = nlohmann::json::parse(r.out);
  std::vector<std::tuple<std::string, int, int, std::string>> got, sorted;
  for (const auto& f : j["findings"])
    got.emplace_back(f["file"], f["line"], f["column"], f["ruleId"]);
  sorted = got;
  std::sort(sorted.begin(), sorted.end());
  CHECK(got == sorted);
  REQUIRE(got.size() >= 3);
  CHECK(std::get<0>(got.front()) == "a/compose.yaml");
}

TEST_CASE("cli: text output and --output") {
  TempDir d;
  d.write("compose.yaml", test::privileged_service());
  test::Chdir cd(d.path());
  auto r = run_cli({"lint", "--no-color", "compose.yaml"});
  CHECK(r.out ==
        "compose.yaml:4:17: error[SS201]: service 'api' runs privileged\n"
        " 4 |     privileged: true\n"
        "   |                 ^\n"
        "   = subject: service api\n"
        "   = hint: Remove privileged mode; add the one capability or device the service needs.\n"
        "\n"
        "1 finding (1 error, 0 warnings, 0 notes) in 1 input\n"
        "by category: privileged 1\n"
        "Run `shipshape lint --fix-suggestions` to see the fixes shipshape can suggest.\n");
  auto q = run_cli({"lint", "-q", "compose.yaml"});
  CHECK(q.out == "compose.yaml:4:17: error[SS201]: service 'api' runs privileged\n");
  auto o = run_cli({"lint", "--format", "json", "--output", "out.json", "compose.yaml"});
  CHECK(o.out.empty());
  CHECK(nlohmann::json::parse(std::ifstream("out.json"))["findings"].size() == 1);
}

TEST_CASE("cli: rules list") {
  auto r = run_cli({"rules", "--format", "json"});
  CHECK(r.code == 0);
  auto j = nlohmann::json::parse(r.out);
  bool found = false;
  for (const auto& rule : j["rules"])
    if (rule["id"] == "SS201") {
      found = true;
      CHECK(rule["category"] == "privileged");
      CHECK(rule["severity"] == "error");
      CHECK(rule["title"] == "Privileged container");
    }
  CHECK(found);
  CHECK(run_cli({"rules"}).out.find("SS201  privileged") != std::string::npos);
}

TEST_CASE("cli: config file disables rules and changes severities - bad config exits 2") {
  TempDir d;
  d.write("compose.yaml", "services:\n  api:\n    image: x\n    privileged: true\n");
  d.write("off.yaml", "rules:\n  privileged: off\n");
  d.write("warn.yaml", "rules:\n  SS201: {severity: warning}\n");
  d.write("bad.yaml", "rules:\n  SS999: off\n");
  d.write("unknown.yaml", "rulez: {}\n");
  CHECK(run_cli({"lint", "--config", d / "off.yaml", d.path()}).code == 0);
  auto w = run_cli({"lint", "--config", d / "warn.yaml", "--format", "json", d.path()});
  CHECK(w.code == 0);
  CHECK(nlohmann::json::parse(w.out)["findings"][0]["severity"] == "warning");
  auto bad = run_cli({"lint", "--config", d / "bad.yaml", d.path()});
  CHECK(bad.code == 2);
  CHECK(bad.err.find("bad.yaml:2:3: config error: rules: unknown rule 'SS999'") !=
        std::string::npos);
  auto unknown = run_cli({"lint", "--config", d / "unknown.yaml", d.path()});
  CHECK(unknown.code == 2);
  CHECK(unknown.err.find(":1:1: config error: unknown key 'rulez' (expected: rules") !=
        std::string::npos);
}

TEST_CASE("cli: .shipshape.yaml is found in a parent directory") {
  TempDir d;
  d.write(".shipshape.yaml", "rules:\n  SS201: off\n");
  d.write("sub/compose.yaml", "services:\n  api:\n    image: x\n    privileged: true\n");
  test::Chdir cd(d / "sub");
  CHECK(run_cli({"lint", "."}).code == 0);
}

TEST_CASE("cli: a baseline hides known findings even after edits above them") {
  TempDir d;
  d.write("compose.yaml", test::privileged_service());
  test::Chdir cd(d.path());
  auto first = run_cli({"lint", "--write-baseline", "baseline.json", "compose.yaml"});
  CHECK(first.code == 1);
  run_cli({"lint", "--format", "sarif", "--output", "baseline.sarif", "compose.yaml"});
  d.write("compose.yaml", "# a comment\n# and another\n" + test::privileged_service() +
                              "  new:\n    image: x\n    privileged: true\n");
  for (const char* base : {"baseline.json", "baseline.sarif"}) {
    auto r = run_cli({"lint", "--format", "json", "--baseline", base, "compose.yaml"});
    auto j = nlohmann::json::parse(r.out);
    CHECK(r.code == 1);  // the new service's finding
    std::vector<std::string> subjects;
    for (const auto& f : j["findings"])
      if (f["ruleId"] == "SS201") subjects.push_back(f["subject"]);
    CHECK(subjects == std::vector<std::string>{"service new"});
    CHECK(j["summary"]["baselined"] == 1);
  }
  CHECK(run_cli({"lint", "--baseline", "missing.json", "compose.yaml"}).code == 2);
}

TEST_CASE(
    "cli: a named file that is none of ours is an error naming what it looks like / --kind forces "
    "one") {
  test::TempDir d;
  std::string wf = d.write(".github/workflows/ci.yml",
                           "on: push\njobs:\n  t:\n    env: {POSTGRES_PASSWORD: Pq8Wx7Ez6Rc5}\n");
  auto r = test::run_cli({"lint", "--format", "json", "--config", "/dev/null", wf});
  CHECK(r.code == 2);
  auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["errors"].size() == 1);
  CHECK(j["errors"][0]["message"].get<std::string>().starts_with(
      "this looks like a GitHub Actions workflow, not a compose file"));
  CHECK(j["errors"][0]["message"].get<std::string>().find("--kind") != std::string::npos);
  auto forced =
      test::run_cli({"lint", "--format", "json", "--config", "/dev/null", "--kind", "values", wf});
  CHECK(forced.code == 1);
  CHECK(nlohmann::json::parse(forced.out)["findings"].size() == 1);
}

TEST_CASE("cli: an env file named on the command line is read as one") {
  test::TempDir d;
  for (std::string name : {".env", ".env.production", "prod.env"}) {
    std::string env =
        d.write(name, "# app settings\nLOG_LEVEL=info\nexport API_TOKEN=\"Tq7Wm3Lx9Zr2Vb8Nc4\"\n");
    auto r = test::run_cli({"lint", "--format", "json", "--config", "/dev/null", env});
    INFO(name << ": " << r.out << r.err);
    CHECK(r.code == 1);
    auto j = nlohmann::json::parse(r.out);
    CHECK(j["errors"].empty());
    REQUIRE(j["findings"].size() == 1);
    CHECK(j["findings"][0]["ruleId"] == "SS101");
    CHECK(j["findings"][0]["line"] == 3);
    CHECK(j["findings"][0]["subject"] == "env file");
  }
}

TEST_CASE(
    "cli: skipped files are counted / --verbose lists them / --exclude takes one glob per use") {
  test::TempDir d;
  d.write("repo/compose.yaml", test::privileged_service("web"));
  d.write("repo/legacy/compose.yaml", test::privileged_service("old"));
  d.write("repo/.gitlab-ci.yml", "stages: [test]\nservices: [postgres:16]\n");
  d.write("repo/mkdocs.yml", "site_name: Docs\n");
  auto r = test::run_cli({"lint", "--config", "/dev/null", "--no-color", d / "repo"});
  CHECK(r.out.find(
            "2 other YAML files skipped: not a compose file, manifest, values file or inventory "
            "(--verbose lists them)") != std::string::npos);
  auto v = test::run_cli({"lint", "--config", "/dev/null", "--no-color", "--verbose", d / "repo"});
  CHECK(v.out.find("  skipped " + (d / "repo/.gitlab-ci.yml") + " (a GitLab CI configuration)") !=
        std::string::npos);
  CHECK(v.out.find("  skipped " + (d / "repo/mkdocs.yml") + " (an MkDocs configuration)") !=
        std::string::npos);
  auto j = nlohmann::json::parse(
      test::run_cli({"lint", "--format", "json", "--config", "/dev/null", d / "repo"}).out);
  CHECK(j["summary"]["skipped"] == 2);
  // `--exclude GLOB PATH`: the path stays a path.
  auto e = test::run_cli(
      {"lint", "--format", "json", "--config", "/dev/null", "--exclude", "legacy/", d / "repo"});
  auto ej = nlohmann::json::parse(e.out);
  std::set<std::string> subjects;
  for (const auto& f : ej["findings"]) subjects.insert(f["subject"].get<std::string>());
  CHECK(subjects.count("service web"));
  CHECK_FALSE(subjects.count("service old"));
}

TEST_CASE("cli: a config error shows the config's own text escaped") {
  test::TempDir d;
  std::string cfg =
      d.write("bad.yaml",
              "rules:\n  \"SS999\\x1b[2J\\nforged.yaml:1:1: error\":\n    enabled: false\n");
  auto r = test::run_cli({"lint", "--config", cfg, d.path()});
  CHECK(r.code == 2);
  CHECK(r.err.find('\x1b') == std::string::npos);
  CHECK(r.err.find("unknown rule 'SS999\\x1b[2J\\nforged.yaml:1:1: error'") != std::string::npos);
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
}

TEST_CASE("cli: --kind env reads any file as an env file") {
  test::TempDir d;
  std::string f = d.write("settings", "DB_PASSWORD=Kx8Lm2Vq9Zt4Rw\n");
  auto r = test::run_cli({"lint", "--format", "json", "--config", "/dev/null", "--kind", "env", f});
  CHECK(r.code == 1);
  auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["findings"].size() == 1);
  CHECK(j["findings"][0]["subject"] == "env file");
}
