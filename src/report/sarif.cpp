// SARIF 2.1.0 for code scanning: every rule that ran as a descriptor, results with masked
// snippets, stable partial fingerprints, related locations, suppressions, and one tool
// notification per input that failed to load.
#include <fmt/format.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "catalog/catalog.hpp"
#include "report/report.hpp"
#include "report/source_lines.hpp"

namespace shipshape::report {

namespace {

using Json = nlohmann::ordered_json;

std::string level(Severity s) {
  return s == Severity::error ? "error" : s == Severity::warning ? "warning" : "note";
}

std::string percent_encode(std::string_view path) {
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) ||
        std::string_view("-._~/!$&'()*+,;=:@").find(static_cast<char>(c)) != std::string_view::npos)
      out += static_cast<char>(c);
    else out += fmt::format("%{:02X}", c);
  }
  return out;
}

class Locator {
 public:
  Locator(const Report& r, std::string srcroot) : r_(r), root_(std::move(srcroot)), lines_(r) {}

  // A virtual input (stdin, helm output) has no file to point into: use its template path
  // when it has one, without a region.
  // Load errors get no snippet: their file could not be parsed, so a secret on the line
  // cannot be told from the rest and masked.
  Json physical(const Location& at, bool with_snippet = true) {
    Json loc;
    std::string path = r_.files.path(at.file);
    bool is_virtual = r_.files.kept_text(at.file).has_value();
    if (is_virtual) {
      std::string tpl = r_.files.helm_source(at);
      loc["artifactLocation"] = {{"uri", percent_encode(tpl.empty() ? "stdin" : tpl)},
                                 {"uriBaseId", "%SRCROOT%"}};
      // Lines of the rendered stream are not lines of the template: point at the file.
      loc["region"] = {{"startLine", 1}, {"endLine", 1}};
      return loc;
    }
    std::filesystem::path p(path);
    if (p.is_absolute()) {
      auto rel = p.lexically_relative(root_);
      if (!rel.empty() && !rel.string().starts_with(".."))
        loc["artifactLocation"] = {{"uri", percent_encode(rel.string())},
                                   {"uriBaseId", "%SRCROOT%"}};
      else
        loc["artifactLocation"] = {
            {"uri", "file://" + percent_encode(p.lexically_normal().string())}};
    } else {
      loc["artifactLocation"] = {{"uri", percent_encode(p.lexically_normal().string())},
                                 {"uriBaseId", "%SRCROOT%"}};
    }
    Json region = {{"startLine", std::max<uint32_t>(at.line, 1)},
                   {"startColumn", std::max<uint32_t>(at.column, 1)}};
    std::string snippet = with_snippet ? lines_.line(at) : std::string();
    if (!snippet.empty()) region["snippet"] = {{"text", snippet}};
    loc["region"] = region;
    return loc;
  }

 private:
  const Report& r_;
  std::string root_;
  SourceLines lines_;
};

Json descriptor(const catalog::RuleMeta& m) {
  std::string refs;
  for (const auto& ref : m.references)
    refs += fmt::format("- [{}]({})\n", ref.title,
                        ref.url.starts_with("docs/")
                            ? std::string(docs_url()) + std::string(ref.url)
                            : std::string(ref.url));
  return {
      {"id", m.id},
      {"name", m.slug},
      {"shortDescription", {{"text", m.title}}},
      {"fullDescription", {{"text", m.rationale}}},
      {"help",
       {{"text", m.remediation},
        {"markdown", fmt::format("**{}**\n\n{}\n\n**How to fix it**\n\n{}\n\n**References**\n\n{}",
                                 m.title, m.rationale, m.remediation, refs)}}},
      {"helpUri", std::string(docs_url()) + std::string(m.help_uri)},
      {"defaultConfiguration", {{"level", level(m.severity)}}},
      {"properties",
       {{"tags", Json::array({"security", m.category})},
        {"precision", "high"},
        {"problem.severity", level(m.severity) == "note" ? "recommendation" : level(m.severity)},
        {"security-severity", m.security_severity}}}};
}

}  // namespace

void write_sarif(const Report& r, const Options& o, std::ostream& out) {
  std::string root = o.srcroot.empty() ? std::filesystem::current_path().string() : o.srcroot;
  if (root.back() != '/') root += '/';
  Locator locator(r, root);
  Json rules_json = Json::array();
  std::map<std::string, size_t> index;
  for (const auto& m : catalog::rules()) {
    index[std::string(m.id)] = rules_json.size();
    rules_json.push_back(descriptor(m));
  }
  auto result = [&](size_t i) {
    const auto& f = r.findings[i];
    Json res;
    res["ruleId"] = f.rule_id;
    res["ruleIndex"] = index[f.rule_id];
    res["level"] = level(f.severity);
    res["message"] = {{"text", f.message}};
    res["locations"] = Json::array({{{"physicalLocation", locator.physical(f.ref.at)}}});
    res["partialFingerprints"] = {{"shipshape/v1", f.fingerprint(r.files.path(f.ref.at.file))}};
    if (!f.related.empty()) {
      const catalog::RuleMeta* meta = catalog::find_rule(f.rule_id);
      std::string_view label = meta && !meta->related_label.empty() ? meta->related_label
                                                                    : "a related place";
      Json rel = Json::array();
      for (size_t i = 0; i < f.related.size(); ++i)
        rel.push_back({{"id", i + 1},
                       {"physicalLocation", locator.physical(f.related[i].at)},
                       {"message", {{"text", label}}}});
      res["relatedLocations"] = rel;
    }
    if (f.suppressed()) {
      Json s = {{"kind",
                 f.suppression == engine::SuppressionKind::waiver ? "external" : "inSource"},
                {"status", "accepted"},
                {"justification",
                 f.suppression_reason.empty() ? "(no reason given)" : f.suppression_reason}};
      res["suppressions"] = Json::array({s});
    }
    if (const auto* fx = r.fix_for(i)) {
      Json changes = Json::array();
      for (const auto& c : fx->files) {
        Json replacements = Json::array();
        for (const auto& e : c.edits)
          replacements.push_back(
              {{"deletedRegion", {{"charOffset", e.begin}, {"charLength", e.end - e.begin}}},
               {"insertedContent", {{"text", e.text}}}});
        changes.push_back(
            {{"artifactLocation", {{"uri", percent_encode(c.path)}, {"uriBaseId", "%SRCROOT%"}}},
             {"replacements", replacements}});
      }
      res["fixes"] = Json::array(
          {{{"description", {{"text", fx->description}}}, {"artifactChanges", changes}}});
    }
    res["properties"] = {{"subject", f.subject}, {"category", f.category}};
    return res;
  };
  Json notes = Json::array();
  for (const auto& e : r.errors)
    notes.push_back(
        {{"level", "error"},
         {"message", {{"text", fmt::format("{}: {}", r.files.path(e.at.file), e.message)}}},
         {"locations", Json::array({{{"physicalLocation", locator.physical(e.at, false)}}})}});
  Json invocation = {{"executionSuccessful", r.errors.empty()}};
  if (!notes.empty()) invocation["toolExecutionNotifications"] = notes;
  Json run = {{"tool",
               {{"driver",
                 {{"name", "shipshape"},
                  {"version", std::string(version())},
                  {"semanticVersion", std::string(version())},
                  {"informationUri", std::string(docs_url()) + "README.md"},
                  {"rules", rules_json}}}}},
              {"invocations", Json::array({invocation})},
              {"originalUriBaseIds", {{"%SRCROOT%", {{"uri", "file://" + percent_encode(root)}}}}},
              {"results", array_placeholder("results")},
              {"columnKind", "unicodeCodePoints"}};
  Json doc = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
              {"version", "2.1.0"},
              {"runs", Json::array({run})}};
  write_streamed<Json>(doc, {{array_placeholder("results"), r.findings.size(), result}}, out);
  out << "\n";
}

}  // namespace shipshape::report
