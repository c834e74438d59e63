// .shipshape.yaml: which rules run and at what severity. Loaded once per run; a bad config
// is an error with a position, never a rule failure.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "core/severity.hpp"
#include "core/source_files.hpp"

namespace shipshape::config {

struct RuleSetting {
  std::optional<bool> enabled;
  std::optional<Severity> severity;
};

struct Config {
  std::string path;                          ///< "" when no file was found
  std::map<std::string, RuleSetting> rules;  ///< by rule id
};

/// Parses config text. Unknown keys, wrong types and unknown rule ids are errors.
Expected<Config> parse_config(std::string_view text, uint32_t file, SourceFiles& files);

/// Loads `explicit_path` if given, else `.shipshape.yaml` from the current directory or its
/// parents; a default Config when there is none.
Expected<Config> load_config(const std::string& explicit_path, SourceFiles& files);

}  // namespace shipshape::config
