#include "core/suppression.hpp"

namespace shipshape {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' ||
                        s.back() == '"' || s.back() == '\''))
    s.remove_suffix(1);
  return s;
}

}  // namespace

Ignore parse_ignore(std::string_view text) {
  Ignore ig;
  // The end of a line, \r\n as well as \n (a file or an annotation with Windows line
  // endings), is not part of the last word: `SS201\r` is rule SS201.
  while (!text.empty() && (text.back() == '\r' || text.back() == '\n')) text.remove_suffix(1);
  size_t dashes = text.find("--");
  std::string_view head = dashes == std::string_view::npos ? text : text.substr(0, dashes);
  if (dashes != std::string_view::npos) ig.reason = std::string(trim(text.substr(dashes + 2)));
  std::string word;
  auto flush = [&] {
    if (word.starts_with("until=")) ig.until = word.substr(6);
    else if (!word.empty()) ig.rules.push_back(word);
    word.clear();
  };
  for (char c : head) {
    if (c == ',' || c == ' ' || c == '\t' || c == '"' || c == '\'') flush();
    else word += c;
  }
  flush();
  return ig;
}

std::vector<Ignore> scan_ignores(std::string_view text, uint32_t file) {
  std::vector<Ignore> out;
  size_t pos = 0;
  uint32_t line = 1;
  size_t line_start = 0;
  while ((pos = text.find(kIgnoreMarker, pos)) != std::string_view::npos) {
    for (size_t i = line_start; i < pos; ++i)
      if (text[i] == '\n') {
        ++line;
        line_start = i + 1;
      }
    size_t hash = text.rfind('#', pos);
    bool comment = hash != std::string_view::npos && hash >= line_start;
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    size_t content_end = eol;  // a CRLF line ends before its CR
    if (content_end > pos && text[content_end - 1] == '\r') --content_end;
    if (comment) {
      Ignore ig = parse_ignore(
          text.substr(pos + kIgnoreMarker.size(), content_end - pos - kIgnoreMarker.size()));
      ig.at = Location{file, line, static_cast<uint32_t>(hash - line_start + 1)};
      std::string_view before = text.substr(line_start, hash - line_start);
      ig.own_line = before.find_first_not_of(" \t") == std::string_view::npos;
      out.push_back(std::move(ig));
    }
    pos = eol;
  }
  return out;
}

}  // namespace shipshape
