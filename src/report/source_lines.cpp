#include "report/source_lines.hpp"

#include <fstream>
#include <sstream>

namespace shipshape::report {

SourceLines::SourceLines(const SourceFiles& files, const rules::SecretScanner* scanner)
    : files_(files), scanner_(scanner) {
  if (!scanner_) {
    auto built = rules::SecretScanner::build();
    if (built) fallback_ = *built;
    scanner_ = fallback_.get();
  }
}

const std::vector<std::string>& SourceLines::lines_of(uint32_t file) {
  const std::string& path = files_.path(file);
  auto it = cache_.find(path);
  if (it != cache_.end()) return it->second;
  std::string text;
  if (auto kept = files_.kept_text(file)) {
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
    lines.push_back(std::move(l));
  }
  return cache_[path] = std::move(lines);
}

std::string SourceLines::line(const Location& at, const engine::Finding* finding) {
  if (!at.known()) return "";
  const auto& lines = lines_of(at.file);
  if (at.line > lines.size()) return "";
  const std::string& raw = lines[at.line - 1];
  if (!scanner_) return std::string(raw.size() > 0 ? 1 : 0, '*');  // cannot mask: show nothing
  static const std::vector<std::string> none;
  return scanner_->mask_line(raw, finding ? finding->redact : none);
}

}  // namespace shipshape::report
