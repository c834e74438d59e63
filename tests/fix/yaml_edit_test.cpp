// Edits on YAML text through its tree (src/fix/yaml_edit.hpp): scalars of every style replaced
// whole, keys inserted with the file's indentation, items appended, comments kept.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "fix/edit.hpp"
#include "fix/yaml_edit.hpp"
#include "load/yaml_tree.hpp"

using namespace shipshape;
using fix::Edit;
using fix::YamlFile;
using Path = std::vector<std::string>;

namespace {

std::string applied(const std::string& text, const std::vector<Edit>& edits) {
  std::string out;
  REQUIRE(fix::apply(text, edits, out));
  return out;
}

// The text with the scalar at `path` replaced by `with`.
std::string replaced(const std::string& text, const Path& path, const std::string& with) {
  YamlFile y(text);
  REQUIRE(y.ok());
  const load::Node* n = y.find(path);
  REQUIRE(n != nullptr);
  auto e = y.replace(n, with);
  REQUIRE(e.has_value());
  return applied(text, {*e});
}

// The edited text parses, and the value at `path` is `value`.
void check_value(const std::string& text, const Path& path, const std::string& value) {
  YamlFile y(text);
  REQUIRE_MESSAGE(y.ok(), text);
  const load::Node* n = y.find(path);
  REQUIRE_MESSAGE(n != nullptr, text);
  CHECK(n->text == value);
}

const std::string kCompose =
    "services:\n"                                // 1
    "  # the api\n"                              // 2
    "  api:\n"                                   // 3
    "    image: nginx:1.25  # pinned\n"          // 4
    "    ports: [\"8080:80\", \"9000:9000\"]\n"  // 5
    "    environment:\n"                         // 6
    "      TOKEN: \"abc\\\"def\"  # quoted\n"    // 7
    "      EMPTY:\n"                             // 8
    "    cap_drop:\n"                            // 9
    "      - NET_RAW\n"                          // 10
    "  db:\n"                                    // 11
    "    image: postgres\n";                     // 12

}  // namespace

TEST_CASE("yaml edit: find and key walk keys and sequence indexes") {
  YamlFile y(kCompose);
  REQUIRE(y.ok());
  const load::Node* image = y.find({"services", "api", "image"});
  REQUIRE(image);
  CHECK(image->text == "nginx:1.25");
  CHECK(image->at.line == 4);
  CHECK(image->at.column == 12);
  const load::Node* port = y.find({"services", "api", "ports", "[1]"});
  REQUIRE(port);
  CHECK(port->text == "9000:9000");
  CHECK(port->at.line == 5);
  CHECK(port->at.column == 24);
  CHECK(y.find({"services", "api", "ports", "[2]"}) == nullptr);
  CHECK(y.find({"services", "api", "image", "x"}) == nullptr);
  CHECK(y.find({"services", "nope"}) == nullptr);
  CHECK(y.find({"services", "[0]"}) == nullptr);  // not a sequence
  CHECK(y.find({}) != nullptr);                   // the root
  const load::Node* k = y.key({"services", "db"});
  REQUIRE(k);
  CHECK(k->text == "db");
  CHECK(k->at.line == 11);
  CHECK(k->at.column == 3);
  CHECK(y.key({"services", "api", "ports", "[0]"}) == nullptr);
  CHECK(y.key({}) == nullptr);
  CHECK(y.key({"services", "missing"}) == nullptr);
}

TEST_CASE("yaml edit: line helpers") {
  const std::string text = "a: 1\n  b: 2\r\n\n    c\n";
  YamlFile y(text);
  CHECK(y.line_begin(1) == 0);
  CHECK(y.line_begin(2) == 5);
  CHECK(y.line_begin(3) == 13);
  CHECK(y.line_after(1) == 5);
  CHECK(y.line_after(2) == 13);
  CHECK(y.line_after(4) == text.size());
  CHECK(y.line_after(99) == text.size());
  CHECK(y.line_begin(99) == text.size());
  CHECK(y.offset(2, 3) == 7);
  CHECK(y.offset(2, 0) == 5);
  CHECK(y.offset(99, 5) == text.size());
  CHECK(y.line_text(1) == "a: 1");
  CHECK(y.line_text(2) == "  b: 2");  // CR and LF dropped
  CHECK(y.line_text(3) == "");
  CHECK(y.line_text(4) == "    c");
  CHECK(y.indent(1) == 0);
  CHECK(y.indent(2) == 2);
  CHECK(y.indent(4) == 4);
  CHECK(y.indent(3) == 0);
  CHECK(y.text() == text);
}

TEST_CASE("yaml edit: invalid YAML is not ok") {
  YamlFile bad("services:\n  api: [unclosed\n");
  CHECK_FALSE(bad.ok());
  CHECK(bad.find({"services"}) == nullptr);
  CHECK_FALSE(bad.set({"services", "x"}, "1"));
  CHECK(bad.intent_edits().empty());
}

TEST_CASE("yaml edit: a file that starts with a comment is ok") {
  // A document's start line is that of its first token, after any leading comment or blank
  // line: YamlFile(text) (line 1, the default) must still take the first document.
  const std::string text = "# the stack\nservices:\n  api:\n    image: x\n";
  YamlFile y(text);
  CHECK(y.ok());
  const load::Node* image = y.find({"services", "api", "image"});
  REQUIRE(image);
  CHECK(image->at.line == 4);
  CHECK(y.set({"services", "api", "read_only"}, "true"));
  CHECK(applied(text, y.intent_edits()) ==
        "# the stack\nservices:\n  api:\n    read_only: true\n    image: x\n");
  YamlFile blank("\nkey: v\n");
  CHECK(blank.ok());
  // Blank lines, comments and CRLF line endings before the first key.
  YamlFile many("\r\n# one\r\n\r\n  # two\r\nkey: v\r\n");
  REQUIRE(many.ok());
  CHECK(many.find({"key"})->text == "v");
  // A comment before an explicit document start.
  YamlFile marker("# head\n---\nkey: v\n");
  REQUIRE(marker.ok());
  CHECK(marker.find({"key"})->at.line == 3);
}

TEST_CASE("yaml edit: a stream that starts with a comment: line 1 is in the first document") {
  const std::string text = "# first\nkind: A\n---\n# second\nkind: B\n";
  YamlFile first(text);
  REQUIRE(first.ok());
  CHECK(first.find({"kind"})->text == "A");
  YamlFile second(text, 5);
  REQUIRE(second.ok());
  CHECK(second.find({"kind"})->text == "B");
  // A file with comments only has no document.
  CHECK_FALSE(YamlFile("# nothing here\n").ok());
  CHECK_FALSE(YamlFile("").ok());
}

TEST_CASE("yaml edit: a file that starts with a comment is ok from its first key line") {
  const std::string text = "# the stack\nservices:\n  api:\n    image: x\n";
  YamlFile y(text, 2);
  REQUIRE(y.ok());
  CHECK(y.find({"services", "api", "image"})->text == "x");
  CHECK(y.set({"services", "api", "read_only"}, "true"));
  CHECK(applied(text, y.intent_edits()) ==
        "# the stack\nservices:\n  api:\n    read_only: true\n    image: x\n");
}

TEST_CASE("yaml edit: the document containing the line is the one edited") {
  const std::string text = "kind: A\nname: first\n---\nkind: B\nname: second\n";
  YamlFile first(text, 2);
  REQUIRE(first.ok());
  CHECK(first.find({"name"})->text == "first");
  YamlFile second(text, 5);
  REQUIRE(second.ok());
  const load::Node* n = second.find({"name"});
  CHECK(n->text == "second");
  CHECK(n->at.line == 5);
  auto e = second.replace(n, "renamed");
  REQUIRE(e);
  CHECK(applied(text, {*e}) == "kind: A\nname: first\n---\nkind: B\nname: renamed\n");
}

TEST_CASE("yaml edit: a plain scalar is replaced up to its comment") {
  YamlFile y(kCompose);
  auto e = y.replace(y.find({"services", "api", "image"}), "nginx:1.27");
  REQUIRE(e);
  CHECK(e->begin == y.offset(4, 12));
  CHECK(e->end == e->begin + std::string("nginx:1.25").size());
  std::string out = applied(kCompose, {*e});
  CHECK(out.find("    image: nginx:1.27  # pinned\n") != std::string::npos);
  CHECK(out.size() == kCompose.size());
  check_value(out, {"services", "api", "image"}, "nginx:1.27");
}

TEST_CASE("yaml edit: a plain scalar with a hash inside is not cut there") {
  const std::string text = "a:\n  url: http://x/#frag  # note\n  b: 1\n";
  std::string out = replaced(text, {"a", "url"}, "${URL}");
  CHECK(out == "a:\n  url: ${URL}  # note\n  b: 1\n");
}

TEST_CASE("yaml edit: a double-quoted scalar with escapes is replaced whole") {
  std::string out = replaced(kCompose, {"services", "api", "environment", "TOKEN"}, "${TOKEN}");
  CHECK(out.find("      TOKEN: ${TOKEN}  # quoted\n") != std::string::npos);
  CHECK(out.find("abc") == std::string::npos);
  check_value(out, {"services", "api", "environment", "TOKEN"}, "${TOKEN}");
}

TEST_CASE("yaml edit: a double-quoted scalar over several lines is replaced whole") {
  const std::string text =
      "env:\n"
      "  KEY: \"first part\n"
      "    second part \\\" still\n"
      "    third\"\n"
      "  NEXT: 1\n";
  std::string out = replaced(text, {"env", "KEY"}, "${KEY}");
  CHECK(out == "env:\n  KEY: ${KEY}\n  NEXT: 1\n");
}

TEST_CASE("yaml edit: a single-quoted scalar is replaced whole") {
  const std::string text = "env:\n  KEY: 'one\n    two'  # c\n  NEXT: 1\n";
  CHECK(replaced(text, {"env", "KEY"}, "${KEY}") == "env:\n  KEY: ${KEY}  # c\n  NEXT: 1\n");
}

TEST_CASE("yaml edit: a single-quoted scalar with a doubled quote is replaced whole") {
  // In single quotes `''` is an escaped quote, not the end: ending at the first `'` would
  // leave `'ss'` (the rest of the secret) behind.
  const std::string text = "env:\n  KEY: 'pa''ss'\n  NEXT: 1\n";
  check_value(text, {"env", "KEY"}, "pa'ss");
  std::string out = replaced(text, {"env", "KEY"}, "${KEY}");
  CHECK(out == "env:\n  KEY: ${KEY}\n  NEXT: 1\n");
}

TEST_CASE("yaml edit: single-quoted scalars with doubled quotes anywhere and over lines") {
  // A doubled quote first, last, alone, several in a row; a comment after the value is kept.
  const std::string text =
      "env:\n"
      "  A: '''secret'  # c\n"
      "  B: 'secret'''\n"
      "  C: ''''\n"
      "  D: 'a''''b''c'\n"
      "  E: ''\n"
      "  F: 'x'\n";
  check_value(text, {"env", "A"}, "'secret");
  check_value(text, {"env", "B"}, "secret'");
  check_value(text, {"env", "C"}, "'");
  check_value(text, {"env", "D"}, "a''b'c");
  check_value(text, {"env", "E"}, "");
  CHECK(replaced(text, {"env", "A"}, "${A}").find("  A: ${A}  # c\n  B: 'secret'''\n") !=
        std::string::npos);
  CHECK(replaced(text, {"env", "B"}, "${B}").find("  B: ${B}\n  C: ''''\n") != std::string::npos);
  CHECK(replaced(text, {"env", "C"}, "${C}").find("  C: ${C}\n  D:") != std::string::npos);
  CHECK(replaced(text, {"env", "D"}, "${D}").find("  D: ${D}\n  E: ''\n") != std::string::npos);
  CHECK(replaced(text, {"env", "E"}, "${E}").find("  E: ${E}\n  F: 'x'\n") != std::string::npos);
  for (const char* k : {"A", "B", "C", "D", "E"}) {
    INFO(k);
    std::string out = replaced(text, {"env", k}, "${X}");
    check_value(out, {"env", k}, "${X}");
    check_value(out, {"env", "F"}, "x");
  }
  // Over several lines, with a doubled quote at a line's end and at the next line's start.
  const std::string lines = "env:\n  KEY: 'pa''\n    ''ss\n    word'  # c\n  NEXT: 1\n";
  check_value(lines, {"env", "KEY"}, "pa' 'ss word");
  CHECK(replaced(lines, {"env", "KEY"}, "${KEY}") == "env:\n  KEY: ${KEY}  # c\n  NEXT: 1\n");
  // A backslash is no escape in single quotes.
  const std::string backslash = "env:\n  KEY: 'C:\\dir\\'\n  NEXT: 1\n";
  check_value(backslash, {"env", "KEY"}, "C:\\dir\\");
  CHECK(replaced(backslash, {"env", "KEY"}, "${KEY}") == "env:\n  KEY: ${KEY}\n  NEXT: 1\n");
}

TEST_CASE("yaml edit: double-quoted scalars with escaped quotes and backslashes") {
  const std::string text =
      "env:\n"
      "  A: \"pa\\\"ss\"  # c\n"  // "pa\"ss"
      "  B: \"ends\\\\\"\n"       // "ends\\": an escaped backslash, then the end
      "  C: \"\\\"\\\"\"\n"       // "\"\""
      "  D: \"it's\"\n"           // a single quote means nothing here
      "  E: \"x\"\n";
  check_value(text, {"env", "A"}, "pa\"ss");
  check_value(text, {"env", "B"}, "ends\\");
  check_value(text, {"env", "C"}, "\"\"");
  check_value(text, {"env", "D"}, "it's");
  CHECK(replaced(text, {"env", "A"}, "${A}").find("  A: ${A}  # c\n  B:") != std::string::npos);
  CHECK(replaced(text, {"env", "B"}, "${B}").find("  B: ${B}\n  C:") != std::string::npos);
  CHECK(replaced(text, {"env", "C"}, "${C}").find("  C: ${C}\n  D:") != std::string::npos);
  CHECK(replaced(text, {"env", "D"}, "${D}").find("  D: ${D}\n  E:") != std::string::npos);
  // Over several lines, with an escaped quote at a line's end and an escaped line break.
  const std::string lines = "env:\n  KEY: \"pa\\\"\n    ss \\\n    word\"\n  NEXT: 1\n";
  check_value(lines, {"env", "KEY"}, "pa\" ss word");
  CHECK(replaced(lines, {"env", "KEY"}, "${KEY}") == "env:\n  KEY: ${KEY}\n  NEXT: 1\n");
}

TEST_CASE("yaml edit: a scalar with a tag or an anchor is replaced whole with them") {
  // The node's position is its properties'; the style is that of what follows them.
  const std::string text =
      "env:\n"
      "  A: !!str 'pa''ss'  # c\n"
      "  B: &b \"pa\\\"ss\n"
      "    #more\"\n"
      "  C: !!binary |\n"
      "    #abc\n"
      "    def\n"
      "  D: !!str &d >-\n"
      "    #abc\n"
      "  NEXT: 1\n";
  check_value(text, {"env", "A"}, "pa'ss");
  check_value(text, {"env", "B"}, "pa\"ss #more");
  CHECK(replaced(text, {"env", "A"}, "${A}").find("  A: ${A}  # c\n  B:") != std::string::npos);
  CHECK(replaced(text, {"env", "B"}, "${B}").find("  B: ${B}\n  C:") != std::string::npos);
  CHECK(replaced(text, {"env", "C"}, "${C}").find("  C: ${C}\n  D:") != std::string::npos);
  CHECK(replaced(text, {"env", "D"}, "${D}").find("  D: ${D}\n  NEXT: 1\n") != std::string::npos);
  for (const char* k : {"A", "B", "C", "D"}) {
    INFO(k);
    std::string out = replaced(text, {"env", k}, "${X}");
    check_value(out, {"env", k}, "${X}");
    check_value(out, {"env", "NEXT"}, "1");
  }
}

TEST_CASE("yaml edit: a quoted scalar in a flow collection gets quotes back") {
  const std::string text = "env: {A: 'pa''ss', B: \"x,\\\"y\", C: 3}\nports: ['8080:80']\n";
  CHECK(replaced(text, {"env", "A"}, "${A}") ==
        "env: {A: \"${A}\", B: \"x,\\\"y\", C: 3}\nports: ['8080:80']\n");
  CHECK(replaced(text, {"env", "B"}, "${B}") ==
        "env: {A: 'pa''ss', B: \"${B}\", C: 3}\nports: ['8080:80']\n");
  check_value(replaced(text, {"env", "A"}, "${A}"), {"env", "A"}, "${A}");
  check_value(replaced(text, {"env", "B"}, "${B}"), {"env", "C"}, "3");
  // Text that comes quoted is left as it is.
  CHECK(replaced(text, {"ports", "[0]"}, "\"127.0.0.1:8080:80\"") ==
        "env: {A: 'pa''ss', B: \"x,\\\"y\", C: 3}\nports: [\"127.0.0.1:8080:80\"]\n");
}

TEST_CASE("yaml edit: quoted scalars over several lines as sequence items") {
  const std::string text =
      "args:\n  - 'one ''two''\n    three'\n  - \"four\n    \\\"five\\\"\"\n  - last\n";
  check_value(text, {"args", "[0]"}, "one 'two' three");
  check_value(text, {"args", "[1]"}, "four \"five\"");
  CHECK(replaced(text, {"args", "[0]"}, "X") ==
        "args:\n  - X\n  - \"four\n    \\\"five\\\"\"\n  - last\n");
  CHECK(replaced(text, {"args", "[1]"}, "X") ==
        "args:\n  - 'one ''two''\n    three'\n  - X\n  - last\n");
  YamlFile y(text);
  REQUIRE(y.ok());
  CHECK(y.last_line(y.find({"args", "[0]"})) == 3);
  CHECK(y.last_line(y.find({"args", "[1]"})) == 5);
}

TEST_CASE("yaml edit: a literal block scalar is replaced with all its lines") {
  const std::string text =
      "services:\n"
      "  api:\n"
      "    environment:\n"
      "      KEY: |\n"
      "        -----BEGIN KEY-----\n"
      "        MIIEabc\n"
      "\n"
      "        MIIEdef\n"
      "        -----END KEY-----\n"
      "      OTHER: x  # kept\n";
  std::string out = replaced(text, {"services", "api", "environment", "KEY"}, "${KEY}");
  CHECK(out ==
        "services:\n"
        "  api:\n"
        "    environment:\n"
        "      KEY: ${KEY}\n"
        "      OTHER: x  # kept\n");
  check_value(out, {"services", "api", "environment", "OTHER"}, "x");
}

TEST_CASE("yaml edit: a folded block scalar with indicators is replaced whole") {
  const std::string text =
      "env:\n"
      "  KEY: >-\n"
      "    folded\n"
      "    text\n"
      "  LAST: |2\n"
      "      indented\n"
      "     less\n";
  std::string out = replaced(text, {"env", "KEY"}, "\"\"");
  CHECK(out == "env:\n  KEY: \"\"\n  LAST: |2\n      indented\n     less\n");
  // The last block of the file, up to the end.
  std::string last = replaced(text, {"env", "LAST"}, "${LAST}");
  CHECK(last == "env:\n  KEY: >-\n    folded\n    text\n  LAST: ${LAST}\n");
}

TEST_CASE("yaml edit: a block scalar in a sequence item is replaced whole") {
  const std::string text = "items:\n  - |\n    one\n    two\n  - after\n";
  std::string out = replaced(text, {"items", "[0]"}, "X");
  CHECK(out == "items:\n  - X\n  - after\n");
}

TEST_CASE("yaml edit: a block scalar with a line starting with # is replaced whole") {
  // Inside a block scalar a more indented line starting with '#' is content, not a comment:
  // stopping there would keep `#s3cret-line` in the file, where it reads as a comment.
  const std::string text = "env:\n  KEY: |\n    #s3cret-line\n    more\n  NEXT: 1\n";
  check_value(text, {"env", "KEY"}, "#s3cret-line\nmore\n");
  std::string out = replaced(text, {"env", "KEY"}, "${KEY}");
  CHECK(out == "env:\n  KEY: ${KEY}\n  NEXT: 1\n");
}

TEST_CASE("yaml edit: block scalars with # lines and blank lines and at the end of the file") {
  // A folded block whose first, a deeper and last lines start with '#', blank lines inside.
  const std::string folded =
      "env:\n"
      "  KEY: >\n"
      "    # first\n"
      "\n"
      "    middle\n"
      "      #deeper\n"
      "\n"
      "    #last\n"
      "  NEXT: 1  # kept\n";
  {
    YamlFile parsed(folded);
    REQUIRE(parsed.ok());
    const std::string& value = parsed.find({"env", "KEY"})->text;
    CHECK(value.find("# first") == 0);
    CHECK(value.find("#deeper") != std::string::npos);
    CHECK(value.find("#last") != std::string::npos);
  }
  CHECK(replaced(folded, {"env", "KEY"}, "${KEY}") == "env:\n  KEY: ${KEY}\n  NEXT: 1  # kept\n");
  YamlFile y(folded);
  CHECK(y.last_line(y.find({"env", "KEY"})) == 8);
  // Keep and strip indicators; a block that ends the file without a newline.
  const std::string end = "env:\n  KEY: |+\n    #a\n    #b";
  check_value(end, {"env", "KEY"}, "#a\n#b");
  CHECK(replaced(end, {"env", "KEY"}, "${KEY}") == "env:\n  KEY: ${KEY}");
  // A comment at the key's indentation ends the block.
  const std::string strip = "env:\n  KEY: >-\n    #a\n  # a real comment\n  NEXT: 1\n";
  check_value(strip, {"env", "KEY"}, "#a");
  CHECK(replaced(strip, {"env", "KEY"}, "${KEY}") ==
        "env:\n  KEY: ${KEY}\n  # a real comment\n  NEXT: 1\n");
  // CRLF line endings.
  const std::string crlf = "env:\r\n  KEY: |\r\n    #s3cret\r\n    more\r\n  NEXT: 1\r\n";
  check_value(crlf, {"env", "KEY"}, "#s3cret\nmore\n");
  CHECK(replaced(crlf, {"env", "KEY"}, "${KEY}") == "env:\r\n  KEY: ${KEY}\r\n  NEXT: 1\r\n");
}

TEST_CASE("yaml edit: a value under a key that follows a dash") {
  // A block's lines are those indented past its key, not past the dash: the item's next key
  // (indented past the dash only) is not part of it.
  const std::string text =
      "env:\n"
      "  - value: |\n"
      "      #s3cret\n"
      "      more\n"
      "    name: KEY\n"
      "  - name: OTHER\n";
  check_value(text, {"env", "[0]", "value"}, "#s3cret\nmore\n");
  std::string out = replaced(text, {"env", "[0]", "value"}, "${KEY}");
  CHECK(out == "env:\n  - value: ${KEY}\n    name: KEY\n  - name: OTHER\n");
  check_value(out, {"env", "[0]", "name"}, "KEY");
  // The same for a plain scalar: the next key is not its continuation.
  const std::string plain = "env:\n  - value: s3cret\n    name: KEY\n";
  CHECK(replaced(plain, {"env", "[0]", "value"}, "${KEY}") ==
        "env:\n  - value: ${KEY}\n    name: KEY\n");
  // A plain scalar below its key, continued at the same indentation.
  const std::string below = "env:\n  KEY:\n    first\n    second\n  NEXT: 1\n";
  check_value(below, {"env", "KEY"}, "first second");
  CHECK(replaced(below, {"env", "KEY"}, "${KEY}") == "env:\n  KEY:\n    ${KEY}\n  NEXT: 1\n");
}

TEST_CASE("yaml edit: a plain scalar continued on deeper lines is replaced whole") {
  const std::string text =
      "env:\n"
      "  KEY: first\n"
      "    second\n"
      "\n"
      "    third\n"
      "  NEXT: 1\n";
  check_value(text, {"env", "KEY"}, "first second\nthird");
  CHECK(replaced(text, {"env", "KEY"}, "${KEY}") == "env:\n  KEY: ${KEY}\n  NEXT: 1\n");
}

TEST_CASE("yaml edit: a comment below a plain scalar is not part of it") {
  const std::string text = "env:\n  KEY: value\n    # a comment, deeper\n  NEXT: 1\n";
  CHECK(replaced(text, {"env", "KEY"}, "${KEY}") ==
        "env:\n  KEY: ${KEY}\n    # a comment, deeper\n  NEXT: 1\n");
}

TEST_CASE("yaml edit: scalars inside flow collections") {
  // A quoted item of a flow sequence.
  std::string out =
      replaced(kCompose, {"services", "api", "ports", "[0]"}, "\"127.0.0.1:8080:80\"");
  CHECK(out.find("    ports: [\"127.0.0.1:8080:80\", \"9000:9000\"]\n") != std::string::npos);
  // A plain value in a flow mapping ends at the comma; a value with flow characters is quoted.
  const std::string text = "env: {A: one, B: two}\n";
  CHECK(replaced(text, {"env", "A"}, "uno") == "env: {A: uno, B: two}\n");
  CHECK(replaced(text, {"env", "B"}, "${B}") == "env: {A: one, B: \"${B}\"}\n");
  CHECK(replaced(text, {"env", "A"}, "a\"b,c") == "env: {A: \"a\\\"b,c\", B: two}\n");
  check_value(replaced(text, {"env", "A"}, "a\"b,c"), {"env", "A"}, "a\"b,c");
  // Outside a flow nothing is quoted.
  CHECK(replaced("k: v\n", {"k"}, "${V}") == "k: ${V}\n");
}

TEST_CASE("yaml edit: a flow collection is replaced whole and a block one is not") {
  std::string out = replaced(kCompose, {"services", "api", "ports"}, "[]");
  CHECK(out.find("    ports: []\n") != std::string::npos);
  const std::string nested = "a: {b: [1, {c: 2}], d: 3}  # tail\nz: 1\n";
  CHECK(replaced(nested, {"a"}, "{}") == "a: {}  # tail\nz: 1\n");
  YamlFile y(kCompose);
  CHECK_FALSE(y.replace(y.find({"services", "api", "cap_drop"}), "[]").has_value());
  CHECK_FALSE(y.replace(y.find({"services", "api"}), "x").has_value());
  CHECK_FALSE(y.replace(nullptr, "x").has_value());
}

TEST_CASE("yaml edit: a null value is replaced where it is written") {
  const std::string text = "env:\n  A: ~\n  B: null  # c\n";
  CHECK(replaced(text, {"env", "A"}, "\"\"") == "env:\n  A: \"\"\n  B: null  # c\n");
  CHECK(replaced(text, {"env", "B"}, "x") == "env:\n  A: ~\n  B: x  # c\n");
}

TEST_CASE("yaml edit: remove_line deletes one whole line") {
  YamlFile y(kCompose);
  Edit e = y.remove_line(9);
  CHECK(e.begin == y.line_begin(9));
  CHECK(e.end == y.line_begin(10));
  CHECK(e.text.empty());
  std::string out = applied(kCompose, {e, y.remove_line(10)});
  CHECK(out.find("cap_drop") == std::string::npos);
  CHECK(out.find("NET_RAW") == std::string::npos);
  CHECK(out.find("    environment:\n      TOKEN") != std::string::npos);
  check_value(out, {"services", "db", "image"}, "postgres");
  // The last line without a newline.
  YamlFile last("a: 1\nb: 2");
  CHECK(applied("a: 1\nb: 2", {last.remove_line(2)}) == "a: 1\n");
}

TEST_CASE("yaml edit: last_line of collections and block scalars") {
  const std::string text =
      "a:\n"          // 1
      "  b:\n"        // 2
      "    - 1\n"     // 3
      "    - x: |\n"  // 4
      "        l1\n"  // 5
      "        l2\n"  // 6
      "  c: 2\n";     // 7
  YamlFile y(text);
  REQUIRE(y.ok());
  CHECK(y.last_line(y.find({"a"})) == 7);
  CHECK(y.last_line(y.find({"a", "b"})) == 6);
  CHECK(y.last_line(y.find({"a", "b", "[0]"})) == 3);
  CHECK(y.last_line(y.find({"a", "b", "[1]", "x"})) == 6);
  CHECK(y.last_line(y.find({"a", "c"})) == 7);
}

TEST_CASE("yaml edit: owner_of_line gives the key owning the mapping of a line") {
  YamlFile y(kCompose);
  auto [owner, map] = y.owner_of_line(4);  // image: under api
  REQUIRE(owner);
  REQUIRE(map);
  CHECK(owner->text == "api");
  CHECK(owner->at.line == 3);
  CHECK(map == y.find({"services", "api"}));
  auto [env_owner, env_map] = y.owner_of_line(7);
  REQUIRE(env_owner);
  CHECK(env_owner->text == "environment");
  CHECK(env_map == y.find({"services", "api", "environment"}));
  auto [root_owner, root_map] = y.owner_of_line(1);  // a top-level key: owned by no key
  CHECK(root_owner == nullptr);
  CHECK(root_map == y.find({}));
  auto comment = y.owner_of_line(2);  // a comment line has no key
  CHECK(comment.first == nullptr);
  CHECK(comment.second == nullptr);
  auto none = y.owner_of_line(10);  // a sequence item, no key on it
  CHECK(none.second == nullptr);
}

TEST_CASE("yaml edit: set inserts a key below its parent with the file's indentation") {
  YamlFile y(kCompose);
  CHECK(y.set({"services", "db", "read_only"}, "true"));
  auto edits = y.intent_edits();
  REQUIRE(edits.size() == 1);
  CHECK(edits[0].begin == y.line_begin(12));  // just below `db:`, before its first key
  CHECK(edits[0].end == edits[0].begin);
  CHECK(edits[0].text == "    read_only: true\n");
  std::string out = applied(kCompose, edits);
  CHECK(out.substr(out.find("  db:")) == "  db:\n    read_only: true\n    image: postgres\n");
  CHECK(out.find("services:\n  # the api\n  api:\n") == 0);
  CHECK(out.find("  # pinned") != std::string::npos);
  check_value(out, {"services", "db", "read_only"}, "true");
}

TEST_CASE("yaml edit: set follows a four-space indentation") {
  const std::string text = "services:\n    api:\n        image: x  # c\n";
  YamlFile y(text);
  CHECK(y.set({"services", "api", "security_opt"}, "[\"no-new-privileges:true\"]"));
  CHECK(applied(text, y.intent_edits()) ==
        "services:\n    api:\n        security_opt: [\"no-new-privileges:true\"]\n        image: x "
        " # c\n");
}

TEST_CASE("yaml edit: intents into one mapping merge into one block") {
  YamlFile y(kCompose);
  CHECK(y.set({"services", "api", "deploy", "resources", "limits", "memory"}, "512M"));
  CHECK(y.set({"services", "api", "deploy", "resources", "limits", "cpus"}, "\"0.5\""));
  CHECK(y.set({"services", "api", "read_only"}, "true"));
  // The same path again: the first value stays.
  CHECK(y.set({"services", "api", "read_only"}, "false"));
  auto edits = y.intent_edits();
  REQUIRE(edits.size() == 1);
  CHECK(edits[0].text ==
        "    deploy:\n"
        "      resources:\n"
        "        limits:\n"
        "          memory: 512M\n"
        "          cpus: \"0.5\"\n"
        "    read_only: true\n");
  std::string out = applied(kCompose, edits);
  check_value(out, {"services", "api", "deploy", "resources", "limits", "cpus"}, "0.5");
  check_value(out, {"services", "api", "image"}, "nginx:1.25");
}

TEST_CASE("yaml edit: set into an existing nested mapping") {
  const std::string text =
      "services:\n"
      "  api:\n"
      "    image: x\n"
      "    deploy:\n"
      "      # limits below\n"
      "      resources:\n"
      "        reservations: {memory: 1G}\n";
  YamlFile y(text);
  CHECK(y.set({"services", "api", "deploy", "resources", "limits", "memory"}, "2G"));
  std::string out = applied(text, y.intent_edits());
  CHECK(out ==
        "services:\n"
        "  api:\n"
        "    image: x\n"
        "    deploy:\n"
        "      # limits below\n"
        "      resources:\n"
        "        limits:\n"
        "          memory: 2G\n"
        "        reservations: {memory: 1G}\n");
}

TEST_CASE("yaml edit: set on an existing key does nothing") {
  YamlFile y(kCompose);
  CHECK(y.set({"services", "api", "image"}, "other"));
  CHECK(y.set({"services", "api", "environment", "TOKEN"}, "other"));
  CHECK(y.intent_edits().empty());
}

TEST_CASE("yaml edit: set cannot go through a flow mapping or a scalar") {
  YamlFile y("services:\n  api: {image: x}\n  web:\n    image: y\n");
  CHECK_FALSE(y.set({"services", "api", "privileged"}, "false"));
  CHECK_FALSE(y.set({"services", "web", "image", "tag"}, "1"));
  CHECK_FALSE(y.set({}, "1"));
  CHECK(y.intent_edits().empty());
  YamlFile list("- a\n- b\n");
  CHECK_FALSE(list.set({"key"}, "1"));  // the root is not a mapping
}

TEST_CASE("yaml edit: set replaces an empty placeholder with a block") {
  const std::string text = "services:\n  api:\n    image: x\n    deploy: {}\n    restart: always\n";
  YamlFile y(text);
  CHECK(y.set({"services", "api", "deploy", "resources", "limits", "memory"}, "256M"));
  std::string out = applied(text, y.intent_edits());
  CHECK(out.find("{}") == std::string::npos);
  check_value(out, {"services", "api", "deploy", "resources", "limits", "memory"}, "256M");
  check_value(out, {"services", "api", "restart"}, "always");
  CHECK(out.find("    deploy:\n      resources:\n        limits:\n          memory: 256M\n    "
                 "restart: always\n") != std::string::npos);  // no space left after `deploy:`

  const std::string null_text = "services:\n  api:\n    image: x\n    healthcheck: ~\n";
  YamlFile n(null_text);
  CHECK(n.set({"services", "api", "healthcheck"}, "x"));  // exists: nothing
  CHECK(n.set({"services", "api", "healthcheck", "test"}, "[\"CMD\", \"true\"]"));
  std::string n_out = applied(null_text, n.intent_edits());
  CHECK(n_out.find("~") == std::string::npos);
  check_value(n_out, {"services", "api", "healthcheck", "test", "[1]"}, "true");
}

TEST_CASE("yaml edit: a value with a leading newline is a block below the key") {
  YamlFile y(kCompose);
  CHECK(
      y.set({"services", "db", "healthcheck"}, "\ntest: [\"CMD\", \"pg_isready\"]\ninterval: 30s"));
  auto edits = y.intent_edits();
  REQUIRE(edits.size() == 1);
  CHECK(edits[0].text ==
        "    healthcheck:\n      test: [\"CMD\", \"pg_isready\"]\n      interval: 30s\n");
  std::string out = applied(kCompose, edits);
  check_value(out, {"services", "db", "healthcheck", "interval"}, "30s");
}

TEST_CASE("yaml edit: a new top-level key goes at the end") {
  const std::string text = "services:\n  api:\n    image: x\n";
  YamlFile y(text);
  CHECK(y.set({"networks", "edge", "internal"}, "true"));
  CHECK(applied(text, y.intent_edits()) == text + "networks:\n  edge:\n    internal: true\n");
  // Without a final newline there is nowhere safe to put it.
  YamlFile no_newline("services:\n  api:\n    image: x");
  CHECK_FALSE(no_newline.set({"networks"}, "{}"));
}

TEST_CASE("yaml edit: set into a mapping that is a sequence item goes after its last line") {
  // A path through a block sequence ("volumes", "[0]", ...) reaches the item's mapping. The
  // fixers ask this for Kubernetes containers (spec.template.spec.containers[i].resources,
  // SS301-SS303) and for a long-syntax compose port (ports[i].host_ip, SS402).
  const std::string text =
      "services:\n"
      "  api:\n"
      "    volumes:\n"
      "      - type: bind\n"
      "        source: /etc\n"
      "        target: /host-etc\n"
      "    image: z\n";
  YamlFile y(text);
  CHECK(y.set({"services", "api", "volumes", "[0]", "read_only"}, "true"));
  std::string out = applied(text, y.intent_edits());
  CHECK(out ==
        "services:\n"
        "  api:\n"
        "    volumes:\n"
        "      - type: bind\n"
        "        source: /etc\n"
        "        target: /host-etc\n"
        "        read_only: true\n"
        "    image: z\n");
  CHECK_FALSE(y.set({"services", "api", "volumes", "[5]", "x"}, "1"));
}

TEST_CASE("yaml edit: set into a Kubernetes container reached by index") {
  // The path fixers build for a Kubernetes container.
  const std::string text =
      "apiVersion: apps/v1\n"
      "kind: Deployment\n"
      "metadata:\n"
      "  name: api\n"
      "spec:\n"
      "  template:\n"
      "    spec:\n"
      "      containers:\n"
      "        - name: web\n"
      "          image: nginx\n"
      "        - name: side\n"
      "          image: busybox\n";
  YamlFile y(text);
  CHECK(y.set({"spec", "template", "spec", "containers", "[0]", "resources", "limits", "memory"},
              "512Mi"));
  std::string out = applied(text, y.intent_edits());
  CHECK(out ==
        "apiVersion: apps/v1\n"
        "kind: Deployment\n"
        "metadata:\n"
        "  name: api\n"
        "spec:\n"
        "  template:\n"
        "    spec:\n"
        "      containers:\n"
        "        - name: web\n"
        "          image: nginx\n"
        "          resources:\n"
        "            limits:\n"
        "              memory: 512Mi\n"
        "        - name: side\n"
        "          image: busybox\n");
}

TEST_CASE("yaml edit: set into later items of a compact sequence and into mappings inside items") {
  // Containers at the key's own indentation (kubectl's style), the second item, a key there
  // already, an existing mapping inside the item, a block scalar ending the last item.
  const std::string text =
      "spec:\n"
      "  containers:\n"
      "  - name: web\n"
      "    image: nginx\n"
      "    resources:\n"
      "      requests:\n"
      "        cpu: 100m\n"
      "  - name: side\n"
      "    image: busybox\n"
      "    args:\n"
      "      - |\n"
      "        #!/bin/sh\n"
      "        sleep 1\n"
      "  # after the containers\n"
      "  restartPolicy: Always\n";
  YamlFile y(text);
  REQUIRE(y.ok());
  CHECK(y.set({"spec", "containers", "[0]", "resources", "limits", "memory"}, "512Mi"));
  CHECK(
      y.set({"spec", "containers", "[0]", "resources", "requests", "cpu"}, "1"));  // there: nothing
  CHECK(y.set({"spec", "containers", "[1]", "resources", "limits", "memory"}, "64Mi"));
  CHECK(y.set({"spec", "containers", "[1]", "resources", "limits", "cpu"}, "100m"));
  CHECK(y.set({"spec", "containers", "[1]", "readinessProbe"},
              "\ntcpSocket:\n  port: 80\nperiodSeconds: 10"));
  std::string out = applied(text, y.intent_edits());
  CHECK(out ==
        "spec:\n"
        "  containers:\n"
        "  - name: web\n"
        "    image: nginx\n"
        "    resources:\n"
        "      limits:\n"
        "        memory: 512Mi\n"
        "      requests:\n"
        "        cpu: 100m\n"
        "  - name: side\n"
        "    image: busybox\n"
        "    args:\n"
        "      - |\n"
        "        #!/bin/sh\n"
        "        sleep 1\n"
        "    resources:\n"
        "      limits:\n"
        "        memory: 64Mi\n"
        "        cpu: 100m\n"
        "    readinessProbe:\n"
        "      tcpSocket:\n"
        "        port: 80\n"
        "      periodSeconds: 10\n"
        "  # after the containers\n"
        "  restartPolicy: Always\n");
  check_value(out, {"spec", "containers", "[0]", "resources", "limits", "memory"}, "512Mi");
  check_value(out, {"spec", "containers", "[0]", "resources", "requests", "cpu"}, "100m");
  check_value(out, {"spec", "containers", "[1]", "resources", "limits", "cpu"}, "100m");
  check_value(out, {"spec", "containers", "[1]", "args", "[0]"}, "#!/bin/sh\nsleep 1\n");
  check_value(out, {"spec", "containers", "[1]", "readinessProbe", "tcpSocket", "port"}, "80");
  check_value(out, {"spec", "restartPolicy"}, "Always");
}

TEST_CASE("yaml edit: set into a long-syntax port and below a key on the dash line") {
  const std::string text =
      "services:\n"
      "  api:\n"
      "    ports:\n"
      "      - target: 80\n"
      "        published: \"8080\"\n"
      "      - target: 443\n"
      "        published: 8443  # tls\n"
      "    image: x\n";
  YamlFile y(text);
  CHECK(y.set({"services", "api", "ports", "[1]", "host_ip"}, "127.0.0.1"));
  std::string out = applied(text, y.intent_edits());
  CHECK(out ==
        "services:\n"
        "  api:\n"
        "    ports:\n"
        "      - target: 80\n"
        "        published: \"8080\"\n"
        "      - target: 443\n"
        "        published: 8443  # tls\n"
        "        host_ip: 127.0.0.1\n"
        "    image: x\n");
  check_value(out, {"services", "api", "ports", "[1]", "host_ip"}, "127.0.0.1");
  // A placeholder on the dash line: the block goes one level below the key, not the dash.
  const std::string dash = "containers:\n  - resources: {}\n    name: web\n";
  YamlFile d(dash);
  CHECK(d.set({"containers", "[0]", "resources", "limits", "cpu"}, "1"));
  std::string d_out = applied(dash, d.intent_edits());
  CHECK(d_out == "containers:\n  - resources:\n      limits:\n        cpu: 1\n    name: web\n");
  check_value(d_out, {"containers", "[0]", "resources", "limits", "cpu"}, "1");
  check_value(d_out, {"containers", "[0]", "name"}, "web");
}

TEST_CASE("yaml edit: set refuses list paths it cannot edit in place") {
  const std::string text =
      "base: &base\n"
      "  name: shared\n"
      "short: [\"8080:80\"]\n"
      "flow: [{target: 80}]\n"
      "items:\n"
      "  - \"8080:80\"\n"
      "  - {target: 80}\n"
      "  - *base\n"
      "  -\n"
      "  - name: ok\n";
  YamlFile y(text);
  REQUIRE(y.ok());
  CHECK_FALSE(y.set({"short", "[0]", "host_ip"}, "1"));  // an item of a flow sequence
  CHECK_FALSE(y.set({"flow", "[0]", "host_ip"}, "1"));   // the same, a mapping
  CHECK_FALSE(y.set({"items", "[0]", "host_ip"}, "1"));  // a scalar item
  CHECK_FALSE(y.set({"items", "[1]", "host_ip"}, "1"));  // a flow mapping item
  CHECK_FALSE(y.set({"items", "[2]", "host_ip"}, "1"));  // an alias: written elsewhere
  CHECK_FALSE(y.set({"items", "[3]", "host_ip"}, "1"));  // an empty item
  CHECK_FALSE(y.set({"items", "[9]", "host_ip"}, "1"));  // no such item
  CHECK_FALSE(y.set({"items", "[4]"}, "x"));             // an item is appended, not set
  CHECK_FALSE(y.set({"base", "[0]", "x"}, "1"));         // not a sequence
  CHECK_FALSE(y.set({"missing", "[0]", "x"}, "1"));      // a sequence is not created
  CHECK_FALSE(y.set({"items", "[4]", "more", "[0]", "x"}, "1"));
  CHECK(y.intent_edits().empty());
  CHECK(y.set({"items", "[4]", "name"}, "other"));  // there: nothing to do
  CHECK(y.intent_edits().empty());
  CHECK(y.set({"items", "[4]", "image"}, "x"));
  std::string out = applied(text, y.intent_edits());
  CHECK(out.substr(out.find("  - name: ok")) == "  - name: ok\n    image: x\n");
  check_value(out, {"base", "name"}, "shared");
  check_value(out, {"items", "[4]", "image"}, "x");
}

TEST_CASE("yaml edit: set through nested sequences and into an item with a merge key") {
  const std::string text =
      "defaults: &d\n"
      "  pull: always\n"
      "jobs:\n"
      "  - steps:\n"
      "      - <<: *d\n"
      "        run: make\n"
      "      - run: test\n"
      "  - steps: []\n";
  YamlFile y(text);
  REQUIRE(y.ok());
  CHECK(y.set({"jobs", "[0]", "steps", "[0]", "timeout"}, "5"));
  CHECK(y.set({"jobs", "[0]", "steps", "[1]", "timeout"}, "6"));
  CHECK(y.set({"jobs", "[0]", "steps", "[0]", "pull"}, "never"));  // merged: there already
  CHECK_FALSE(y.set({"jobs", "[1]", "steps", "[0]", "x"}, "1"));   // an empty flow sequence
  std::string out = applied(text, y.intent_edits());
  CHECK(out ==
        "defaults: &d\n"
        "  pull: always\n"
        "jobs:\n"
        "  - steps:\n"
        "      - <<: *d\n"
        "        run: make\n"
        "        timeout: 5\n"
        "      - run: test\n"
        "        timeout: 6\n"
        "  - steps: []\n");
  check_value(out, {"jobs", "[0]", "steps", "[0]", "timeout"}, "5");
  check_value(out, {"jobs", "[0]", "steps", "[0]", "pull"}, "always");
}

TEST_CASE("yaml edit: append adds an item to a block sequence with its indentation") {
  YamlFile y(kCompose);
  CHECK(y.append({"services", "api", "cap_drop"}, "ALL"));
  auto edits = y.intent_edits();
  REQUIRE(edits.size() == 1);
  CHECK(edits[0].begin == y.line_begin(11));
  CHECK(edits[0].text == "      - ALL\n");
  std::string out = applied(kCompose, edits);
  check_value(out, {"services", "api", "cap_drop", "[1]"}, "ALL");
  check_value(out, {"services", "db", "image"}, "postgres");
}

TEST_CASE("yaml edit: append after an item spanning several lines") {
  const std::string text =
      "env:\n"
      "  - name: A\n"
      "    value: |\n"
      "      x\n"
      "      y\n"
      "other: 1\n";
  YamlFile y(text);
  CHECK(y.append({"env"}, "{name: B, value: b}"));
  std::string out = applied(text, y.intent_edits());
  CHECK(out ==
        "env:\n  - name: A\n    value: |\n      x\n      y\n  - {name: B, value: b}\nother: 1\n");
}

TEST_CASE("yaml edit: append to a flow sequence goes before its bracket") {
  YamlFile y(kCompose);
  CHECK(y.append({"services", "api", "ports"}, "\"127.0.0.1:9443:443\""));
  std::string out = applied(kCompose, y.intent_edits());
  CHECK(out.find("    ports: [\"8080:80\", \"9000:9000\", \"127.0.0.1:9443:443\"]\n") !=
        std::string::npos);
  check_value(out, {"services", "api", "ports", "[2]"}, "127.0.0.1:9443:443");
}

TEST_CASE("yaml edit: append refuses what is not a non-empty sequence") {
  YamlFile y("a: [ ]\nb: x\nc:\n  - 1\n");
  CHECK_FALSE(y.append({"a"}, "1"));  // empty
  CHECK_FALSE(y.append({"b"}, "1"));  // a scalar
  CHECK_FALSE(y.append({"missing"}, "1"));
  CHECK_FALSE(y.append({}, "1"));  // the root has no key
  CHECK(y.intent_edits().empty());
  CHECK(y.append({"c"}, "2"));
  CHECK(applied("a: [ ]\nb: x\nc:\n  - 1\n", y.intent_edits()) ==
        "a: [ ]\nb: x\nc:\n  - 1\n  - 2\n");
}

TEST_CASE("yaml edit: sets and appends compose into one change") {
  YamlFile y(kCompose);
  CHECK(y.append({"services", "api", "cap_drop"}, "ALL"));
  CHECK(y.set({"services", "api", "read_only"}, "true"));
  CHECK(y.set({"services", "db", "read_only"}, "true"));
  auto token = y.replace(y.find({"services", "api", "environment", "TOKEN"}), "${TOKEN}");
  REQUIRE(token);
  auto edits = y.intent_edits();
  CHECK(edits.size() == 3);
  edits.push_back(*token);
  std::string out = applied(kCompose, edits);
  CHECK(out ==
        "services:\n"
        "  # the api\n"
        "  api:\n"
        "    read_only: true\n"
        "    image: nginx:1.25  # pinned\n"
        "    ports: [\"8080:80\", \"9000:9000\"]\n"
        "    environment:\n"
        "      TOKEN: ${TOKEN}  # quoted\n"
        "      EMPTY:\n"
        "    cap_drop:\n"
        "      - NET_RAW\n"
        "      - ALL\n"
        "  db:\n"
        "    read_only: true\n"
        "    image: postgres\n");
}
