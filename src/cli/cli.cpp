#include "cli/cli.hpp"

#include <unistd.h>

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "catalog/catalog.hpp"
#include "config/config.hpp"
#include "core/utf8.hpp"
#include "engine/engine.hpp"
#include "fix/fix.hpp"
#include "load/loader.hpp"
#include "report/compliance.hpp"
#include "report/docs.hpp"
#include "report/report.hpp"

namespace shipshape::cli {

namespace {

// What `lint` and `report` read: the same options on both.
struct Inputs {
  std::vector<std::string> paths;
  std::vector<std::string> exclude;
  std::string config;
  std::vector<std::string> files;
  std::string env_file;
  std::string kind;
  std::vector<std::string> helm_values;
};

void add_input_options(CLI::App* cmd, Inputs& in) {
  cmd->add_option("paths", in.paths, "files, directories or - for standard input");
  cmd->add_option("--config", in.config, "config file (default: .shipshape.yaml here or above)");
  // Each repeatable option takes one value per use: `--exclude x path` leaves `path` a path.
  cmd->add_option("-f,--file", in.files, "compose files merged in order, as docker compose -f")
      ->allow_extra_args(false);
  cmd->add_option("--env-file", in.env_file, "env file for compose interpolation (default: .env)");
  cmd->add_option("--kind", in.kind, "treat inputs as this kind")
      ->check(CLI::IsMember({"compose", "k8s", "kubernetes", "values", "inventory", "env"}));
  cmd->add_option("--helm-values", in.helm_values, "render charts once per values FILE")
      ->allow_extra_args(false);
  cmd->add_option(
         "--exclude", in.exclude,
         "a walk passes over paths matching GLOB (repeatable; added to the config's exclude:)")
      ->allow_extra_args(false);
}

struct LintArgs {
  Inputs in;
  std::string format = "text";
  std::string output;
  std::string sarif_output;
  std::string json_output;
  std::string fail_on = "error";
  std::string baseline;
  std::string write_baseline;
  std::optional<double> max_file_mb;  ///< overrides the config's limits.max_file_mb
  int jobs = 0;
  bool no_color = false;
  bool quiet = false;
  bool verbose = false;
  bool no_inline_ignores = false;
  bool show_suppressed = false;
  bool pre_commit = false;
  std::string fix_mode;  ///< "" (off), "show" or "patch"
};

// A progress line on a terminal for runs longer than two seconds: files done / total and
// MB/s. Never in CI logs or when stderr is not a terminal.
class Progress {
 public:
  explicit Progress(std::ostream& err)
      : err_(err),
        start_(std::chrono::steady_clock::now()),
        enabled_(&err == &std::cerr && isatty(STDERR_FILENO) && !std::getenv("CI")) {}
  bool enabled() const { return enabled_; }
  void tick(size_t total, uint64_t bytes) {
    std::lock_guard lock(mu_);
    ++done_;
    bytes_ += bytes;
    auto now = std::chrono::steady_clock::now();
    double secs = std::chrono::duration<double>(now - start_).count();
    if (secs < 2.0 || now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    shown_ = true;
    err_ << "\r\033[Kshipshape: " << done_ << "/" << total << " inputs, "
         << fmt::format("{:.1f} MB/s, {} s", bytes_ / 1048576.0 / secs, static_cast<int>(secs))
         << std::flush;
  }
  void done() {
    if (shown_) err_ << "\r\033[K" << std::flush;
  }

 private:
  std::ostream& err_;
  std::chrono::steady_clock::time_point start_, last_{};
  bool enabled_;
  bool shown_ = false;
  uint64_t bytes_ = 0;
  size_t done_ = 0;
  std::mutex mu_;
};

// Fingerprints of a baseline: a JSON report (findings[].fingerprint) or SARIF
// (results[].partialFingerprints["shipshape/v1"]). Counted, so two equal findings need two.
Expected<std::map<std::string, int>> read_baseline(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Error{"cannot read the baseline '" + path + "'", {}};
  auto doc = nlohmann::json::parse(in, nullptr, false);
  if (doc.is_discarded()) return Error{"the baseline '" + path + "' is not JSON", {}};
  std::map<std::string, int> out;
  if (doc.contains("findings") && doc["findings"].is_array()) {
    for (const auto& f : doc["findings"])
      if (f.contains("fingerprint") && f["fingerprint"].is_string()) ++out[f["fingerprint"]];
  } else if (doc.contains("runs") && doc["runs"].is_array()) {
    for (const auto& run : doc["runs"])
      for (const auto& r : run.value("results", nlohmann::json::array()))
        if (r.contains("partialFingerprints") &&
            r["partialFingerprints"].contains("shipshape/v1") && !r.contains("suppressions"))
          ++out[r["partialFingerprints"]["shipshape/v1"]];
  } else {
    return Error{"the baseline '" + path + "' is neither a shipshape JSON report nor SARIF", {}};
  }
  return out;
}

bool write_to(const std::string& path, const report::Format& format, const report::Report& r,
              const report::Options& o, std::ostream& err) {
  std::ofstream out(path, std::ios::binary);
  if (!out) {
    err << "shipshape: cannot write '" << path << "'\n";
    return false;
  }
  format.write(r, o, out);
  return true;
}

// Pre-commit passes the staged files: lint the whole tree so cross-file checks see
// everything, and keep what is located in those files. The secrets of the findings dropped are
// added to `secrets`: a line shown for another finding may still hold them.
void keep_only(const std::vector<std::string>& paths, engine::Findings& findings,
               std::vector<Error>& errors, const SourceFiles& files,
               std::vector<std::string>& secrets) {
  std::set<std::string> wanted;
  for (const auto& p : paths) wanted.insert(std::filesystem::path(p).lexically_normal().string());
  auto in = [&](uint32_t file) {
    return wanted.count(std::filesystem::path(files.path(file)).lexically_normal().string()) > 0;
  };
  findings.erase_if([&](size_t i) {
    if (in(findings.view(i).at.file)) return false;
    for (std::string& s : findings.redactions(i)) secrets.push_back(std::move(s));
    return true;
  });
  std::erase_if(errors, [&](const Error& e) { return !in(e.at.file); });
}

// The config, or nullopt after printing its error (file:line:col) to err.
std::optional<config::Config> config_or_report(const std::string& path, SourceFiles& files,
                                               std::ostream& err) {
  auto cfg = config::load_config(path, files);
  if (cfg) return std::move(*cfg);
  const Error& e = cfg.error();
  // The config is the tree's too: its keys and names are shown escaped.
  err << visible(e.at.file ? files.path(e.at.file) : std::string("config")) << ":" << e.at.line
      << ":" << e.at.column << ": config error: " << visible(e.message) << "\n";
  return std::nullopt;
}

// What `lint` and `report` load: paths (default .), -f files, --env-file, --kind, --helm-values,
// within the config's limits.
load::LoadOptions load_options(const config::Config& cfg, const Inputs& in) {
  load::LoadOptions lo;
  lo.limits = cfg.limits;
  lo.paths = in.paths;
  if (lo.paths.empty() && in.files.empty()) lo.paths.push_back(".");
  lo.exclude = cfg.exclude;
  lo.exclude.insert(lo.exclude.end(), in.exclude.begin(), in.exclude.end());
  lo.compose_files = in.files;
  lo.env_file = in.env_file;
  if (!in.kind.empty()) lo.kind = load::parse_kind(in.kind);
  lo.helm_values = in.helm_values;
  return lo;
}

// --max-file-size: MB, above 0 and at most 4096 (4 GiB), the ceiling limits.max_file_mb has in
// the config; a larger number would overflow the byte count and switch the limit off.
std::string max_file_size_check(const std::string& s) {
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec == std::errc() && end == s.data() + s.size() && v > 0 && v <= 4096) return "";
  return "expected a number of MB above 0 and at most 4096 (4 GiB), got '" + s + "'";
}

// -j/--jobs: 0 (one thread per core) to 256.
std::string jobs_check(const std::string& s) {
  int v = -1;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec == std::errc() && end == s.data() + s.size() && v >= 0 && v <= 256) return "";
  return "expected a whole number of threads from 0 (one per core) to 256, got '" + s + "'";
}

// Writes `text` to `path`; false after telling err.
bool write_file(const std::string& path, std::string_view text, std::ostream& err) {
  std::ofstream out(path, std::ios::binary);
  if (out) out.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (!out) {
    err << "shipshape: cannot write '" << path << "'\n";
    return false;
  }
  return true;
}

int lint(const LintArgs& a, std::ostream& out, std::ostream& err) {
  const report::Format* format = report::find_format(a.format);
  if (!format) {
    err << "shipshape: unknown format '" << a.format << "'\n";
    return 2;
  }
  if (a.fix_mode == "patch" && a.format != "text") {
    err << "shipshape: --fix-suggestions=patch writes a patch, not a report: it cannot be combined "
           "with --format "
        << a.format << " (--json-output FILE and --sarif-output FILE write reports as well)\n";
    return 2;
  }
  SourceFiles files;
  auto cfg = config_or_report(a.in.config, files, err);
  if (!cfg) return 2;
  std::map<std::string, int> baseline;
  if (!a.baseline.empty()) {
    auto b = read_baseline(a.baseline);
    if (!b) {
      err << "shipshape: " << b.error().message << "\n";
      return 2;
    }
    baseline = std::move(*b);
  }
  load::LoadOptions lo = load_options(*cfg, a.in);
  if (a.pre_commit) lo.paths = {"."};  // the whole tree; findings are kept for the paths given
  if (a.max_file_mb) lo.limits.max_file_bytes = static_cast<uint64_t>(*a.max_file_mb * 1048576.0);
  lo.jobs = a.jobs > 0 ? static_cast<size_t>(a.jobs) : 0;
  Progress progress(err);
  if (progress.enabled())
    lo.progress = [&](size_t, size_t total, uint64_t bytes) { progress.tick(total, bytes); };
  engine::Options eo;
  eo.inline_ignores = !a.no_inline_ignores;
  eo.jobs = lo.jobs;
  // Named, not a structured binding: the filters below capture it in lambdas.
  engine::CheckedRun checked = engine::load_and_check(load::loader(std::move(lo), files), *cfg,
                                                      files, eo, !a.fix_mode.empty());
  model::LoadSummary& loaded = checked.loaded;
  engine::Findings& findings = checked.findings;
  progress.done();
  // Every secret found stays masked in what is shown, even when its finding is filtered out.
  std::vector<std::string> secrets;
  if (a.pre_commit) keep_only(a.in.paths, findings, loaded.errors, files, secrets);

  report::Report r{findings, loaded.errors, files, loaded.inputs, cfg->scanner.get()};
  r.more_secrets = std::move(secrets);
  r.skipped = &loaded.skipped;
  r.verbose = a.verbose;
  if (!a.write_baseline.empty() &&
      !write_to(a.write_baseline, *report::find_format("json"), r, report::Options{}, err))
    return 2;
  if (!baseline.empty()) {
    findings.erase_if([&](size_t i) {
      engine::FindingView f = findings.view(i);
      auto it = baseline.find(findings.fingerprint(i, files.path(f.at.file)));
      if (it == baseline.end() || it->second == 0) return false;
      --it->second;
      ++r.baselined;
      for (std::string& s : findings.redactions(i)) r.more_secrets.push_back(std::move(s));
      return true;
    });
  }

  // =patch: the patch goes where the report would (-o or standard output); --json-output and
  // --sarif-output still get their reports, with the fixes in them; the exit code is lint's.
  bool patch = a.fix_mode == "patch";
  std::map<size_t, fix::Suggestion> fixes;
  if (a.fix_mode == "show" || (patch && (!a.json_output.empty() || !a.sarif_output.empty()))) {
    fixes = fix::suggest(findings, checked.model, files, !cfg->tiers.empty());
    r.fixes = &fixes;
  }

  report::Options ro;
  ro.quiet = a.quiet;
  ro.show_suppressed = a.show_suppressed;
  ro.color = a.output.empty() && !a.no_color && std::getenv("NO_COLOR") == nullptr &&
             &out == &std::cout && isatty(STDOUT_FILENO);
  if (patch) {
    std::string text = fix::combined_patch(findings, checked.model, files, !cfg->tiers.empty());
    if (a.output.empty()) out << text;
    else if (!write_file(a.output, text, err)) return 2;
  } else if (!a.output.empty()) {
    if (!write_to(a.output, *format, r, ro, err)) return 2;
  } else {
    format->write(r, ro, out);
  }
  if (!a.sarif_output.empty() &&
      !write_to(a.sarif_output, *report::find_format("sarif"), r, ro, err))
    return 2;
  if (!a.json_output.empty() && !write_to(a.json_output, *report::find_format("json"), r, ro, err))
    return 2;
  if (a.format == "github")
    if (const char* summary = std::getenv("GITHUB_STEP_SUMMARY"); summary && *summary)
      std::ofstream(summary, std::ios::app) << report::github_summary(r);

  if (!loaded.errors.empty()) return 2;
  if (a.fail_on == "never") return 0;
  Severity threshold = *parse_severity(a.fail_on);
  for (size_t i = 0; i < findings.size(); ++i)
    if (engine::FindingView f = findings.view(i); !f.suppressed() && f.severity >= threshold)
      return 1;
  return 0;
}

struct ReportArgs {
  Inputs in;
  std::string format = "html";
  std::string output;
};

int compliance(const ReportArgs& a, std::ostream& out, std::ostream& err) {
  SourceFiles files;
  auto cfg = config_or_report(a.in.config, files, err);
  if (!cfg) return 2;
  auto [loaded, run_model, findings] =
      engine::load_and_check(load::loader(load_options(*cfg, a.in), files), *cfg, files, {}, true);
  report::Report r{findings, loaded.errors, files, loaded.inputs, cfg->scanner.get()};
  auto c = report::build_compliance(r, run_model, *cfg);
  std::ofstream file_out;
  std::ostream* sink = &out;
  if (!a.output.empty()) {
    file_out.open(a.output, std::ios::binary);
    if (!file_out) {
      err << "shipshape: cannot write '" << a.output << "'\n";
      return 2;
    }
    sink = &file_out;
  }
  if (a.format == "json") report::write_compliance_json(c, *sink);
  else if (a.format == "markdown") report::write_compliance_markdown(c, *sink);
  else report::write_compliance_html(c, *sink);
  if (!loaded.errors.empty()) return 2;
  return c.verdict == "FAIL" ? 1 : 0;
}

int list_rules(const std::string& format, std::ostream& out) {
  if (format == "json") {
    nlohmann::ordered_json rules = nlohmann::ordered_json::array();
    for (const auto& m : catalog::rules())
      rules.push_back({{"id", m.id},
                       {"slug", m.slug},
                       {"category", m.category},
                       {"severity", std::string(to_string(m.severity))},
                       {"title", m.title},
                       {"helpUri", m.help_uri}});
    out << report::json_text(nlohmann::ordered_json{{"rules", rules}}) << "\n";
    return 0;
  }
  for (const auto& m : catalog::rules())
    out << m.id << "  " << m.slug << "  [" << to_string(m.severity) << ", " << m.category << "]  "
        << m.title << "\n";
  return 0;
}

}  // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CLI::App app{
      "shipshape: a policy linter for compose files, rendered Helm, values and inventories",
      "shipshape"};
  app.set_version_flag("--version", std::string("shipshape ") + std::string(report::version()));
  app.require_subcommand(1);

  LintArgs la;
  CLI::App* lint_cmd =
      app.add_subcommand("lint", "lint files and directories (default: .); '-' reads stdin");
  add_input_options(lint_cmd, la.in);
  lint_cmd->add_option("--format", la.format, "output format: text, json, sarif or github")
      ->check(CLI::IsMember({"text", "json", "sarif", "github"}));
  lint_cmd->add_option("-o,--output", la.output, "write the report to FILE");
  lint_cmd->add_option("--sarif-output", la.sarif_output, "also write SARIF 2.1.0 to FILE");
  lint_cmd->add_option("--json-output", la.json_output, "also write the JSON report to FILE");
  lint_cmd->add_option(
      "--baseline", la.baseline,
      "report and fail only on findings not in FILE (an earlier JSON or SARIF output)");
  lint_cmd->add_option("--write-baseline", la.write_baseline,
                       "write this run's findings to FILE as a baseline");
  lint_cmd
      ->add_flag("--fix-suggestions{show}", la.fix_mode,
                 "show a fix under each finding that has a safe one; =patch writes them as one "
                 "patch (to -o FILE)")
      ->check(CLI::IsMember({"show", "patch"}));
  lint_cmd->add_flag(
      "--pre-commit", la.pre_commit,
      "lint the whole tree but report only on the files given (for the pre-commit hook)");
  lint_cmd->add_option("--fail-on", la.fail_on, "exit 1 when a finding is at least this severe")
      ->check(CLI::IsMember({"error", "warning", "note", "never"}));
  lint_cmd
      ->add_option("--max-file-size", la.max_file_mb,
                   "largest input in MB (default: limits.max_file_mb of the config, 50)")
      ->check(max_file_size_check, "(0, 4096]");
  lint_cmd->add_option("-j,--jobs", la.jobs, "loader threads (default: one per core)")
      ->check(jobs_check, "0..256");
  lint_cmd->add_flag("--no-color", la.no_color, "no ANSI colors");
  lint_cmd->add_flag("-q,--quiet", la.quiet, "findings only, no summary");
  lint_cmd->add_flag("-v,--verbose", la.verbose,
                     "also list the files a walk skipped as none of ours");
  lint_cmd->add_flag("--no-inline-ignores", la.no_inline_ignores,
                     "audit mode: ignore comments and annotations do not apply (waivers do)");
  lint_cmd->add_flag("--show-suppressed", la.show_suppressed,
                     "list suppressed findings with their reasons");

  ReportArgs ra;
  CLI::App* report_cmd =
      app.add_subcommand("report", "write a compliance report (controls, evidence, audit block)");
  add_input_options(report_cmd, ra.in);
  report_cmd->add_option("--format", ra.format, "html, markdown or json")
      ->check(CLI::IsMember({"html", "markdown", "json"}));
  report_cmd->add_option("-o,--output", ra.output, "write the report to FILE");

  std::string rules_format = "text";
  std::string docs_dir;
  CLI::App* rules_cmd = app.add_subcommand("rules", "list the rules");
  rules_cmd->add_option("--format", rules_format, "text or json")
      ->check(CLI::IsMember({"text", "json"}));
  rules_cmd->add_option("--write-docs", docs_dir, "write the rule pages (docs/rules) into DIR");

  std::vector<std::string> argv_store = {"shipshape"};
  argv_store.insert(argv_store.end(), args.begin(), args.end());
  std::vector<const char*> argv;
  for (const auto& s : argv_store) argv.push_back(s.c_str());
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return 0;
  } catch (const CLI::CallForVersion&) {
    out << "shipshape " << report::version() << "\n";
    return 0;
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {
      out << (app.get_subcommands().empty() ? app.help() : app.get_subcommands().front()->help());
      return 0;
    }
    err << "shipshape: " << e.what() << "\n";
    return 2;
  }
  if (lint_cmd->parsed()) return lint(la, out, err);
  if (report_cmd->parsed()) return compliance(ra, out, err);
  if (rules_cmd->parsed() && !docs_dir.empty()) {
    int n = report::write_rule_docs(docs_dir);
    if (n < 0) {
      err << "shipshape: cannot write into '" << docs_dir << "'\n";
      return 2;
    }
    out << "wrote " << n << " pages into " << docs_dir << "\n";
    return 0;
  }
  if (rules_cmd->parsed()) return list_rules(rules_format, out);
  return 2;
}

}  // namespace shipshape::cli
