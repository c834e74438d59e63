// Source lines for reporters' snippets and fix diffs: a file is read only when a finding
// points into it, once, and every line shown goes through the secret masker, which knows
// every secret value the run found (a line may hold another finding's secret).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/location.hpp"
#include "core/source_files.hpp"
#include "engine/finding.hpp"
#include "report/report.hpp"
#include "secrets/redaction.hpp"
#include "secrets/scanner.hpp"

namespace shipshape::report {

class SourceLines {
 public:
  /// With no scanner in the report, the built-in one masks: a line is never shown unmasked.
  explicit SourceLines(const Report& r);

  /// The masked text of the line a location points at ("" when unavailable).
  std::string line(const Location& at);
  /// A suggestion's diff as shown to people, every line masked. (The combined patch for
  /// `git apply` is the only output that carries the lines as they are.)
  std::string diff(const fix::Suggestion& s) const;

 private:
  const std::vector<std::string>& lines_of(uint32_t file);
  std::string mask(std::string_view line) const;

  const SourceFiles& files_;
  const secrets::SecretScanner* scanner_;
  secrets::KnownSecrets known_;  ///< every secret value of the run
  std::shared_ptr<const secrets::SecretScanner> fallback_;
  // The lines of the last file read: findings come sorted by file, so one is enough, and a
  // large run never holds every file it points into.
  std::string cached_path_;
  std::vector<std::string> cached_lines_;
};

}  // namespace shipshape::report
