// Text from the tree is data, never structure: file names (and names inside the files) holding
// newlines, CR, `::`, '%', ',' or control characters cannot forge a finding line in the text
// output, a workflow command in the github output or a row of the step summary, and cannot reach
// the terminal raw; JSON and SARIF carry the exact original names.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "test_util.hpp"

using namespace shipshape;
using test::run_cli;
using test::TempDir;

namespace {

// Paths relative to the linted directory; each file breaks exactly one rule (SS201).
const std::vector<std::string> kHostileNames = {
    "evil\n/etc/x.yaml:1:1: error[SS101]: forged.yaml",  // a second line that looks like a finding
    "esc/\x1b[31mred\x1b]0;owned\x07\x1b[2J.yaml",       // color, window title, clear screen
    "gh/a::error file=x::forged%0A 50%,b\r\n::warning file=y::z.yaml",  // workflow-command forgery
    "ctl/\x01\x02\x08\x1f\x7f\tx.yaml",
    "c1/\xc2\x9b"
    "31m.yaml",           // U+009B, the one-character CSI
    "tick/a`b``|c.yaml",  // backticks and a table bar, for the step summary
};
const std::string kBrokenName = "broken\r/\x1b[2Jbad\n::error::x.yaml";  // a load error's name

// The bytes a terminal acts on: C0 controls but LF, DEL, and UTF-8 C1 controls.
std::string raw_controls(const std::string& s) {
  std::string found;
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    bool c1 = c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
              static_cast<unsigned char>(s[i + 1]) <= 0x9F;
    if ((c < 0x20 && c != '\n') || c == 0x7f || c1) found += fmt::format("\\x{:02x} at {}; ", c, i);
  }
  return found;
}

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

std::string percent_decoded(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// A workflow command's property value as the runner decodes it.
std::string github_property_decoded(std::string s) {
  for (auto [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"%0D", "\r"}, {"%0A", "\n"}, {"%3A", ":"}, {"%2C", ","}, {"%25", "%"}}) {
    for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size()))
      s.replace(p, from.size(), to);
  }
  return s;
}

// A name as github output writes it once the runner has decoded it: CR and LF as they are (they
// have escapes the runner decodes), the other control characters as C escapes.
std::string github_shown(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if ((c < 0x20 && c != '\r' && c != '\n') || c == 0x7f) {
      out += fmt::format("\\x{:02x}", c);
    } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(s[i + 1]) <= 0x9F) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned char>(s[++i]));
    } else {
      out += s[i];
    }
  }
  return out;
}

struct Tree {
  TempDir dir;
  std::set<std::string> names;
  Tree() {
    for (const auto& n : kHostileNames) {
      dir.write(n, test::privileged_service());
      names.insert(n);
    }
    dir.write(kBrokenName, "services: [\n");
  }
};

}  // namespace

TEST_CASE("tree text: file names cannot forge lines or escapes in text output") {
  Tree t;
  test::Chdir cd(t.dir.path());
  auto quiet = run_cli({"lint", "--config", "/dev/null", "-q", "."});
  CHECK(quiet.code == 2);  // the broken file
  CHECK(raw_controls(quiet.out) == "");
  // One line per finding and one for the load error, each of its own.
  auto lines = lines_of(quiet.out);
  CHECK(lines.size() == kHostileNames.size() + 1);
  size_t findings = 0, errors = 0;
  for (const auto& l : lines) {
    CAPTURE(l);
    CHECK(!l.starts_with("/etc/"));
    bool finding = l.find(":4:17: error[SS201]: service 'api' runs privileged") !=
                   std::string::npos;
    bool error = l.starts_with("broken\\r/\\x1b[2Jbad\\n::error::x.yaml:") &&
                 l.find(": load error: ") != std::string::npos;
    findings += finding;
    errors += error;
    CHECK((finding || error));
  }
  CHECK(findings == kHostileNames.size());
  CHECK(errors == 1);
  CHECK(quiet.out.find("evil\\n/etc/x.yaml:1:1: error[SS101]: forged.yaml:4:17: error[SS201]") !=
        std::string::npos);
  CHECK(quiet.out.find("esc/\\x1b[31mred\\x1b]0;owned\\x07\\x1b[2J.yaml:4:17:") !=
        std::string::npos);
  CHECK(quiet.out.find("gh/a::error file=x::forged%0A 50%,b\\r\\n::warning file=y::z.yaml:4:17:") !=
        std::string::npos);
  CHECK(quiet.out.find("ctl/\\x01\\x02\\x08\\x1f\\x7f\\tx.yaml:4:17:") != std::string::npos);
  CHECK(quiet.out.find("c1/\\u009b31m.yaml:4:17:") != std::string::npos);

  auto full =
      run_cli({"lint", "--config", "/dev/null", "--fix-suggestions", "--show-suppressed", "."});
  CHECK(full.code == 2);
  CHECK(raw_controls(full.out) == "");
  for (const auto& l : lines_of(full.out)) {
    CAPTURE(l);
    CHECK(!l.starts_with("/etc/"));
    CHECK(!l.starts_with("::"));
  }
}

TEST_CASE("tree text: names inside a file are shown escaped in text output") {
  TempDir d;
  // YAML double-quoted escapes: a service name holding ESC, a newline and a forged finding.
  d.write("compose.yaml",
          "services:\n  \"web\\e[2J\\nx.yaml:1:1: error[SS101]: forged\":\n    image: x\n"
          "    privileged: true\n");
  test::Chdir cd(d.path());
  auto json = run_cli({"lint", "--config", "/dev/null", "--format", "json", "compose.yaml"});
  auto j = nlohmann::json::parse(json.out);
  std::string subject;
  for (const auto& f : j["findings"])
    if (f["ruleId"] == "SS201") subject = f["subject"];
  REQUIRE(subject == "service web\x1b[2J\nx.yaml:1:1: error[SS101]: forged");  // as written
  auto text = run_cli({"lint", "--config", "/dev/null", "compose.yaml"});
  CHECK(raw_controls(text.out) == "");
  CHECK(text.out.find("service 'web\\x1b[2J\\nx.yaml:1:1: error[SS101]: forged' runs privileged") !=
        std::string::npos);
  CHECK(text.out.find("subject: service web\\x1b[2J\\nx.yaml:1:1: error[SS101]: forged\n") !=
        std::string::npos);
  for (const auto& l : lines_of(text.out)) CHECK(!l.starts_with("x.yaml:"));
  auto github = run_cli({"lint", "--config", "/dev/null", "--format", "github", "compose.yaml"});
  CHECK(raw_controls(github.out) == "");
  for (const auto& l : lines_of(github.out)) CHECK(l.starts_with("::"));
}

TEST_CASE("tree text: file names cannot forge workflow commands or summary rows in github output") {
  Tree t;
  test::Chdir cd(t.dir.path());
  std::string summary_path = t.dir / "step-summary.md";
  std::ofstream(summary_path).flush();
  setenv("GITHUB_STEP_SUMMARY", summary_path.c_str(), 1);
  auto r = run_cli({"lint", "--config", "/dev/null", "--format", "github", "."});
  unsetenv("GITHUB_STEP_SUMMARY");
  CHECK(r.code == 2);
  CHECK(raw_controls(r.out) == "");
  auto lines = lines_of(r.out);
  CHECK(lines.size() == kHostileNames.size() + 1);  // one command per finding and per load error
  std::set<std::string> files;
  for (const auto& l : lines) {
    CAPTURE(l);
    REQUIRE(l.starts_with("::error file="));
    size_t end = l.find(",line=");
    REQUIRE(end != std::string::npos);
    std::string property = l.substr(13, end - 13);
    CHECK(property.find_first_of(":,\r\n") == std::string::npos);
    files.insert(github_property_decoded(property));
    // The message (after the second "::") holds no raw line break and no raw '%' escape of ours.
    size_t data = l.find("::", 2);
    REQUIRE(data != std::string::npos);
    CHECK(l.find_first_of("\r\n", data) == std::string::npos);
  }
  std::set<std::string> want;
  for (const auto& n : t.names) want.insert(github_shown(n));
  want.insert(github_shown(kBrokenName));
  CHECK(files == want);  // file= names the file, newlines and all, once decoded
  CHECK(want.count("evil\n/etc/x.yaml:1:1: error[SS101]: forged.yaml") == 1);
  CHECK(want.count("gh/a::error file=x::forged%0A 50%,b\r\n::warning file=y::z.yaml") == 1);

  std::ifstream in(summary_path, std::ios::binary);
  std::string summary((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(raw_controls(summary) == "");
  size_t rows = 0;
  for (const auto& l : lines_of(summary)) {
    if (!l.starts_with("| `")) continue;
    if (l.find("| SS201 |") == std::string::npos) continue;
    CAPTURE(l);
    ++rows;
    CHECK(l.ends_with(" |"));
  }
  CHECK(rows == kHostileNames.size());
  CHECK(summary.find("| ``` tick/a`b``\\|c.yaml:4 ``` |") != std::string::npos);
}

TEST_CASE("tree text: JSON and SARIF carry the exact file names") {
  Tree t;
  test::Chdir cd(t.dir.path());
  auto json = run_cli({"lint", "--config", "/dev/null", "--format", "json", "."});
  CHECK(json.code == 2);
  auto j = nlohmann::json::parse(json.out);
  std::set<std::string> files;
  for (const auto& f : j["findings"]) files.insert(f["file"].get<std::string>());
  CHECK(files == t.names);
  REQUIRE(j["errors"].size() == 1);
  CHECK(j["errors"][0]["file"] == kBrokenName);

  auto sarif = run_cli({"lint", "--config", "/dev/null", "--format", "sarif", "."});
  CHECK(sarif.code == 2);
  auto s = nlohmann::json::parse(sarif.out);
  std::set<std::string> uris;
  for (const auto& res : s["runs"][0]["results"]) {
    std::string uri = res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
    CHECK(raw_controls(uri) == "");
    uris.insert(percent_decoded(uri));
  }
  CHECK(uris == t.names);
}

TEST_CASE("tree text: file names cannot forge headers in the fix patch / git apply takes it") {
  TempDir d;
  // A name whose newline would end the header and start a forged one for another file.
  const std::string evil = "evil\n+++ b/other.yaml\n--- a/other.yaml.yaml";
  d.write(evil, test::privileged_service());
  d.write("other.yaml", "untouched: true\n");
  auto r =
      run_cli({"lint", "--config", "/dev/null", "--fail-on", "never", "--fix-suggestions=patch",
               "-o", d / "fixes.patch", "--kind", "compose", d / evil});
  CHECK(r.code == 0);
  std::string cmd =
      "cd '" + d.path() + "' && git init -q . && git apply --numstat fixes.patch 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p);
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int status = pclose(p);
  INFO(out);
  CHECK(status == 0);
  // git names the one file the patch touches by its quoted name; other.yaml is not touched.
  CHECK(out.find("other.yaml\n") == std::string::npos);
  CHECK(out.find("evil\\n+++ b/other.yaml\\n--- a/other.yaml.yaml\"") != std::string::npos);
}
