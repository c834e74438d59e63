// What kind of input a file is, from its name, its place and its top-level keys: compose (a
// `services` mapping with only the Compose Specification's top-level keys, or a compose file
// name), Kubernetes (`apiVersion` and `kind`, not a tool's own config such as a
// Kustomization), Helm values (beside a Chart.yaml, or values*.yaml), inventories (Ansible
// structure or inventory names), env files by name. Anything else is not ours: a CI config,
// a workflow, OpenAPI, mkdocs, ...
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/input_kind.hpp"

namespace shipshape::load {

using shipshape::InputKind;
using shipshape::parse_kind;
using shipshape::to_string;

/// compose.yaml, docker-compose.prod.yml, compose.override.yaml, ...
bool is_compose_name(std::string_view filename);
/// compose.override.y(a)ml or docker-compose.override.y(a)ml.
bool is_override_name(std::string_view filename);
/// .env, .env.production, app.env: the env-file format, by name.
bool is_env_name(std::string_view filename);
/// A .yaml or .yml file name.
bool is_yaml_name(std::string_view path);
/// A file a directory walk looks at: YAML, or an INI inventory by name.
bool is_candidate_name(std::string_view filename);

/// Detects the kind from the path (name, group_vars/host_vars and role vars folders, whether it
/// sits in a chart) and the text's top-level keys. Returns unknown for YAML that is none of ours.
InputKind detect_kind(std::string_view path, std::string_view text, bool in_chart = false);

/// What a file that is none of ours looks like, for messages: "a GitHub Actions workflow",
/// "a GitLab CI configuration", "YAML with the top-level keys a, b".
std::string describe_other(std::string_view path, std::string_view text);

}  // namespace shipshape::load
