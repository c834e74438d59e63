// UTF-8 validity, sanitizing and terminal-safe text (src/core/utf8.hpp).
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "core/utf8.hpp"

using namespace shipshape;
using namespace std::string_literals;

namespace {
constexpr size_t npos = std::string_view::npos;
const std::string kReplacement = "\xEF\xBF\xBD";  // U+FFFD
}  // namespace

TEST_CASE("utf8: valid text has no invalid offset") {
  CHECK(utf8_invalid_at("") == npos);
  CHECK(utf8_invalid_at("plain ascii: 1 2 3") == npos);
  CHECK(utf8_invalid_at("a\0b"s) == npos);             // NUL is valid UTF-8
  CHECK(utf8_invalid_at("caf\xC3\xA9") == npos);       // é, 2 bytes
  CHECK(utf8_invalid_at("\xC2\x80") == npos);          // U+0080, smallest 2-byte
  CHECK(utf8_invalid_at("\xE0\xA0\x80") == npos);      // U+0800, smallest 3-byte
  CHECK(utf8_invalid_at("\xE2\x82\xAC") == npos);      // €
  CHECK(utf8_invalid_at("\xED\x9F\xBF") == npos);      // U+D7FF, just below the surrogates
  CHECK(utf8_invalid_at("\xEE\x80\x80") == npos);      // U+E000, just above them
  CHECK(utf8_invalid_at("\xF0\x90\x80\x80") == npos);  // U+10000, smallest 4-byte
  CHECK(utf8_invalid_at("\xF0\x9F\x9A\xA2") == npos);  // 🚢
  CHECK(utf8_invalid_at("\xF4\x8F\xBF\xBF") == npos);  // U+10FFFF, the last code point
}

TEST_CASE("utf8: the offset of the first invalid byte") {
  CHECK(utf8_invalid_at("\xFF") == 0);
  CHECK(utf8_invalid_at("abc\x80xyz") == 3);        // a lone continuation byte
  CHECK(utf8_invalid_at("ok \xC3\xA9 \xFE") == 6);  // after a valid 2-byte sequence
  CHECK(utf8_invalid_at("ab\xE2\x82") == 2);        // truncated at the end
  CHECK(utf8_invalid_at("ab\xE2\x82"
                        "A") == 2);              // a sequence cut by ASCII
  CHECK(utf8_invalid_at("x\xF0\x9F\x9A") == 1);  // 4-byte sequence missing a byte
}

TEST_CASE("utf8: overlong forms surrogates and code points past U+10FFFF are invalid") {
  CHECK(utf8_invalid_at("\xC0\x80") == 0);              // overlong NUL
  CHECK(utf8_invalid_at("\xC1\xBF") == 0);              // overlong U+007F
  CHECK(utf8_invalid_at("a\xE0\x80\x80") == 1);         // overlong 3-byte
  CHECK(utf8_invalid_at("a\xE0\x9F\xBF") == 1);         // overlong U+07FF
  CHECK(utf8_invalid_at("\xED\xA0\x80") == 0);          // U+D800, a surrogate
  CHECK(utf8_invalid_at("\xED\xBF\xBF") == 0);          // U+DFFF
  CHECK(utf8_invalid_at("\xF0\x8F\xBF\xBF") == 0);      // overlong 4-byte
  CHECK(utf8_invalid_at("\xF4\x90\x80\x80") == 0);      // U+110000
  CHECK(utf8_invalid_at("\xF5\x80\x80\x80") == 0);      // lead byte past F4
  CHECK(utf8_invalid_at("\xF8\x88\x80\x80\x80") == 0);  // 5-byte forms do not exist
}

TEST_CASE("utf8: sanitized replaces each invalid byte with U+FFFD") {
  CHECK(utf8_sanitized("already fine \xC3\xA9") == "already fine \xC3\xA9");
  CHECK(utf8_sanitized("") == "");
  CHECK(utf8_sanitized("a\xFF"
                       "b") == "a" + kReplacement + "b");
  // A truncated sequence: each of its bytes is replaced on its own, the rest kept.
  CHECK(utf8_sanitized("\xE2\x82"
                       "A") == kReplacement + kReplacement + "A");
  CHECK(utf8_sanitized("\xED\xA0\x80") == kReplacement + kReplacement + kReplacement);
  // Valid sequences after an invalid byte stay whole.
  CHECK(utf8_sanitized("\x80\xE2\x82\xAC\x80") == kReplacement + "\xE2\x82\xAC" + kReplacement);
  std::string out = utf8_sanitized("p\xC0\x80q");
  CHECK(out == "p" + kReplacement + kReplacement + "q");
  CHECK(utf8_invalid_at(out) == npos);
}

TEST_CASE("utf8: visible leaves printable text alone") {
  CHECK(visible("compose.yaml") == "compose.yaml");
  CHECK(visible("") == "");
  CHECK(visible("caf\xC3\xA9 \xF0\x9F\x9A\xA2") == "caf\xC3\xA9 \xF0\x9F\x9A\xA2");
  CHECK(visible("\xC2\xA0nbsp") == "\xC2\xA0nbsp");  // U+00A0 is not a C1 control
}

TEST_CASE("utf8: visible escapes control characters") {
  CHECK(visible("a\nb") == "a\\nb");
  CHECK(visible("line\r\n") == "line\\r\\n");
  CHECK(visible("a\tb") == "a\\tb");
  CHECK(visible("a\tb", true) == "a\tb");
  CHECK(visible("a\nb\tc", true) == "a\\nb\tc");
  CHECK(visible("\x1b[31mred") == "\\x1b[31mred");
  CHECK(visible("del\x7f") == "del\\x7f");
  CHECK(visible("nul\0!"s) == "nul\\x00!");
  // A file name that would start a line forging a finding.
  CHECK(visible("x.yaml\nx.yaml:1:1 error SS201") == "x.yaml\\nx.yaml:1:1 error SS201");
}

TEST_CASE("utf8: visible writes C1 controls as \\u and invalid bytes as \\x") {
  CHECK(visible("\xC2\x9B"
                "2J") == "\\u009b2J");  // CSI
  CHECK(visible("a\xC2\x85"
                "b") == "a\\u0085b");  // NEL
  CHECK(visible("\xC2\x80\xC2\x9F") == "\\u0080\\u009f");
  CHECK(visible("a\xFF"
                "b") == "a\\xffb");
  CHECK(visible("end\xC2") == "end\\xc2");  // a lead byte cut off
  CHECK(visible("\xED\xA0\x80") == "\\xed\\xa0\\x80");
  CHECK(visible("\xFF\n") == "\\xff\\n");
  CHECK(visible("\xC3\xA9\xFF\xC3\xA9") == "\xC3\xA9\\xff\xC3\xA9");
}
