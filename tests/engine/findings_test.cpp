#include <doctest/doctest.h>

#include "engine/findings.hpp"

using namespace shipshape;
using engine::Finding;
using engine::Findings;

namespace {

Finding make(uint32_t file, uint32_t line, std::string rule, std::string message) {
  Finding f;
  f.rule_id = std::move(rule);
  f.category = "privileged";
  f.severity = Severity::warning;
  f.message = std::move(message);
  f.subject = "service api";
  f.ref = NodeRef{{file, line, 3}, "services.api.privileged"};
  return f;
}

}  // namespace

TEST_CASE("findings: a packed finding reads back whole") {
  Finding f = make(1, 7, "SS103", "env 'PW' holds a credential also written at 2 other places");
  f.related = {NodeRef{{2, 9, 5}, "services.db.environment.PW"}, NodeRef{{3, 300, 1}, ""}};
  f.redact = {"s3cr3t-value", std::string(300, 'x')};  // one longer than a length byte holds
  f.suppression = engine::SuppressionKind::waiver;
  f.suppression_reason = "accepted until the migration";
  f.suppressed_by = "sec-team";
  Findings all;
  all.push_back(make(1, 1, "SS201", "first"));
  all.push_back(f);
  REQUIRE(all.size() == 2);
  Finding g = all[1];
  CHECK(g.rule_id == "SS103");
  CHECK(g.category == "privileged");
  CHECK(g.severity == Severity::warning);
  CHECK(g.message == f.message);
  CHECK(g.subject == "service api");
  CHECK(g.ref.at == Location{1, 7, 3});
  CHECK(g.ref.path == "services.api.privileged");
  REQUIRE(g.related.size() == 2);
  CHECK(g.related[0].at == Location{2, 9, 5});
  CHECK(g.related[0].path == "services.db.environment.PW");
  CHECK(g.related[1].at == Location{3, 300, 1});
  CHECK(g.related[1].path.empty());
  CHECK(g.redact == f.redact);
  CHECK(all.redactions(1) == f.redact);
  CHECK(all.redactions(0).empty());
  CHECK(g.suppression == engine::SuppressionKind::waiver);
  CHECK(g.suppression_reason == "accepted until the migration");
  CHECK(g.suppressed_by == "sec-team");
  CHECK(g.fingerprint("a.yaml") == f.fingerprint("a.yaml"));
  CHECK(all.fingerprint(1, "a.yaml") == f.fingerprint("a.yaml"));
  CHECK_FALSE(all[0].suppressed());
  CHECK(all[0].suppression_reason.empty());
}

TEST_CASE(
    "findings: sorted by path then line then column then rule then message with repeats dropped by "
    "slot") {
  SourceFiles files;
  uint32_t b = files.add("b.yaml"), a = files.add("a.yaml"), a_again = files.add("a.yaml");
  Findings all;
  all.push_back(make(b, 1, "SS201", "in b"), 0);
  all.push_back(make(a, 9, "SS201", "late line"), 0);
  all.push_back(make(a, 2, "SS301", "same place, later rule"), 0);
  all.push_back(make(a, 2, "SS201", "zz message"), 0);
  Finding later_slot = make(a_again, 2, "SS201", "aa message");
  later_slot.ref.path = "from slot 5";
  all.push_back(later_slot, 5);
  Finding earlier_slot = make(a, 2, "SS201", "aa message");
  earlier_slot.ref.path = "from slot 2";
  all.push_back(earlier_slot, 2);
  all.sort(files);
  std::vector<std::string> got;
  for (const Finding& f : all)
    got.push_back(files.path(f.ref.at.file) + ":" + std::to_string(f.ref.at.line) + " " +
                  f.rule_id + " " + f.message);
  CHECK(got == std::vector<std::string>{"a.yaml:2 SS201 aa message", "a.yaml:2 SS201 zz message",
                                        "a.yaml:2 SS301 same place, later rule",
                                        "a.yaml:9 SS201 late line", "b.yaml:1 SS201 in b"});
  // The same finding reached from two inputs (a file linted twice) is kept once: the lower slot's,
  // whichever was added first.
  CHECK(all[0].ref.path == "from slot 2");
}

TEST_CASE("findings: suppress and erase_if and the views") {
  Findings all;
  for (uint32_t i = 1; i <= 5; ++i) all.push_back(make(1, i, "SS201", "line " + std::to_string(i)));
  all.suppress(1, engine::SuppressionKind::inline_comment, "test fixture");
  all.suppress(2, engine::SuppressionKind::inline_comment, "test fixture");
  all.suppress(3, engine::SuppressionKind::annotation, "another");
  CHECK(all[1].suppression_reason == "test fixture");
  CHECK(all[2].suppression_reason == "test fixture");
  CHECK(all[3].suppression_reason == "another");
  CHECK(all.view(3).suppression == engine::SuppressionKind::annotation);
  CHECK(all.message(3) == "line 4");
  CHECK(all.view(3).path == "services.api.privileged");
  size_t dropped = all.erase_if([&](size_t i) { return all.view(i).at.line % 2 == 0; });
  CHECK(dropped == 2);
  std::vector<uint32_t> lines;
  for (size_t i = 0; i < all.size(); ++i) lines.push_back(all.view(i).at.line);
  CHECK(lines == std::vector<uint32_t>{1, 3, 5});
  CHECK(all[1].suppression_reason == "test fixture");
}

TEST_CASE("findings: many findings cost less than half the Findings they came from") {
  Findings all;
  size_t unpacked = 0;
  for (uint32_t i = 0; i < 20000; ++i) {
    Finding f =
        make(1 + i % 50, i, "SS302", "service 'api-" + std::to_string(i) + "' has no memory limit");
    f.ref.path = "services.api-" + std::to_string(i) + ".deploy.resources.limits";
    unpacked += sizeof(Finding) + f.message.capacity() + f.ref.path.capacity() + 16 * 2;
    all.push_back(f);
  }
  CHECK(all.size() == 20000);
  CHECK(all[19999].message == "service 'api-19999' has no memory limit");
  MESSAGE("packed " << all.bytes() << " bytes, unpacked at least " << unpacked);
  CHECK(all.bytes() * 2 < unpacked);
}

TEST_CASE(
    "findings: a rule's message is kept as its template and arguments and reads back the same") {
  using engine::FindingSink;
  SourceFiles files;
  uint32_t compose = files.add("compose.yaml", InputKind::compose);
  uint32_t values = files.add("values.yaml");
  files.set_kind(values, InputKind::values);
  FindingSink sink("SS302", "missing-limits", Severity::warning, files);
  NodeRef at{{compose, 4, 3}, "services.api.deploy"};
  sink.report(at, "service api", "{} has no memory limit ({} of {} containers)", "service 'api'", 1,
              2u);
  sink.report(at, "service api", "{:>8}|{}", "right", 'c');           // a spec: formatted at once
  sink.report(at, "service api", "no placeholders, {{braces}} too");  // escaped braces
  sink.report(NodeRef{{values, 9, 1}, ""}, "ignore comment", "ignore for {} matched no finding",
              "SS201");
  sink.redact("hunter2-secret");
  sink.aspect("pid");
  Findings rule = sink.take();
  REQUIRE(rule.size() == 4);
  CHECK(rule[0].message == "service 'api' has no memory limit (1 of 2 containers)");
  CHECK(rule[0].rule_id == "SS302");
  CHECK(rule[0].category == "missing-limits");
  CHECK(rule[0].severity == Severity::warning);
  // The input kind is the kind of the file the finding points at; the aspect is the rule's.
  CHECK(rule[0].input == InputKind::compose);
  CHECK(rule.view(3).input == InputKind::values);
  CHECK(rule[0].aspect.empty());
  CHECK(rule[3].aspect == "pid");
  CHECK(rule.view(3).aspect == "pid");
  CHECK(rule[1].message == "   right|c");
  CHECK(rule[2].message == "no placeholders, {braces} too");
  CHECK(rule.message(3) == "ignore for SS201 matched no finding");
  CHECK(rule.redactions(3) == std::vector<std::string>{"hunter2-secret"});
  // A tool finding (no path) is fingerprinted by its message, which is formatted for it.
  Finding tool = rule[3];
  CHECK(rule.fingerprint(3, "a.yaml") == tool.fingerprint("a.yaml"));

  // Appended into a run's findings whose templates are numbered otherwise.
  FindingSink other("SS201", "privileged", Severity::error, files);
  other.report(at, "service db", "{} runs privileged", "service 'db'");
  Findings all = other.take();
  all.append(rule, 7);
  REQUIRE(all.size() == 5);
  CHECK(all[0].message == "service 'db' runs privileged");
  CHECK(all[1].message == "service 'api' has no memory limit (1 of 2 containers)");
  CHECK(all[4].message == "ignore for SS201 matched no finding");
  CHECK(all[4].redact == std::vector<std::string>{"hunter2-secret"});
  CHECK(all[4].aspect == "pid");
  CHECK(all[4].input == InputKind::values);
  CHECK(all[1].input == InputKind::compose);
}

TEST_CASE("findings: plain templates are bare placeholders and no other brace") {
  CHECK(rules::plain_template("{} has {} things", 2));
  CHECK(rules::plain_template("nothing to fill", 0));
  CHECK_FALSE(rules::plain_template("{} has {} things", 1));
  CHECK_FALSE(rules::plain_template("{:d} items", 1));
  CHECK_FALSE(rules::plain_template("{0} items", 1));
  CHECK_FALSE(rules::plain_template("{{literal}}", 0));
  CHECK_FALSE(rules::plain_template("trailing {", 0));
  CHECK_FALSE(rules::plain_template("stray } brace", 0));
}
