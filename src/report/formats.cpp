#include "report/report.hpp"

namespace shipshape::report {

namespace {

constexpr Format kFormats[] = {
    {"text", write_text},
    {"json", write_json},
};

}  // namespace

std::span<const Format> formats() { return kFormats; }

const Format* find_format(std::string_view name) {
  for (const Format& f : kFormats)
    if (f.name == name) return &f;
  return nullptr;
}

std::string_view version() { return SHIPSHAPE_VERSION; }

}  // namespace shipshape::report
