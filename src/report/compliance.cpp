#include "report/compliance.hpp"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <ctime>
#include <fstream>
#include <set>
#include <sstream>

#include "core/clock.hpp"
#include "core/process.hpp"
#include "core/sha256.hpp"
#include "load/yaml_tree.hpp"
#include "rules/embedded.hpp"

namespace shipshape::report {

namespace {

using load::Node;

std::string now_utc() { return utc_now("%Y-%m-%dT%H:%M:%SZ", "SHIPSHAPE_NOW"); }

std::string file_sha256(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "";
  Sha256 h;
  char buf[65536];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) h.update(std::string_view(buf, static_cast<size_t>(in.gcount())));
  return h.hex();
}

std::set<std::string> kinds_present(const model::Model& m) {
  std::set<std::string> k;
  for (const auto& w : m.workloads) k.insert(w.source == model::SourceKind::compose ? "compose" : "kubernetes");
  if (!m.networks.empty()) k.insert("compose");
  if (!m.network_policies.empty() || !m.configs.empty() || !m.rbac.empty()) k.insert("kubernetes");
  if (!m.values.empty()) k.insert("values");
  if (!m.inventories.empty()) k.insert("inventory");
  return k;
}

Audit audit_of(const Report& r, const config::Config& cfg, bool git_provenance) {
  Audit a;
  a.generated = now_utc();
  a.tool_version = std::string(version());
  Sha256 rules;
  for (const auto& f : rules::embedded_rule_files()) {
    rules.update(f.name);
    rules.update(f.text);
  }
  a.ruleset = rules.hex().substr(0, 12);
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
      Captured st = run_capture(
          {"git", "-c", "core.fsmonitor=false", "status", "--porcelain", "--untracked-files=no"}, 1 << 20);
      a.git_dirty = st.status == 0 && !st.out.empty();
    }
  }
  return a;
}

// The kind of input a finding is about, from its subject and logical path.
std::string input_kind(const engine::Finding& f) {
  const std::string& p = f.ref.path;
  size_t colon = p.find(':'), slash = p.find('/');
  if (colon != std::string::npos && slash != std::string::npos && slash < colon) return "kubernetes";
  if (f.subject.starts_with("service ") || f.subject.starts_with("network ")) return "compose";
  if (f.subject == "values file") return "values";
  if (f.subject.starts_with("host ") || f.subject == "inventory") return "inventory";
  if (f.subject.find(' ') != std::string::npos && std::isupper(static_cast<unsigned char>(f.subject[0])))
    return "kubernetes";  // "Secret shop/x", "NetworkPolicy ..."
  return "";
}

}  // namespace

Compliance build_compliance(const Report& r, const model::Model& model, const config::Config& cfg,
                            bool git_provenance) {
  Compliance c;
  c.report = &r;
  load::Arena arena;
  const auto* controls = rules::find_embedded("controls.yaml");
  const Node* doc = controls ? rules::document_of(*controls, arena) : nullptr;
  auto kinds = kinds_present(model);
  struct Framework {
    std::string title;
    bool applies = false;
    std::set<std::string> kinds;
  };
  std::map<std::string, Framework> frameworks;
  if (doc)
    if (const Node* fw = doc->find("frameworks"))
      for (const Node* f : fw->items) {
        Framework& x = frameworks[f->find("id")->text];
        x.title = f->find("title")->text;
        if (const Node* to = f->find("applies_to"))
          for (const Node* k : to->items) {
            x.kinds.insert(k->text);
            x.applies |= kinds.count(k->text) > 0;
          }
      }
  // Decoded once: every control looks at every finding.
  const std::vector<engine::Finding> findings(r.findings.begin(), r.findings.end());
  bool any_fail = false, any_waived = false;
  if (doc)
    if (const Node* ctl = doc->find("controls"))
      for (const Node* n : ctl->items) {
        ControlResult cr;
        cr.framework = n->find("framework")->text;
        const Framework& fw = frameworks[cr.framework];
        cr.framework_title = fw.title;
        cr.id = n->find("id")->text;
        cr.title = n->find("title")->text;
        std::string match = n->find("match") ? n->find("match")->text : "";
        for (const Node* rule : n->find("rules")->items) cr.rules.push_back(rule->text);
        for (const auto& f : findings)
          if (std::find(cr.rules.begin(), cr.rules.end(), f.rule_id) != cr.rules.end() &&
              fw.kinds.count(input_kind(f)) && f.message.find(match) != std::string::npos)
            (f.suppressed() ? cr.waived : cr.failing).push_back(f);
        cr.status = !fw.applies                     ? "n/a"
                    : !cr.failing.empty()           ? "fail"
                    : !cr.waived.empty()            ? "waived"
                                                    : "pass";
        any_fail |= cr.status == "fail";
        any_waived |= cr.status == "waived";
        c.controls.push_back(std::move(cr));
      }
  c.verdict = !r.errors.empty() ? "INCOMPLETE" : any_fail ? "FAIL" : any_waived ? "PASS WITH WAIVERS" : "PASS";

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
    counts[static_cast<size_t>(std::find(c.categories.begin(), c.categories.end(), f.category) - c.categories.begin())]++;
  }
  c.matrix.assign(rows.begin(), rows.end());
  c.audit = audit_of(r, cfg, git_provenance);
  return c;
}

}  // namespace shipshape::report
