#include "report/compliance.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <ctime>
#include <fstream>
#include <set>
#include <span>
#include <sstream>

#include "catalog/catalog.hpp"
#include "core/clock.hpp"
#include "core/process.hpp"
#include "core/sha256.hpp"

namespace shipshape::report {

namespace {

std::string now_utc() { return utc_now("%Y-%m-%dT%H:%M:%SZ", "SHIPSHAPE_NOW"); }

std::string file_sha256(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "";
  Sha256 h;
  char buf[65536];
  while (in.read(buf, sizeof buf) || in.gcount() > 0)
    h.update(std::string_view(buf, static_cast<size_t>(in.gcount())));
  return h.hex();
}

// The kinds of input that hold something a framework judges.
std::set<InputKind> kinds_present(const model::Model& m) {
  std::set<InputKind> k;
  for (const auto& w : m.workloads)
    k.insert(w.source == model::SourceKind::compose ? InputKind::compose : InputKind::kubernetes);
  if (!m.networks.empty()) k.insert(InputKind::compose);
  if (!m.network_policies.empty() || !m.configs.empty() || !m.rbac.empty())
    k.insert(InputKind::kubernetes);
  if (!m.values.empty()) k.insert(InputKind::values);
  if (!m.inventories.empty()) k.insert(InputKind::inventory);
  return k;
}

bool contains(std::span<const InputKind> kinds, InputKind k) {
  return std::find(kinds.begin(), kinds.end(), k) != kinds.end();
}

Audit audit_of(const Report& r, const config::Config& cfg, bool git_provenance) {
  Audit a;
  a.generated = now_utc();
  a.tool_version = std::string(version());
  a.ruleset = std::string(catalog::ruleset_digest().substr(0, 12));
  a.config_path = cfg.path;
  if (!cfg.path.empty()) a.config_sha256 = file_sha256(cfg.path);
  // A file in which a secret was found keeps its name but not its hash: for a one-line
  // `.env`, an unsalted SHA-256 lets anyone test password guesses offline.
  std::set<uint32_t> with_secrets;
  for (const auto& f : r.findings)
    if (!f.redact.empty()) with_secrets.insert(f.ref.at.file);
  std::set<std::string> seen;
  for (uint32_t id = 1; id < r.files.size(); ++id) {
    const std::string& p = r.files.path(id);
    if (p.empty() || p == cfg.path || r.files.is_unread(id) || !seen.insert(p).second) continue;
    if (with_secrets.count(id)) a.inputs.emplace_back(p, "");
    else if (auto kept = r.files.kept_text(id)) a.inputs.emplace_back(p, sha256_hex(*kept));
    else if (auto h = file_sha256(p); !h.empty()) a.inputs.emplace_back(p, h);
  }
  std::sort(a.inputs.begin(), a.inputs.end());
  if (git_provenance && on_path("git")) {
    Captured head = run_capture({"git", "-c", "core.fsmonitor=false", "rev-parse", "HEAD"}, 4096);
    if (head.status == 0) {
      a.in_git = true;
      a.git_commit = head.out.substr(0, head.out.find('\n'));
      Captured st = run_capture({"git", "-c", "core.fsmonitor=false", "status", "--porcelain",
                                 "--untracked-files=no"},
                                1 << 20);
      a.git_dirty = st.status == 0 && !st.out.empty();
    }
  }
  return a;
}

}  // namespace

Compliance build_compliance(const Report& r, const model::Model& model, const config::Config& cfg,
                            bool git_provenance) {
  Compliance c;
  c.report = &r;
  auto kinds = kinds_present(model);
  // Decoded once: every control looks at every finding.
  const std::vector<engine::Finding> findings(r.findings.begin(), r.findings.end());
  bool any_fail = false, any_waived = false;
  for (const catalog::Control& control : catalog::controls()) {
    const catalog::Framework* fw = catalog::find_framework(control.framework);
    ControlResult cr;
    cr.framework = control.framework;
    cr.framework_title = fw->title;
    cr.id = control.id;
    cr.title = control.title;
    cr.rules.assign(control.rules.begin(), control.rules.end());
    bool applies = false;
    for (InputKind k : fw->applies_to) applies |= kinds.count(k) > 0;
    for (const auto& f : findings)
      if (std::find(control.rules.begin(), control.rules.end(), f.rule_id) != control.rules.end() &&
          contains(control.applies_to, f.input) &&
          (control.aspect.empty() || f.aspect == control.aspect))
        (f.suppressed() ? cr.waived : cr.failing).push_back(f);
    cr.status = !applies              ? "n/a"
                : !cr.failing.empty() ? "fail"
                : !cr.waived.empty()  ? "waived"
                                      : "pass";
    any_fail |= cr.status == "fail";
    any_waived |= cr.status == "waived";
    c.controls.push_back(std::move(cr));
  }
  c.verdict = !r.errors.empty() ? "INCOMPLETE"
              : any_fail        ? "FAIL"
              : any_waived      ? "PASS WITH WAIVERS"
                                : "PASS";

  // The matrix: one row per workload (its containers' findings included) or other subject.
  std::set<std::string> cats;
  for (const auto& f : findings)
    if (!f.suppressed()) {
      cats.insert(f.category);
      c.by_category[f.category][static_cast<size_t>(f.severity)]++;
    }
  c.categories.assign(cats.begin(), cats.end());
  std::vector<std::string> workloads;
  for (const auto& w : model.workloads) workloads.push_back(w.subject());
  std::map<std::string, std::vector<int>> rows;
  for (const auto& f : findings) {
    if (f.suppressed()) continue;
    std::string row = f.subject;
    for (const auto& w : workloads)
      if (f.subject == w || f.subject.starts_with(w + " ")) row = w;
    auto& counts = rows[row];
    counts.resize(c.categories.size());
    counts[static_cast<size_t>(std::find(c.categories.begin(), c.categories.end(), f.category) -
                               c.categories.begin())]++;
  }
  c.matrix.assign(rows.begin(), rows.end());
  c.audit = audit_of(r, cfg, git_provenance);
  return c;
}

}  // namespace shipshape::report
