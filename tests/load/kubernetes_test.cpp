#include <doctest/doctest.h>

#include "test_util.hpp"

using namespace shipshape;
using test::TempDir;

namespace {

const char* kStream = R"(---
# Source: shop/templates/secret.yaml
apiVersion: v1
kind: Secret
metadata:
  name: creds
  namespace: shop
data:
  password: aHVudGVyMg==
  broken: "not base64!!"
stringData:
  token: plain-token
---
# Source: shop/templates/cron.yaml
apiVersion: batch/v1
kind: CronJob
metadata:
  name: backup
  namespace: shop
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        metadata:
          labels: {app: backup}
        spec:
          hostPID: true
          initContainers:
            - name: init
              image: busybox
          containers:
            - name: run
              image: backup:1
              env:
                - name: PLAIN
                  value: "text"
                - name: FROM_SECRET
                  valueFrom:
                    secretKeyRef: {name: creds, key: password}
              securityContext:
                privileged: true
                capabilities:
                  add: [SYS_ADMIN]
              volumeMounts:
                - name: sock
                  mountPath: /var/run/docker.sock
              resources:
                limits: {memory: 1Gi}
              livenessProbe:
                exec:
                  command: ["true"]
          volumes:
            - name: sock
              hostPath:
                path: /var/run/docker.sock
---
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata: {name: listed}
    spec:
      containers:
        - name: c
          image: x
  - apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata: {name: deny, namespace: shop}
    spec:
      podSelector:
        matchExpressions:
          - {key: app, operator: In, values: [backup]}
      policyTypes: [Ingress]
      ingress:
        - from:
            - podSelector: {matchLabels: {role: proxy}}
  - apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata: {name: admin-ish}
    rules:
      - apiGroups: ["*"]
        resources: ["*"]
        verbs: ["*"]
)";

}  // namespace

TEST_CASE("kubernetes: workloads / Secrets / List kinds / policies / RBAC and Source mapping") {
  TempDir d;
  d.write("rendered.yaml", kStream);
  SourceFiles files;
  auto r = test::load_paths(files, {d / "rendered.yaml"});
  REQUIRE_MESSAGE(r.errors.empty(), test::errors_of(r, files));
  const auto& m = r.model;

  const auto* cron = test::workload(m, "backup");
  REQUIRE(cron);
  CHECK(cron->kind == "CronJob");
  CHECK(cron->namespace_ == "shop");
  CHECK(cron->subject() == "CronJob shop/backup");
  CHECK(cron->ref.at.line == 18);
  CHECK(files.helm_source(cron->ref.at) == "shop/templates/cron.yaml");
  CHECK(cron->host.pid.value);
  CHECK(cron->labels.at("app").value == "backup");
  REQUIRE(cron->containers.size() == 2);
  CHECK(cron->containers[0].init);
  CHECK(cron->subject(cron->containers[0]) == "CronJob shop/backup init container init");
  const auto& run = cron->containers[1];
  CHECK(run.ref.at.line == 33);
  CHECK(run.security.privileged.value);
  CHECK(run.security.privileged.ref.at.line == 42);
  CHECK(run.security.cap_add.at(0).value == "SYS_ADMIN");
  CHECK(test::env(run, "PLAIN")->value.value == "text");
  CHECK(test::env(run, "PLAIN")->ref.at.line == 37);
  CHECK(test::env(run, "FROM_SECRET")->kind == model::EnvKind::secret_ref);
  REQUIRE(run.mounts.size() == 1);
  CHECK(run.mounts[0].type == model::MountType::host_path);
  CHECK(run.mounts[0].source.value == "/var/run/docker.sock");
  CHECK(run.mounts[0].ref.at.line == 56);
  CHECK(run.resources.limits_memory.value == "1Gi");
  CHECK_FALSE(run.resources.limits_cpu.set);
  REQUIRE(run.probes.size() == 1);
  CHECK(run.probes[0].kind == model::ProbeKind::liveness);
  CHECK(run.probes[0].handler == "exec");
  CHECK(run.probes[0].command.at(0) == "true");

  REQUIRE(m.configs.size() == 1);
  const auto& secret = m.configs[0];
  REQUIRE(secret.entries.size() == 3);
  CHECK(secret.entries[0].value.value == "hunter2");
  CHECK(secret.entries[0].value.ref.at.line == 9);
  CHECK(secret.entries[1].decode_failed);
  CHECK(secret.entries[2].value.value == "plain-token");
  REQUIRE(m.notes.size() == 1);
  CHECK(m.notes[0].message == "Secret 'creds' key 'broken' is not valid base64");

  CHECK(test::workload(m, "listed"));
  REQUIRE(m.network_policies.size() == 1);
  const auto& np = m.network_policies[0];
  CHECK(np.pod_selector.matches(cron->labels));
  CHECK(np.ingress.at(0).peers.at(0).pod_selector.match_labels.at("role") == "proxy");
  REQUIRE(m.rbac.size() == 1);
  CHECK(m.rbac[0].rules.at(0).verbs.at(0) == "*");
}

TEST_CASE("kubernetes: label selectors") {
  model::LabelSelector s;
  s.set = true;
  std::map<std::string, model::Text> labels;
  labels["app"].value = "web";
  CHECK(s.matches(labels));  // empty selector selects all
  s.match_labels["app"] = "web";
  CHECK(s.matches(labels));
  s.match_expressions.push_back({"tier", "Exists", {}});
  CHECK_FALSE(s.matches(labels));
  s.match_expressions.back() = {"tier", "DoesNotExist", {}};
  CHECK(s.matches(labels));
  s.match_expressions.back() = {"app", "NotIn", {"web"}};
  CHECK_FALSE(s.matches(labels));
}
