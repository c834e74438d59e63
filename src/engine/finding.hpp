// A finding: what a rule reported, stamped by the engine with the rule's id, category and
// severity (from the catalogue and the config) and its input kind, and how it was suppressed.
#pragma once

#include <string>
#include <vector>

#include "core/input_kind.hpp"
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
  /// The kind of input the finding is in (of the file it points at), for reports that judge
  /// by kind (the compliance frameworks).
  InputKind input = InputKind::unknown;
  /// The rule's aspect, when a rule has several (rules::Reported::aspect); "" otherwise.
  std::string aspect;
  std::vector<NodeRef> related;  ///< other places (e.g. the same credential elsewhere)
  /// Text reporters must mask wherever they show source (the secret a finding is about).
  /// Used only for masking; never written to any output.
  std::vector<std::string> redact;
  SuppressionKind suppression = SuppressionKind::none;
  std::string suppression_reason;
  std::string suppressed_by;  ///< a waiver's `by`, when given

  bool suppressed() const { return suppression != SuppressionKind::none; }
  /// A fingerprint that survives edits above the finding: rule, file, logical path, subject.
  std::string fingerprint(const std::string& file) const;
};

}  // namespace shipshape::engine
