// The secret detector: known token formats (one RE2::Set over all patterns, behind a keyword
// prefilter), secret-named keys with literal values, URLs with credentials, and well-known
// default credentials. Built once when the config loads, from the catalogue's secret data
// plus the user's patterns and allowlist, so a bad user pattern is a config error with a
// position. Depends on core and catalog only.
#pragma once

#include <re2/re2.h>
#include <re2/set.h>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace shipshape::secrets {

class KnownSecrets;

enum class DetectionKind { token, url_password, keyed, default_credential };

/// What a value holds, described without the value.
struct Detection {
  DetectionKind kind = DetectionKind::keyed;
  std::string what;    ///< "an OpenAI API key (sk-p…, 51 chars)", "a password in clear (7 chars)"
  std::string secret;  ///< the secret part, for duplicate detection only; never printed
};

/// A user-supplied token pattern (from .shipshape.yaml).
struct UserPattern {
  std::string id;
  std::string name;
  std::string regex;
  Location at;
};

class SecretScanner {
 public:
  /// Builds from the catalogue (rules/secrets.yaml) plus user patterns and allowlist entries.
  /// Allowlist entries are exact values, or regexes when `regex` is set.
  struct Allow {
    std::string value;
    bool regex = false;
    Location at;
  };
  static Expected<std::shared_ptr<const SecretScanner>> build(
      const std::vector<UserPattern>& extra = {}, const std::vector<Allow>& allow = {});

  /// Scans one value written under `key` ("" when there is no key, as for a command word).
  /// `keyed_ok` false limits detection to token formats and URLs (free text such as labels).
  std::optional<Detection> scan(std::string_view key, std::string_view value,
                                bool keyed_ok = true) const;

  /// Whether a key names a secret (DB_PASSWORD, apiKey, smtp.password).
  bool is_secret_key(std::string_view key) const;
  /// Whether a key names something public beside secrets (username, host, port) and no secret.
  bool is_public_key(std::string_view key) const;
  /// Whether a value is empty, a reference, a placeholder, a hash, encrypted or allowlisted.
  bool is_not_a_secret(std::string_view value) const;
  /// A copy of a source line with anything secret-looking replaced by `****`: token formats,
  /// values of secret-named keys, URL passwords, and each of `known`.
  std::string mask_line(std::string_view line, const KnownSecrets* known = nullptr) const;
  /// Compiles every pattern now (the tests check the built-in ones this way); false if one fails.
  bool compile_all() const;
  /// The description of a well-known default credential, or nullopt.
  std::optional<std::string> default_credential(std::string_view value) const;

 private:
  SecretScanner() = default;
  std::optional<Detection> token(std::string_view value) const;

  // Compiling RE2 programs is most of a small run's cost, and most runs need few of them:
  // the set and each pattern compile on first use (thread-safe).
  struct Lazy {
    std::once_flag once;
    std::unique_ptr<RE2> re;
  };
  struct Pattern {
    std::string id, name;
    std::vector<std::string> keywords;
    std::string regex;
    std::shared_ptr<Lazy> lazy = std::make_shared<Lazy>();
    const RE2& re() const;  ///< "(" regex ")": group 1 is the token
  };
  const RE2::Set& set() const;
  std::vector<Pattern> patterns_;
  mutable std::once_flag set_once_;
  mutable std::unique_ptr<RE2::Set> set_;
  std::set<std::string, std::less<>> secret_words_, modifier_words_, never_words_, public_words_;
  std::set<std::pair<std::string, std::string>> secret_pairs_;
  std::unique_ptr<RE2> placeholder_;
  std::vector<std::pair<std::string, std::string>> defaults_;
  std::set<std::string, std::less<>> allow_exact_;
  std::vector<std::unique_ptr<RE2>> allow_regex_;
};

/// Splits a key into lowercase words: "DB_PASSWORD", "dbPassword", "db.password" -> db, password.
std::vector<std::string> key_words(std::string_view key);

/// "7 chars" style description of a value's length (never its content).
std::string masked_length(std::string_view value);

}  // namespace shipshape::secrets
