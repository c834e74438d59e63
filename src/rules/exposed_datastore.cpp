// SS402 exposed-datastore: a data store (postgres, mysql, redis, mongo, elasticsearch, ...)
// publishing its port on all interfaces. With a tier policy, SS401 covers this.
#include <array>

#include <re2/re2.h>

#include "rules/registry.hpp"

namespace shipshape::rules {

namespace {

// The repository part of an image reference: "docker.io/bitnami/postgresql:16" -> "postgresql".
std::string repository(const std::string& image) {
  std::string s = image.substr(0, image.find('@'));
  size_t slash = s.find_last_of('/');
  if (slash != std::string::npos) s = s.substr(slash + 1);
  return s.substr(0, s.find(':'));
}

std::string datastore(const std::string& image) {
  static const std::array<const char*, 20> stores = {
      "postgres", "postgis", "timescaledb", "mysql",   "mariadb",  "percona",   "mongo",
      "redis",    "valkey",  "keydb",       "memcached", "elasticsearch", "opensearch",
      "cassandra", "scylla", "couchdb",     "influxdb", "clickhouse", "neo4j",  "etcd"};
  // The store's own image (postgres, postgresql, mongodb, redis-stack-server), not tools named
  // after it (mongo-express, redisinsight, postgres-exporter, phpmyadmin).
  static const RE2 suffixes(R"((ql|db)?(-(server|stack|stack-server|cluster|ce|oss|sentinel|ha|alpine|community))?)");
  std::string repo = repository(image);
  for (const char* s : stores)
    if (repo.starts_with(s) && RE2::FullMatch(std::string_view(repo).substr(std::string_view(s).size()), suffixes)) return s;
  return "";
}

}  // namespace

void check_exposed_datastore(const CheckContext& ctx, engine::FindingSink& out) {
  if (!ctx.config.tiers.empty()) return;
  for (const model::Workload& w : ctx.model.workloads)
    for (const model::Container& c : w.containers) {
      std::string store = datastore(c.image.value);
      if (store.empty()) continue;
      for (const model::Port& p : c.ports) {
        if (p.host_port.empty()) continue;
        if (!p.host_ip.empty() && p.host_ip != "0.0.0.0" && p.host_ip != "::") continue;
        out.report(p.ref, w.subject(c),
                   "{} ({}) publishes port {} on all interfaces", w.named(c), store, p.host_port);
      }
    }
}

}  // namespace shipshape::rules
