#include "core/utf8.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace shipshape {

namespace {

// The length of the valid sequence at s[i], or 0.
size_t sequence_at(const unsigned char* s, size_t n, size_t i) {
  unsigned char c = s[i];
  if (c < 0x80) return 1;
  size_t len = (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  bool ok = len != 0 && i + len <= n;
  for (size_t k = 1; ok && k < len; ++k) ok = (s[i + k] & 0xC0) == 0x80;
  if (ok && len == 2) ok = c >= 0xC2;  // overlong
  if (ok && len == 3) ok = !(c == 0xE0 && s[i + 1] < 0xA0) && !(c == 0xED && s[i + 1] >= 0xA0);
  if (ok && len == 4)
    ok = !(c == 0xF0 && s[i + 1] < 0x90) && !(c == 0xF4 && s[i + 1] >= 0x90) && c <= 0xF4;
  return ok ? len : 0;
}

}  // namespace

size_t utf8_invalid_at(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  for (size_t i = 0; i < text.size();) {
    size_t len = sequence_at(s, text.size(), i);
    if (len == 0) return i;
    i += len;
  }
  return std::string_view::npos;
}

std::string utf8_sanitized(std::string_view text) {
  size_t bad = utf8_invalid_at(text);
  if (bad == std::string_view::npos) return std::string(text);
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  std::string out(text.substr(0, bad));
  for (size_t i = bad; i < text.size();) {
    size_t len = sequence_at(s, text.size(), i);
    if (len == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(text, i, len);
      i += len;
    }
  }
  return out;
}

std::string visible(std::string_view s, bool keep_tab) {
  auto plain = [&](unsigned char c) { return (c >= 0x20 && c < 0x7f) || (keep_tab && c == '\t'); };
  if (std::all_of(s.begin(), s.end(), [&](char c) { return plain(static_cast<unsigned char>(c)); }))
    return std::string(s);
  std::string out;
  while (!s.empty()) {
    size_t bad = utf8_invalid_at(s);
    std::string_view ok = s.substr(0, bad);
    for (size_t i = 0; i < ok.size(); ++i) {
      auto c = static_cast<unsigned char>(ok[i]);
      auto next = i + 1 < ok.size() ? static_cast<unsigned char>(ok[i + 1]) : 0;
      if (c == 0xC2 && next >= 0x80 && next <= 0x9F) {  // a C1 control, U+0080..U+009F
        out += fmt::format("\\u{:04x}", next);
        ++i;
      } else if (plain(c) || c >= 0x80) out += ok[i];
      else if (c == '\n') out += "\\n";
      else if (c == '\r') out += "\\r";
      else if (c == '\t') out += "\\t";
      else out += fmt::format("\\x{:02x}", c);
    }
    if (bad == std::string_view::npos) break;
    out += fmt::format("\\x{:02x}", static_cast<unsigned char>(s[bad]));
    s.remove_prefix(bad + 1);
  }
  return out;
}

}  // namespace shipshape
