// Extraction of one merged compose service (and top-level network) into the model.
#pragma once

#include <string>

#include "load/input.hpp"
#include "load/reader.hpp"
#include "load/yaml_tree.hpp"
#include "model/model.hpp"

namespace shipshape::load {

class ServiceExtractor {
 public:
  ServiceExtractor(LoadContext& ctx, std::string project)
      : ctx_(ctx), rd_(ctx), project_(std::move(project)) {}

  /// A service `key: body` into a workload with one container.
  model::Workload service(const Node* key, const Node* body);
  /// A top-level network `key: body`.
  model::Network network(const Node* key, const Node* body);

 private:
  void environment(const Node* n, const std::string& path, model::Container& c);
  void env_files(const Node* n, const std::string& path, model::Container& c);
  void volumes(const Node* n, const std::string& path, model::Container& c);
  void ports(const Node* n, const std::string& path, model::Container& c);
  void healthcheck(const Node* key, const Node* n, const std::string& path, model::Container& c);
  void deploy(const Node* n, const std::string& path, model::Container& c);
  void host_mode(const Node* n, const std::string& path, Sourced<bool>& flag);
  void networks(const Node* n, const std::string& path, model::Workload& w);
  void depends_on(const Node* n, const std::string& path, model::Workload& w);
  void labels(const Node* n, const std::string& path, std::map<std::string, model::Text>& out);

  LoadContext& ctx_;
  Reader rd_;
  std::string project_;
};

/// Parses a compose short port ("[ip:][host:]container[/proto]"); false when malformed.
bool parse_short_port(std::string_view s, model::Port& out);

}  // namespace shipshape::load
