// Base64 (RFC 4648, standard alphabet, with padding): what Kubernetes Secret `data` holds.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace shipshape {

/// The base64 encoding of `bytes`, padded with '='.
std::string base64_encode(std::string_view bytes);

/// The bytes `text` encodes; ASCII whitespace is skipped, padding is optional. nullopt when
/// `text` holds any other character outside the alphabet, or its length cannot be base64.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace shipshape
