// Every input the fuzzers ever crashed on (fuzz/regressions/<target>/) replayed through the
// same target function: a crash, a sanitizer report or a violated property fails the suite.
//
// The targets return nothing: a violated property (a fix that breaks the YAML, overlapping
// edits) aborts the process. So besides replaying each input, this test loads it the way its
// target does and asserts what it must give (the load error and its position, the services
// it holds), and re-checks the `fixes` target's property itself: every fix suggested for the
// input applies and leaves YAML that parses.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>

#include "../fuzz/harness.hpp"
#include "fix/fix.hpp"
#include "load/yaml_tree.hpp"
#include "test_util.hpp"

namespace fs = std::filesystem;
using namespace shipshape;

namespace {

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> parts_of(std::string_view data, size_t max_parts) {
  std::vector<std::string> parts;
  while (parts.size() + 1 < max_parts) {
    size_t sep = data.find(fuzz::kPartSeparator);
    if (sep == std::string_view::npos) break;
    parts.emplace_back(data.substr(0, sep));
    data.remove_prefix(sep + fuzz::kPartSeparator.size());
  }
  parts.emplace_back(data);
  return parts;
}

// An input loaded the way its fuzz target loads it (fuzz/harness.cpp), in a folder of its own.
struct Replay {
  test::TempDir dir;
  SourceFiles files;
  load::LoadResult r;
  std::string main_file;  ///< the file the input (or its first part) was written to

  Replay(const std::string& target, const std::string& data) {
    load::LoadOptions lo;
    lo.jobs = 1;
    lo.helm = "/nonexistent/helm";
    if (target == "compose") {
      static const char* names[] = {"compose.yaml", "compose.override.yaml", ".env", "common.yaml"};
      auto parts = parts_of(data, 4);
      for (size_t i = 0; i < parts.size(); ++i) dir.write(names[i], parts[i]);
      main_file = dir / "compose.yaml";
      lo.paths = {dir.path()};
    } else if (target == "fixes") {
      bool k8s = data.find("apiVersion") != std::string::npos;
      main_file = dir.write(k8s ? "rendered.yaml" : "compose.yaml", data);
      lo.paths = {main_file};
      lo.kind = k8s ? InputKind::kubernetes : InputKind::compose;
    } else if (target == "kubernetes" || target == "values") {
      main_file = dir.write(target == "values" ? "values.yaml" : "rendered.yaml", data);
      lo.paths = {main_file};
      lo.kind = target == "values" ? InputKind::values : InputKind::kubernetes;
    } else {
      FAIL("no loader for target " << target << ": add one to Replay");
    }
    r = load::load(lo, files);
  }

  std::vector<std::string> services() const {
    std::vector<std::string> names;
    for (const auto& w : r.model.workloads) names.push_back(w.name);
    return names;
  }
  const model::Container& container(const std::string& name) const {
    const auto* w = test::workload(r.model, name);
    REQUIRE_MESSAGE(w, "no workload " << name);
    REQUIRE(!w->containers.empty());
    return w->containers[0];
  }
};

// The one load error of an input that is not UTF-8, where the first bad byte is.
void check_invalid_utf8(const Replay& in, uint32_t line, uint32_t column) {
  REQUIRE_MESSAGE(in.r.errors.size() == 1, test::errors_of(in.r, in.files));
  const Error& e = in.r.errors[0];
  CHECK(e.message == "invalid UTF-8");
  CHECK(e.not_text);
  CHECK(in.files.path(e.at.file) == in.main_file);
  CHECK(e.at.line == line);
  CHECK(e.at.column == column);
  CHECK(in.r.model.workloads.empty());
  CHECK(in.r.model.configs.empty());
  CHECK(in.r.model.network_policies.empty());
  CHECK(in.r.model.values.empty());
}

// The fixes target's property, checked here: every suggested fix applies without overlap
// and leaves valid YAML. Returns the number of file changes checked.
size_t check_fixes_keep_yaml_valid(const Replay& in) {
  engine::Options eo;
  eo.jobs = 1;
  eo.today = "2026-01-01";
  auto findings = engine::run(in.r.model, config::default_config(), in.files, eo);
  auto fixes = fix::suggest(findings, in.r.model, in.files);
  size_t checked = 0;
  for (const auto& [index, s] : fixes)
    for (const auto& change : s.files) {
      if (change.created) continue;
      INFO("fix '" << s.description << "' on " << change.path);
      std::string before = read_all(change.path), after;
      REQUIRE(fix::apply(before, change.edits, after));
      CHECK(after != before);
      load::Arena a;
      auto parsed = load::parse_yaml(after, 0, a);
      CHECK_MESSAGE(parsed.errors.empty(), (parsed.errors.empty() ? "" : parsed.errors[0].message));
      ++checked;
    }
  return checked;
}

using Expectation = std::function<void(const Replay&)>;

// What each regression input must give, by "<target>/<file name>".
const std::map<std::string, Expectation>& expectations() {
  static const std::map<std::string, Expectation> table = {
      {"compose/invalid-utf8-image", [](const Replay& in) { check_invalid_utf8(in, 3, 14); }},
      {"compose/service-key-with-colon",
       [](const Replay& in) {
         REQUIRE_MESSAGE(in.r.errors.empty(), test::errors_of(in.r, in.files));
         CHECK(in.services() == std::vector<std::string>{"api:SSWO im legacy"});
         const auto* w = test::workload(in.r.model, "api:SSWO im legacy");
         REQUIRE(w);
         CHECK(w->ref.at.line == 2);
         CHECK(w->ref.at.column == 3);
         CHECK(w->subject() == "service api:SSWO im legacy");
         const auto& c = in.container("api:SSWO im legacy");
         CHECK(c.image.value == "examplerity_opt:0");
         CHECK(c.image.ref.at.line == 3);
         CHECK(c.image.ref.at.column == 12);
         CHECK_FALSE(c.security.privileged.set);
         CHECK(check_fixes_keep_yaml_valid(in) > 0);
       }},
      {"compose/service-key-with-colon-and-space",
       [](const Replay& in) {
         REQUIRE_MESSAGE(in.r.errors.empty(), test::errors_of(in.r, in.files));
         auto names = in.services();
         CHECK(std::set<std::string>(names.begin(), names.end()) ==
               std::set<std::string>{"dgedape:ignore prtitleivilb", "db", "cache"});
         const auto& odd = in.container("dgedape:ignore prtitleivilb");
         CHECK(odd.image.value == "postfres:16");
         REQUIRE(odd.ports.size() == 1);
         CHECK(odd.ports[0].host_port == "5432");
         CHECK(odd.ports[0].container_port == "5432");
         CHECK(odd.ports[0].ref.at.line == 5);
         const auto& db = in.container("db");
         REQUIRE(db.ports.size() == 1);
         CHECK(db.ports[0].host_port == "5432");
         CHECK(db.ports[0].ref.at.line == 9);
         const auto& cache = in.container("cache");
         CHECK(cache.image.value == "bitnami/redis:7.2");
         REQUIRE(cache.ports.size() == 1);
         CHECK(cache.ports[0].container_port == "6379");
         CHECK(cache.ports[0].host_port.empty());  // long syntax without `published`
         // `# expect: ...` comments name no ignore marker: none is recorded.
         CHECK(in.r.model.ignores.empty());
         CHECK(check_fixes_keep_yaml_valid(in) > 0);
       }},
      {"fixes/invalid-utf8-snippet", [](const Replay& in) { check_invalid_utf8(in, 26, 17); }},
      {"kubernetes/invalid-utf8-key", [](const Replay& in) { check_invalid_utf8(in, 16, 2); }},
      {"values/invalid-utf8-first-byte", [](const Replay& in) { check_invalid_utf8(in, 1, 1); }},
  };
  return table;
}

}  // namespace

TEST_CASE("fuzz regressions replay through their targets") {
  fs::path root = fs::path(SHIPSHAPE_SOURCE_DIR) / "fuzz" / "regressions";
  std::set<std::string> replayed;
  for (const auto& dir : fs::directory_iterator(root)) {
    std::string target_name = dir.path().filename().string();
    const auto* target = fuzz::find_target(target_name);
    INFO("directory " << dir.path().string());
    REQUIRE_MESSAGE(target != nullptr, "fuzz/regressions/ has a directory for an unknown target");
    CHECK(target->name == target_name);
    for (const auto& entry : fs::directory_iterator(dir.path())) {
      std::string data = read_all(entry.path());
      std::string key = target_name + "/" + entry.path().filename().string();
      INFO("input " << key);
      // Replayed through the target itself: a crash or a violated property aborts.
      target->run(reinterpret_cast<const uint8_t*>(data.data()), data.size());
      // And what it must give.
      auto it = expectations().find(key);
      REQUIRE_MESSAGE(it != expectations().end(),
                      "no expectation for " << key << ": add what it must give to expectations()");
      Replay in(target_name, data);
      it->second(in);
      replayed.insert(key);
    }
  }
  // Every expectation's input is still there and was replayed.
  for (const auto& [key, check] : expectations()) {
    INFO("expected input " << key);
    CHECK(replayed.count(key) == 1);
  }
  CHECK(replayed.size() == expectations().size());
}

TEST_CASE("every fuzz target runs on an empty and a small input") {
  const std::string small = "services:\n  a:\n    image: x\n#%%\nA=1\n";
  std::set<std::string> names;
  for (const auto& t : fuzz::targets()) {
    INFO("target " << t.name);
    t.run(reinterpret_cast<const uint8_t*>(""), 0);
    t.run(reinterpret_cast<const uint8_t*>(small.data()), small.size());
    CHECK(fuzz::find_target(t.name) == &t);
    CHECK_FALSE(t.seeds.empty());
    names.insert(std::string(t.name));
  }
  CHECK(names == std::set<std::string>{"compose", "config", "env", "fixes", "inventory",
                                       "kubernetes", "values", "yaml"});
  CHECK(fuzz::find_target("no-such-target") == nullptr);
  // What the compose target makes of the small input: its second part is the override file
  // (parts are compose.yaml, compose.override.yaml, .env, common.yaml), and `A=1` is no
  // compose file, so the project is a load error at the override's first line.
  Replay in("compose", small);
  REQUIRE(in.r.errors.size() == 1);
  CHECK(in.r.errors[0].message ==
        "expected a compose file (a mapping with 'services'), got a scalar");
  CHECK(in.files.path(in.r.errors[0].at.file) == in.dir / "compose.override.yaml");
  CHECK(in.r.errors[0].at.line == 1);
  CHECK(in.r.errors[0].at.column == 1);
  CHECK(in.r.model.workloads.empty());
  // The same text as a single file for the kubernetes-or-compose `fixes` target: one service.
  Replay one("fixes", small);
  REQUIRE_MESSAGE(one.r.errors.empty(), test::errors_of(one.r, one.files));
  CHECK(one.services() == std::vector<std::string>{"a"});
  CHECK(one.container("a").image.value == "x");
  CHECK(one.container("a").image.ref.at.line == 3);
}

TEST_CASE("fuzz inputs split into files at the part separator") {
  // compose.yaml, compose.override.yaml and .env from one input, as the compose target does.
  const std::string input = std::string("services:\n  api:\n    image: app:${TAG}\n") +
                            std::string(fuzz::kPartSeparator) +
                            "services:\n  api:\n    privileged: true\n" +
                            std::string(fuzz::kPartSeparator) + "TAG=2.1\n";
  fuzz::find_target("compose")->run(reinterpret_cast<const uint8_t*>(input.data()), input.size());
  Replay in("compose", input);
  REQUIRE_MESSAGE(in.r.errors.empty(), test::errors_of(in.r, in.files));
  const auto& c = in.container("api");
  CHECK(c.image.value == "app:2.1");
  CHECK(c.image.origin == model::Origin::env_file);
  CHECK(c.security.privileged.value);
  CHECK(in.files.path(c.security.privileged.ref.at.file).ends_with("compose.override.yaml"));
  CHECK(c.security.privileged.ref.at.line == 3);
}
