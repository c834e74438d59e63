// Helpers for tests: temporary directories with files, in-process CLI runs, model lookups.
#pragma once

#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.hpp"
#include "config/config.hpp"
#include "engine/engine.hpp"
#include "load/loader.hpp"
#include "rules/registry.hpp"

namespace shipshape::test {

/// A fresh directory under the system temp dir, removed on destruction.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "shipshape-test-XXXXXX").string();
    path_ = mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::permissions(path_, std::filesystem::perms::owner_all, ec);
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string operator/(const std::string& rel) const { return path_ + "/" + rel; }

  /// Writes `text` to `rel`, creating folders.
  std::string write(const std::string& rel, const std::string& text) const {
    std::string p = *this / rel;
    std::filesystem::create_directories(std::filesystem::path(p).parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }

 private:
  std::string path_;
};

/// Changes directory for the lifetime of the object.
class Chdir {
 public:
  explicit Chdir(const std::string& dir) : old_(std::filesystem::current_path()) {
    std::filesystem::current_path(dir);
  }
  ~Chdir() { std::filesystem::current_path(old_); }

 private:
  std::filesystem::path old_;
};

struct CliResult {
  int code;
  std::string out;
  std::string err;
};

/// Runs `shipshape <args>` in process.
inline CliResult run_cli(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  int code = cli::run(args, out, err);
  return {code, out.str(), err.str()};
}

/// Loads paths with default options (cwd unchanged).
inline load::LoadResult load_paths(SourceFiles& files, std::vector<std::string> paths,
                                   load::LoadOptions opt = {}) {
  opt.paths = std::move(paths);
  return load::load(opt, files);
}

/// Formats errors for failure messages.
inline std::string errors_of(const load::LoadResult& r, const SourceFiles& files) {
  std::string s;
  for (const auto& e : r.errors)
    s += files.path(e.at.file) + ":" + std::to_string(e.at.line) + ":" +
         std::to_string(e.at.column) + ": " + e.message + "\n";
  return s;
}

/// Every finding on a line, files by path, to compare runs that each had their own
/// SourceFiles; with `run_scoped`, only the findings of run-scoped rules (rules::Scope).
template <class Findings>
std::string findings_text(const Findings& findings, const SourceFiles& files,
                          bool run_scoped = false) {
  std::string out;
  for (const auto& f : findings) {
    if (run_scoped) {
      bool run = false;
      for (const auto& r : rules::registry())
        run |= r.id == f.rule_id && r.scope == rules::Scope::run;
      if (!run) continue;
    }
    out += files.path(f.ref.at.file) + ":" + std::to_string(f.ref.at.line) + ":" +
           std::to_string(f.ref.at.column) + " " + f.rule_id + " " +
           std::string(to_string(f.severity)) + " " + f.message + " [" + f.subject + "] " +
           f.suppression_reason + "\n";
  }
  return out;
}

/// Lints as the CLI does: each input checked as it loads, then dropped.
inline std::vector<engine::Finding> lint_streamed(load::LoadOptions opt, const config::Config& cfg,
                                                  SourceFiles& files,
                                                  std::vector<Error>* errors = nullptr) {
  engine::Checker checker(cfg, files);
  opt.consume = [&](size_t slot, model::Model&& m) { checker.add(slot, m); };
  auto loaded = load::load(opt, files);
  CHECK(loaded.model.workloads.empty());
  if (errors) *errors = loaded.errors;
  engine::Findings found = checker.finish();
  return {found.begin(), found.end()};
}

/// The findings of the run-scoped rules two ways: kept input by input (lint_streamed) and over
/// the whole model at once. Returns both findings_text, streamed first.
inline std::pair<std::string, std::string> run_scoped_both_ways(const load::LoadOptions& opt,
                                                                const config::Config& cfg) {
  SourceFiles whole_files, streamed_files;
  auto whole = load::load(opt, whole_files);
  return {findings_text(lint_streamed(opt, cfg, streamed_files), streamed_files, true),
          findings_text(engine::run(whole.model, cfg, whole_files), whole_files, true)};
}

/// A compose service that breaks exactly one rule, SS201 (privileged), at line 4 column 17.
inline std::string privileged_service(const std::string& name = "api") {
  return "services:\n  " + name + ":\n    image: x\n    privileged: true\n" +
         "    deploy: {resources: {limits: {memory: 64M, cpus: \"0.5\"}}}\n" +
         "    healthcheck: {test: [\"CMD\", \"/bin/check\"]}\n";
}

inline const model::Workload* workload(const model::Model& m, const std::string& name) {
  for (const auto& w : m.workloads)
    if (w.name == name) return &w;
  return nullptr;
}

inline const model::EnvVar* env(const model::Container& c, const std::string& name) {
  for (const auto& e : c.env)
    if (e.name == name) return &e;
  return nullptr;
}

}  // namespace shipshape::test
