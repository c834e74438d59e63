// SS402 exposed-datastore: a data store (postgres, mysql, redis, mongo, elasticsearch, ...)
// publishing its port on all interfaces. With a tier policy, SS401 covers this.
#include <re2/re2.h>

#include "catalog/catalog.hpp"
#include "rules/rule.hpp"

namespace shipshape::rules {

namespace {

// The repository part of an image reference: "docker.io/bitnami/postgresql:16" -> "postgresql".
std::string repository(const std::string& image) {
  std::string s = image.substr(0, image.find('@'));
  size_t slash = s.find_last_of('/');
  if (slash != std::string::npos) s = s.substr(slash + 1);
  return s.substr(0, s.find(':'));
}

// The store an image is (rules/datastores.yaml): its repository is the store's name followed
// only by one of the catalogue's suffixes, so "postgresql" and "redis-stack-server" match and
// "mongo-express" and "postgres-exporter" do not.
std::string datastore(const std::string& image) {
  const catalog::DataStores& data = catalog::data_stores();
  static const RE2 suffixes(data.image_suffixes);
  std::string repo = repository(image);
  for (std::string_view s : data.stores)
    if (repo.starts_with(s) && RE2::FullMatch(std::string_view(repo).substr(s.size()), suffixes))
      return std::string(s);
  return "";
}

}  // namespace

void check_exposed_datastore(const CheckContext& ctx, Sink& out) {
  if (!ctx.policy.tiers.empty()) return;
  for (const model::Workload& w : ctx.model.workloads)
    for (const model::Container& c : w.containers) {
      std::string store = datastore(c.image.value);
      if (store.empty()) continue;
      for (const model::Port& p : c.ports) {
        if (p.host_port.empty()) continue;
        if (!p.host_ip.empty() && p.host_ip != "0.0.0.0" && p.host_ip != "::") continue;
        out.report(p.ref, w.subject(c), "{} ({}) publishes port {} on all interfaces", w.named(c),
                   store, p.host_port);
      }
    }
}

}  // namespace shipshape::rules
