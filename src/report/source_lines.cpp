#include "report/source_lines.hpp"

#include "core/utf8.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace shipshape::report {

namespace {

std::vector<std::string> secrets_of(const Report& r) {
  std::vector<std::string> known = r.more_secrets;
  for (const auto& f : r.findings) known.insert(known.end(), f.redact.begin(), f.redact.end());
  return known;
}

}  // namespace

SourceLines::SourceLines(const Report& r)
    : files_(r.files), scanner_(r.scanner), known_(secrets_of(r)) {
  if (!scanner_) {
    auto built = secrets::SecretScanner::build();
    if (built) fallback_ = *built;
    scanner_ = fallback_.get();
  }
}

std::string SourceLines::mask(std::string_view line) const {
  if (!scanner_) return std::string(line.empty() ? 0 : 1, '*');  // cannot mask: show nothing
  return scanner_->mask_line(line, &known_);
}

std::string SourceLines::diff(const fix::Suggestion& s) const {
  std::string out;
  for (const auto& file : s.files) {
    std::string_view d = file.diff;
    while (!d.empty()) {
      size_t nl = d.find('\n');
      std::string_view line = d.substr(0, nl);
      d.remove_prefix(nl == std::string_view::npos ? d.size() : nl + 1);
      char c = line.empty() ? ' ' : line[0];
      if ((c == ' ' || c == '-' || c == '+') && !line.starts_with("--- ") &&
          !line.starts_with("+++ "))
        out += c + mask(line.substr(1));
      else out += line;
      out += '\n';
    }
  }
  return out;
}

const std::vector<std::string>& SourceLines::lines_of(uint32_t file) {
  const std::string& path = files_.path(file);
  if (path == cached_path_ && !cached_lines_.empty()) return cached_lines_;
  std::string text;
  if (files_.is_unread(file)) {
    // found but deliberately not read: nothing of it is shown
  } else if (auto kept = files_.kept_text(file)) {
    text = std::move(*kept);
  } else {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    text = s.str();
  }
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) {
    if (!l.empty() && l.back() == '\r') l.pop_back();
    lines.push_back(utf8_sanitized(l));  // a file refused as invalid UTF-8 may still be pointed at
  }
  cached_path_ = path;
  cached_lines_ = std::move(lines);
  return cached_lines_;
}

std::string SourceLines::line(const Location& at) {
  if (!at.known()) return "";
  const auto& lines = lines_of(at.file);
  if (at.line > lines.size()) return "";
  const std::string& raw = lines[at.line - 1];
  return mask(raw);
}

}  // namespace shipshape::report
