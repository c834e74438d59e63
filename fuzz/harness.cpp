#include "harness.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "engine/engine.hpp"
#include "fix/fix.hpp"
#include "load/interpolate.hpp"
#include "load/loader.hpp"
#include "load/yaml_tree.hpp"
#include "report/compliance.hpp"
#include "report/report.hpp"

namespace shipshape::fuzz {

namespace fs = std::filesystem;

namespace {

std::vector<std::string_view> parts_of(std::string_view data, size_t max_parts) {
  std::vector<std::string_view> parts;
  while (parts.size() + 1 < max_parts) {
    size_t sep = data.find(kPartSeparator);
    if (sep == std::string_view::npos) break;
    parts.push_back(data.substr(0, sep));
    data.remove_prefix(sep + kPartSeparator.size());
  }
  parts.push_back(data);
  return parts;
}

// One scratch directory per process, emptied before each input.
const fs::path& scratch() {
  static const fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / ("shipshape-fuzz-" + std::to_string(getpid()));
    std::atexit([] {
      std::error_code ec;
      fs::remove_all(scratch(), ec);
    });
    return d;
  }();
  return dir;
}

fs::path fresh_scratch() {
  std::error_code ec;
  fs::remove_all(scratch(), ec);
  fs::create_directories(scratch());
  return scratch();
}

void write(const fs::path& path, std::string_view text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary)
      .write(text.data(), static_cast<std::streamsize>(text.size()));
}

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "fuzz property violated: %s\n", what.c_str());
  std::abort();
}

// Everything after loading: rules, fix suggestions (and, with `check_fixes`, that each fix
// leaves valid YAML behind), every reporter and the compliance report.
void check_and_report(const load::LoadOptions& lo, SourceFiles& files, const config::Config& cfg,
                      bool check_fixes) {
  engine::Options eo;
  eo.jobs = 1;
  eo.today = "2026-01-01";
  auto [loaded, run_model, findings] =
      engine::load_and_check(load::loader(lo, files), cfg, files, eo, /*keep_model=*/true);
  bool tiers = !cfg.tiers.empty();
  auto fixes = fix::suggest(findings, run_model, files, tiers);
  std::ostringstream sink;
  sink << fix::combined_patch(findings, run_model, files, tiers);

  if (check_fixes && loaded.errors.empty()) {
    for (const auto& [index, s] : fixes)
      for (const auto& change : s.files) {
        if (change.created) continue;
        auto read = load::read_file(change.path, 0, load::LoadLimits{}.max_file_bytes);
        if (!read) fail("cannot read back " + change.path);
        std::string before = std::move(*read), after;
        if (!fix::apply(before, change.edits, after)) fail("overlapping edits for " + change.path);
        load::Arena a1, a2;
        if (!load::parse_yaml(before, 0, a1).errors.empty()) continue;
        auto parsed = load::parse_yaml(after, 0, a2);
        if (!parsed.errors.empty())
          fail("fix '" + s.description + "' breaks the YAML: " + parsed.errors.front().message);
      }
  }

  report::Report r{findings, loaded.errors, files, loaded.inputs, cfg.scanner.get()};
  r.fixes = &fixes;
  report::Options ro;
  ro.show_suppressed = true;
  for (const auto& format : report::formats()) format.write(r, ro, sink);
  auto c = report::build_compliance(r, run_model, cfg, /*git_provenance=*/false);
  report::write_compliance_json(c, sink);
  report::write_compliance_markdown(c, sink);
  report::write_compliance_html(c, sink);
}

const config::Config& default_config() {
  static const config::Config cfg = config::default_config();
  return cfg;
}

void lint(const std::vector<std::string>& paths, std::optional<load::InputKind> kind,
          const config::Config& cfg = default_config(), bool check_fixes = false) {
  SourceFiles files;
  load::LoadOptions lo;
  lo.paths = paths;
  lo.kind = kind;
  lo.jobs = 1;
  lo.helm = "/nonexistent/helm";  // never run an external program from a fuzzer
  check_and_report(lo, files, cfg, check_fixes);
}

// A compose project: compose.yaml, compose.override.yaml, .env and common.yaml (for extends
// and include), separated by kPartSeparator.
void compose(const uint8_t* data, size_t size) {
  auto parts = parts_of({reinterpret_cast<const char*>(data), size}, 4);
  fs::path dir = fresh_scratch();
  static const char* names[] = {"compose.yaml", "compose.override.yaml", ".env", "common.yaml"};
  for (size_t i = 0; i < parts.size(); ++i) write(dir / names[i], parts[i]);
  lint({dir.string()}, std::nullopt);
}

void one_file(const uint8_t* data, size_t size, const char* name, load::InputKind kind) {
  fs::path dir = fresh_scratch();
  write(dir / name, {reinterpret_cast<const char*>(data), size});
  lint({(dir / name).string()}, kind);
}

void kubernetes(const uint8_t* data, size_t size) {
  one_file(data, size, "rendered.yaml", load::InputKind::kubernetes);
}

void values(const uint8_t* data, size_t size) {
  one_file(data, size, "values.yaml", load::InputKind::values);
}

// An Ansible inventory and its group_vars, or an INI inventory (by the text's shape).
void inventory(const uint8_t* data, size_t size) {
  auto parts = parts_of({reinterpret_cast<const char*>(data), size}, 3);
  fs::path dir = fresh_scratch();
  write(dir / "inventory" / "hosts", parts[0]);
  if (parts.size() > 1) write(dir / "inventory" / "group_vars" / "all.yml", parts[1]);
  if (parts.size() > 2) write(dir / "inventory" / "host_vars" / "web1.yml", parts[2]);
  lint({(dir / "inventory").string()}, std::nullopt);
}

// An env file, then text interpolated with its variables.
void env_file(const uint8_t* data, size_t size) {
  auto parts = parts_of({reinterpret_cast<const char*>(data), size}, 2);
  auto entries = load::parse_env_file(parts[0], 0);
  load::Variables vars;
  if (entries)
    for (const auto& e : *entries)
      if (e.has_value) vars[e.name] = load::Variable{e.value, e.value_at};
  if (parts.size() > 1) {
    std::string_view rest = parts[1];
    while (!rest.empty()) {
      size_t nl = rest.find('\n');
      (void)load::interpolate(rest.substr(0, nl), vars, Location{0, 1, 1});
      if (nl == std::string_view::npos) break;
      rest.remove_prefix(nl + 1);
    }
  } else if (entries) {
    for (const auto& e : *entries) (void)load::interpolate(e.value, vars, e.value_at);
  }
}

// The config file, then a small stack linted with it (tiers, waivers, custom patterns).
void config_file(const uint8_t* data, size_t size) {
  SourceFiles files;
  uint32_t id = files.add(".shipshape.yaml");
  auto cfg = config::parse_config({reinterpret_cast<const char*>(data), size}, id, files);
  if (!cfg) return;
  fs::path dir = fresh_scratch();
  write(dir / "compose.yaml",
        "services:\n"
        "  web:\n"
        "    image: nginx\n"
        "    networks: [edge, app]\n"
        "    environment:\n"
        "      API_TOKEN: tok_5hQx9vLmR2aP7wKe3nYb\n"
        "  db:\n"
        "    image: postgres:16\n"
        "    privileged: true\n"
        "    networks: [edge, data]\n"
        "    environment:\n"
        "      POSTGRES_PASSWORD: Wq8-vTz3-Lp0x\n"
        "    volumes: [/var/run/docker.sock:/var/run/docker.sock]\n"
        "networks: {edge: {}, app: {}, data: {}}\n");
  lint({(dir / "compose.yaml").string()}, std::nullopt, *cfg, false);
}

// Any stack file; every fix suggested for it must leave valid YAML behind.
void fixes(const uint8_t* data, size_t size) {
  std::string_view text{reinterpret_cast<const char*>(data), size};
  bool k8s = text.find("apiVersion") != std::string_view::npos;
  fs::path dir = fresh_scratch();
  const char* name = k8s ? "rendered.yaml" : "compose.yaml";
  write(dir / name, text);
  lint({(dir / name).string()}, k8s ? load::InputKind::kubernetes : load::InputKind::compose,
       default_config(), true);
}

// Our YAML tree alone: merge keys, aliases, duplicate keys, positions.
void yaml(const uint8_t* data, size_t size) {
  load::Arena arena;
  auto parsed = load::parse_yaml({reinterpret_cast<const char*>(data), size}, 0, arena);
  for (const auto* doc : parsed.documents) (void)doc->describe();
}

constexpr Target kTargets[] = {
    {"compose", compose, "compose"},
    {"config", config_file, "config"},
    {"env", env_file, "env"},
    {"fixes", fixes, "compose kubernetes"},
    {"inventory", inventory, "inventory"},
    {"kubernetes", kubernetes, "kubernetes"},
    {"values", values, "values"},
    {"yaml", yaml, "compose kubernetes values inventory config"},
};

}  // namespace

std::span<const Target> targets() { return kTargets; }

const Target* find_target(std::string_view name) {
  for (const auto& t : kTargets)
    if (t.name == name) return &t;
  return nullptr;
}

}  // namespace shipshape::fuzz
