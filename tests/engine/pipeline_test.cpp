// engine::load_and_check: the pipeline the CLI, the fuzz targets and the golden tests share.
// Each finding carries the kind of the input it is in, from the loader's data; the compliance
// report decides by it and by the rule's aspect.
#include <doctest/doctest.h>

#include <map>

#include "config/config.hpp"
#include "engine/engine.hpp"
#include "load/loader.hpp"
#include "report/compliance.hpp"
#include "report/report.hpp"
#include "test_util.hpp"

using namespace shipshape;

namespace {

engine::CheckedRun lint(const test::TempDir& d, SourceFiles& files, const config::Config& cfg,
                        bool keep, std::vector<std::string> more = {}) {
  load::LoadOptions lo;
  lo.paths = {d.path()};
  lo.paths.insert(lo.paths.end(), more.begin(), more.end());
  engine::Options eo;
  eo.today = "2026-01-01";
  return engine::load_and_check(load::loader(lo, files), cfg, files, eo, keep);
}

}  // namespace

TEST_CASE("pipeline: every finding carries the kind of the input it is in") {
  test::TempDir d;
  d.write("app/compose.yaml", "services:\n  api:\n    image: x\n    env_file: api.env\n");
  d.write("app/api.env", "SMTP_PASSWORD=compose-env-s3cret\n");
  d.write("k8s/deploy.yaml",
          "apiVersion: v1\nkind: Secret\nmetadata: {name: creds}\nstringData:\n  password: "
          "k8s-s3cret-value\n");
  d.write("chart/values.yaml", "auth:\n  password: values-s3cret\n");
  d.write("inventory/hosts.yml",
          "all:\n  hosts:\n    web01:\n      ansible_password: inv-s3cret-pw\n");
  d.write("prod.env", "API_TOKEN=env-file-token-value\n");  // a walk passes env files over: named
  SourceFiles files;
  auto cfg = config::default_config();
  auto run = lint(d, files, cfg, false, {d / "prod.env"});
  REQUIRE_MESSAGE(run.loaded.errors.empty(), run.loaded.errors.front().message);
  CHECK(run.model.workloads.empty());        // not kept
  std::map<std::string, InputKind> kind_of;  // by the file a SS101 finding points at
  for (const auto& f : run.findings)
    if (f.rule_id == "SS101")
      kind_of[files.path(f.ref.at.file).substr(d.path().size() + 1)] = f.input;
  CHECK(kind_of.at("app/api.env") == InputKind::compose);  // read by the compose project
  CHECK(kind_of.at("k8s/deploy.yaml") == InputKind::kubernetes);
  CHECK(kind_of.at("chart/values.yaml") == InputKind::values);
  CHECK(kind_of.at("inventory/hosts.yml") == InputKind::inventory);
  CHECK(kind_of.at("prod.env") == InputKind::env);
  for (size_t i = 0; i < run.findings.size(); ++i)
    CHECK(run.findings.view(i).input == run.findings[i].input);
}

TEST_CASE("pipeline: the compliance report counts a finding by its aspect and input kind") {
  test::TempDir d;
  d.write("compose.yaml", "services:\n  api:\n    image: x\n    pid: host\n");
  SourceFiles files;
  auto cfg = config::default_config();
  auto run = lint(d, files, cfg, true);
  REQUIRE(run.model.workloads.size() == 1);  // kept
  report::Report r{run.findings, run.loaded.errors, files, run.loaded.inputs, cfg.scanner.get()};
  auto c = report::build_compliance(r, run.model, cfg, /*git_provenance=*/false);
  std::map<std::string, std::string> status;
  for (const auto& cr : c.controls) status[cr.framework + " " + cr.id] = cr.status;
  CHECK(status.at("cis-docker 5.15") == "fail");  // the host's PID namespace
  CHECK(status.at("cis-docker 5.9") == "pass");   // not its network namespace
  CHECK(status.at("owasp-docker D05") == "fail");
  CHECK(status.at("cis-kubernetes 5.2.3-5.2.5") == "n/a");  // no Kubernetes input
}

TEST_CASE("pipeline: a loader that reports errors and no model still gives a run") {
  SourceFiles files;
  auto cfg = config::default_config();
  model::Loader broken = [&](const model::ModelConsumer&) {
    model::LoadSummary s;
    s.inputs = 1;
    s.errors.push_back(Error{"cannot read", Location{files.add("x.yaml"), 1, 1}});
    return s;
  };
  auto run = engine::load_and_check(broken, cfg, files, {}, true);
  CHECK(run.loaded.inputs == 1);
  REQUIRE(run.loaded.errors.size() == 1);
  CHECK(run.loaded.errors[0].message == "cannot read");
  CHECK(run.findings.empty());
}
