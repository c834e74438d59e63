// Policy as typed tables: each rule's metadata, the compliance frameworks and controls, the
// secret detector's patterns and word lists, default credentials and data stores. Generated
// at build time from rules/*.yaml by tools/embed_catalog.cpp, which validates every entry and
// fails the build with file:line; nothing here parses YAML at run time.
#pragma once

#include <span>
#include <string_view>

#include "core/input_kind.hpp"
#include "core/severity.hpp"

namespace shipshape::catalog {

struct Reference {
  std::string_view title;
  std::string_view url;
};

/// One rule's metadata (rules/<id>-<slug>.yaml, the only place it is written).
struct RuleMeta {
  std::string_view id;                  ///< SS201
  std::string_view slug;                ///< privileged
  std::string_view category;            ///< the JSON contract's category
  Severity severity = Severity::error;  ///< the default; the config may change it
  std::string_view title;
  std::string_view rationale;
  std::string_view remediation;
  std::string_view fix_hint;
  std::string_view help_uri;
  std::span<const Reference> references;
  /// GitHub code scanning's rank (0-10) of the rule at its default severity, as SARIF writes it.
  std::string_view security_severity;
  /// What each related location of a finding is ("the same credential"); "" when the rule
  /// relates none.
  std::string_view related_label;
};

/// Every rule's metadata, sorted by id.
std::span<const RuleMeta> rules();
/// A rule by id ("SS201") or slug ("privileged"); nullptr when unknown.
const RuleMeta* find_rule(std::string_view id_or_slug);

/// A compliance framework (rules/controls.yaml).
struct Framework {
  std::string_view id;
  std::string_view title;
  std::span<const InputKind> applies_to;  ///< the input kinds it judges
};

/// A control of a framework, decided by the findings of its rules.
struct Control {
  std::string_view id;
  std::string_view framework;  ///< a Framework id
  std::string_view title;
  std::span<const std::string_view> rules;  ///< rule ids, each in rules()
  std::span<const InputKind> applies_to;    ///< the framework's kinds unless narrowed
  /// Only findings of this aspect count ("network": SS203's network namespace); "" = all.
  std::string_view aspect;
};

std::span<const Framework> frameworks();
std::span<const Control> controls();
const Framework* find_framework(std::string_view id);

/// A token format (rules/secrets.yaml): an RE2 pattern and the literal keywords a match contains.
struct SecretPattern {
  std::string_view id;
  std::string_view name;  ///< "an OpenAI API key"
  std::span<const std::string_view> keywords;
  std::string_view regex;
};

struct WordPair {
  std::string_view first;
  std::string_view second;
};

struct DefaultCredential {
  std::string_view value;
  std::string_view what;  ///< "MinIO's default credential"
};

/// What the secret detector knows (rules/secrets.yaml); see secrets/scanner.hpp.
struct SecretData {
  std::span<const SecretPattern> patterns;
  std::span<const std::string_view> secret_words;
  std::span<const WordPair> secret_pairs;
  std::span<const std::string_view> modifier_words;
  std::span<const std::string_view> public_words;
  std::span<const std::string_view> never_words;
  std::span<const std::string_view> placeholders;  ///< RE2 patterns, matched whole, any case
  std::span<const DefaultCredential> default_credentials;
  std::span<const std::string_view> allowlist;
};
const SecretData& secrets();

/// Data stores recognised by image (rules/datastores.yaml).
struct DataStores {
  std::span<const std::string_view> stores;
  std::string_view image_suffixes;  ///< RE2, matched whole after the store's name
};
const DataStores& data_stores();

/// A digest of every rules/*.yaml file embedded (names and text), for audit records.
std::string_view ruleset_digest();

}  // namespace shipshape::catalog
