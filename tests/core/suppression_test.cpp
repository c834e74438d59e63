// Inline ignore comments and annotation values (src/core/suppression.hpp).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/suppression.hpp"

using namespace shipshape;
using Rules = std::vector<std::string>;

TEST_CASE("suppression: parse_ignore reads rules until and reason") {
  Ignore ig = parse_ignore(" SS202,socket-mount until=2026-12-31 -- the proxy needs it");
  CHECK(ig.rules == Rules{"SS202", "socket-mount"});
  CHECK(ig.until == "2026-12-31");
  CHECK(ig.reason == "the proxy needs it");
  CHECK(ig.own_line);  // the default; scan_ignores decides
  CHECK(ig.scope.empty());
  CHECK_FALSE(ig.at.known());  // parse_ignore has no position
}

TEST_CASE("suppression: rules are separated by commas spaces tabs and quotes") {
  CHECK(parse_ignore("SS201").rules == Rules{"SS201"});
  CHECK(parse_ignore("SS201, SS202 ,,SS203").rules == Rules{"SS201", "SS202", "SS203"});
  CHECK(parse_ignore("\tSS201\tprivileged").rules == Rules{"SS201", "privileged"});
  // An annotation value written with quotes.
  CHECK(parse_ignore("\"SS201\"").rules == Rules{"SS201"});
  CHECK(parse_ignore("'SS201,SS202'").rules == Rules{"SS201", "SS202"});
  CHECK(parse_ignore("").rules.empty());
  CHECK(parse_ignore("   ").rules.empty());
}

TEST_CASE("suppression: the reason is everything after the first --") {
  Ignore ig = parse_ignore(" SS201 -- dev only -- see ADR-7 ");
  CHECK(ig.rules == Rules{"SS201"});
  CHECK(ig.reason == "dev only -- see ADR-7");
  // Trailing quotes and a carriage return around the reason are trimmed.
  CHECK(parse_ignore("SS201 -- because \"").reason == "because");
  CHECK(parse_ignore("SS201 -- it's fine'").reason == "it's fine");
  CHECK(parse_ignore("SS201 -- why\r").reason == "why");
  CHECK(parse_ignore("SS201 --").reason == "");
  CHECK(parse_ignore("SS201").reason == "");
  // A reason only: no rules, which the engine reports.
  Ignore only = parse_ignore("-- no rule here");
  CHECK(only.rules.empty());
  CHECK(only.reason == "no rule here");
}

TEST_CASE("suppression: until is taken from any word position") {
  Ignore ig = parse_ignore("until=2025-01-31 SS101");
  CHECK(ig.until == "2025-01-31");
  CHECK(ig.rules == Rules{"SS101"});
  // A word after the reason marker is reason text, not a date.
  Ignore late = parse_ignore("SS101 -- until=2099-01-01");
  CHECK(late.until.empty());
  CHECK(late.reason == "until=2099-01-01");
}

TEST_CASE("suppression: scan_ignores finds comments with their positions") {
  const std::string text =
      "services:\n"                                                                            // 1
      "  api:\n"                                                                               // 2
      "    # shipshape:ignore SS201 -- dev only\n"                                             // 3
      "    privileged: true\n"                                                                 // 4
      "    volumes:\n"                                                                         // 5
      "      - /var/run/docker.sock:/x  # shipshape:ignore SS202 until=2026-12-31 -- proxy\n"  // 6
      "    image: \"shipshape:ignore\"\n"  // 7: not a comment
      "# shipshape:ignore\n";              // 8: names nothing
  auto found = scan_ignores(text, 7);
  REQUIRE(found.size() == 3);

  CHECK(found[0].at == Location{7, 3, 5});
  CHECK(found[0].own_line);
  CHECK(found[0].rules == Rules{"SS201"});
  CHECK(found[0].reason == "dev only");
  CHECK(found[0].until.empty());

  CHECK(found[1].at == Location{7, 6, 34});
  CHECK_FALSE(found[1].own_line);
  CHECK(found[1].rules == Rules{"SS202"});
  CHECK(found[1].until == "2026-12-31");
  CHECK(found[1].reason == "proxy");

  CHECK(found[2].at == Location{7, 8, 1});
  CHECK(found[2].own_line);
  CHECK(found[2].rules.empty());
  CHECK(found[2].reason.empty());
  for (const auto& ig : found) CHECK(ig.scope.empty());
}

TEST_CASE("suppression: scan_ignores on text without comments or markers") {
  CHECK(scan_ignores("", 1).empty());
  CHECK(scan_ignores("services:\n  api:\n    image: x\n", 1).empty());
  CHECK(scan_ignores("# just a comment\nkey: value # another\n", 1).empty());
  // The marker with no '#' before it on its own line: a value, not a comment.
  CHECK(scan_ignores("# earlier comment\nlabel: shipshape:ignore SS201\n", 1).empty());
}

TEST_CASE("suppression: scan_ignores counts lines across many comments") {
  std::string text;
  for (int i = 1; i <= 40; ++i)
    text += i % 10 == 0 ? "  key" + std::to_string(i) + ": v # shipshape:ignore SS10" +
                              std::to_string(i / 10) + " -- r\n"
                        : "line" + std::to_string(i) + ": x\n";
  auto found = scan_ignores(text, 2);
  REQUIRE(found.size() == 4);
  for (size_t k = 0; k < found.size(); ++k) {
    INFO("ignore " << k);
    CHECK(found[k].at.line == 10 * (k + 1));
    CHECK(found[k].at.column == 12);  // "  key10: v #"
    CHECK(found[k].rules == Rules{"SS10" + std::to_string(k + 1)});
    CHECK_FALSE(found[k].own_line);
  }
}

TEST_CASE("suppression: the last line needs no newline") {
  auto found = scan_ignores("a: 1\n  # shipshape:ignore SS301,SS302", 3);
  REQUIRE(found.size() == 1);
  CHECK(found[0].at == Location{3, 2, 3});
  CHECK(found[0].rules == Rules{"SS301", "SS302"});
  CHECK(found[0].own_line);
}

TEST_CASE("suppression: a CRLF line without a reason names the rule without the CR") {
  // With Windows line endings `# shipshape:ignore SS201\r\n` must name rule "SS201", not
  // "SS201\r" (an unknown rule that suppresses nothing): \r\n ends a line as \n does.
  auto found = scan_ignores("a: 1\r\n# shipshape:ignore SS201\r\nb: 2\r\n", 1);
  REQUIRE(found.size() == 1);
  CHECK(found[0].at == Location{1, 2, 1});
  CHECK(found[0].rules == Rules{"SS201"});
  CHECK(parse_ignore(" SS201 until=2026-12-31\r").until == "2026-12-31");
}

TEST_CASE("suppression: a CRLF line with a reason") {
  auto found = scan_ignores("a: 1\r\nb: 2 # shipshape:ignore SS201 -- ok\r\n", 1);
  REQUIRE(found.size() == 1);
  CHECK(found[0].at == Location{1, 2, 6});
  CHECK(found[0].rules == Rules{"SS201"});
  CHECK(found[0].reason == "ok");
  CHECK_FALSE(found[0].own_line);
}

TEST_CASE("suppression: CRLF endings after every part of an ignore") {
  const std::string text =
      "a: 1\r\n"                                            // 1
      "# shipshape:ignore SS201,SS202\r\n"                  // 2: the last rule
      "b: 2 # shipshape:ignore SS203 until=2026-12-31\r\n"  // 3: the date
      "# shipshape:ignore\r\n"                              // 4: nothing
      "# shipshape:ignore SS204 --\r\n"                     // 5: an empty reason
      "c: 3  # shipshape:ignore SS205 -- dev only\r\n"      // 6
      "# shipshape:ignore SS206";                           // 7: no line end at all
  auto found = scan_ignores(text, 4);
  REQUIRE(found.size() == 6);
  CHECK(found[0].at == Location{4, 2, 1});
  CHECK(found[0].rules == Rules{"SS201", "SS202"});
  CHECK(found[0].own_line);
  CHECK(found[1].at == Location{4, 3, 6});
  CHECK(found[1].rules == Rules{"SS203"});
  CHECK(found[1].until == "2026-12-31");
  CHECK_FALSE(found[1].own_line);
  CHECK(found[2].at == Location{4, 4, 1});
  CHECK(found[2].rules.empty());
  CHECK(found[3].rules == Rules{"SS204"});
  CHECK(found[3].reason.empty());
  CHECK(found[4].at == Location{4, 6, 7});
  CHECK(found[4].rules == Rules{"SS205"});
  CHECK(found[4].reason == "dev only");
  CHECK(found[5].at == Location{4, 7, 1});
  CHECK(found[5].rules == Rules{"SS206"});
  for (const auto& ig : found) {
    for (const auto& r : ig.rules) CHECK(r.find('\r') == std::string::npos);
    CHECK(ig.until.find('\r') == std::string::npos);
    CHECK(ig.reason.find('\r') == std::string::npos);
  }
}

TEST_CASE("suppression: parse_ignore drops a line end after the last word") {
  // An annotation value (a block scalar ends with a newline) or a line passed with its end.
  CHECK(parse_ignore("SS201\r\n").rules == Rules{"SS201"});
  CHECK(parse_ignore("SS201\n").rules == Rules{"SS201"});
  CHECK(parse_ignore("SS201,SS202\r").rules == Rules{"SS201", "SS202"});
  CHECK(parse_ignore("\"SS201\"\r").rules == Rules{"SS201"});
  CHECK(parse_ignore("SS201 until=2026-12-31\r\n").until == "2026-12-31");
  Ignore with_reason = parse_ignore("SS201 -- because\r\n");
  CHECK(with_reason.rules == Rules{"SS201"});
  CHECK(with_reason.reason == "because");
  CHECK(parse_ignore("\r").rules.empty());
  CHECK(parse_ignore("\r\n").rules.empty());
}

TEST_CASE("suppression: a CR inside a line is not a line end") {
  // Only a CR before the newline (or the end) is dropped: one in the middle of a reason is
  // part of the reason, and the line's end is still found.
  auto found = scan_ignores("# shipshape:ignore SS201 -- one\rtwo\r\nb: 2\r\n", 1);
  REQUIRE(found.size() == 1);
  CHECK(found[0].rules == Rules{"SS201"});
  CHECK(found[0].reason == "one\rtwo");
  CHECK(parse_ignore("SS201 -- a\rb\r").reason == "a\rb");
  // A line that is only a CR between two ignores.
  auto two = scan_ignores("# shipshape:ignore SS201\r\n\r\n# shipshape:ignore SS202\r\n", 1);
  REQUIRE(two.size() == 2);
  CHECK(two[0].rules == Rules{"SS201"});
  CHECK(two[1].rules == Rules{"SS202"});
  CHECK(two[1].at == Location{1, 3, 1});
}
