// One fixer per rule. Each turns a finding into edits or intents on a Plan; the Plan keeps
// one parsed copy of each file, so fixes to one file compose.
#include <fmt/format.h>

#include <re2/re2.h>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "fix/fix.hpp"
#include "fix/plan.hpp"
#include "fix/yaml_edit.hpp"
#include "load/input.hpp"

namespace shipshape::fix {

namespace {

// A healthcheck test that fits the image, as a flow sequence; "" when none is known.
std::string health_test(const model::Container& c) {
  std::string r = repo(c.image.value);
  if (r.find("postgres") != std::string::npos || r.find("postgis") != std::string::npos)
    return R"(["CMD-SHELL", "pg_isready -U $${POSTGRES_USER:-postgres}"])";
  if (r.find("mariadb") != std::string::npos)
    return R"(["CMD", "healthcheck.sh", "--connect", "--innodb_initialized"])";
  if (r.find("mysql") != std::string::npos || r.find("percona") != std::string::npos)
    return R"(["CMD", "mysqladmin", "ping", "-h", "127.0.0.1"])";
  if (r.find("redis") != std::string::npos || r.find("valkey") != std::string::npos)
    return R"(["CMD", "redis-cli", "ping"])";
  if (r.find("mongo") == 0)
    return R"(["CMD", "mongosh", "--quiet", "--eval", "db.adminCommand('ping').ok"])";
  for (const auto& p : c.ports)
    if (!p.container_port.empty() && std::isdigit(static_cast<unsigned char>(p.container_port[0])))
      return fmt::format(R"(["CMD-SHELL", "wget -q --spider http://127.0.0.1:{}/ || exit 1"])",
                         p.container_port.substr(0, p.container_port.find('-')));
  return "";
}

// --- one fixer per rule -------------------------------------------------------------------

bool remove_key_line(const engine::Finding& f, Plan& p, const char* what) {
  std::string path = p.files.path(f.ref.at.file);
  YamlFile* y = p.yaml(path, f.ref.at.line);
  if (!y) return false;
  std::string line = y->line_text(f.ref.at.line);
  std::string trimmed = line.substr(y->indent(f.ref.at.line));
  static const RE2 own_line(R"(^[A-Za-z_]+:\s*\S+\s*(#.*)?$)");
  if (!RE2::FullMatch(trimmed, own_line)) return false;  // flow style: leave it to the user
  p.edit(path, y->remove_line(f.ref.at.line));
  // The only key of its mapping (an anchor like `x-dind: &dind`): leave `{}` behind, or
  // `<<: *dind` would merge null.
  if (auto [owner, map] = y->owner_of_line(f.ref.at.line);
      owner && map && map->entries.size() == 1) {
    std::string line = y->line_text(owner->at.line);
    if (line.find('#') != std::string::npos) return false;
    size_t end = y->line_begin(owner->at.line) + line.size();
    p.edit(path, Edit{end, end, " {}"});
  }
  p.description = what;
  return true;
}

bool fix_privileged(const engine::Finding& f, Plan& p) {
  bool ok = remove_key_line(f, p, "remove privileged mode");
  if (ok)
    p.advice.push_back(
        "if the service needs one privilege, add just that capability (cap_add / "
        "capabilities.add)");
  return ok;
}

bool fix_host_namespace(const engine::Finding& f, Plan& p) {
  // Under a tier policy the service would land on the default network: which tier it
  // belongs to is the user's call.
  if (p.tier_policy && f.message.find("network namespace") != std::string::npos) return false;
  return remove_key_line(f, p, "stop sharing the host namespace");
}

enum class Limit { memory, cpu, requests };

bool fix_limits(const engine::Finding& f, Plan& p, Limit what) {
  auto [w, c] = subject_of(f, p);
  if (!w || !c) return false;
  std::string path = p.files.path(f.ref.at.file);
  YamlFile* y = p.yaml(path, f.ref.at.line);
  if (!y) return false;
  auto base = container_path(*w, *c);
  const char* tune = "  # shipshape: a conservative start; tune to measured usage";
  bool ok = true;
  if (compose(w)) {
    bool legacy = y->find({base[0], base[1], "mem_limit"}) || y->find({base[0], base[1], "cpus"});
    if (what == Limit::memory)
      ok = legacy ? y->set({base[0], base[1], "mem_limit"}, std::string("512m") + tune)
                  : y->set({base[0], base[1], "deploy", "resources", "limits", "memory"},
                           std::string("512M") + tune);
    if (what == Limit::cpu)
      ok = legacy ? y->set({base[0], base[1], "cpus"}, std::string("1.0") + tune)
                  : y->set({base[0], base[1], "deploy", "resources", "limits", "cpus"},
                           std::string("\"1.0\"") + tune);
  } else {
    auto at = [&](std::vector<std::string> tail) {
      auto v = base;
      v.insert(v.end(), tail.begin(), tail.end());
      return v;
    };
    if (what == Limit::memory)
      ok = y->set(at({"resources", "limits", "memory"}), std::string("512Mi") + tune);
    if (what == Limit::cpu)
      ok = y->set(at({"resources", "limits", "cpu"}), std::string("500m") + tune);
    if (what == Limit::requests) {
      ok = y->set(at({"resources", "requests", "memory"}), std::string("256Mi") + tune) &&
           y->set(at({"resources", "requests", "cpu"}), std::string("250m") + tune);
    }
  }
  p.description = what == Limit::requests ? "add resource requests" : "add a resource limit";
  return ok;
}

bool fix_memory_limit(const engine::Finding& f, Plan& p) { return fix_limits(f, p, Limit::memory); }
bool fix_cpu_limit(const engine::Finding& f, Plan& p) { return fix_limits(f, p, Limit::cpu); }
bool fix_requests(const engine::Finding& f, Plan& p) { return fix_limits(f, p, Limit::requests); }

// A compose service's healthcheck target: the test that fits its image, the file the finding
// points into and the service's path there; nullopt when no safe test is known.
struct HealthTarget {
  std::string test;
  std::string path;
  YamlFile* yaml;
  std::vector<std::string> service;  // {"services", name}
};

std::optional<HealthTarget> health_target(const engine::Finding& f, Plan& p) {
  auto [w, c] = subject_of(f, p);
  if (!compose(w)) return std::nullopt;
  std::string test = health_test(*c);
  if (test.empty()) return std::nullopt;
  std::string path = p.files.path(f.ref.at.file);
  YamlFile* y = p.yaml(path, f.ref.at.line);
  if (!y) return std::nullopt;
  auto base = container_path(*w, *c);
  return HealthTarget{test, path, y, {base[0], base[1]}};
}

bool fix_missing_healthcheck(const engine::Finding& f, Plan& p) {
  auto h = health_target(f, p);
  if (!h) return false;
  p.description = "add a healthcheck that fits the image";
  return h->yaml->set({h->service[0], h->service[1], "healthcheck"},
                      "\ntest: " + h->test +
                          "\ninterval: 10s\ntimeout: 5s\nretries: 5\nstart_period: 30s");
}

bool fix_fake_healthcheck(const engine::Finding& f, Plan& p) {
  auto h = health_target(f, p);
  if (!h) return false;
  const std::vector<std::string> hc = {h->service[0], h->service[1], "healthcheck"};
  auto at = [&](const char* key) {
    auto v = hc;
    v.push_back(key);
    return v;
  };
  const load::Node* t = h->yaml->find(at("test"));
  const load::Node* disable = h->yaml->find(at("disable"));
  p.description = "replace the healthcheck with one that can fail";
  if (disable && disable->at.line == f.ref.at.line) {
    p.edit(h->path, h->yaml->remove_line(disable->at.line));
    if (t) return false;
    return h->yaml->set(at("test"), h->test);
  }
  if (!t || t->at.line != f.ref.at.line) return false;
  auto e = h->yaml->replace(t, h->test);
  if (!e) return false;
  p.edit(h->path, *e);
  return true;
}

bool fix_probes(const engine::Finding& f, Plan& p) {
  auto [w, c] = subject_of(f, p);
  if (!w || compose(w) || !c || c->ports.empty() || c->ports[0].container_port.empty())
    return false;
  std::string path = p.files.path(f.ref.at.file);
  YamlFile* y = p.yaml(path, f.ref.at.line);
  if (!y) return false;
  auto base = container_path(*w, *c);
  std::string port = c->ports[0].container_port;
  bool ok = true;
  bool ready = f.message.find("readiness") != std::string::npos;
  auto at = base;
  at.push_back(ready ? "readinessProbe" : "livenessProbe");
  ok = y->set(at, fmt::format("\ntcpSocket:\n  port: {}\nperiodSeconds: 10\nfailureThreshold: {}",
                              port, ready ? 3 : 6));
  p.description = ready ? "add a readiness probe on the container port"
                        : "add a liveness probe on the container port";
  return ok;
}

bool fix_socket_mount(const engine::Finding& f, Plan& p) {
  auto [w, c] = subject_of(f, p);
  // The proxy's internal network must belong to a tier, which is the user's call.
  if (!compose(w) || w->network_mode.set || p.tier_policy) return false;
  std::string path = p.files.path(f.ref.at.file);
  YamlFile* y = p.yaml(path, f.ref.at.line);
  if (!y) return false;
  auto base = container_path(*w, *c);
  std::vector<std::string> svc = {base[0], base[1]};
  const load::Node* vols = y->find({base[0], base[1], "volumes"});
  if (!vols || !vols->is_seq()) return false;
  const load::Node* item = nullptr;
  for (const load::Node* i : vols->items)
    if (i->at.line <= f.ref.at.line && y->last_line(i) >= f.ref.at.line) item = i;
  if (!item || item->at.line == y->key({base[0], base[1], "volumes"})->at.line) return false;
  p.remove_item(path, *y, y->key({base[0], base[1], "volumes"}), vols, item);
  const load::Node* env = y->find({base[0], base[1], "environment"});
  bool ok =
      env && env->is_seq()
          ? y->append({base[0], base[1], "environment"}, "DOCKER_HOST=tcp://docker-proxy:2375")
          : y->set({base[0], base[1], "environment", "DOCKER_HOST"}, "tcp://docker-proxy:2375");
  const load::Node* nets = y->find({base[0], base[1], "networks"});
  if (!nets) ok = ok && y->set({base[0], base[1], "networks"}, "[default, socket-proxy]");
  else if (nets->is_seq()) ok = ok && y->append({base[0], base[1], "networks"}, "socket-proxy");
  else ok = ok && y->set({base[0], base[1], "networks", "socket-proxy"}, "{}");
  ok = ok && y->set({"services", "docker-proxy"},
                    "\nimage: tecnativa/docker-socket-proxy:0.3.0\n"
                    "environment:\n  CONTAINERS: 1  # read-only API sections this stack needs; all "
                    "else is off\n"
                    "  POST: 0\n"
                    "volumes:\n"
                    "  # shipshape:ignore SS202 -- the proxy is the one narrow door to the socket\n"
                    "  - /var/run/docker.sock:/var/run/docker.sock:ro\n"
                    "networks: [socket-proxy]\n"
                    "deploy:\n  resources:\n    limits: {memory: 64M, cpus: \"0.25\"}\n"
                    "healthcheck:\n  test: [\"CMD-SHELL\", \"wget -qO- http://127.0.0.1:2375/_ping "
                    "|| exit 1\"]\n"
                    "restart: unless-stopped");
  ok = ok && y->set({"networks", "socket-proxy"}, "\ninternal: true");
  p.description = "reach the Docker API through a read-only socket proxy on an internal network";
  return ok;
}

// A name compose can interpolate (`[_A-Za-z][_A-Za-z0-9]*`): an environment key such as
// `spring.datasource.password` becomes `spring_datasource_password`.
std::string variable_name(std::string_view key) {
  std::string v;
  for (char ch : key) v += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
  if (v.empty() || std::isdigit(static_cast<unsigned char>(v[0]))) v.insert(v.begin(), '_');
  return v;
}

bool fix_secret_env(const engine::Finding& f, Plan& p, const std::string& env_key) {
  const std::string variable = variable_name(env_key);
  auto [w, c] = subject_of(f, p);
  if (!w || !c) return false;
  const model::EnvVar* env = nullptr;
  for (const auto& e : c->env)
    if (e.value.ref.at == f.ref.at && e.kind == model::EnvKind::literal &&
        e.value.origin == model::Origin::literal)
      env = &e;
  if (!env) return false;
  std::string path = p.files.path(f.ref.at.file);
  YamlFile* y = p.yaml(path, f.ref.at.line);
  if (!y) return false;
  auto base = container_path(*w, *c);
  if (compose(w)) {
    const load::Node* envs = y->find({base[0], base[1], "environment"});
    if (!envs) return false;
    if (envs->is_map()) {
      auto e =
          y->replace(y->find({base[0], base[1], "environment", env->name}), "${" + variable + "}");
      if (!e) return false;
      p.edit(path, *e);
    } else {
      const load::Node* item = nullptr;
      for (const load::Node* i : envs->items)
        if (i->at.line == f.ref.at.line && i->is_scalar() && i->text.starts_with(env->name + "="))
          item = i;
      auto e = y->replace(item, env->name + "=${" + variable + "}");
      if (!e) return false;
      p.edit(path, *e);
    }
    p.add_line(load::join_path(load::dir_of(path), ".env.example"), variable + "=");
    p.description = fmt::format("read {} from the environment (${{{}}}) instead of the file",
                                env->name, variable);
    p.advice.push_back("rotate the secret: it is in the repository's history");
    p.advice.push_back("set " + variable + " in an uncommitted .env and add .env to .gitignore");
    return true;
  }
  // Kubernetes: `value: x` becomes a secretKeyRef to a Secret created outside the repository.
  std::vector<std::string> item_path = manifest_path(env->ref.path);
  if (item_path.empty()) return false;
  const load::Node* value = y->find(item_path);
  item_path.pop_back();  // "value"
  const load::Node* key = y->key([&] {
    auto v = item_path;
    v.push_back("value");
    return v;
  }());
  if (!value || !key) return false;
  auto e = y->replace(value, "");
  if (!e) return false;
  std::string secret_name = w->name + "-secrets";
  std::string key_name;
  for (char ch : env->name)
    key_name += ch == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  size_t begin = y->offset(key->at.line, key->at.column);
  p.edit(path, Edit{begin, e->end,
                    fmt::format("valueFrom: {{secretKeyRef: {{name: {}, key: {}}}}}", secret_name,
                                key_name)});
  p.description =
      fmt::format("read {} from the Secret '{}' instead of the manifest", env->name, secret_name);
  p.advice.push_back(
      "rotate the secret, then create it outside the repository: kubectl create secret generic " +
      secret_name + " --from-literal=" + key_name + "=...");
  return true;
}

bool fix_plaintext_secret(const engine::Finding& f, Plan& p) {
  auto [w, c] = subject_of(f, p);
  if (!c) return false;
  for (const auto& e : c->env)
    if (e.value.ref.at == f.ref.at) return fix_secret_env(f, p, e.name);
  return false;
}

bool fix_duplicate_credential(const engine::Finding& f, Plan& p) {
  // One shared variable for every compose copy: the name of the first copy in the group.
  std::vector<NodeRef> group = f.related;
  group.push_back(f.ref);
  std::string shared;
  Location first{};
  for (const auto& w : p.model.workloads) {
    if (!compose(&w)) continue;
    for (const auto& c : w.containers)
      for (const auto& e : c.env)
        for (const auto& r : group)
          if (e.value.ref.at == r.at && e.kind == model::EnvKind::literal &&
              (shared.empty() || std::tie(p.files.path(r.at.file), r.at.line) <
                                     std::tie(p.files.path(first.file), first.line))) {
            shared = e.name;
            first = r.at;
          }
  }
  if (shared.empty()) return false;
  bool ok = fix_secret_env(f, p, shared);
  if (ok) p.description = "use one shared variable ${" + shared + "} for every copy";
  return ok;
}

bool fix_network_internal(const engine::Finding& f, Plan& p) {
  if (f.subject.rfind("network ", 0) != 0) return false;
  std::string name = f.subject.substr(8);
  std::string path = p.files.path(f.ref.at.file);
  YamlFile* y = p.yaml(path, f.ref.at.line);
  if (!y) return false;
  p.description = "make the data-tier network internal";
  if (const load::Node* in = y->find({"networks", name, "internal"})) {
    auto e = y->replace(in, "true");
    if (!e) return false;
    p.edit(path, *e);
    return true;
  }
  return y->set({"networks", name, "internal"}, "true");
}

bool fix_exposed_port(const engine::Finding& f, Plan& p) {
  auto [w, c] = subject_of(f, p);
  if (!compose(w)) return false;
  std::string path = p.files.path(f.ref.at.file);
  YamlFile* y = p.yaml(path, f.ref.at.line);
  if (!y) return false;
  auto base = container_path(*w, *c);
  const load::Node* ports = y->find({base[0], base[1], "ports"});
  if (!ports || !ports->is_seq()) return false;
  for (size_t i = 0; i < ports->items.size(); ++i) {
    const load::Node* item = ports->items[i];
    if (item->at.line != f.ref.at.line || item->at.column != f.ref.at.column) continue;
    p.description = "publish the port on 127.0.0.1 only";
    if (item->is_scalar()) {
      std::string t = item->text;
      if (t.starts_with("0.0.0.0:")) t = t.substr(8);
      auto e = y->replace(item, "\"127.0.0.1:" + t + "\"");
      if (!e) return false;
      p.edit(path, *e);
      return true;
    }
    return y->set({base[0], base[1], "ports", "[" + std::to_string(i) + "]", "host_ip"},
                  "127.0.0.1");
  }
  return false;
}

using Fixer = bool (*)(const engine::Finding&, Plan&);

struct FixerEntry {
  std::string_view rule;  ///< a rule id of the rule table (rules/registry.cpp)
  Fixer fix;
  /// Applied before the others in a combined patch: it names a variable that other fixes of
  /// the same value reuse.
  bool first = false;
};

// One line per rule that has a fix, sorted by id.
constexpr FixerEntry kFixers[] = {
    {"SS101", fix_plaintext_secret},
    {"SS103", fix_duplicate_credential, true},
    {"SS201", fix_privileged},
    {"SS202", fix_socket_mount},
    {"SS203", fix_host_namespace},
    {"SS301", fix_memory_limit},
    {"SS302", fix_cpu_limit},
    {"SS303", fix_requests},
    {"SS311", fix_missing_healthcheck},
    {"SS312", fix_fake_healthcheck},
    {"SS313", fix_probes},
    {"SS401", fix_network_internal},
    {"SS402", fix_exposed_port},
};

const FixerEntry* fixer_for(std::string_view id) {
  for (const FixerEntry& e : kFixers)
    if (e.rule == id) return &e;
  return nullptr;
}

bool fixable_location(const engine::Finding& f, const SourceFiles& files) {
  // Virtual inputs (stdin, rendered Helm) have no file to patch.
  return !f.suppressed() && f.ref.at.known() && !files.kept_text(f.ref.at.file);
}

}  // namespace

std::map<size_t, Suggestion> suggest(const engine::Findings& findings, const model::Model& model,
                                     const SourceFiles& files, bool tier_policy) {
  std::map<size_t, Suggestion> out;
  for (size_t i = 0; i < findings.size(); ++i) {
    const auto& f = findings[i];
    const FixerEntry* fx = fixer_for(f.rule_id);
    if (!fx || !fixable_location(f, files)) continue;
    Plan plan(model, files);
    plan.tier_policy = tier_policy;
    if (!fx->fix(f, plan)) continue;
    auto changes = plan.changes();
    if (changes.empty()) continue;
    out[i] = Suggestion{plan.description, std::move(changes), plan.advice};
  }
  return out;
}

std::string combined_patch(const engine::Findings& findings, const model::Model& model,
                           const SourceFiles& files, bool tier_policy) {
  Plan plan(model, files);
  plan.tier_policy = tier_policy;
  // Shared-variable fixes first, so a value copied elsewhere gets the group's one name.
  for (bool first : {true, false})
    for (const auto& f : findings) {
      const FixerEntry* fx = fixer_for(f.rule_id);
      if (fx && fx->first == first && fixable_location(f, files)) fx->fix(f, plan);
    }
  std::string out;
  for (const auto& c : plan.changes()) out += c.diff;
  return out;
}

std::vector<std::string_view> fixable_rules() {
  std::vector<std::string_view> out;
  for (const FixerEntry& e : kFixers) out.push_back(e.rule);
  return out;
}

}  // namespace shipshape::fix
