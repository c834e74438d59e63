// Redaction: the secret values of a run, found wherever a line shows them, as written or in
// base64, so that reporters can mask them. Depends on core only.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace shipshape::secrets {

/// The secret values of a run, to mask wherever a line shows them, as written or in base64.
/// Built once per report: a line then costs one lookup per byte, however many secrets a
/// large run found.
class KnownSecrets {
 public:
  explicit KnownSecrets(const std::vector<std::string>& values);
  /// Replaces each occurrence in `line` with `****`, the longest known value first at each
  /// position. Values under 3 bytes are left alone: masking "ab" everywhere would garble the
  /// line, not protect it.
  void mask(std::string& line) const;

 private:
  static uint32_t key(std::string_view s) {
    return static_cast<uint8_t>(s[0]) | static_cast<uint8_t>(s[1]) << 8 |
           static_cast<uint32_t>(static_cast<uint8_t>(s[2])) << 16;
  }
  std::vector<std::string> needles_;
  std::unordered_map<uint32_t, std::vector<uint32_t>> by_prefix_;  ///< longest first
};

}  // namespace shipshape::secrets
