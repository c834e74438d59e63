// Rule documentation pages (docs/rules/), generated from the rule catalogue so the docs and
// the binary never disagree.
#pragma once

#include <string>

#include "catalog/catalog.hpp"

namespace shipshape::report {

/// The Markdown page of one rule (docs/rules/<id>-<slug>.md).
std::string rule_page(const catalog::RuleMeta& rule);
/// The index page (docs/rules/README.md).
std::string rules_index();
/// Writes every page into `dir`; returns the number written, or -1 when a file cannot be written.
int write_rule_docs(const std::string& dir);

}  // namespace shipshape::report
