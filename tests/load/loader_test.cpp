#include <doctest/doctest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

#include "test_util.hpp"

using namespace shipshape;
using test::TempDir;

namespace {

const char* kDeployment =
    "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n"
    "    spec:\n      containers:\n        - name: web\n          image: nginx\n"
    "          securityContext:\n            privileged: true\n";

// Sets an environment variable for the lifetime of the object.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (old_) setenv(name_, old_->c_str(), 1);
    else unsetenv(name_);
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

}  // namespace

TEST_CASE("discovery: kinds are detected / skipped folders are not entered") {
  TempDir d;
  d.write("app/docker-compose.yml", "services:\n  a:\n    image: x\n");
  d.write("app/stack.yml", "services:\n  b:\n    image: y\n");
  d.write("k8s/web.yaml", kDeployment);
  d.write("charts-values/values-prod.yaml", "password: x\n");
  d.write(".git/config.yaml", "services:\n  hidden:\n    image: z\n");
  d.write("node_modules/pkg/compose.yaml", "services:\n  hidden2:\n    image: z\n");
  d.write("vendor/compose.yaml", "services:\n  hidden3:\n    image: z\n");
  d.write(".github/workflows/ci.yml", "on: push\njobs: {}\n");
  d.write("README.md", "# not yaml\n");
  SourceFiles files;
  auto r = test::load_paths(files, {d.path()});
  REQUIRE_MESSAGE(r.errors.empty(), test::errors_of(r, files));
  CHECK(test::workload(r.model, "a"));
  CHECK(test::workload(r.model, "b"));
  CHECK(test::workload(r.model, "web"));
  CHECK_FALSE(test::workload(r.model, "hidden"));
  CHECK_FALSE(test::workload(r.model, "hidden2"));
  CHECK_FALSE(test::workload(r.model, "hidden3"));
  CHECK(r.model.values.size() == 1);  // values-prod.yaml; the workflow is none of ours
  CHECK(r.inputs == 4);
  REQUIRE(r.skipped.size() == 1);
  CHECK(r.skipped[0].second == "a GitHub Actions workflow");
  CHECK(r.model.notes.empty());
}

TEST_CASE("discovery: --kind overrides detection") {
  TempDir d;
  d.write("hosts.yaml", "web01:\n  ip: 10.0.0.1\n  password: x\n");
  SourceFiles files;
  load::LoadOptions opt;
  opt.kind = load::InputKind::values;
  auto r = test::load_paths(files, {d / "hosts.yaml"}, opt);
  CHECK(r.model.values.size() == 1);
  CHECK(r.model.inventories.empty());
}

TEST_CASE("discovery: FIFOs / sockets / symlink loops and dangling links never block") {
  TempDir d;
  d.write("ok/compose.yaml", "services:\n  ok:\n    image: x\n");
  REQUIRE(mkfifo((d / "pipe.yaml").c_str(), 0600) == 0);
  std::filesystem::create_directory_symlink(d.path(), d / "loop");
  std::filesystem::create_symlink(d / "missing.yaml", d / "dangling.yaml");
  SourceFiles files;
  auto r = test::load_paths(files, {d.path()});
  CHECK(r.errors.empty());
  CHECK(test::workload(r.model, "ok"));
  SourceFiles files2;
  auto explicit_fifo = test::load_paths(files2, {d / "pipe.yaml"});
  REQUIRE(explicit_fifo.errors.size() == 1);
  CHECK(explicit_fifo.errors[0].message == "not a regular file (a FIFO); skipped");
}

TEST_CASE("helm charts: values files load - without helm one note explains how to render") {
  TempDir d;
  d.write("chart/Chart.yaml", "apiVersion: v2\nname: shop\nversion: 1.0.0\n");
  d.write("chart/values.yaml", "auth:\n  password: hunter2\n");
  d.write("chart/values-prod.yaml", "auth:\n  password: other\n");
  d.write("chart/templates/deploy.yaml",
          "{{- if .Values.x }}\nkind: {{ .Values.kind }}\n{{- end }}\n");
  ScopedEnv path("PATH", d / "nowhere");
  SourceFiles files;
  auto r = test::load_paths(files, {d / "chart"});
  REQUIRE_MESSAGE(r.errors.empty(), test::errors_of(r, files));
  CHECK(r.model.values.size() == 2);
  REQUIRE(r.model.notes.size() == 1);
  CHECK(r.model.notes[0].message.find("helm is not on PATH") != std::string::npos);
  CHECK(r.model.notes[0].message.find("helm template") != std::string::npos);
}

TEST_CASE("helm charts: with helm on PATH / each --helm-values file is rendered and linted") {
  TempDir d;
  d.write("chart/Chart.yaml", "apiVersion: v2\nname: shop\nversion: 1.0.0\n");
  d.write("chart/values.yaml", "privileged: false\n");
  d.write("chart/values-prod.yaml", "privileged: true\n");
  d.write("chart/templates/deploy.yaml", "{{ not yaml }}\n");
  // A stub helm: prints a rendered stream whose container name says which values file it got.
  std::string stub =
      d.write("bin/helm",
              "#!/bin/sh\n"
              "name=default\n"
              "while [ $# -gt 0 ]; do\n"
              "  if [ \"$1\" = --values ]; then name=$(basename \"$2\" .yaml); fi\n"
              "  shift\n"
              "done\n"
              "printf -- '---\\n# Source: shop/templates/deploy.yaml\\n'\n"
              "printf 'apiVersion: v1\\nkind: Pod\\nmetadata:\\n  name: %s\\n' \"$name\"\n"
              "printf 'spec:\\n  containers:\\n    - name: c\\n      image: x\\n'\n");
  chmod(stub.c_str(), 0755);
  ScopedEnv path("PATH", d / "bin" + ":" + std::getenv("PATH"));
  SourceFiles files;
  load::LoadOptions opt;
  opt.helm_values = {d / "chart/values.yaml", d / "chart/values-prod.yaml"};
  auto r = test::load_paths(files, {d / "chart"}, opt);
  REQUIRE_MESSAGE(r.errors.empty(), test::errors_of(r, files));
  const auto* prod = test::workload(r.model, "values-prod");
  REQUIRE(prod);
  CHECK(test::workload(r.model, "values"));
  CHECK(files.helm_source(prod->ref.at) == "shop/templates/deploy.yaml");
  CHECK(files.path(prod->ref.at.file).find("helm template") != std::string::npos);
  CHECK(files.kept_text(prod->ref.at.file).has_value());
  CHECK(r.model.notes.empty());
}

TEST_CASE("helm charts: names from the tree reach helm as operands / never as flags") {
  TempDir d;
  // A chart folder and a values file whose names are helm flags: as flags, helm would run
  // `sh` as a post-renderer.
  d.write("--post-renderer=sh/Chart.yaml", "apiVersion: v2\nname: evil\nversion: 1.0.0\n");
  d.write("--post-renderer=sh/-f.yaml", "a: 1\n");
  std::string log = d / "argv.log";
  std::string stub =
      d.write("bin/helm",
              "#!/bin/sh\n"
              "for a in \"$@\"; do printf '%s\\n' \"$a\" >> '" +
                  log +
                  "'; done\n"
                  "echo 'apiVersion: v1' ; echo 'kind: ConfigMap'; echo 'metadata: {name: x}'\n");
  chmod(stub.c_str(), 0755);
  ScopedEnv path("PATH", d / "bin" + ":" + std::getenv("PATH"));
  SourceFiles files;
  load::LoadOptions opt;
  opt.helm_values = {"-f.yaml"};
  std::string cwd = std::filesystem::current_path();
  std::filesystem::current_path(d.path());
  auto r = test::load_paths(files, {"."}, opt);
  std::filesystem::current_path(cwd);
  std::ifstream in(log);
  std::vector<std::string> argv;
  for (std::string line; std::getline(in, line);) argv.push_back(line);
  std::vector<std::string> want = {"template", "--values",  "./-f.yaml",
                                   "--",       "shipshape", "./--post-renderer=sh"};
  CHECK(argv == want);
  // Every word before `--` that starts with `-` is one of ours.
  for (size_t i = 0; i < argv.size() && argv[i] != "--"; ++i)
    if (argv[i].starts_with("-")) CHECK(argv[i] == "--values");
}

TEST_CASE("helm charts: a failing render is an error for that chart only") {
  TempDir d;
  d.write("chart/Chart.yaml", "apiVersion: v2\nname: shop\nversion: 1.0.0\n");
  d.write("other/compose.yaml", "services:\n  ok:\n    image: x\n");
  std::string stub =
      d.write("bin/helm", "#!/bin/sh\necho 'Error: parse error in deploy.yaml' >&2\nexit 1\n");
  chmod(stub.c_str(), 0755);
  ScopedEnv path("PATH", d / "bin" + ":" + std::getenv("PATH"));
  SourceFiles files;
  auto r = test::load_paths(files, {d.path()});
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].message == "helm template failed (exit 1): Error: parse error in deploy.yaml");
  CHECK(test::workload(r.model, "ok"));
}

TEST_CASE(
    "discovery: in a real repository only deployment files are read / other YAML is skipped and "
    "counted") {
  TempDir d;
  // Ours.
  d.write("deploy/compose.yaml", test::privileged_service("web"));
  d.write("deploy/stack.yml", test::privileged_service("stack"));  // compose by content
  d.write("k8s/pod.yaml", kDeployment);
  d.write("chart/Chart.yaml", "apiVersion: v2\nname: shop\nversion: 1.0.0\n");
  d.write("chart/prod-values.yaml", "image: {tag: \"1.0\"}\n");  // values beside a Chart.yaml
  d.write("values.yaml", "replicas: 2\n");
  d.write("inventory/group_vars/all.yml", "ntp_server: pool.ntp.org\n");
  d.write("ansible/roles/db/defaults/main.yml", "db_port: 5432\n");
  d.write("hosts.yml", "all:\n  hosts:\n    web01: {ansible_host: 10.0.0.1}\n");
  // Not ours: each would have been a load error or a finding.
  d.write(".gitlab-ci.yml", "stages: [test]\nservices: [postgres:16]\ntest:\n  script: [make]\n");
  d.write(".github/workflows/ci.yml",
          "on: push\njobs:\n  t:\n    services:\n      db:\n        image: postgres\n"
          "        env: {POSTGRES_PASSWORD: postgres}\n");
  d.write("docs/openapi.yaml", "openapi: 3.0.0\ninfo: {title: x, version: '1'}\npaths: {}\n");
  d.write("mkdocs.yml", "site_name: Docs\nnav: []\n");
  d.write(".github/dependabot.yml", "version: 2\nupdates: []\n");
  d.write(
      "k8s/kustomization.yaml",
      "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [pod.yaml]\n");
  d.write("ci/woodpecker.yml", "steps:\n  - name: t\nservices:\n  db:\n    image: postgres\n");
  SourceFiles files;
  auto r = test::load_paths(files, {d.path()});
  REQUIRE_MESSAGE(r.errors.empty(), test::errors_of(r, files));
  CHECK(test::workload(r.model, "web"));
  CHECK(test::workload(r.model, "stack"));
  CHECK(test::workload(r.model, "web") != nullptr);
  CHECK(r.model.values.size() == 2);
  CHECK(r.model.inventories.size() == 3);
  std::map<std::string, std::string> skipped;
  for (const auto& [path, looks] : r.skipped)
    skipped[std::filesystem::path(path).filename().string()] = looks;
  CHECK(skipped.size() == 7);
  CHECK(skipped[".gitlab-ci.yml"] == "a GitLab CI configuration");
  CHECK(skipped["ci.yml"] == "a GitHub Actions workflow");
  CHECK(skipped["openapi.yaml"] == "an OpenAPI document");
  CHECK(skipped["mkdocs.yml"] == "an MkDocs configuration");
  CHECK(skipped["dependabot.yml"] == "a Dependabot configuration");
  CHECK(skipped["kustomization.yaml"] ==
        "a tool's configuration in Kubernetes style (not an API object)");
  CHECK(skipped.count("woodpecker.yml"));
  CHECK(r.inputs == 8);  // the eight of ours; the chart itself is rendered only with helm
}

TEST_CASE("discovery: exclude globs / folders are not entered and files are passed over") {
  TempDir d;
  d.write("app/compose.yaml", test::privileged_service("app"));
  d.write("legacy/compose.yaml", test::privileged_service("old"));
  d.write("app/testdata/compose.yaml", test::privileged_service("fixture"));
  d.write("app/compose.tmpl.yaml", test::privileged_service("tmpl"));
  SourceFiles files;
  load::LoadOptions opt;
  opt.exclude = {"legacy/**", "testdata/", "*.tmpl.yaml"};
  auto r = test::load_paths(files, {d.path()}, opt);
  CHECK(test::workload(r.model, "app"));
  CHECK_FALSE(test::workload(r.model, "old"));
  CHECK_FALSE(test::workload(r.model, "fixture"));
  CHECK_FALSE(test::workload(r.model, "tmpl"));
  // Named, an excluded file is read.
  auto named = test::load_paths(files, {d / "legacy/compose.yaml"}, opt);
  CHECK(test::workload(named.model, "old"));
}
