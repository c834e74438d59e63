// The kinds of input shipshape reads. Detection (load/detect.hpp) decides a file's kind; the
// kind travels with the file (SourceFiles) and with every finding, so that reports decide by
// data which inputs a control or a framework applies to.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace shipshape {

enum class InputKind : uint8_t { unknown, compose, kubernetes, values, inventory, env };

/// "compose" | "k8s" (or "kubernetes") | "values" | "inventory" | "env".
constexpr std::optional<InputKind> parse_kind(std::string_view s) {
  if (s == "compose") return InputKind::compose;
  if (s == "k8s" || s == "kubernetes") return InputKind::kubernetes;
  if (s == "values") return InputKind::values;
  if (s == "inventory") return InputKind::inventory;
  if (s == "env") return InputKind::env;
  return std::nullopt;
}

/// The spelling `--kind` takes ("k8s" for Kubernetes); "unknown" for unknown.
constexpr std::string_view to_string(InputKind k) {
  switch (k) {
    case InputKind::compose: return "compose";
    case InputKind::kubernetes: return "k8s";
    case InputKind::values: return "values";
    case InputKind::inventory: return "inventory";
    case InputKind::env: return "env";
    case InputKind::unknown: break;
  }
  return "unknown";
}

}  // namespace shipshape
