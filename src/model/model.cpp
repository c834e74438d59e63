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
  for (const auto& [k, v] : match_labels) {
    auto it = labels.find(k);
    if (it == labels.end() || it->second.value != v) return false;
  }
  for (const auto& r : match_expressions) {
    auto it = labels.find(r.key);
    bool has = it != labels.end();
    bool in = has && std::find(r.values.begin(), r.values.end(), it->second.value) != r.values.end();
    if (r.op == "In" && !in) return false;
    if (r.op == "NotIn" && in) return false;
    if (r.op == "Exists" && !has) return false;
    if (r.op == "DoesNotExist" && has) return false;
  }
  return true;
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
