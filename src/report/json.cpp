// The JSON contract (version 1). Extend only by adding fields.
#include <map>
#include <nlohmann/json.hpp>

#include "report/report.hpp"
#include "report/source_lines.hpp"

namespace shipshape::report {

void write_json(const Report& r, const Options& o, std::ostream& out) {
  using Json = nlohmann::ordered_json;
  Json doc;
  doc["version"] = 1;
  doc["tool"] = {{"name", "shipshape"}, {"version", std::string(version())}};
  std::map<std::string, int> by_severity{{"error", 0}, {"warning", 0}, {"note", 0}};
  std::map<std::string, int> by_category;
  std::vector<size_t> shown, suppressed;
  for (size_t i = 0; i < r.findings.size(); ++i) {
    const auto& f = r.findings[i];
    if (f.suppressed()) {
      suppressed.push_back(i);
      continue;
    }
    shown.push_back(i);
    ++by_severity[std::string(to_string(f.severity))];
    ++by_category[f.category];
  }
  SourceLines lines(r);
  auto entry = [&](size_t i) {
    const auto& f = r.findings[i];
    Json j;
    j["ruleId"] = f.rule_id;
    j["category"] = f.category;
    j["severity"] = std::string(to_string(f.severity));
    j["message"] = f.message;
    j["file"] = r.files.path(f.ref.at.file);
    j["line"] = f.ref.at.line;
    j["column"] = f.ref.at.column;
    j["subject"] = f.subject;
    j["path"] = f.ref.path;
    j["fingerprint"] = f.fingerprint(r.files.path(f.ref.at.file));
    if (std::string src = r.files.helm_source(f.ref.at); !src.empty()) j["helmSource"] = src;
    if (!f.related.empty()) {
      Json rel = Json::array();
      for (const auto& ref : f.related)
        rel.push_back({{"file", r.files.path(ref.at.file)},
                       {"line", ref.at.line},
                       {"column", ref.at.column}});
      j["related"] = rel;
    }
    if (const auto* fx = r.fix_for(i)) {
      Json files = Json::array();
      for (const auto& c : fx->files) {
        Json edits = Json::array();
        for (const auto& e : c.edits)
          edits.push_back({{"offset", e.begin}, {"length", e.end - e.begin}, {"text", e.text}});
        files.push_back({{"file", c.path}, {"created", c.created}, {"edits", edits}});
      }
      j["fix"] = {{"description", fx->description},
                  {"diff", lines.diff(*fx)},
                  {"files", files},
                  {"advice", fx->advice}};
    }
    if (f.suppressed()) {
      j["suppression"] = {{"kind", std::string(suppression_name(f.suppression))},
                          {"reason", f.suppression_reason}};
      if (!f.suppressed_by.empty()) j["suppression"]["by"] = f.suppressed_by;
    }
    return j;
  };
  // Findings are written one at a time (write_streamed), not held as one JSON document.
  std::vector<StreamedArray<Json>> arrays = {
      {array_placeholder("findings"), shown.size(), [&](size_t k) { return entry(shown[k]); }}};
  doc["findings"] = arrays[0].placeholder;
  if (o.show_suppressed) {
    arrays.push_back({array_placeholder("suppressed"), suppressed.size(),
                      [&](size_t k) { return entry(suppressed[k]); }});
    doc["suppressed"] = arrays[1].placeholder;
  }
  Json errors = Json::array();
  for (const auto& e : r.errors)
    errors.push_back({{"file", r.files.path(e.at.file)},
                      {"line", e.at.line},
                      {"column", e.at.column},
                      {"message", e.message}});
  doc["errors"] = std::move(errors);
  Json summary;
  summary["inputs"] = r.inputs;
  summary["findings"] = shown.size();
  summary["errors"] = r.errors.size();
  summary["suppressed"] = suppressed.size();
  summary["baselined"] = r.baselined;
  summary["skipped"] = r.skipped ? r.skipped->size() : 0;
  summary["bySeverity"] = by_severity;
  summary["byCategory"] = by_category;
  doc["summary"] = std::move(summary);
  write_streamed(doc, arrays, out);
  out << "\n";
}

}  // namespace shipshape::report
