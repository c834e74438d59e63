#include <doctest/doctest.h>

#include "rules/cross_input.hpp"
#include "rules/secret_candidates.hpp"

using namespace shipshape;
using rules::CrossInputIndex;

namespace {

rules::FoundSecret secret(std::string value, uint32_t file, uint32_t line, std::string subject,
                          secrets::DetectionKind kind = secrets::DetectionKind::keyed) {
  rules::FoundSecret f;
  f.candidate.label = "env 'DB_PASSWORD'";
  f.candidate.subject = std::move(subject);
  f.candidate.value.value = value;
  f.candidate.value.ref = NodeRef{{file, line, 7}, "services.x.environment.DB_PASSWORD"};
  f.detection = secrets::Detection{kind, "a password in clear", std::move(value)};
  return f;
}

model::Model workloads(std::string ns, std::vector<std::string> names) {
  model::Model m;
  for (const auto& name : names) {
    model::Workload w;
    w.source = model::SourceKind::kubernetes;
    w.kind = "Deployment";
    w.name = name;
    w.namespace_ = ns;
    w.ref = NodeRef{{1, 4, 9}, "Deployment/" + ns + "/" + name + ":metadata.name"};
    w.labels["app"].value = name;
    w.labels["tier"].value = "web";
    m.workloads.push_back(std::move(w));
  }
  model::Workload compose;  // not Kubernetes: run-scoped rules do not read it
  compose.name = "api";
  m.workloads.push_back(compose);
  return m;
}

// What for_each_repeated_secret hands over, one line per holder, groups separated by "|".
std::string groups(const CrossInputIndex& k) {
  std::string out;
  k.for_each_repeated_secret([&](std::span<const rules::IndexedSecret> holders) {
    out += "|";
    for (const auto& h : holders)
      out += std::string(h.secret) + "@" + std::to_string(h.at.file) + ":" +
             std::to_string(h.at.line) + " " + std::string(h.subject) + " " + std::string(h.label) +
             " " + std::string(h.path) + ";";
  });
  return out;
}

}  // namespace

TEST_CASE("kept: repeated secrets are grouped by value in slot order whatever the order added") {
  model::Model none;
  CrossInputIndex in_order, reversed;
  std::vector<std::vector<rules::FoundSecret>> slots = {
      {secret("hunter22", 1, 3, "service a"), secret("only-once", 1, 4, "service a")},
      {secret("hunter22", 2, 5, "service b"), secret("abc123456", 2, 6, "service b")},
      {secret("abc123456", 3, 1, "service c"), secret("hunter22", 3, 2, "service c")}};
  for (size_t s = 0; s < slots.size(); ++s) in_order.add(s + 1, none, slots[s]);
  for (size_t s = slots.size(); s-- > 0;) reversed.add(s + 1, none, slots[s]);
  in_order.seal();
  reversed.seal();
  std::string path = " env 'DB_PASSWORD' services.x.environment.DB_PASSWORD;";
  CHECK(groups(in_order) == "|abc123456@2:6 service b" + path + "abc123456@3:1 service c" + path +
                                "|hunter22@1:3 service a" + path + "hunter22@2:5 service b" + path +
                                "hunter22@3:2 service c" + path);
  CHECK(groups(reversed) == groups(in_order));
}

TEST_CASE("kept: a value found once is handed to no one and kinds are kept") {
  model::Model none;
  CrossInputIndex k;
  k.add(1, none,
        {secret("postgres", 1, 1, "service db", secrets::DetectionKind::default_credential),
         secret("postgres", 1, 2, "service api"), secret("alone-here", 1, 3, "service api")});
  k.seal();
  std::vector<secrets::DetectionKind> kinds;
  size_t calls = 0;
  k.for_each_repeated_secret([&](std::span<const rules::IndexedSecret> holders) {
    ++calls;
    for (const auto& h : holders) kinds.push_back(h.kind);
  });
  CHECK(calls == 1);
  CHECK(kinds == std::vector<secrets::DetectionKind>{secrets::DetectionKind::default_credential,
                                                     secrets::DetectionKind::keyed});
}

TEST_CASE("kept: Kubernetes workloads with their labels and the policies that select pods") {
  model::Model m = workloads("shop", {"api", "cart"});
  model::NetworkPolicy selecting, not_selecting;
  selecting.namespace_ = "shop";
  selecting.pod_selector.set = true;
  selecting.pod_selector.match_labels["app"] = "api";
  not_selecting.namespace_ = "shop";  // no podSelector key: selects nothing
  m.network_policies = {selecting, not_selecting};
  CrossInputIndex k;
  k.add(2, workloads("other", {"late"}), {});
  k.add(1, m, {});
  k.seal();
  auto ws = k.workloads();
  REQUIRE(ws.size() == 3);
  CHECK(ws[0].subject == "Deployment shop/api");
  CHECK(ws[0].named == "Deployment 'shop/api'");
  CHECK(ws[0].namespace_ == "shop");
  CHECK(ws[0].ref().path == "Deployment/shop/api:metadata.name");
  CHECK(ws[0].at == Location{1, 4, 9});
  CHECK(ws[0].label("app") == "api");
  CHECK(ws[0].label("tier") == "web");
  CHECK_FALSE(ws[0].label("missing").has_value());
  CHECK(ws[1].subject == "Deployment shop/cart");
  CHECK(ws[2].subject == "Deployment other/late");  // slot 2, though added first
  REQUIRE(k.policies().size() == 1);
  CHECK(k.policies()[0].pod_selector.matches_by(
      [&](std::string_view key) { return ws[0].label(key); }));
  CHECK_FALSE(k.policies()[0].pod_selector.matches_by(
      [&](std::string_view key) { return ws[1].label(key); }));
}
