// The typed model's own behaviour (src/model/model.hpp): how workloads and containers are
// named in subjects and messages, label selectors, `_FILE` paths, and Model::append.
#include <doctest/doctest.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "model/model.hpp"

using namespace shipshape;
using namespace shipshape::model;

namespace {

Workload compose_service(const std::string& name, const std::string& project = "") {
  Workload w;
  w.source = SourceKind::compose;
  w.kind = "service";
  w.name = name;
  w.namespace_ = project;  // a compose project name never shows in a subject
  return w;
}

Workload kube(const std::string& kind, const std::string& name, const std::string& ns) {
  Workload w;
  w.source = SourceKind::kubernetes;
  w.kind = kind;
  w.name = name;
  w.namespace_ = ns;
  return w;
}

Container container(const std::string& name, bool init = false) {
  Container c;
  c.name = name;
  c.init = init;
  return c;
}

std::map<std::string, Text> labels(
    std::initializer_list<std::pair<const std::string, std::string>> kv) {
  std::map<std::string, Text> out;
  for (const auto& [k, v] : kv) {
    Text t;
    t.value = v;
    t.set = true;
    out.emplace(k, t);
  }
  return out;
}

LabelSelector selector(std::map<std::string, std::string> match = {},
                       std::vector<LabelRequirement> expressions = {}) {
  LabelSelector s;
  s.set = true;
  s.match_labels = std::move(match);
  s.match_expressions = std::move(expressions);
  return s;
}

EnvVar env(const std::string& name, const std::string& value) {
  EnvVar e;
  e.name = name;
  e.value.value = value;
  e.value.set = true;
  return e;
}

NodeRef at(uint32_t file, uint32_t line, uint32_t column, std::string path = "") {
  return NodeRef{Location{file, line, column}, std::move(path)};
}

}  // namespace

TEST_CASE("model: a compose service is named by its service name alone") {
  Workload w = compose_service("api", "shop");
  Container c = container("api");
  CHECK(w.subject() == "service api");
  CHECK(w.named() == "service 'api'");
  // A compose service has one container, named like the service: no " container api" suffix.
  CHECK(w.subject(c) == "service api");
  CHECK(w.named(c) == "service 'api'");
  // Even a container flagged init (compose has none) does not change a compose subject.
  Container odd = container("other", true);
  CHECK(w.subject(odd) == "service api");
  CHECK(w.named(odd) == "service 'api'");
}

TEST_CASE("model: a Kubernetes workload is named kind namespace/name") {
  Workload w = kube("Deployment", "api", "shop");
  CHECK(w.subject() == "Deployment shop/api");
  CHECK(w.named() == "Deployment 'shop/api'");
  Container web = container("web");
  CHECK(w.subject(web) == "Deployment shop/api container web");
  CHECK(w.named(web) == "Deployment 'shop/api' container 'web'");
}

TEST_CASE("model: a Kubernetes workload without a namespace has no slash") {
  Workload w = kube("CronJob", "backup", "");
  CHECK(w.subject() == "CronJob backup");
  CHECK(w.named() == "CronJob 'backup'");
  Container run = container("run");
  CHECK(w.subject(run) == "CronJob backup container run");
  CHECK(w.named(run) == "CronJob 'backup' container 'run'");
}

TEST_CASE("model: init containers say so in subjects and messages") {
  Workload w = kube("StatefulSet", "db", "data");
  Container init = container("migrate", true);
  CHECK(w.subject(init) == "StatefulSet data/db init container migrate");
  CHECK(w.named(init) == "StatefulSet 'data/db' init container 'migrate'");
  Workload bare = kube("Pod", "p", "");
  CHECK(bare.subject(init) == "Pod p init container migrate");
  CHECK(bare.named(init) == "Pod 'p' init container 'migrate'");
}

TEST_CASE("model: values and inventory sources are named like Kubernetes objects") {
  // Only SourceKind::compose gets the "service" form; every other source uses kind + name.
  Workload w = kube("Deployment", "web", "prod");
  w.source = SourceKind::values;
  CHECK(w.subject() == "Deployment prod/web");
  CHECK(w.named(container("c")) == "Deployment 'prod/web' container 'c'");
}

TEST_CASE("model: matchLabels needs every label with the same value") {
  auto s = selector({{"app", "api"}, {"tier", "web"}});
  CHECK(s.matches(labels({{"app", "api"}, {"tier", "web"}})));
  CHECK(s.matches(labels({{"app", "api"}, {"tier", "web"}, {"extra", "x"}})));
  CHECK_FALSE(s.matches(labels({{"app", "api"}})));                   // tier missing
  CHECK_FALSE(s.matches(labels({{"app", "api"}, {"tier", "db"}})));   // tier differs
  CHECK_FALSE(s.matches(labels({{"app", "API"}, {"tier", "web"}})));  // case matters
  CHECK_FALSE(s.matches({}));
  // A label present with an empty value is not the same as a missing one.
  auto empty_value = selector({{"canary", ""}});
  CHECK(empty_value.matches(labels({{"canary", ""}})));
  CHECK_FALSE(empty_value.matches(labels({{"other", ""}})));
}

TEST_CASE("model: matchExpressions In and NotIn") {
  auto in = selector({}, {{"env", "In", {"prod", "staging"}}});
  CHECK(in.matches(labels({{"env", "prod"}})));
  CHECK(in.matches(labels({{"env", "staging"}})));
  CHECK_FALSE(in.matches(labels({{"env", "dev"}})));
  CHECK_FALSE(in.matches(labels({{"app", "prod"}})));  // In needs the key
  CHECK_FALSE(in.matches({}));

  auto not_in = selector({}, {{"env", "NotIn", {"dev"}}});
  CHECK_FALSE(not_in.matches(labels({{"env", "dev"}})));
  CHECK(not_in.matches(labels({{"env", "prod"}})));
  CHECK(not_in.matches(labels({{"app", "x"}})));  // NotIn is true when the key is absent
  CHECK(not_in.matches({}));
}

TEST_CASE("model: matchExpressions Exists and DoesNotExist") {
  auto exists = selector({}, {{"team", "Exists", {}}});
  CHECK(exists.matches(labels({{"team", "a"}})));
  CHECK(exists.matches(labels({{"team", ""}})));
  CHECK_FALSE(exists.matches(labels({{"app", "a"}})));

  auto absent = selector({}, {{"legacy", "DoesNotExist", {}}});
  CHECK(absent.matches(labels({{"app", "a"}})));
  CHECK(absent.matches({}));
  CHECK_FALSE(absent.matches(labels({{"legacy", "false"}})));
}

TEST_CASE("model: matchLabels and matchExpressions are ANDed") {
  auto s = selector({{"app", "api"}}, {{"env", "In", {"prod"}}, {"debug", "DoesNotExist", {}}});
  CHECK(s.matches(labels({{"app", "api"}, {"env", "prod"}})));
  CHECK_FALSE(s.matches(labels({{"app", "web"}, {"env", "prod"}})));
  CHECK_FALSE(s.matches(labels({{"app", "api"}, {"env", "dev"}})));
  CHECK_FALSE(s.matches(labels({{"app", "api"}, {"env", "prod"}, {"debug", "1"}})));
}

TEST_CASE("model: an empty or unset selector selects everything") {
  LabelSelector empty = selector();
  CHECK(empty.set);
  CHECK(empty.matches({}));
  CHECK(empty.matches(labels({{"app", "x"}})));
  LabelSelector unset;
  CHECK_FALSE(unset.set);
  CHECK(unset.matches({}));
  CHECK(unset.matches(labels({{"anything", "at all"}})));
}

TEST_CASE("model: an unknown matchExpressions operator constrains nothing") {
  // Kubernetes rejects such an object; the matcher ignores the requirement rather than
  // selecting nothing.
  auto s = selector({}, {{"env", "Gt", {"1"}}});
  CHECK(s.matches(labels({{"env", "0"}})));
  CHECK(s.matches({}));
}

TEST_CASE("model: matches_by reads labels through a lookup") {
  auto s = selector({{"app", "api"}}, {{"env", "NotIn", {"dev"}}, {"team", "Exists", {}}});
  std::map<std::string, std::string> plain = {{"app", "api"}, {"team", "pay"}};
  std::vector<std::string> asked;
  auto lookup = [&](const std::string& key) -> std::optional<std::string_view> {
    asked.push_back(key);
    auto it = plain.find(key);
    if (it == plain.end()) return std::nullopt;
    return std::string_view(it->second);
  };
  CHECK(s.matches_by(lookup));
  // matchLabels first, then the expressions in their order.
  CHECK(asked == std::vector<std::string>{"app", "env", "team"});
  plain["env"] = "dev";
  asked.clear();
  CHECK_FALSE(s.matches_by(lookup));
  plain["env"] = "prod";
  plain.erase("team");
  CHECK_FALSE(s.matches_by(lookup));
  // A failed matchLabels stops before the expressions are looked at.
  plain["app"] = "web";
  asked.clear();
  CHECK_FALSE(s.matches_by(lookup));
  CHECK(asked == std::vector<std::string>{"app"});
}

TEST_CASE("model: an env var NAME_FILE with an absolute path is a file path") {
  CHECK(env("DB_PASSWORD_FILE", "/run/secrets/db").is_file_path());
  CHECK(env("X_FILE", "/x").is_file_path());
  CHECK_FALSE(env("DB_PASSWORD_FILE", "run/secrets/db").is_file_path());  // relative
  CHECK_FALSE(env("DB_PASSWORD_FILE", "").is_file_path());
  CHECK_FALSE(env("DB_PASSWORD", "/run/secrets/db").is_file_path());       // no _FILE suffix
  CHECK_FALSE(env("_FILE", "/run/secrets/db").is_file_path());             // nothing before _FILE
  CHECK_FALSE(env("DB_FILE_PATH", "/run/secrets/db").is_file_path());      // suffix, not infix
  CHECK_FALSE(env("db_password_file", "/run/secrets/db").is_file_path());  // case matters
  CHECK_FALSE(env("SECRET_FILE", "hunter2/").is_file_path());
}

TEST_CASE("model: is_written tells repository text from the environment") {
  CHECK(is_written(Origin::literal));
  CHECK(is_written(Origin::default_value));
  CHECK(is_written(Origin::env_file));
  CHECK_FALSE(is_written(Origin::environment));
  CHECK_FALSE(is_written(Origin::unresolved));
  static_assert(is_written(Origin::literal));
}

TEST_CASE("model: defaults of a fresh model element") {
  Text t;
  CHECK(t.origin == Origin::literal);
  CHECK_FALSE(t.set);
  CHECK_FALSE(t.ref.at.known());
  EnvVar e;
  CHECK(e.kind == EnvKind::literal);
  Mount m;
  CHECK(m.type == MountType::volume);
  CHECK_FALSE(m.read_only);
  Probe p;
  CHECK(p.kind == ProbeKind::healthcheck);
  CHECK_FALSE(p.disabled);
  Workload w;
  CHECK(w.source == SourceKind::compose);
  CHECK_FALSE(w.default_network);
  ValuesDocument v;
  CHECK(v.subject == "values file");
  KeyedScalar k;
  CHECK_FALSE(k.encrypted);
}

TEST_CASE("model: append moves every collection over in order") {
  Model a, b;
  a.workloads.push_back(compose_service("a1"));
  a.notes.push_back(LoadNote{"first", at(1, 1, 1), "chart a"});
  a.ignores.push_back(Ignore{Location{1, 3, 1}, {"SS201"}, "why", "", true, ""});

  Workload w = kube("Deployment", "b1", "ns");
  w.ref = at(2, 4, 9, "metadata.name");
  b.workloads.push_back(w);
  b.workloads.push_back(compose_service("b2"));
  Network n;
  n.name = "edge";
  n.ref = at(2, 10, 3);
  b.networks.push_back(n);
  NetworkPolicy np;
  np.name = "deny";
  b.network_policies.push_back(np);
  ConfigObject co;
  co.kind = "Secret";
  co.name = "creds";
  b.configs.push_back(co);
  RbacObject rb;
  rb.kind = "Role";
  rb.name = "reader";
  b.rbac.push_back(rb);
  ValuesDocument vd;
  vd.subject = "env file";
  b.values.push_back(vd);
  Inventory inv;
  inv.hosts.push_back(InventoryHost{"web01", at(2, 3, 1)});
  b.inventories.push_back(inv);
  b.notes.push_back(LoadNote{"second", at(2, 7, 2), "Secret ns/creds"});
  b.ignores.push_back(
      Ignore{Location{2, 5, 3}, {"SS202", "socket-mount"}, "", "2026-12-31", false, ""});

  a.append(std::move(b));

  REQUIRE(a.workloads.size() == 3);
  CHECK(a.workloads[0].name == "a1");
  CHECK(a.workloads[1].name == "b1");
  CHECK(a.workloads[1].subject() == "Deployment ns/b1");
  CHECK(a.workloads[1].ref.at == Location{2, 4, 9});
  CHECK(a.workloads[1].ref.path == "metadata.name");
  CHECK(a.workloads[2].name == "b2");
  REQUIRE(a.networks.size() == 1);
  CHECK(a.networks[0].name == "edge");
  CHECK(a.networks[0].ref.at == Location{2, 10, 3});
  REQUIRE(a.network_policies.size() == 1);
  CHECK(a.network_policies[0].name == "deny");
  REQUIRE(a.configs.size() == 1);
  CHECK(a.configs[0].kind == "Secret");
  CHECK(a.configs[0].name == "creds");
  REQUIRE(a.rbac.size() == 1);
  CHECK(a.rbac[0].name == "reader");
  REQUIRE(a.values.size() == 1);
  CHECK(a.values[0].subject == "env file");
  REQUIRE(a.inventories.size() == 1);
  REQUIRE(a.inventories[0].hosts.size() == 1);
  CHECK(a.inventories[0].hosts[0].name == "web01");
  REQUIRE(a.notes.size() == 2);
  CHECK(a.notes[0].message == "first");
  CHECK(a.notes[1].message == "second");
  CHECK(a.notes[1].ref.at == Location{2, 7, 2});
  CHECK(a.notes[1].subject == "Secret ns/creds");
  REQUIRE(a.ignores.size() == 2);
  CHECK(a.ignores[0].rules == std::vector<std::string>{"SS201"});
  CHECK(a.ignores[1].rules == std::vector<std::string>{"SS202", "socket-mount"});
  CHECK(a.ignores[1].until == "2026-12-31");
  CHECK_FALSE(a.ignores[1].own_line);
  CHECK(a.ignores[1].at == Location{2, 5, 3});
}

TEST_CASE("model: append into an empty model and of an empty model") {
  Model empty, full;
  full.workloads.push_back(compose_service("x"));
  full.ignores.push_back(Ignore{Location{1, 2, 3}, {"SS101"}, "r", "", true, ""});
  empty.append(std::move(full));
  REQUIRE(empty.workloads.size() == 1);
  CHECK(empty.workloads[0].subject() == "service x");
  CHECK(empty.ignores.size() == 1);

  Model nothing;
  empty.append(std::move(nothing));
  CHECK(empty.workloads.size() == 1);
  CHECK(empty.ignores.size() == 1);
  CHECK(empty.networks.empty());
  CHECK(empty.notes.empty());
}
