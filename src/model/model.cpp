#include "model/model.hpp"

#include <algorithm>
#include <iterator>

namespace shipshape::model {

bool EnvVar::is_file_path() const {
  return name.size() > 5 && name.ends_with("_FILE") && !value.value.empty() &&
         value.value.front() == '/';
}

std::string Workload::subject() const {
  if (source == SourceKind::compose) return "service " + name;
  if (namespace_.empty()) return kind + " " + name;
  return kind + " " + namespace_ + "/" + name;
}

std::string Workload::subject(const Container& c) const {
  if (source == SourceKind::compose) return subject();
  return subject() + (c.init ? " init container " : " container ") + c.name;
}

std::string Workload::named() const {
  if (source == SourceKind::compose) return "service '" + name + "'";
  return kind + " '" + (namespace_.empty() ? name : namespace_ + "/" + name) + "'";
}

std::string Workload::named(const Container& c) const {
  if (source == SourceKind::compose) return named();
  return named() + (c.init ? " init container '" : " container '") + c.name + "'";
}

bool LabelSelector::matches(const std::map<std::string, Text>& labels) const {
  return matches_by([&](const std::string& key) -> std::optional<std::string_view> {
    auto it = labels.find(key);
    if (it == labels.end()) return std::nullopt;
    return it->second.value;
  });
}

template <class T>
static void move_into(std::vector<T>& to, std::vector<T>& from) {
  to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

void Model::append(Model&& o) {
  move_into(workloads, o.workloads);
  move_into(networks, o.networks);
  move_into(network_policies, o.network_policies);
  move_into(configs, o.configs);
  move_into(rbac, o.rbac);
  move_into(values, o.values);
  move_into(inventories, o.inventories);
  move_into(notes, o.notes);
  move_into(ignores, o.ignores);
}

}  // namespace shipshape::model
