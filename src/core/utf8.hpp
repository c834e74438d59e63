// UTF-8 validity: inputs must be UTF-8 (load errors otherwise), and what we print must be too,
// even when it comes from a file that is not (a snippet of the line an error points at, a
// file name made of other bytes).
#pragma once

#include <string>
#include <string_view>

namespace shipshape {

/// The offset of the first byte that does not start a valid UTF-8 sequence (overlong forms,
/// surrogates and code points above U+10FFFF are invalid), or npos.
size_t utf8_invalid_at(std::string_view text);

/// `text` with every invalid byte replaced by U+FFFD.
std::string utf8_sanitized(std::string_view text);

/// Text from the tree (file names, names in messages and subjects, comments, source lines) as
/// a terminal may show it: every control character written as a C escape (\n, \x1b, \u009b
/// for C1 controls) and every byte that is not UTF-8 as \xNN, so that a file name cannot
/// start a line of its own that looks like a finding and an escape sequence cannot recolor or
/// rewrite the terminal. `keep_tab` leaves tabs (source lines, where they line up with a caret).
std::string visible(std::string_view s, bool keep_tab = false);

}  // namespace shipshape
