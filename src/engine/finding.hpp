// Findings and the sink rules report into. Rules never stamp their own id, severity or
// category: the engine does, from the catalogue and the config.
#pragma once

#include <fmt/format.h>

#include <string>
#include <utility>
#include <vector>

#include "core/location.hpp"
#include "core/severity.hpp"

namespace shipshape::engine {

enum class SuppressionKind { none, inline_comment, annotation, waiver };

struct Finding {
  std::string rule_id;
  std::string category;
  Severity severity = Severity::error;
  std::string message;
  std::string subject;
  NodeRef ref;
  std::vector<NodeRef> related;  ///< other places (e.g. the same credential elsewhere)
  /// Text reporters must mask wherever they show source (the secret a finding is about).
  /// Used only for masking; never written to any output.
  std::vector<std::string> redact;
  SuppressionKind suppression = SuppressionKind::none;
  std::string suppression_reason;
  std::string suppressed_by;     ///< a waiver's `by`, when given

  bool suppressed() const { return suppression != SuppressionKind::none; }
  /// A fingerprint that survives edits above the finding: rule, file, logical path, subject.
  std::string fingerprint(const std::string& file) const;
};

/// Collects what one rule reports.
class FindingSink {
 public:
  /// Reports a finding at `ref` about `subject`; the message must never contain a secret.
  template <class... Args>
  void report(const NodeRef& ref, std::string subject, fmt::format_string<Args...> format,
              Args&&... args) {
    Finding f;
    f.ref = ref;
    f.subject = std::move(subject);
    f.message = fmt::format(format, std::forward<Args>(args)...);
    findings_.push_back(std::move(f));
  }

  /// Tells reporters to mask `secret` in any source they show for the last finding.
  void redact(std::string secret) {
    if (!findings_.empty() && !secret.empty()) findings_.back().redact.push_back(std::move(secret));
  }

  /// Adds places related to the last reported finding.
  void relate(std::vector<NodeRef> related) {
    if (!findings_.empty()) findings_.back().related = std::move(related);
  }

  std::vector<Finding> take() { return std::move(findings_); }

 private:
  std::vector<Finding> findings_;
};

}  // namespace shipshape::engine
