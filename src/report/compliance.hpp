// The compliance report: controls of the CIS Docker and Kubernetes benchmarks, the NSA/CISA
// guidance and the OWASP Docker Top 10 (rules/controls.yaml), each passed, failed, waived or
// not applicable with its evidence; a workload × category matrix; findings by severity and
// category; and an audit block (time, versions, config and input hashes, git state).
#pragma once

#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "model/model.hpp"
#include "report/report.hpp"

namespace shipshape::report {

struct ControlResult {
  std::string framework;
  std::string framework_title;
  std::string id;
  std::string title;
  std::vector<std::string> rules;
  std::string status;  ///< pass, fail, waived, n/a
  std::vector<engine::Finding> failing;
  std::vector<engine::Finding> waived;
};

inline constexpr const char* kWithheldHash =
    "withheld: a secret was found in this file, and its hash would let anyone test guesses offline";

struct Audit {
  std::string generated;  ///< UTC, ISO 8601 ($SHIPSHAPE_NOW overrides, for tests)
  std::string tool_version;
  std::string ruleset;  ///< hash of the embedded rules/*.yaml
  std::string config_path;
  std::string config_sha256;
  /// path, SHA-256; the hash is "" (withheld, kWithheldHash says why) where a secret was found
  std::vector<std::pair<std::string, std::string>> inputs;
  bool in_git = false;
  std::string git_commit;
  bool git_dirty = false;
};

struct Compliance {
  std::string verdict;  ///< PASS, PASS WITH WAIVERS, FAIL, INCOMPLETE
  std::vector<ControlResult> controls;
  std::vector<std::string> categories;  ///< matrix columns
  std::vector<std::pair<std::string, std::vector<int>>>
      matrix;                                             ///< rows: subject, count per category
  std::map<std::string, std::array<int, 3>> by_category;  ///< note, warning, error counts
  const Report* report = nullptr;
  Audit audit;
};

/// Builds the report from one lint run. `git_provenance` records the commit and whether the
/// work tree is dirty (runs git); off where no repository is involved (the fuzz targets).
Compliance build_compliance(const Report& r, const model::Model& model, const config::Config& cfg,
                            bool git_provenance = true);

void write_compliance_json(const Compliance& c, std::ostream& out);
void write_compliance_markdown(const Compliance& c, std::ostream& out);
void write_compliance_html(const Compliance& c, std::ostream& out);

}  // namespace shipshape::report
