// `lint` options checked at the boundary: --fix-suggestions=patch writes where it is told and
// exits as lint does; numbers out of range are refused with the option and the range named.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "test_util.hpp"

using namespace shipshape;
using test::run_cli;
using test::TempDir;

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("cli: --fix-suggestions=patch writes to -o and exits as lint does") {
  TempDir d;
  d.write("app/compose.yaml", test::privileged_service());
  d.write("warn/compose.yaml",
          "services:\n  a:\n    image: x\n");  // warnings only (limits, healthcheck)
  d.write("broken/compose.yaml", test::privileged_service() + "  b: [\n");
  test::Chdir cd(d.path());

  // Standard output without -o: the patch, and exit 1 for the error it has not fixed yet.
  auto stdout_patch = run_cli({"lint", "--config", "/dev/null", "--fix-suggestions=patch", "app"});
  CHECK(stdout_patch.code == 1);
  CHECK(stdout_patch.out.find("+++ b/app/compose.yaml") != std::string::npos);
  CHECK(stdout_patch.out.find("-    privileged: true") != std::string::npos);

  auto to_file = run_cli(
      {"lint", "--config", "/dev/null", "--fix-suggestions=patch", "-o", "fixes.patch", "app"});
  CHECK(to_file.code == 1);
  CHECK(to_file.out.empty());
  CHECK(to_file.err.empty());
  CHECK(slurp("fixes.patch") == stdout_patch.out);

  CHECK(run_cli({"lint", "--config", "/dev/null", "--fix-suggestions=patch", "--fail-on", "never",
                 "-o", "never.patch", "app"})
            .code == 0);
  CHECK(run_cli({"lint", "--config", "/dev/null", "--fix-suggestions=patch", "-o", "warn.patch",
                 "warn"})
            .code == 0);
  CHECK(run_cli({"lint", "--config", "/dev/null", "--fix-suggestions=patch", "--fail-on", "warning",
                 "-o", "warn.patch", "warn"})
            .code == 1);
  auto broken = run_cli(
      {"lint", "--config", "/dev/null", "--fix-suggestions=patch", "-o", "broken.patch", "broken"});
  CHECK(broken.code == 2);
  CHECK(broken.out.empty());

  auto unwritable = run_cli({"lint", "--config", "/dev/null", "--fix-suggestions=patch", "-o",
                             "no/such/dir/x.patch", "app"});
  CHECK(unwritable.code == 2);
  CHECK(unwritable.err.find("cannot write 'no/such/dir/x.patch'") != std::string::npos);
}

TEST_CASE("cli: --fix-suggestions=patch writes --json-output and --sarif-output as well") {
  TempDir d;
  d.write("compose.yaml", test::privileged_service());
  test::Chdir cd(d.path());
  auto r =
      run_cli({"lint", "--config", "/dev/null", "--fix-suggestions=patch", "-o", "fixes.patch",
               "--json-output", "report.json", "--sarif-output", "report.sarif", "compose.yaml"});
  CHECK(r.code == 1);
  CHECK(r.out.empty());
  CHECK(slurp("fixes.patch").find("-    privileged: true") != std::string::npos);
  auto j = nlohmann::json::parse(slurp("report.json"));
  REQUIRE(j["findings"].size() == 1);
  CHECK(j["findings"][0]["ruleId"] == "SS201");
  CHECK(j["findings"][0].contains("fix"));  // the same fixes the patch holds
  auto s = nlohmann::json::parse(slurp("report.sarif"));
  REQUIRE(s["runs"][0]["results"].size() == 1);
  CHECK(s["runs"][0]["results"][0]["ruleId"] == "SS201");
}

TEST_CASE("cli: --fix-suggestions=patch refuses a report format") {
  TempDir d;
  d.write("compose.yaml", test::privileged_service());
  test::Chdir cd(d.path());
  for (const char* format : {"json", "sarif", "github"}) {
    CAPTURE(format);
    auto r = run_cli({"lint", "--config", "/dev/null", "--fix-suggestions=patch", "--format",
                      format, "compose.yaml"});
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find("--fix-suggestions=patch") != std::string::npos);
    CHECK(r.err.find(std::string("--format ") + format) != std::string::npos);
  }
  // text is the default, so saying it is fine.
  CHECK(run_cli({"lint", "--config", "/dev/null", "--fix-suggestions=patch", "--format", "text",
                 "compose.yaml"})
            .code == 1);
}

TEST_CASE("cli: --max-file-size is a number of MB above 0 and at most 4096") {
  TempDir d;
  d.write("compose.yaml", test::privileged_service());
  test::Chdir cd(d.path());
  // 2^44 MB is 2^64 bytes: it used to wrap to a limit of 0 bytes.
  for (const char* bad :
       {"17592186044416", "4096.5", "1e300", "0", "-1", "nan", "inf", "abc", ""}) {
    CAPTURE(bad);
    auto r = run_cli({"lint", "--config", "/dev/null", "--max-file-size", bad, "compose.yaml"});
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find("--max-file-size") != std::string::npos);
    CHECK(r.err.find("above 0 and at most 4096") != std::string::npos);
  }
  for (const char* good : {"4096", "0.5", "50"}) {
    CAPTURE(good);
    auto r = run_cli({"lint", "--config", "/dev/null", "--max-file-size", good, "compose.yaml"});
    CHECK(r.code == 1);  // the finding, no load error
    CHECK(r.err.empty());
  }
  // The limit still applies: a file over it is a load error.
  d.write("big/compose.yaml", test::privileged_service() + "# " + std::string(20000, 'x') + "\n");
  CHECK(run_cli({"lint", "--config", "/dev/null", "--max-file-size", "0.01", "big"}).code == 2);
}

TEST_CASE("cli: -j/--jobs is 0 (one per core) to 256") {
  TempDir d;
  d.write("compose.yaml", test::privileged_service());
  test::Chdir cd(d.path());
  for (std::vector<std::string> bad :
       std::vector<std::vector<std::string>>{{"-j", "-5"},
                                             {"--jobs=-1"},
                                             {"-j", "257"},
                                             {"--jobs", "4294967297"},
                                             {"-j", "two"},
                                             {"-j", "1.5"}}) {
    CAPTURE(bad.back());
    std::vector<std::string> args = {"lint", "--config", "/dev/null"};
    args.insert(args.end(), bad.begin(), bad.end());
    args.push_back("compose.yaml");
    auto r = run_cli(args);
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find("--jobs") != std::string::npos);
    CHECK(r.err.find("from 0 (one per core) to 256") != std::string::npos);
  }
  for (const char* good : {"0", "1", "256"}) {
    CAPTURE(good);
    auto r = run_cli({"lint", "--config", "/dev/null", "-j", good, "compose.yaml"});
    CHECK(r.code == 1);
    CHECK(r.err.empty());
  }
}
