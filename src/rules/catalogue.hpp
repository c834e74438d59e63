// The rule catalogue: each rule's metadata, read from its rules/<id>-<slug>.yaml (the only
// place it is written) and embedded in the binary. Feeds `shipshape rules`, the docs, SARIF
// descriptors and the compliance report.
#pragma once

#include <string>
#include <vector>

#include "core/error.hpp"
#include "load/yaml_tree.hpp"
#include "core/severity.hpp"

namespace shipshape::rules {

struct Reference {
  std::string title;
  std::string url;
};

struct RuleMeta {
  std::string id;        ///< SS201
  std::string slug;      ///< privileged
  std::string category;  ///< the JSON contract's category
  Severity severity = Severity::error;
  std::string title;
  std::string rationale;
  std::string remediation;
  std::string fix_hint;
  std::vector<Reference> references;
  std::string help_uri;
};

/// Every rule's metadata, sorted by id. Aborts at startup if an embedded file is malformed
/// (the catalogue test catches that first).
const std::vector<RuleMeta>& catalogue();

/// Parses one metadata file; errors name the missing or wrong field.
Expected<RuleMeta> parse_rule_meta(std::string_view name, std::string_view text);
/// The same from an already parsed document (the embedded rule files).
Expected<RuleMeta> parse_rule_meta(std::string_view name, const load::Node* doc);

/// A rule by id ("SS201") or slug ("privileged"); nullptr when unknown.
const RuleMeta* find_rule(std::string_view id_or_slug);

}  // namespace shipshape::rules
