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
