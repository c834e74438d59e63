// Finding severities, ordered so that a larger value is more severe.
#pragma once

#include <optional>
#include <string_view>

namespace shipshape {

enum class Severity { note = 0, warning = 1, error = 2 };

/// The lowercase spelling used in YAML, JSON and the CLI.
constexpr std::string_view to_string(Severity s) {
  switch (s) {
    case Severity::note: return "note";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "error";
}

/// Parses "note" | "warning" | "error"; nullopt otherwise.
inline std::optional<Severity> parse_severity(std::string_view s) {
  if (s == "note") return Severity::note;
  if (s == "warning") return Severity::warning;
  if (s == "error") return Severity::error;
  return std::nullopt;
}

}  // namespace shipshape
