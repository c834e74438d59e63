#include "report/report.hpp"

#include <memory>

namespace shipshape::report {

namespace {

constexpr Format kFormats[] = {
    {"text", write_text},
    {"json", write_json},
    {"sarif", write_sarif},
    {"github", write_github},
};

}  // namespace

std::span<const Format> formats() { return kFormats; }

const Format* find_format(std::string_view name) {
  for (const Format& f : kFormats)
    if (f.name == name) return &f;
  return nullptr;
}

std::string_view version() { return SHIPSHAPE_VERSION; }

std::string_view docs_url() { return SHIPSHAPE_DOCS_URL; }

std::string masked_diff(const fix::Suggestion& s, const engine::Finding& f, const rules::SecretScanner* scanner) {
  std::shared_ptr<const rules::SecretScanner> fallback;
  if (!scanner) {
    if (auto built = rules::SecretScanner::build()) fallback = *built;
    scanner = fallback.get();
  }
  std::string out;
  for (const auto& file : s.files) {
    size_t pos = 0;
    const std::string& d = file.diff;
    while (pos < d.size()) {
      size_t nl = d.find('\n', pos);
      if (nl == std::string::npos) nl = d.size();
      std::string line = d.substr(pos, nl - pos);
      char c = line.empty() ? ' ' : line[0];
      if ((c == ' ' || c == '-' || c == '+') && !line.starts_with("--- ") && !line.starts_with("+++ "))
        line = std::string(1, c) + scanner->mask_line(line.substr(1), f.redact);
      out += line + "\n";
      pos = nl + 1;
    }
  }
  return out;
}

std::string_view suppression_name(engine::SuppressionKind k) {
  switch (k) {
    case engine::SuppressionKind::inline_comment: return "inline";
    case engine::SuppressionKind::annotation: return "annotation";
    case engine::SuppressionKind::waiver: return "waiver";
    case engine::SuppressionKind::none: break;
  }
  return "";
}

}  // namespace shipshape::report
