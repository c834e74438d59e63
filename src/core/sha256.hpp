// SHA-256 (FIPS 180-4), for finding fingerprints and the compliance report's input hashes.
// None of the project's libraries provides one; this is the textbook algorithm, checked
// against the standard's test vectors.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace shipshape {

class Sha256 {
 public:
  Sha256();
  void update(std::string_view data);
  /// The digest as 64 lowercase hex digits; the object must not be updated afterwards.
  std::string hex();

 private:
  void block(const uint8_t* p);
  std::array<uint32_t, 8> h_;
  std::array<uint8_t, 64> buf_{};
  size_t used_ = 0;
  uint64_t length_ = 0;
};

/// SHA-256 of a string, as hex.
std::string sha256_hex(std::string_view data);

}  // namespace shipshape
