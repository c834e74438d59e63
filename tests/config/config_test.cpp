#include "config/config.hpp"
#include "secrets/scanner.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "test_util.hpp"

using namespace shipshape;

namespace {

Expected<config::Config> parse(const std::string& text) {
  static SourceFiles files;
  return config::parse_config(text, files.add(".shipshape.yaml"), files);
}

std::string error_of(const std::string& text) {
  auto c = parse(text);
  REQUIRE_FALSE(c);
  return std::to_string(c.error().at.line) + ":" + std::to_string(c.error().at.column) + " " +
         c.error().message;
}

}  // namespace

TEST_CASE("config: tiers and tier label and rules and waivers parse") {
  auto c = parse(
      "rules:\n  SS301: warning\n  missing-cpu-limit: off\n"
      "network_tiers:\n  - {name: edge, networks: [proxy]}\n  - {name: data, networks: [db], "
      "internal: true}\n"
      "tier_label: tier\n"
      "waivers:\n  - {rule: socket-mount, reason: proxy, expires: '2030-01-01'}\n");
  REQUIRE(c);
  CHECK(c->rules.at("SS301").severity == Severity::warning);
  CHECK(c->rules.at("SS302").enabled == false);
  CHECK(c->tiers.size() == 2);
  CHECK(c->policy().tier_of_network("db") == 1);
  CHECK(c->policy().tier_index("edge") == 0);
  CHECK(c->policy().tier_of_network("nowhere") == -1);
  CHECK(c->tiers[1].internal);
  CHECK(c->tier_label == "tier");
  CHECK(c->waivers.at(0).rule == "SS202");
  CHECK(c->scanner);
}

TEST_CASE("config: errors name the line and column") {
  CHECK(error_of("rules:\n  SS999: off\n") == "2:3 rules: unknown rule 'SS999'");
  CHECK(error_of(
            "network_tiers:\n  - name: a\n    networks: [x]\n  - name: b\n    networks: [x]\n") ==
        "5:15 network_tiers: network 'x' is in two tiers");
  CHECK(error_of("network_tiers:\n  - name: a\n    color: red\n")
            .starts_with("3:5 network_tiers: unknown key 'color'"));
  CHECK(error_of("waivers:\n  - rule: SS201\n") == "2:5 waivers: a waiver needs a reason");
  CHECK(error_of("waivers:\n  - {rule: SS201, reason: x, expires: soon}\n") ==
        "2:39 waivers.expires: expected a date YYYY-MM-DD");
  CHECK(error_of("secrets:\n  patterns:\n    - {id: bad, regex: 'a(b'}\n")
            .starts_with("3:24 secrets.patterns: 'bad' is not a valid RE2 pattern"));
  CHECK(error_of("tier_label: [a]\n") == "1:13 tier_label: expected a string, got a sequence");
}

TEST_CASE("config: user secret patterns find new formats and the allowlist silences values") {
  test::TempDir d;
  d.write("compose.yaml",
          "services:\n  api:\n    image: x\n    environment:\n"
          "      ACME: acme_0123456789abcdef0123456789abcdef\n"
          "      DB_PASSWORD: dev-only-not-a-secret\n"
          "      OTHER_PASSWORD: test-fixture-42\n");
  d.write("cfg.yaml",
          "secrets:\n  patterns:\n    - {id: acme-api-key, name: an ACME API key, regex: "
          "'acme_[a-f0-9]{32}'}\n"
          "  allowlist:\n    - dev-only-not-a-secret\n    - regex: '^test-fixture-[0-9]+$'\n");
  auto r =
      test::run_cli({"lint", "--format", "json", "--config", d / "cfg.yaml", d / "compose.yaml"});
  auto j = nlohmann::json::parse(r.out);
  std::vector<std::string> messages;
  for (const auto& f : j["findings"])
    if (f["ruleId"] == "SS101") messages.push_back(f["message"]);
  REQUIRE(messages.size() == 1);
  CHECK(messages[0] == "ACME holds an ACME API key (acme…, 37 chars)");
}

TEST_CASE("secret patterns: every built-in pattern compiles") {
  auto s = secrets::SecretScanner::build();
  REQUIRE(s);
  CHECK((*s)->compile_all());
}
