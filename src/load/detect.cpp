#include "load/detect.hpp"

#include "load/keyed.hpp"

namespace shipshape::load {

namespace {

std::string_view filename_of(std::string_view path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool has_yaml_ext(std::string_view name) {
  return name.ends_with(".yaml") || name.ends_with(".yml");
}

// True when a line starts at column 0 with `key:`.
bool has_top_key(std::string_view text, std::string_view key) {
  size_t pos = 0;
  while (pos < text.size()) {
    if (text.compare(pos, key.size(), key) == 0 && pos + key.size() < text.size() &&
        text[pos + key.size()] == ':')
      return true;
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) break;
    pos = eol + 1;
  }
  return false;
}

}  // namespace

std::optional<InputKind> parse_kind(std::string_view s) {
  if (s == "compose") return InputKind::compose;
  if (s == "k8s" || s == "kubernetes") return InputKind::kubernetes;
  if (s == "values") return InputKind::values;
  if (s == "inventory") return InputKind::inventory;
  return std::nullopt;
}

std::string_view to_string(InputKind k) {
  switch (k) {
    case InputKind::compose: return "compose";
    case InputKind::kubernetes: return "k8s";
    case InputKind::values: return "values";
    case InputKind::inventory: return "inventory";
    case InputKind::unknown: break;
  }
  return "unknown";
}

bool is_yaml_name(std::string_view path) { return has_yaml_ext(path); }

bool is_compose_name(std::string_view name) {
  if (!has_yaml_ext(name)) return false;
  for (std::string_view prefix : {"docker-compose", "compose"})
    if (name.starts_with(prefix)) {
      char next = name[prefix.size()];
      return next == '.' || next == '-' || next == '_';
    }
  return false;
}

bool is_override_name(std::string_view name) {
  return name == "compose.override.yaml" || name == "compose.override.yml" ||
         name == "docker-compose.override.yaml" || name == "docker-compose.override.yml";
}

bool is_candidate_name(std::string_view name) {
  return has_yaml_ext(name) || name == "hosts" || name == "inventory" || name.ends_with(".ini") ||
         name.starts_with("inventory");
}

InputKind detect_kind(std::string_view path, std::string_view text) {
  std::string_view name = filename_of(path);
  if (is_compose_name(name)) return InputKind::compose;
  if (path.find("group_vars/") != std::string_view::npos ||
      path.find("host_vars/") != std::string_view::npos)
    return InputKind::inventory;
  if (has_top_key(text, "apiVersion") && has_top_key(text, "kind")) return InputKind::kubernetes;
  if (name.starts_with("inventory") || name.starts_with("hosts")) return InputKind::inventory;
  if (!has_yaml_ext(name) || looks_like_ini_inventory(text))
    return looks_like_ini_inventory(text) ? InputKind::inventory : InputKind::unknown;
  if (has_top_key(text, "services")) return InputKind::compose;
  if (name.starts_with("values")) return InputKind::values;
  if (has_top_key(text, "all") &&
      (text.find("  hosts:") != std::string_view::npos || text.find("  children:") != std::string_view::npos))
    return InputKind::inventory;
  return InputKind::unknown;
}

}  // namespace shipshape::load
