// Values files and inventories: documents rules scan as keyed scalars (Helm values,
// Ansible YAML and INI inventories, group_vars/host_vars, ad-hoc host lists).
#pragma once

#include <string>
#include <vector>

#include "load/input.hpp"
#include "load/yaml_tree.hpp"
#include "model/model.hpp"

namespace shipshape::load {

/// Appends every scalar under `n` as a KeyedScalar with its key path.
void flatten(const Node* n, const std::string& path, const std::string& key,
             std::vector<model::KeyedScalar>& out);

/// Loads a Helm values file (or other key/value YAML) already read into `text`.
void load_values(const std::string& text, uint32_t file, LoadContext& ctx, model::Model& out);
/// An env file named on the command line (`.env`, `prod.env`): each KEY=VALUE is a keyed
/// scalar of an "env file" document, scanned for secrets as values are.
void load_env_values(const std::string& text, uint32_t file, LoadContext& ctx, model::Model& out);

/// Loads a YAML inventory: Ansible (`all`/`children`/`hosts`/`vars`) or ad-hoc.
/// `vars_of` names the group or host for a group_vars/host_vars file ("" otherwise).
void load_inventory_yaml(const std::string& text, uint32_t file, LoadContext& ctx,
                         model::Model& out, const std::string& vars_of = "",
                         bool host_vars = false);

/// Loads an Ansible INI inventory.
void load_inventory_ini(const std::string& text, uint32_t file, LoadContext& ctx,
                        model::Model& out);

/// Text that is an Ansible INI inventory rather than YAML.
bool looks_like_ini_inventory(std::string_view text);

}  // namespace shipshape::load
