// The fixture harness: for every fixtures/rules/<id>-<slug>/, negative inputs must produce no
// finding of that rule, positive inputs must produce exactly expected.json, and every line
// anchored with `# expect: <id>` must be exactly a line with a finding of that rule.
// SHIPSHAPE_UPDATE_GOLDEN=1 rewrites expected.json (review the diff before committing).
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "config/config.hpp"
#include "engine/engine.hpp"
#include "load/loader.hpp"
#include "test_util.hpp"

namespace fs = std::filesystem;
using namespace shipshape;

namespace {

const fs::path kRoot = fs::path(SHIPSHAPE_SOURCE_DIR) / "fixtures" / "rules";

struct Outcome {
  std::vector<engine::Finding> findings;  // of the rule under test
  std::vector<Error> errors;
  SourceFiles files;
};

// Lints one fixture input (a file whose name says its kind, or a directory).
void lint_fixture(const fs::path& input, const std::string& rule_id, const fs::path& rule_dir,
                  Outcome& out) {
  // Lint from inside the rule's folder so paths (and goldens) do not depend on the checkout.
  struct Cd {
    fs::path old = fs::current_path();
    explicit Cd(const fs::path& d) { fs::current_path(d); }
    ~Cd() { fs::current_path(old); }
  } cd(rule_dir);
  load::LoadOptions opt;
  opt.paths = {input.filename().string()};
  opt.helm = "shipshape-fixtures-never-render";  // charts render the same with or without helm
  if (!fs::is_directory(input)) {
    std::string stem = input.stem().string();  // positive-name.compose
    auto dot = stem.find_last_of('.');
    if (dot != std::string::npos) opt.kind = load::parse_kind(stem.substr(dot + 1));
  }
  config::Config cfg;
  if (fs::exists("shipshape.yaml")) {
    auto c = config::load_config("shipshape.yaml", out.files);
    REQUIRE_MESSAGE(c, "bad fixture config: " << c.error().message);
    cfg = *c;
  }
  // Linted as the CLI lints: each input checked as it loads, then dropped. The run-scoped
  // rules, which see only what was kept of each input, find what they find in the whole model.
  out.findings = test::lint_streamed(opt, cfg, out.files, &out.errors);
  std::erase_if(out.findings, [&](const engine::Finding& f) { return f.rule_id != rule_id; });
  auto [streamed, whole] = test::run_scoped_both_ways(opt, cfg);
  CHECK(streamed == whole);
}

std::string relative(const std::string& path, const fs::path& rule_dir) {
  fs::path p(path);
  return p.is_absolute() ? p.lexically_relative(rule_dir).string() : p.lexically_normal().string();
}

// (file, line) pairs anchored with `# expect: ... <rule_id> ...` under `input`.
std::set<std::pair<std::string, uint32_t>> anchors(const fs::path& input, const std::string& id,
                                                   const fs::path& rule_dir) {
  std::set<std::pair<std::string, uint32_t>> out;
  std::regex re("#\\s*expect:\\s*([A-Za-z0-9, -]+)");
  std::vector<fs::path> files;
  if (fs::is_directory(input)) {
    for (const auto& e : fs::recursive_directory_iterator(input))
      if (e.is_regular_file()) files.push_back(e.path());
  } else {
    files.push_back(input);
  }
  for (const auto& f : files) {
    std::ifstream in(f);
    std::string line;
    uint32_t n = 0;
    while (std::getline(in, line)) {
      ++n;
      std::smatch m;
      if (std::regex_search(line, m, re) && m[1].str().find(id) != std::string::npos)
        out.insert({relative(f.string(), rule_dir), n});
    }
  }
  return out;
}

nlohmann::ordered_json to_json(const engine::Finding& f, const SourceFiles& files,
                               const fs::path& rule_dir) {
  return {{"file", relative(files.path(f.ref.at.file), rule_dir)},
          {"line", f.ref.at.line},
          {"column", f.ref.at.column},
          {"severity", std::string(to_string(f.severity))},
          {"message", f.message},
          {"subject", f.subject}};
}

std::vector<fs::path> inputs(const fs::path& dir, const std::string& prefix) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename().string().starts_with(prefix)) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("fixtures: every rule's positives match expected.json and negatives stay quiet") {
  REQUIRE(fs::is_directory(kRoot));
  bool update = std::getenv("SHIPSHAPE_UPDATE_GOLDEN") != nullptr;
  for (const auto& entry : fs::directory_iterator(kRoot)) {
    if (!entry.is_directory()) continue;
    fs::path dir = entry.path();
    std::string name = dir.filename().string();
    std::string id = name.substr(0, name.find('-'));
    SUBCASE(name.c_str()) {
      auto positives = inputs(dir, "positive-");
      auto negatives = inputs(dir, "negative-");
      CHECK_MESSAGE(!positives.empty(), name << " has no positive fixture");
      CHECK_MESSAGE(!negatives.empty(), name << " has no negative fixture");
      for (const auto& neg : negatives) {
        Outcome o;
        lint_fixture(neg, id, dir, o);
        CHECK_MESSAGE(o.errors.empty(),
                      neg << ": " << (o.errors.empty() ? "" : o.errors[0].message));
        for (const auto& f : o.findings)
          FAIL_CHECK(neg.filename() << ":" << f.ref.at.line << ": unexpected " << f.message);
        CHECK_MESSAGE(anchors(neg, id, dir).empty(), neg << " anchors a finding but is negative");
      }
      nlohmann::ordered_json actual = nlohmann::ordered_json::array();
      for (const auto& pos : positives) {
        Outcome o;
        lint_fixture(pos, id, dir, o);
        CHECK_MESSAGE(o.errors.empty(),
                      pos << ": " << (o.errors.empty() ? "" : o.errors[0].message));
        CHECK_MESSAGE(!o.findings.empty(), pos << " produces no " << id << " finding");
        std::set<std::pair<std::string, uint32_t>> lines;
        for (const auto& f : o.findings) {
          actual.push_back(to_json(f, o.files, dir));
          lines.insert({relative(o.files.path(f.ref.at.file), dir), f.ref.at.line});
        }
        auto anchored = anchors(pos, id, dir);
        auto show = [](const std::set<std::pair<std::string, uint32_t>>& s) {
          std::string out;
          for (const auto& [f, l] : s) out += " " + f + ":" + std::to_string(l);
          return out;
        };
        CHECK_MESSAGE(lines == anchored, pos << ": findings at" << show(lines) << " but `# expect: "
                                             << id << "` anchors at" << show(anchored));
      }
      fs::path golden = dir / "expected.json";
      if (update) std::ofstream(golden) << actual.dump(2) << "\n";
      REQUIRE_MESSAGE(fs::exists(golden), golden << " is missing");
      auto expected = nlohmann::ordered_json::parse(std::ifstream(golden));
      CHECK_MESSAGE(expected == actual, "expected:\n"
                                            << expected.dump(2) << "\nactual:\n"
                                            << actual.dump(2));
    }
  }
}
