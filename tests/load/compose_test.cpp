#include <doctest/doctest.h>

#include "test_util.hpp"

using namespace shipshape;
using test::TempDir;

namespace {

struct Loaded {
  SourceFiles files;
  load::LoadResult r;
  const model::Workload& svc(const std::string& name) const {
    const auto* w = test::workload(r.model, name);
    REQUIRE_MESSAGE(w, "no service " << name);
    return *w;
  }
  std::string file_of(const Location& at) const { return files.path(at.file); }
};

void load_into(Loaded& l, std::vector<std::string> paths, load::LoadOptions opt = {}) {
  l.r = test::load_paths(l.files, std::move(paths), std::move(opt));
}

}  // namespace

TEST_CASE("compose: service fields and their positions") {
  TempDir d;
  d.write("compose.yaml",
          "services:\n"
          "  api:\n"
          "    image: example/api:1\n"
          "    privileged: true\n"
          "    cap_add: [SYS_ADMIN]\n"
          "    environment:\n"
          "      - PLAIN=value\n"
          "      - \"QUOTED=two\"\n"
          "      - BARE\n"
          "    ports:\n"
          "      - \"127.0.0.1:8080:80/udp\"\n"
          "      - target: 443\n"
          "        published: 8443\n"
          "    volumes:\n"
          "      - /var/run/docker.sock:/var/run/docker.sock:ro\n"
          "      - type: bind\n"
          "        source: /etc\n"
          "        target: /host-etc\n"
          "      - data:/data\n"
          "    network_mode: host\n"
          "    pid: host\n"
          "    healthcheck:\n"
          "      test: [\"CMD\", \"curl\", \"-f\", \"http://localhost\"]\n"
          "    deploy:\n"
          "      resources:\n"
          "        limits: {memory: 512M, cpus: '0.5'}\n"
          "    mem_reservation: 128M\n");
  Loaded l;
  load_into(l, {d.path()});
  REQUIRE_MESSAGE(l.r.errors.empty(), test::errors_of(l.r, l.files));
  const auto& w = l.svc("api");
  CHECK(w.ref.at.line == 2);
  CHECK(w.ref.path == "services.api");
  const auto& c = w.containers.at(0);
  CHECK(c.image.value == "example/api:1");
  CHECK(c.security.privileged.value);
  CHECK(c.security.privileged.ref.at.line == 4);
  CHECK(c.security.privileged.ref.at.column == 17);
  CHECK(c.security.cap_add.at(0).value == "SYS_ADMIN");
  CHECK(test::env(c, "PLAIN")->value.value == "value");
  CHECK(test::env(c, "PLAIN")->value.ref.at.column == 15);
  CHECK(test::env(c, "QUOTED")->value.value == "two");
  CHECK(test::env(c, "BARE")->kind == model::EnvKind::unset);
  REQUIRE(c.ports.size() == 2);
  CHECK(c.ports[0].host_ip == "127.0.0.1");
  CHECK(c.ports[0].host_port == "8080");
  CHECK(c.ports[0].container_port == "80");
  CHECK(c.ports[0].ref.at.line == 11);
  CHECK(c.ports[1].host_port == "8443");
  REQUIRE(c.mounts.size() == 3);
  CHECK(c.mounts[0].type == model::MountType::bind);
  CHECK(c.mounts[0].source.value == "/var/run/docker.sock");
  CHECK(c.mounts[0].read_only);
  CHECK(c.mounts[0].ref.at.line == 15);
  CHECK(c.mounts[1].source.value == "/etc");
  CHECK(c.mounts[1].ref.at.line == 17);  // the `source:` line
  CHECK(c.mounts[2].type == model::MountType::volume);
  CHECK(w.host.network.value);
  CHECK(w.host.pid.value);
  CHECK(c.probes.at(0).handler == "CMD");
  CHECK(c.probes.at(0).test_ref.at.line == 23);
  CHECK(c.resources.limits_memory.value == "512M");
  CHECK(c.resources.limits_cpu.value == "0.5");
  CHECK(c.resources.requests_memory.value == "128M");
}

TEST_CASE("compose: the obsolete version key changes nothing") {
  TempDir d;
  d.write("a/compose.yaml", "services:\n  s:\n    image: x\n    privileged: true\n");
  d.write("b/compose.yaml",
          "version: '3.8'\nservices:\n  s:\n    image: x\n    privileged: true\n");
  Loaded a, b;
  load_into(a, {d / "a"});
  load_into(b, {d / "b"});
  REQUIRE_MESSAGE(a.r.errors.empty(), test::errors_of(a.r, a.files));
  REQUIRE_MESSAGE(b.r.errors.empty(), test::errors_of(b.r, b.files));
  CHECK(a.svc("s").containers[0].security.privileged.value ==
        b.svc("s").containers[0].security.privileged.value);
  CHECK(a.r.model.workloads.size() == 1);
  CHECK(b.r.model.workloads.size() == 1);
  // The same service, each field at its own line (one lower with the version key).
  const auto& ca = a.svc("s").containers.at(0);
  const auto& cb = b.svc("s").containers.at(0);
  CHECK(ca.security.privileged.set);
  CHECK(ca.security.privileged.value);
  CHECK(ca.security.privileged.ref.at.line == 4);
  CHECK(ca.security.privileged.ref.at.column == 17);
  CHECK(cb.security.privileged.set);
  CHECK(cb.security.privileged.value);
  CHECK(cb.security.privileged.ref.at.line == 5);
  CHECK(cb.security.privileged.ref.at.column == 17);
  CHECK(ca.image.value == "x");
  CHECK(cb.image.value == "x");
  CHECK(ca.image.ref.at.line == 3);
  CHECK(cb.image.ref.at.line == 4);
  CHECK(a.svc("s").ref.at.line == 2);
  CHECK(b.svc("s").ref.at.line == 3);
  CHECK(b.svc("s").ref.path == "services.s");
}

TEST_CASE("compose: merge keys / with the value pointing where it is written") {
  TempDir d;
  d.write("compose.yaml",
          "x-base: &base\n"
          "  privileged: true\n"
          "  restart: always\n"
          "x-env: &env\n"
          "  SHARED: one\n"
          "services:\n"
          "  a:\n"
          "    <<: *base\n"
          "    image: a\n"
          "    environment:\n"
          "      <<: *env\n"
          "      OWN: two\n"
          "  b:\n"
          "    <<: *base\n"
          "    privileged: false\n");
  Loaded l;
  load_into(l, {d.path()});
  REQUIRE(l.r.errors.empty());
  const auto& a = l.svc("a").containers[0];
  CHECK(a.security.privileged.value);
  CHECK(a.security.privileged.ref.at.line == 2);
  CHECK(a.security.privileged.ref.at.column == 15);
  CHECK(a.image.value == "a");
  CHECK(a.image.ref.at.line == 9);
  REQUIRE(test::env(a, "SHARED"));
  CHECK(test::env(a, "SHARED")->value.value == "one");
  CHECK(test::env(a, "SHARED")->value.ref.at.line == 5);
  CHECK(test::env(a, "SHARED")->value.ref.at.column == 11);
  REQUIRE(test::env(a, "OWN"));
  CHECK(test::env(a, "OWN")->value.value == "two");
  CHECK(test::env(a, "OWN")->value.ref.at.line == 12);
  CHECK(test::env(a, "OWN")->value.ref.at.column == 12);
  CHECK(l.svc("a").restart.value == "always");
  CHECK(l.svc("a").restart.ref.at.line == 3);
  // b's own key wins over the merged one, and points at b's line.
  const auto& b = l.svc("b").containers[0];
  CHECK(b.security.privileged.set);
  CHECK_FALSE(b.security.privileged.value);
  CHECK(b.security.privileged.ref.at.line == 15);
  CHECK(b.security.privileged.ref.at.column == 17);
  CHECK(l.svc("b").restart.value == "always");
  CHECK(l.svc("b").restart.ref.at.line == 3);
  CHECK(l.svc("b").restart.ref.at.column == 12);
}

TEST_CASE("compose: interpolation from .env points at the .env line") {
  TempDir d;
  d.write("compose.yaml",
          "services:\n"
          "  api:\n"
          "    image: app:${TAG:-latest}\n"
          "    privileged: ${PRIV:-true}\n"
          "    environment:\n"
          "      DB_PASSWORD: ${DB_PASSWORD}\n"
          "      API_KEY: ${SHIPSHAPE_TEST_UNSET_VAR}\n"
          "      PRICE: $$5\n");
  d.write(".env", "# settings\nDB_PASSWORD=from-dotenv\n");
  Loaded l;
  load_into(l, {d.path()});
  REQUIRE_MESSAGE(l.r.errors.empty(), test::errors_of(l.r, l.files));
  const auto& c = l.svc("api").containers[0];
  CHECK(c.image.value == "app:latest");
  CHECK(c.security.privileged.value);
  CHECK(c.security.privileged.ref.at.line == 4);
  const auto* pw = test::env(c, "DB_PASSWORD");
  CHECK(pw->value.value == "from-dotenv");
  CHECK(pw->value.origin == model::Origin::env_file);
  CHECK(l.file_of(pw->value.ref.at).ends_with(".env"));
  CHECK(pw->value.ref.at.line == 2);
  CHECK(pw->value.ref.at.column == 13);
  CHECK(test::env(c, "API_KEY")->kind == model::EnvKind::reference);
  CHECK(test::env(c, "PRICE")->value.value == "$5");
}

TEST_CASE("compose: --env-file replaces .env") {
  TempDir d;
  d.write("compose.yaml", "services:\n  s:\n    image: x\n    privileged: ${PRIV:-false}\n");
  d.write(".env", "PRIV=false\n");
  d.write("prod.env", "PRIV=true\n");
  Loaded l;
  load::LoadOptions opt;
  opt.env_file = d / "prod.env";
  load_into(l, {d.path()}, opt);
  REQUIRE_MESSAGE(l.r.errors.empty(), test::errors_of(l.r, l.files));
  const auto& priv = l.svc("s").containers[0].security.privileged;
  CHECK(priv.set);
  CHECK(priv.value);  // PRIV=true from prod.env, not false from .env or the default
  // A value substituted from an env file points at that file's line.
  CHECK(l.file_of(priv.ref.at).ends_with("prod.env"));
  CHECK(priv.ref.at.line == 1);
  // Without --env-file, .env's PRIV=false applies.
  Loaded plain;
  load_into(plain, {d.path()});
  REQUIRE(plain.r.errors.empty());
  CHECK(plain.svc("s").containers[0].security.privileged.set);
  CHECK_FALSE(plain.svc("s").containers[0].security.privileged.value);
}

TEST_CASE("compose: env_file entries become env vars at their lines") {
  TempDir d;
  d.write("compose.yaml",
          "services:\n"
          "  api:\n"
          "    image: x\n"
          "    env_file:\n"
          "      - api.env\n"
          "      - path: optional.env\n"
          "        required: false\n"
          "    environment:\n"
          "      OVERRIDDEN: here\n");
  d.write("api.env", "SMTP_PASSWORD=s3cret-value\nOVERRIDDEN=there\n");
  Loaded l;
  load_into(l, {d.path()});
  REQUIRE_MESSAGE(l.r.errors.empty(), test::errors_of(l.r, l.files));
  const auto& c = l.svc("api").containers[0];
  const auto* pw = test::env(c, "SMTP_PASSWORD");
  REQUIRE(pw);
  CHECK(l.file_of(pw->ref.at).ends_with("api.env"));
  CHECK(pw->ref.at.line == 1);
  CHECK(pw->kind == model::EnvKind::literal);
  CHECK(pw->value.value == "s3cret-value");
  CHECK(pw->value.origin == model::Origin::env_file);
  CHECK(l.file_of(pw->value.ref.at).ends_with("api.env"));
  CHECK(pw->value.ref.at.line == 1);
  CHECK(pw->value.ref.at.column == 15);
  // `environment:` wins over the env file, and points at the compose file.
  const auto* over = test::env(c, "OVERRIDDEN");
  REQUIRE(over);
  CHECK(over->value.value == "here");
  CHECK(over->value.origin == model::Origin::literal);
  CHECK(l.file_of(over->value.ref.at).ends_with("compose.yaml"));
  CHECK(over->value.ref.at.line == 9);
  CHECK(over->value.ref.at.column == 19);
  size_t overridden = 0;
  for (const auto& e : c.env) overridden += e.name == "OVERRIDDEN";
  CHECK(overridden == 1);
}

TEST_CASE("compose: a missing env_file is an error at its line") {
  TempDir d;
  d.write("compose.yaml", "services:\n  api:\n    image: x\n    env_file: missing.env\n");
  Loaded l;
  load_into(l, {d.path()});
  REQUIRE(l.r.errors.size() == 1);
  CHECK(l.r.errors[0].message == "services.api.env_file: env file 'missing.env' not found");
  CHECK(l.r.errors[0].at.line == 4);
  CHECK(l.r.model.workloads.size() == 1);  // the rest of the file is still linted
}

TEST_CASE("compose: override files merge automatically for a directory / by compose rules") {
  TempDir d;
  d.write("compose.yaml",
          "services:\n"
          "  api:\n"
          "    image: base\n"
          "    command: [serve, --base]\n"
          "    ports: ['8080:80', '9000:9000']\n"
          "    dns: [1.1.1.1]\n"
          "    environment: [A=1, B=2]\n");
  d.write("compose.override.yaml",
          "services:\n"
          "  api:\n"
          "    image: override\n"
          "    command: [serve, --override]\n"
          "    ports: ['8080:80', '9443:443']\n"
          "    privileged: true\n"
          "    environment:\n"
          "      B: three\n"
          "  extra:\n"
          "    image: e\n");
  Loaded l;
  load_into(l, {d.path()});
  REQUIRE(l.r.errors.empty());
  const auto& c = l.svc("api").containers[0];
  CHECK(c.image.value == "override");
  CHECK(l.file_of(c.image.ref.at).ends_with("compose.override.yaml"));
  CHECK(c.image.ref.at.line == 3);
  REQUIRE(c.command.size() == 2);
  CHECK(c.command[0].value == "serve");
  CHECK(c.command[1].value == "--override");
  CHECK(l.file_of(c.command[1].ref.at).ends_with("compose.override.yaml"));
  CHECK(c.command[1].ref.at.line == 4);
  REQUIRE(c.ports.size() == 3);  // 8080:80 once, by the unique-resource rule
  CHECK(c.ports[0].host_port == "8080");
  CHECK(c.ports[0].container_port == "80");
  CHECK(c.ports[1].host_port == "9000");
  CHECK(c.ports[1].container_port == "9000");
  CHECK(l.file_of(c.ports[1].ref.at).ends_with("compose.yaml"));
  CHECK(c.ports[1].ref.at.line == 5);
  CHECK(c.ports[2].host_port == "9443");
  CHECK(c.ports[2].container_port == "443");
  CHECK(l.file_of(c.ports[2].ref.at).ends_with("compose.override.yaml"));
  CHECK(c.ports[2].ref.at.line == 5);
  REQUIRE(test::env(c, "A"));
  CHECK(test::env(c, "A")->value.value == "1");
  CHECK(l.file_of(test::env(c, "A")->value.ref.at).ends_with("compose.yaml"));
  CHECK(test::env(c, "A")->value.ref.at.line == 7);
  REQUIRE(test::env(c, "B"));
  CHECK(test::env(c, "B")->value.value == "three");
  CHECK(l.file_of(test::env(c, "B")->value.ref.at).ends_with("compose.override.yaml"));
  CHECK(test::env(c, "B")->value.ref.at.line == 8);
  CHECK(test::env(c, "B")->value.ref.at.column == 10);
  CHECK(c.env.size() == 2);
  CHECK(c.security.privileged.value);
  CHECK(l.file_of(c.security.privileged.ref.at).ends_with("compose.override.yaml"));
  CHECK(c.security.privileged.ref.at.line == 6);
  REQUIRE(test::workload(l.r.model, "extra"));
  CHECK(l.svc("extra").containers.at(0).image.value == "e");
  CHECK(l.r.model.workloads.size() == 2);
}

TEST_CASE("compose: an explicit file is linted alone - -f merges in order") {
  TempDir d;
  d.write("compose.yaml", "services:\n  api:\n    image: base\n");
  d.write("compose.override.yaml", "services:\n  api:\n    privileged: true\n");
  d.write("prod.yaml", "services:\n  api:\n    image: prod\n    privileged: !reset null\n");
  Loaded alone;
  load_into(alone, {d / "compose.yaml"});
  CHECK_FALSE(alone.svc("api").containers[0].security.privileged.set);
  CHECK(alone.svc("api").containers[0].image.value == "base");
  CHECK(alone.file_of(alone.svc("api").containers[0].image.ref.at).ends_with("compose.yaml"));
  Loaded merged;
  load::LoadOptions opt;
  opt.compose_files = {d / "compose.yaml", d / "compose.override.yaml", d / "prod.yaml"};
  load_into(merged, {}, opt);
  REQUIRE(merged.r.errors.empty());
  CHECK(merged.svc("api").containers[0].image.value == "prod");
  CHECK(merged.file_of(merged.svc("api").containers[0].image.ref.at).ends_with("prod.yaml"));
  CHECK(merged.svc("api").containers[0].image.ref.at.line == 3);
  CHECK(merged.svc("api").containers[0].image.ref.at.column == 12);
  CHECK_FALSE(merged.svc("api").containers[0].security.privileged.set);  // !reset
}

TEST_CASE("compose: extends in the same file and another file") {
  TempDir d;
  d.write("common.yaml",
          "services:\n"
          "  hardened:\n"
          "    image: base\n"
          "    privileged: true\n"
          "    environment: {FROM_COMMON: '1'}\n");
  d.write("compose.yaml",
          "services:\n"
          "  base:\n"
          "    image: base\n"
          "    cap_add: [NET_ADMIN]\n"
          "  web:\n"
          "    extends: base\n"
          "    image: web\n"
          "  api:\n"
          "    extends:\n"
          "      file: common.yaml\n"
          "      service: hardened\n");
  Loaded l;
  load_into(l, {d / "compose.yaml"});
  REQUIRE_MESSAGE(l.r.errors.empty(), test::errors_of(l.r, l.files));
  const auto& web = l.svc("web").containers[0];
  CHECK(web.image.value == "web");
  CHECK(web.image.ref.at.line == 7);
  CHECK(l.file_of(web.image.ref.at).ends_with("compose.yaml"));
  CHECK(web.security.cap_add.at(0).value == "NET_ADMIN");
  CHECK(web.security.cap_add.at(0).ref.at.line == 4);
  const auto& api = l.svc("api").containers[0];
  CHECK(api.security.privileged.value);
  CHECK(l.file_of(api.security.privileged.ref.at).ends_with("common.yaml"));
  CHECK(api.security.privileged.ref.at.line == 4);
  REQUIRE(test::env(api, "FROM_COMMON"));
  CHECK(test::env(api, "FROM_COMMON")->value.value == "1");
  CHECK(l.file_of(test::env(api, "FROM_COMMON")->value.ref.at).ends_with("common.yaml"));
  CHECK(test::env(api, "FROM_COMMON")->value.ref.at.line == 5);
  CHECK(api.image.value == "base");
  CHECK(l.file_of(api.image.ref.at).ends_with("common.yaml"));
  CHECK(api.image.ref.at.line == 3);
  // The extended service itself is still there, unchanged.
  CHECK(l.svc("base").containers[0].image.value == "base");
  CHECK(l.svc("base").containers[0].image.ref.at.line == 3);
}

TEST_CASE("compose: an extends cycle is an error / not a hang") {
  TempDir d;
  d.write("compose.yaml",
          "services:\n  a:\n    extends: b\n    image: a\n  b:\n    extends: a\n    image: b\n");
  Loaded l;
  load_into(l, {d.path()});
  REQUIRE_FALSE(l.r.errors.empty());
  CHECK(l.r.errors[0].message.find("extends cycle") != std::string::npos);
}

TEST_CASE("compose: include brings in another project's services") {
  TempDir d;
  d.write("compose.yaml", "include:\n  - db/compose.yaml\nservices:\n  api:\n    image: a\n");
  d.write("db/compose.yaml", "services:\n  db:\n    image: postgres\n    privileged: true\n");
  Loaded l;
  load_into(l, {d / "compose.yaml"});
  REQUIRE_MESSAGE(l.r.errors.empty(), test::errors_of(l.r, l.files));
  const auto& db = l.svc("db").containers[0];
  CHECK(db.security.privileged.value);
  CHECK(l.file_of(db.security.privileged.ref.at).ends_with("db/compose.yaml"));
  CHECK(db.security.privileged.ref.at.line == 4);
  CHECK(db.image.value == "postgres");
  CHECK(l.file_of(db.image.ref.at).ends_with("db/compose.yaml"));
  CHECK(db.image.ref.at.line == 3);
  CHECK(l.svc("api").containers[0].image.value == "a");
  CHECK(l.r.model.workloads.size() == 2);
}

TEST_CASE("compose: wrong types are errors at their position") {
  TempDir d;
  d.write("a/compose.yaml", "services:\n  - api\n");
  d.write("b/compose.yaml", "services:\n  api:\n    image: x\n    ports: 80\n");
  d.write("c/compose.yaml", "services:\n  api:\n    image: x\n    privileged: yes please\n");
  Loaded a, b, c;
  load_into(a, {d / "a"});
  load_into(b, {d / "b"});
  load_into(c, {d / "c"});
  REQUIRE(a.r.errors.size() == 1);
  CHECK(a.r.errors[0].message == "services: expected a mapping, got a sequence");
  CHECK(a.r.errors[0].at.line == 2);
  REQUIRE(b.r.errors.size() == 1);
  CHECK(b.r.errors[0].message == "services.api.ports: expected a sequence, got '80'");
  CHECK(b.r.errors[0].at == Location{b.r.errors[0].at.file, 4, 12});
  REQUIRE(c.r.errors.size() == 1);
  CHECK(c.r.errors[0].message == "services.api.privileged: expected a boolean, got 'yes please'");
}

TEST_CASE("compose: networks / default network and dependencies") {
  TempDir d;
  d.write("compose.yaml",
          "services:\n"
          "  api:\n"
          "    image: a\n"
          "    networks: [front, data]\n"
          "    depends_on:\n"
          "      db: {condition: service_healthy}\n"
          "  lone:\n"
          "    image: b\n"
          "    depends_on: [api]\n"
          "networks:\n"
          "  front: {}\n"
          "  data:\n"
          "    internal: true\n");
  Loaded l;
  load_into(l, {d.path()});
  REQUIRE(l.r.errors.empty());
  REQUIRE(l.svc("api").networks.size() == 2);
  CHECK(l.svc("api").networks[0].value == "front");
  CHECK(l.svc("api").networks[1].value == "data");
  CHECK(l.svc("api").networks[0].ref.at.line == 4);
  CHECK_FALSE(l.svc("api").default_network);
  CHECK(l.svc("lone").default_network);
  CHECK(l.svc("api").depends_on.at(0).service == "db");
  CHECK(l.svc("api").depends_on.at(0).condition == "service_healthy");
  CHECK(l.svc("api").depends_on.at(0).ref.at.line == 6);
  CHECK(l.svc("lone").depends_on.at(0).service == "api");
  CHECK(l.svc("lone").depends_on.at(0).condition == "service_started");
  CHECK(l.svc("lone").depends_on.at(0).ref.at.line == 9);
  REQUIRE(l.r.model.networks.size() == 2);
  CHECK(l.r.model.networks[0].name == "front");
  CHECK_FALSE(l.r.model.networks[0].internal.value);
  CHECK(l.r.model.networks[0].ref.at.line == 11);
  CHECK(l.r.model.networks[1].name == "data");
  CHECK(l.r.model.networks[1].internal.value);
  CHECK(l.r.model.networks[1].ref.at.line == 12);
}
