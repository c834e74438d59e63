// Reporter goldens: one mixed input set through the engine, each format compared byte for
// byte with tests/golden/expected.*. The version, the docs URL and the SARIF source root are
// fixed or scrubbed. SHIPSHAPE_UPDATE_GOLDEN=1 rewrites them (review the diff).
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "config/config.hpp"
#include "engine/engine.hpp"
#include "load/loader.hpp"
#include "report/compliance.hpp"
#include "report/report.hpp"
#include "test_util.hpp"

namespace fs = std::filesystem;
using namespace shipshape;

namespace {

void replace_all(std::string& s, const std::string& what, const std::string& with) {
  for (size_t p = 0; (p = s.find(what, p)) != std::string::npos; p += with.size())
    s.replace(p, what.size(), with);
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The golden input (tests/golden/input, the current directory) through load and engine.
struct GoldenRun {
  SourceFiles files;
  config::Config cfg = config::default_config();
  model::LoadSummary loaded;
  model::Model run_model;
  engine::Findings findings;

  GoldenRun() {
    load::LoadOptions lo;
    lo.paths = {"."};
    engine::Options eo;
    eo.today = "2026-01-01";
    auto checked =
        engine::load_and_check(load::loader(lo, files), cfg, files, eo, /*keep_model=*/true);
    loaded = std::move(checked.loaded);
    run_model = std::move(checked.model);
    findings = std::move(checked.findings);
  }
  report::Report report() const {
    return report::Report{findings, loaded.errors, files, loaded.inputs, cfg.scanner.get()};
  }
};

}  // namespace

TEST_CASE("reporters: text / json / sarif / github goldens") {
  fs::path golden = fs::path(SHIPSHAPE_SOURCE_DIR) / "tests" / "golden";
  test::Chdir cd((golden / "input").string());
  GoldenRun run;
  report::Report r = run.report();
  report::Options o;
  o.srcroot = "/SRCROOT/";
  bool update = std::getenv("SHIPSHAPE_UPDATE_GOLDEN") != nullptr;
  for (const auto& [format, ext] :
       {std::pair{"text", "txt"}, std::pair{"json", "json"}, std::pair{"sarif", "sarif"},
        std::pair{"github", "github.txt"}}) {
    std::ostringstream out;
    report::find_format(format)->write(r, o, out);
    std::string got = out.str();
    replace_all(got, std::string(report::docs_url()), "https://DOCS/");
    replace_all(got, "\"" + std::string(report::version()) + "\"", "\"VERSION\"");
    fs::path want = golden / (std::string("expected.") + ext);
    if (update) std::ofstream(want, std::ios::binary) << got;
    CHECK_MESSAGE(slurp(want) == got, format << " output differs from " << want);
  }
  std::string summary = report::github_summary(r);
  fs::path want = golden / "expected.summary.md";
  if (update) std::ofstream(want, std::ios::binary) << summary;
  CHECK(slurp(want) == summary);
}

TEST_CASE("compliance report: markdown and json goldens") {
  fs::path golden = fs::path(SHIPSHAPE_SOURCE_DIR) / "tests" / "golden";
  test::Chdir cd((golden / "input").string());
  GoldenRun run;
  report::Report r = run.report();
  auto c = report::build_compliance(r, run.run_model, run.cfg);
  // The volatile parts of the audit block.
  c.audit.generated = "2026-01-01T00:00:00Z";
  c.audit.tool_version = "VERSION";
  c.audit.in_git = true;
  c.audit.git_commit = "COMMIT";
  c.audit.git_dirty = false;
  CHECK(c.verdict == "INCOMPLETE");  // broken.yaml did not load
  CHECK(c.audit.inputs.size() == 3);
  bool update = std::getenv("SHIPSHAPE_UPDATE_GOLDEN") != nullptr;
  using Writer = void (*)(const report::Compliance&, std::ostream&);
  const std::pair<const char*, Writer> writers[] = {
      {"expected.compliance.md", report::write_compliance_markdown},
      {"expected.compliance.json", report::write_compliance_json}};
  for (const auto& [name, write] : writers) {
    std::ostringstream out;
    write(c, out);
    fs::path want = golden / name;
    if (update) std::ofstream(want, std::ios::binary) << out.str();
    CHECK_MESSAGE(slurp(want) == out.str(), want << " differs");
  }
}
