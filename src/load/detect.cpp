#include "load/detect.hpp"

#include <algorithm>
#include <set>
#include <string>

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

// The line starting at `pos` (without its newline); `pos` moves past it.
std::string_view next_line(std::string_view text, size_t& pos) {
  size_t eol = text.find('\n', pos);
  if (eol == std::string_view::npos) eol = text.size();
  std::string_view l = text.substr(pos, eol - pos);
  pos = eol + 1;
  return l;
}

// The keys written at column 0 (`key:`, `"key":`), in order, once each: a block mapping's
// top level. Comments, document markers and indented lines are passed over.
std::vector<std::string_view> top_keys(std::string_view text) {
  std::vector<std::string_view> keys;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a byte-order mark
  size_t pos = 0;
  while (pos < text.size()) {
    std::string_view l = next_line(text, pos);
    if (l.empty() || l[0] == ' ' || l[0] == '\t' || l[0] == '#' || l[0] == '-' || l[0] == '.')
      continue;
    std::string_view key;
    if (l[0] == '"' || l[0] == '\'') {
      size_t close = l.find(l[0], 1);
      if (close == std::string_view::npos || close + 1 >= l.size() || l[close + 1] != ':') continue;
      key = l.substr(1, close - 1);
    } else {
      size_t colon = l.find(':');
      if (colon == std::string_view::npos ||
          (colon + 1 < l.size() && l[colon + 1] != ' ' && l[colon + 1] != '\r'))
        continue;
      key = l.substr(0, colon);
      while (!key.empty() && key.back() == ' ') key.remove_suffix(1);
    }
    if (!key.empty() && std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
  }
  return keys;
}

bool has(const std::vector<std::string_view>& keys, std::string_view k) {
  return std::find(keys.begin(), keys.end(), k) != keys.end();
}

// The first line after the column-0 `key:` line that is not blank or a comment, trimmed; or
// what follows the colon on the key's own line when there is something.
std::string_view value_start(std::string_view text, std::string_view key) {
  size_t pos = 0;
  while (pos < text.size()) {
    std::string_view l = next_line(text, pos);
    if (!l.starts_with(key) || l.size() <= key.size() || l[key.size()] != ':') continue;
    std::string_view rest = l.substr(key.size() + 1);
    size_t a = rest.find_first_not_of(" \t\r");
    if (a != std::string_view::npos && rest[a] != '#') return rest.substr(a);
    while (pos < text.size()) {
      std::string_view next = next_line(text, pos);
      size_t b = next.find_first_not_of(" \t\r");
      if (b == std::string_view::npos || next[b] == '#') continue;
      return b == 0 ? std::string_view() : next.substr(b);
    }
    return {};
  }
  return {};
}

// A compose file by content, as the Compose Specification defines its top level: a
// `services` mapping and no key the specification does not allow (a GitLab CI file's
// `services:` is a list beside `stages:`; a workflow's sits under `jobs:`).
bool looks_like_compose(const std::vector<std::string_view>& keys) {
  static const std::set<std::string_view> kTop = {"version",  "name",    "services",
                                                  "networks", "volumes", "configs",
                                                  "secrets",  "include", "models"};
  if (!has(keys, "services")) return false;
  for (auto k : keys)
    if (!kTop.count(k) && !k.starts_with("x-")) return false;
  // Only the Compose Specification's keys: a compose file, however broken its services
  // (the loader then says what is wrong with them).
  return true;
}

// The apiVersion of a tool's own configuration written in Kubernetes style, not an object
// the API server takes: kustomize, skaffold, kind, kubeconfig.
bool is_tool_config(std::string_view text) {
  std::string_view api = value_start(text, "apiVersion"), kind = value_start(text, "kind");
  auto unquote = [](std::string_view s) {
    while (!s.empty() &&
           (s.back() == ' ' || s.back() == '\r' || s.back() == '"' || s.back() == '\''))
      s.remove_suffix(1);
    while (!s.empty() && (s.front() == '"' || s.front() == '\'')) s.remove_prefix(1);
    return s;
  };
  api = unquote(api);
  kind = unquote(kind);
  for (std::string_view tool : {"kustomize.config.k8s.io", "skaffold/", "kind.x-k8s.io",
                                "kubeadm.k8s.io", "k3d.io", "ctlptl.dev"})
    if (api.starts_with(tool)) return true;
  return kind == "Kustomization" || (api == "v1" && kind == "Config");
}

}  // namespace

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

bool is_env_name(std::string_view name) {
  return name == ".env" || name.starts_with(".env.") || (name.ends_with(".env") && name.size() > 4);
}

bool is_candidate_name(std::string_view name) {
  return has_yaml_ext(name) || name == "hosts" || name == "inventory" || name.ends_with(".ini") ||
         name.starts_with("inventory");
}

InputKind detect_kind(std::string_view path, std::string_view text, bool in_chart) {
  std::string_view name = filename_of(path);
  if (is_compose_name(name)) return InputKind::compose;
  if (path.find("group_vars/") != std::string_view::npos ||
      path.find("host_vars/") != std::string_view::npos)
    return InputKind::inventory;
  // A role's variables are an inventory's variables: roles/<role>/vars/*.yml, defaults/*.yml.
  if (size_t r = path.find("roles/"); r != std::string_view::npos && (r == 0 || path[r - 1] == '/'))
    if (path.find("/vars/", r) != std::string_view::npos ||
        path.find("/defaults/", r) != std::string_view::npos)
      return InputKind::inventory;
  auto keys = top_keys(text);
  if (has(keys, "apiVersion") && has(keys, "kind"))
    return is_tool_config(text) ? InputKind::unknown : InputKind::kubernetes;
  if (name.starts_with("inventory") || name.starts_with("hosts")) return InputKind::inventory;
  if (looks_like_ini_inventory(text)) return InputKind::inventory;
  if (!has_yaml_ext(name)) return InputKind::unknown;
  if (looks_like_compose(keys)) return InputKind::compose;
  if (name.starts_with("values") || (in_chart && name.find("values") != std::string_view::npos))
    return InputKind::values;
  if (has(keys, "all")) {
    std::string_view v = value_start(text, "all");
    if (v.starts_with("hosts:") || v.starts_with("children:") || v.starts_with("vars:"))
      return InputKind::inventory;
  }
  return InputKind::unknown;
}

std::string describe_other(std::string_view path, std::string_view text) {
  std::string_view name = filename_of(path);
  if (!has_yaml_ext(name) && !name.ends_with(".json"))
    return "a file that is neither YAML nor an INI inventory";
  auto keys = top_keys(text);
  if (path.find(".github/workflows/") != std::string_view::npos ||
      (has(keys, "on") && has(keys, "jobs")))
    return "a GitHub Actions workflow";
  if (name == ".gitlab-ci.yml" || name.ends_with(".gitlab-ci.yml") || has(keys, "stages"))
    return "a GitLab CI configuration";
  if (name == "dependabot.yml" || (has(keys, "updates") && has(keys, "version")))
    return "a Dependabot configuration";
  if (has(keys, "openapi") || has(keys, "swagger")) return "an OpenAPI document";
  if (has(keys, "site_name")) return "an MkDocs configuration";
  if (name == ".pre-commit-config.yaml" || has(keys, "repos")) return "a pre-commit configuration";
  if (name == "Chart.yaml") return "a Helm chart's Chart.yaml";
  if (has(keys, "apiVersion") && has(keys, "kind"))
    return "a tool's configuration in Kubernetes style (not an API object)";
  if (has(keys, "services")) return "YAML with a top-level 'services' that is not a Compose file's";
  if (keys.empty()) return "YAML without a top-level mapping";
  // Only keys that cannot be a secret are quoted: short words without digits.
  std::vector<std::string_view> shown;
  for (auto k : keys)
    if (k.size() <= 24 && std::all_of(k.begin(), k.end(), [](char c) {
          return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-' ||
                 c == '.';
        }))
      shown.push_back(k);
  if (shown.empty()) return "YAML that is none of these";
  std::string out = "YAML with the top-level keys ";
  for (size_t i = 0; i < shown.size() && i < 4; ++i) out += (i ? ", " : "") + std::string(shown[i]);
  if (keys.size() > 4) out += ", ...";
  return out;
}

}  // namespace shipshape::load
