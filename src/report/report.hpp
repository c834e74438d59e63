// The report stage: every format reads the same findings and errors; none re-derives
// anything. One table maps a format name to its writer.
#pragma once

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "core/error.hpp"
#include "core/source_files.hpp"
#include "engine/findings.hpp"
#include "fix/fix.hpp"
#include "secrets/scanner.hpp"

namespace shipshape::report {

/// Everything a reporter may read.
struct Report {
  const engine::Findings& findings;
  const std::vector<Error>& errors;
  const SourceFiles& files;
  size_t inputs = 0;
  /// Masks secrets in any source line a reporter shows (nullptr: show lines unmasked).
  const secrets::SecretScanner* scanner = nullptr;
  size_t baselined = 0;  ///< findings dropped because a baseline already had them
  /// Fix suggestions by finding index (nullptr: none computed).
  const std::map<size_t, fix::Suggestion>* fixes = nullptr;
  /// Secret values found by findings no longer in `findings` (a baseline dropped them): a
  /// line shown for another finding, or a diff's context line, may still hold them.
  std::vector<std::string> more_secrets = {};
  /// Files a walk found that are none of ours, with what each looks like (counted in the
  /// summary, listed with --verbose).
  const std::vector<std::pair<std::string, std::string>>* skipped = nullptr;
  bool verbose = false;

  const fix::Suggestion* fix_for(size_t i) const {
    if (!fixes) return nullptr;
    auto it = fixes->find(i);
    return it == fixes->end() ? nullptr : &it->second;
  }
};

/// A JSON document as the JSON writers print it: indented, and any byte that is not UTF-8 (a
/// file name in another encoding) replaced by U+FFFD instead of aborting the dump.
template <class Json>
std::string json_text(const Json& doc) {
  return doc.dump(2, ' ', false, Json::error_handler_t::replace);
}

/// An array of a JSON document written one item at a time by write_streamed: a report of many
/// findings never holds them all as JSON.
template <class Json>
struct StreamedArray {
  std::string placeholder;  ///< the string value standing for the array in the document
  size_t count = 0;
  std::function<Json(size_t)> item;
};

/// A placeholder no document value can equal (no path or message holds a NUL byte).
inline std::string array_placeholder(std::string_view name) {
  return std::string(1, '\0') + "shipshape:" + std::string(name);
}

/// Writes `doc` byte for byte as json_text would, with each array's items in place of its
/// placeholder.
template <class Json>
void write_streamed(const Json& doc, const std::vector<StreamedArray<Json>>& arrays,
                    std::ostream& out) {
  std::string text = json_text(doc);
  // Where each placeholder is written, and how long it is there, in document order.
  std::vector<std::tuple<size_t, size_t, const StreamedArray<Json>*>> at;
  for (const auto& a : arrays) {
    std::string quoted = json_text(Json(a.placeholder));
    if (size_t p = text.find(quoted); p != std::string::npos) at.emplace_back(p, quoted.size(), &a);
  }
  std::sort(at.begin(), at.end());
  size_t from = 0;
  for (const auto& [p, length, a] : at) {
    out.write(text.data() + from, static_cast<std::streamsize>(p - from));
    size_t line = text.rfind('\n', p) + 1;  // the key's line; items sit two spaces deeper
    std::string indent(text.find_first_not_of(' ', line) - line, ' ');
    std::string pad = "\n" + indent + "  ";
    for (size_t i = 0; i < a->count; ++i) {
      std::string item = json_text(a->item(i));
      out << (i ? "," : "[") << pad;
      for (size_t q = 0, nl; q < item.size(); q = nl + 1) {
        nl = item.find('\n', q);
        if (nl == std::string::npos) nl = item.size();
        out.write(item.data() + q, static_cast<std::streamsize>(nl - q));
        if (nl < item.size()) out << pad;
      }
    }
    out << (a->count ? "\n" + indent + "]" : "[]");
    from = p + length;
  }
  out.write(text.data() + from, static_cast<std::streamsize>(text.size() - from));
}

struct Options {
  bool color = false;
  bool quiet = false;
  bool show_suppressed = false;  ///< list suppressed findings (with their reasons) too
  std::string srcroot;           ///< absolute directory SARIF URIs are relative to ("" = cwd)
};

/// "inline", "annotation" or "waiver".
std::string_view suppression_name(engine::SuppressionKind k);

using WriteFn = void (*)(const Report&, const Options&, std::ostream&);

struct Format {
  std::string_view name;
  WriteFn write;
};

/// The formats `--format` accepts.
std::span<const Format> formats();
const Format* find_format(std::string_view name);

void write_json(const Report& r, const Options& o, std::ostream& out);
void write_text(const Report& r, const Options& o, std::ostream& out);
void write_sarif(const Report& r, const Options& o, std::ostream& out);
void write_github(const Report& r, const Options& o, std::ostream& out);

/// The Markdown summary a GitHub job shows (appended to $GITHUB_STEP_SUMMARY).
std::string github_summary(const Report& r);

/// The tool version (from CMake's project version).
std::string_view version();
/// Where rule pages are published (CMake's SHIPSHAPE_DOCS_URL), ending in '/'.
std::string_view docs_url();

}  // namespace shipshape::report
