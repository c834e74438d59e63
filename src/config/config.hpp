// .shipshape.yaml: which rules run and at what severity, the network tier policy, extra
// secret patterns and allowlist, waivers, and the bounds on what one input may cost. Loaded
// once per run; costly state (the secret scanner) is built here, so a bad config is an error
// with a position, never a rule failure.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/limits.hpp"
#include "core/severity.hpp"
#include "core/source_files.hpp"
#include "rules/rule.hpp"
#include "secrets/scanner.hpp"

namespace shipshape::config {

struct RuleSetting {
  std::optional<bool> enabled;
  std::optional<Severity> severity;
};

using rules::Tier;

/// A standing exception: findings of `rule` whose file matches `path` (a glob) and whose
/// subject equals `subject` (when given) are suppressed with `reason` until `expires`.
struct Waiver {
  std::string rule;     ///< rule id
  std::string path;     ///< glob over the finding's file; "" = any
  std::string subject;  ///< "" = any
  std::string reason;
  std::string by;       ///< who granted it (optional)
  std::string expires;  ///< YYYY-MM-DD or ""
  Location at;
};

struct Config {
  std::string path;                          ///< "" when no file was found
  std::map<std::string, RuleSetting> rules;  ///< by rule id
  std::vector<Tier> tiers;                   ///< outermost first; empty = no tier policy
  std::string tier_label;                    ///< Kubernetes pod label naming a tier
  std::vector<Waiver> waivers;
  /// `exclude:` globs (see core/glob.hpp): paths a directory walk passes over.
  std::vector<std::string> exclude;
  LoadLimits limits;  ///< `limits:`; `--max-file-size` overrides max_file_mb
  std::shared_ptr<const secrets::SecretScanner> scanner;  ///< built-in + user patterns

  /// What rules read of it (valid while the Config lives).
  rules::Policy policy() const { return {tiers, tier_label, scanner.get()}; }
};

/// Parses config text. Unknown keys, wrong types, unknown rule ids and bad patterns are errors.
Expected<Config> parse_config(std::string_view text, uint32_t file, SourceFiles& files);

/// Loads `explicit_path` if given, else `.shipshape.yaml` from the current directory or its
/// parents; the default Config when there is none.
Expected<Config> load_config(const std::string& explicit_path, SourceFiles& files);

/// The default config (built-in patterns only).
Config default_config();

}  // namespace shipshape::config
