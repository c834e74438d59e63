#include "cli/cli.hpp"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

#include "config/config.hpp"
#include "engine/engine.hpp"
#include "load/loader.hpp"
#include "report/docs.hpp"
#include "report/report.hpp"
#include "rules/catalogue.hpp"

namespace shipshape::cli {

namespace {

struct LintArgs {
  std::vector<std::string> paths;
  std::string format = "text";
  std::string output;
  std::string config;
  std::string fail_on = "error";
  std::vector<std::string> files;
  std::string env_file;
  std::string kind;
  std::vector<std::string> helm_values;
  double max_file_mb = 50;
  bool no_color = false;
  bool quiet = false;
  bool no_inline_ignores = false;
  bool show_suppressed = false;
};

int lint(const LintArgs& a, std::ostream& out, std::ostream& err) {
  const report::Format* format = report::find_format(a.format);
  if (!format) {
    err << "shipshape: unknown format '" << a.format << "' (expected text or json)\n";
    return 2;
  }
  SourceFiles files;
  auto cfg = config::load_config(a.config, files);
  if (!cfg) {
    const Error& e = cfg.error();
    err << (e.at.file ? files.path(e.at.file) : std::string("config")) << ":" << e.at.line << ":"
        << e.at.column << ": config error: " << e.message << "\n";
    return 2;
  }
  load::LoadOptions lo;
  lo.paths = a.paths;
  if (lo.paths.empty() && a.files.empty()) lo.paths.push_back(".");
  lo.compose_files = a.files;
  lo.env_file = a.env_file;
  if (!a.kind.empty()) lo.kind = load::parse_kind(a.kind);
  lo.helm_values = a.helm_values;
  lo.limits.max_file_bytes = static_cast<uint64_t>(a.max_file_mb * 1048576.0);
  load::LoadResult loaded = load::load(lo, files);
  engine::Options eo;
  eo.inline_ignores = !a.no_inline_ignores;
  auto findings = engine::run(loaded.model, *cfg, files, eo);

  report::Report r{findings, loaded.errors, files, loaded.inputs};
  report::Options ro;
  ro.quiet = a.quiet;
  ro.show_suppressed = a.show_suppressed;
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
  ro.color = a.output.empty() && !a.no_color && std::getenv("NO_COLOR") == nullptr &&
             &out == &std::cout && isatty(STDOUT_FILENO);
  format->write(r, ro, *sink);

  if (!loaded.errors.empty()) return 2;
  if (a.fail_on == "never") return 0;
  Severity threshold = *parse_severity(a.fail_on);
  for (const auto& f : findings)
    if (!f.suppressed() && f.severity >= threshold) return 1;
  return 0;
}

int list_rules(const std::string& format, std::ostream& out) {
  if (format == "json") {
    nlohmann::ordered_json rules = nlohmann::ordered_json::array();
    for (const auto& m : rules::catalogue())
      rules.push_back({{"id", m.id},
                       {"slug", m.slug},
                       {"category", m.category},
                       {"severity", std::string(to_string(m.severity))},
                       {"title", m.title},
                       {"helpUri", m.help_uri}});
    out << nlohmann::ordered_json{{"rules", rules}}.dump(2) << "\n";
    return 0;
  }
  for (const auto& m : rules::catalogue())
    out << m.id << "  " << m.slug << "  [" << to_string(m.severity) << ", " << m.category << "]  "
        << m.title << "\n";
  return 0;
}

}  // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CLI::App app{"shipshape: a policy linter for compose files, rendered Helm, values and inventories",
               "shipshape"};
  app.set_version_flag("--version", std::string("shipshape ") + std::string(report::version()));
  app.require_subcommand(1);

  LintArgs la;
  CLI::App* lint_cmd = app.add_subcommand("lint", "lint files and directories (default: .); '-' reads stdin");
  lint_cmd->add_option("paths", la.paths, "files, directories or - for standard input");
  lint_cmd->add_option("--format", la.format, "output format")
      ->check(CLI::IsMember({"text", "json"}));
  lint_cmd->add_option("-o,--output", la.output, "write the report to FILE");
  lint_cmd->add_option("--config", la.config, "config file (default: .shipshape.yaml here or above)");
  lint_cmd->add_option("--fail-on", la.fail_on, "exit 1 when a finding is at least this severe")
      ->check(CLI::IsMember({"error", "warning", "note", "never"}));
  lint_cmd->add_option("-f,--file", la.files, "compose files merged in order, as docker compose -f");
  lint_cmd->add_option("--env-file", la.env_file, "env file for compose interpolation (default: .env)");
  lint_cmd->add_option("--kind", la.kind, "treat inputs as this kind")
      ->check(CLI::IsMember({"compose", "k8s", "kubernetes", "values", "inventory"}));
  lint_cmd->add_option("--helm-values", la.helm_values, "render charts once per values FILE");
  lint_cmd->add_option("--max-file-size", la.max_file_mb, "largest input in MB (default 50)");
  lint_cmd->add_flag("--no-color", la.no_color, "no ANSI colors");
  lint_cmd->add_flag("-q,--quiet", la.quiet, "findings only, no summary");
  lint_cmd->add_flag("--no-inline-ignores", la.no_inline_ignores,
                     "audit mode: ignore comments and annotations do not apply (waivers do)");
  lint_cmd->add_flag("--show-suppressed", la.show_suppressed, "list suppressed findings with their reasons");

  std::string rules_format = "text";
  std::string docs_dir;
  CLI::App* rules_cmd = app.add_subcommand("rules", "list the rules");
  rules_cmd->add_option("--format", rules_format, "text or json")->check(CLI::IsMember({"text", "json"}));
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
