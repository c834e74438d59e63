// Base64 as RFC 4648 defines it (its test vectors), and what a Kubernetes Secret may hold.
#include <doctest/doctest.h>

#include "core/base64.hpp"

using shipshape::base64_decode;
using shipshape::base64_encode;

TEST_CASE("base64: the RFC 4648 test vectors both ways") {
  const std::pair<const char*, const char*> vectors[] = {
      {"", ""},
      {"f", "Zg=="},
      {"fo", "Zm8="},
      {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="},
      {"fooba", "Zm9vYmE="},
      {"foobar", "Zm9vYmFy"},
  };
  for (const auto& [plain, encoded] : vectors) {
    INFO(plain);
    CHECK(base64_encode(plain) == encoded);
    CHECK(base64_decode(encoded) == std::string(plain));
  }
}

TEST_CASE("base64: bytes outside ASCII and NUL survive a round trip") {
  std::string bytes("\x00\xff\x80\n\x7f", 5);
  CHECK(base64_encode(bytes) == "AP+ACn8=");
  CHECK(base64_decode(base64_encode(bytes)) == bytes);
}

TEST_CASE("base64: whitespace and missing padding are accepted / other text is not") {
  CHECK(base64_decode("Zm9v\nYmFy\n") == std::string("foobar"));
  CHECK(base64_decode("Zm8") == std::string("fo"));
  CHECK_FALSE(base64_decode("Zm9v!"));
  CHECK_FALSE(base64_decode("Zg==Zg"));  // data after padding
  CHECK_FALSE(base64_decode("Z"));       // one symbol cannot encode a byte
  CHECK_FALSE(base64_decode("Zg==="));   // too much padding
}
