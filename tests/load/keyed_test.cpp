#include <doctest/doctest.h>

#include "test_util.hpp"

using namespace shipshape;
using test::TempDir;

namespace {

const model::KeyedScalar* scalar(const std::vector<model::KeyedScalar>& v,
                                 const std::string& path) {
  for (const auto& k : v)
    if (k.value.ref.path == path) return &k;
  return nullptr;
}

}  // namespace

TEST_CASE("values files flatten to keyed scalars with paths and positions") {
  TempDir d;
  d.write("values.yaml",
          "postgresql:\n  auth:\n    password: \"hunter2\"\n  hosts: [a, b]\nreplicas: 2\n");
  SourceFiles files;
  auto r = test::load_paths(files, {d / "values.yaml"});
  REQUIRE(r.errors.empty());
  REQUIRE(r.model.values.size() == 1);
  const auto& s = r.model.values[0].scalars;
  const auto* pw = scalar(s, "postgresql.auth.password");
  REQUIRE(pw);
  CHECK(pw->key == "password");
  CHECK(pw->value.value == "hunter2");
  CHECK(pw->value.ref.at.line == 3);
  CHECK(pw->value.ref.at.column == 15);
  CHECK(scalar(s, "postgresql.hosts[1]")->key == "hosts");
}

TEST_CASE("Ansible YAML inventories: groups / hosts / vars and vault") {
  TempDir d;
  d.write("inventory.yml",
          "all:\n"
          "  vars:\n"
          "    ansible_user: deploy\n"
          "  children:\n"
          "    mail:\n"
          "      hosts:\n"
          "        mail01:\n"
          "          ansible_host: 203.0.113.5\n"
          "          ansible_password: !vault |\n"
          "            $ANSIBLE_VAULT;1.1;AES256\n"
          "            6162\n"
          "          smtp:\n"
          "            password: plain-pass\n"
          "    web:\n"
          "      hosts:\n"
          "        web01:\n"
          "        mail01:\n");
  SourceFiles files;
  auto r = test::load_paths(files, {d / "inventory.yml"});
  REQUIRE_MESSAGE(r.errors.empty(), test::errors_of(r, files));
  REQUIRE(r.model.inventories.size() == 1);
  const auto& inv = r.model.inventories[0];
  REQUIRE(inv.hosts.size() == 2);
  CHECK(inv.hosts[0].name == "mail01");
  CHECK(inv.hosts[0].ref.at.line == 7);
  CHECK(inv.hosts[1].name == "web01");
  CHECK(scalar(inv.scalars, "all.children.mail.hosts.mail01.ansible_password")->encrypted);
  const auto* smtp = scalar(inv.scalars, "all.children.mail.hosts.mail01.smtp.password");
  REQUIRE(smtp);
  CHECK(smtp->key == "password");
  CHECK(smtp->value.ref.at.line == 13);
  const auto* user = scalar(inv.scalars, "all.vars.ansible_user");
  REQUIRE(user);
  CHECK(user->key == "ansible_user");
}

TEST_CASE("Ansible INI inventories") {
  TempDir d;
  d.write("hosts",
          "# comment\n"
          "[web]\n"
          "web01 ansible_host=10.0.0.1 ansible_password='two words'\n"
          "web02\n"
          "\n"
          "[web:vars]\n"
          "ansible_become_pass=changeme\n"
          "[all:children]\n"
          "web\n");
  SourceFiles files;
  auto r = test::load_paths(files, {d / "hosts"});
  REQUIRE_MESSAGE(r.errors.empty(), test::errors_of(r, files));
  REQUIRE(r.model.inventories.size() == 1);
  const auto& inv = r.model.inventories[0];
  REQUIRE(inv.hosts.size() == 2);
  CHECK(inv.hosts[0].name == "web01");
  CHECK(inv.hosts[0].ref.at.line == 3);
  const auto* pw = scalar(inv.scalars, "web.hosts.web01.ansible_password");
  REQUIRE(pw);
  CHECK(pw->value.value == "two words");
  CHECK(pw->value.ref.at.column == 46);
  const auto* become = scalar(inv.scalars, "web.vars.ansible_become_pass");
  REQUIRE(become);
  CHECK(become->value.value == "changeme");
  CHECK(become->value.ref.at.line == 7);
}

TEST_CASE("group_vars and host_vars folders and ad-hoc inventories") {
  TempDir d;
  d.write("ansible/group_vars/mail.yml", "smtp_password: s3cret\n");
  d.write("ansible/host_vars/db01.yml", "db_password: other\n");
  d.write("deploy/inventory.yaml",
          "observability:\n"
          "  hostname: obs.example.com\n"
          "  ip: 203.0.113.1\n"
          "  config:\n"
          "    smtp:\n"
          "      password: plain\n");
  SourceFiles files;
  auto r = test::load_paths(files, {d.path()});
  REQUIRE_MESSAGE(r.errors.empty(), test::errors_of(r, files));
  REQUIRE(r.model.inventories.size() == 3);
  bool saw_group = false, saw_host = false, saw_adhoc = false;
  for (const auto& inv : r.model.inventories) {
    if (scalar(inv.scalars, "smtp_password")) saw_group = true;
    for (const auto& h : inv.hosts) {
      if (h.name == "db01") saw_host = true;
      if (h.name == "observability") {
        saw_adhoc = true;
        CHECK(scalar(inv.scalars, "observability.config.smtp.password")->value.ref.at.line == 6);
      }
    }
  }
  CHECK(saw_group);
  CHECK(saw_host);
  CHECK(saw_adhoc);
}
