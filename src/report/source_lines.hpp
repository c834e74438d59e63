// Source lines for reporters' snippets: a file is read only when a finding points into it,
// once, and every line shown goes through the secret masker.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/location.hpp"
#include "core/source_files.hpp"
#include "engine/finding.hpp"
#include "rules/secret_scanner.hpp"

namespace shipshape::report {

class SourceLines {
 public:
  /// With no scanner, the built-in one masks: a line is never shown unmasked.
  SourceLines(const SourceFiles& files, const rules::SecretScanner* scanner);

  /// The masked text of the line a location points at ("" when unavailable).
  std::string line(const Location& at, const engine::Finding* finding = nullptr);

 private:
  const std::vector<std::string>& lines_of(uint32_t file);
  const SourceFiles& files_;
  const rules::SecretScanner* scanner_;
  std::shared_ptr<const rules::SecretScanner> fallback_;
  std::map<std::string, std::vector<std::string>> cache_;
};

}  // namespace shipshape::report
