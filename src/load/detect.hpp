// What kind of input a file is, from its name and a look at its top-level keys.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace shipshape::load {

enum class InputKind { unknown, compose, kubernetes, values, inventory };

/// "compose" | "k8s" (or "kubernetes") | "values" | "inventory".
std::optional<InputKind> parse_kind(std::string_view s);
std::string_view to_string(InputKind k);

/// compose.yaml, docker-compose.prod.yml, compose.override.yaml, ...
bool is_compose_name(std::string_view filename);
/// compose.override.y(a)ml or docker-compose.override.y(a)ml.
bool is_override_name(std::string_view filename);
/// A .yaml or .yml file name.
bool is_yaml_name(std::string_view path);
/// A file a directory walk looks at: YAML, or an INI inventory by name.
bool is_candidate_name(std::string_view filename);

/// Detects the kind from the path (name, group_vars/host_vars folders) and the text's
/// top-level keys. Returns unknown for YAML that is none of ours.
InputKind detect_kind(std::string_view path, std::string_view text);

}  // namespace shipshape::load
