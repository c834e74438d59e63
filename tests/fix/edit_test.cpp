// Text edits and their unified diffs (src/fix/edit.hpp): applying edits, hunks with context,
// new files, the no-newline marker, and file names quoted the way git quotes them.
#include <doctest/doctest.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/process.hpp"
#include "fix/edit.hpp"

using namespace shipshape;
using fix::Edit;

namespace {

std::string apply_ok(const std::string& text, std::vector<Edit> edits) {
  std::string out;
  REQUIRE(fix::apply(text, std::move(edits), out));
  return out;
}

// Lines "1\n" .. "n\n".
std::string numbered(int n) {
  std::string s;
  for (int i = 1; i <= n; ++i) s += std::to_string(i) + "\n";
  return s;
}

size_t count_of(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

struct Scratch {
  std::string path;
  Scratch() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "shipshape-edit-XXXXXX").string();
    path = mkdtemp(tmpl.data());
  }
  ~Scratch() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  void write(const std::string& rel, const std::string& text) const {
    std::ofstream(path + "/" + rel, std::ios::binary) << text;
  }
  std::string read(const std::string& rel) const {
    std::ifstream in(path + "/" + rel, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }
};

}  // namespace

TEST_CASE("edit: apply replaces inserts and deletes in offset order") {
  const std::string text = "image: nginx\nprivileged: true\n";
  // Given out of order; applied by offset.
  std::string out =
      apply_ok(text, {Edit{25, 29, "false"}, Edit{7, 12, "caddy"}, Edit{0, 0, "# fixed\n"}});
  CHECK(out == "# fixed\nimage: caddy\nprivileged: false\n");
  CHECK(apply_ok(text, {}) == text);
  CHECK(apply_ok(text, {Edit{13, 30, ""}}) == "image: nginx\n");
  CHECK(apply_ok(text, {Edit{text.size(), text.size(), "tail\n"}}) == text + "tail\n");
  // Adjacent edits do not overlap.
  CHECK(apply_ok("abcdef", {Edit{2, 4, "X"}, Edit{0, 2, "Y"}, Edit{4, 6, "Z"}}) == "YXZ");
  // Two insertions at one offset keep the order they were given in.
  CHECK(apply_ok("ab", {Edit{1, 1, "1"}, Edit{1, 1, "2"}}) == "a12b");
}

TEST_CASE("edit: apply refuses overlapping or out-of-range edits") {
  std::string out = "untouched";
  CHECK_FALSE(fix::apply("abcdef", {Edit{0, 3, "x"}, Edit{2, 4, "y"}}, out));
  CHECK_FALSE(fix::apply("abcdef", {Edit{1, 2, "x"}, Edit{1, 3, "y"}}, out));
  CHECK_FALSE(fix::apply("abc", {Edit{2, 9, "x"}}, out));  // past the end
  CHECK_FALSE(fix::apply("abc", {Edit{2, 1, "x"}}, out));  // end before begin
  // An insertion inside a replaced range overlaps it.
  CHECK_FALSE(fix::apply("abcdef", {Edit{1, 4, "x"}, Edit{2, 2, "y"}}, out));
}

TEST_CASE("edit: no diff for equal texts") {
  CHECK(fix::unified_diff("compose.yaml", "a\n", "a\n") == "");
  CHECK(fix::unified_diff("compose.yaml", "", "") == "");
}

TEST_CASE("edit: one changed line with three lines of context") {
  std::string before = numbered(10);
  std::string after = before;
  after.replace(after.find("5\n"), 2, "five\n");
  CHECK(fix::unified_diff("compose.yaml", before, after) ==
        "--- a/compose.yaml\n"
        "+++ b/compose.yaml\n"
        "@@ -2,7 +2,7 @@\n"
        " 2\n"
        " 3\n"
        " 4\n"
        "-5\n"
        "+five\n"
        " 6\n"
        " 7\n"
        " 8\n");
}

TEST_CASE("edit: changes near the ends of the file have less context") {
  CHECK(fix::unified_diff("f", "a\nb\nc\n", "A\nb\nc\n") ==
        "--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n-a\n+A\n b\n c\n");
  CHECK(fix::unified_diff("f", "a\nb\nc\n", "a\nb\nc\nd\n") ==
        "--- a/f\n+++ b/f\n@@ -1,3 +1,4 @@\n a\n b\n c\n+d\n");
  // Inserted before the first line.
  CHECK(fix::unified_diff("f", "b\n", "a\nb\n") == "--- a/f\n+++ b/f\n@@ -1,1 +1,2 @@\n+a\n b\n");
  // Everything removed.
  CHECK(fix::unified_diff("f", "a\nb\n", "") == "--- a/f\n+++ b/f\n@@ -1,2 +0,0 @@\n-a\n-b\n");
}

TEST_CASE("edit: changes far apart make two hunks and close ones one") {
  std::string before = numbered(20);
  std::string far = before;
  far.replace(far.find("\n2\n") + 1, 2, "two\n");
  far.replace(far.find("\n18\n") + 1, 3, "eighteen\n");
  CHECK(fix::unified_diff("f", before, far) ==
        "--- a/f\n+++ b/f\n"
        "@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n"
        "@@ -15,6 +15,6 @@\n 15\n 16\n 17\n-18\n+eighteen\n 19\n 20\n");
  // Six unchanged lines between two changes: one hunk (the contexts touch).
  std::string close = before;
  close.replace(close.find("\n2\n") + 1, 2, "two\n");
  close.replace(close.find("\n9\n") + 1, 2, "nine\n");
  std::string d = fix::unified_diff("f", before, close);
  CHECK(d.find("@@ -1,12 +1,12 @@\n") != std::string::npos);
  CHECK(count_of(d, "\n@@ -") == 1);  // one hunk
  // Seven unchanged lines between: two hunks.
  std::string apart = before;
  apart.replace(apart.find("\n2\n") + 1, 2, "two\n");
  apart.replace(apart.find("\n10\n") + 1, 3, "ten\n");
  std::string d2 = fix::unified_diff("f", before, apart);
  CHECK(d2.find("@@ -1,5 +1,5 @@\n") != std::string::npos);
  CHECK(d2.find("@@ -7,7 +7,7 @@\n") != std::string::npos);
  CHECK(count_of(d2, "\n@@ -") == 2);
}

TEST_CASE("edit: a last line without newline gets the marker") {
  CHECK(fix::unified_diff("f", "a\nb", "a\nc") ==
        "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No "
        "newline at end of file\n");
  // Adding the newline is a change of the last line.
  CHECK(fix::unified_diff("f", "a\nb", "a\nb\n") ==
        "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n");
}

TEST_CASE("edit: a new file diffs from /dev/null") {
  CHECK(fix::unified_diff(".env.example", "", "DB_PASSWORD=\nAPI_KEY=\n", false) ==
        "new file mode 100644\n--- /dev/null\n+++ b/.env.example\n@@ -0,0 +1,2 "
        "@@\n+DB_PASSWORD=\n+API_KEY=\n");
  // A new empty file still has its header.
  CHECK(fix::unified_diff("empty", "", "", false) ==
        "new file mode 100644\n--- /dev/null\n+++ b/empty\n");
}

TEST_CASE("edit: ordinary file names are written as they are") {
  CHECK(fix::unified_diff("deploy/k8s/api.yaml", "a\n", "b\n")
            .starts_with("--- a/deploy/k8s/api.yaml\n+++ b/deploy/k8s/api.yaml\n"));
  CHECK(fix::unified_diff("my file (1).yaml", "a\n", "b\n")
            .starts_with("--- a/my file (1).yaml\n+++ b/my file (1).yaml\n"));
}

TEST_CASE("edit: odd file names are C-quoted as git does") {
  auto header = [](const std::string& path) {
    std::string d = fix::unified_diff(path, "a\n", "b\n");
    return d.substr(0, d.find("@@"));
  };
  CHECK(header("we\"ird.yaml") == "--- \"a/we\\\"ird.yaml\"\n+++ \"b/we\\\"ird.yaml\"\n");
  CHECK(header("back\\slash.yaml") ==
        "--- \"a/back\\\\slash.yaml\"\n+++ \"b/back\\\\slash.yaml\"\n");
  CHECK(header("tab\there.yaml") == "--- \"a/tab\\there.yaml\"\n+++ \"b/tab\\there.yaml\"\n");
  CHECK(header("caf\xC3\xA9.yaml") ==
        "--- \"a/caf\\303\\251.yaml\"\n+++ \"b/caf\\303\\251.yaml\"\n");
  CHECK(header("bell\x07.yaml") == "--- \"a/bell\\007.yaml\"\n+++ \"b/bell\\007.yaml\"\n");
  CHECK(header("del\x7f.yaml") == "--- \"a/del\\177.yaml\"\n+++ \"b/del\\177.yaml\"\n");
  // A newline in a name cannot end the header and forge another file's.
  std::string forged = header("x.yaml\n+++ b/etc/passwd");
  CHECK(forged == "--- \"a/x.yaml\\n+++ b/etc/passwd\"\n+++ \"b/x.yaml\\n+++ b/etc/passwd\"\n");
  CHECK(std::count(forged.begin(), forged.end(), '\n') == 2);
  // A new file's name is quoted too.
  CHECK(fix::unified_diff("new\n.env", "", "A=\n", false)
            .starts_with("new file mode 100644\n--- /dev/null\n+++ \"b/new\\n.env\"\n"));
}

TEST_CASE("edit: git applies the produced diffs to the files they name") {
  REQUIRE_MESSAGE(on_path("git"), "git is needed (ci/setup.sh --test installs it)");
  Scratch dir;
  // A repository of its own, so that git resolves paths against this folder.
  REQUIRE(run_capture({"git", "-C", dir.path, "init", "-q"}).status == 0);
  const std::string compose =
      "services:\n"
      "  api:\n"
      "    image: nginx  # web\n"
      "    privileged: true\n"
      "    environment:\n"
      "      A: 1\n"
      "      B: 2\n"
      "      C: 3\n"
      "      D: 4\n"
      "      E: 5\n"
      "      F: 6\n"
      "      TOKEN: secret\n"
      "      LAST: x";  // no final newline
  size_t yes = compose.find("true"), secret = compose.find("secret");
  std::string fixed =
      apply_ok(compose, {Edit{yes, yes + 4, "false"}, Edit{secret, secret + 6, "${TOKEN}"},
                         Edit{compose.size(), compose.size(), "\n"}});
  REQUIRE(fixed.find("privileged: false\n") != std::string::npos);
  REQUIRE(fixed.find("TOKEN: ${TOKEN}\n") != std::string::npos);
  std::vector<std::pair<std::string, std::string>> files = {{"compose.yaml", compose},
                                                            {"odd \"name\".yaml", "a: 1\n"},
                                                            {"caf\xC3\xA9.yaml", "a: 1\n"}};
  std::string patch = fix::unified_diff(files[0].first, compose, fixed);
  for (size_t i = 1; i < files.size(); ++i) {
    dir.write(files[i].first, files[i].second);
    patch += fix::unified_diff(files[i].first, files[i].second, "a: 2\n");
  }
  dir.write(files[0].first, compose);
  patch += fix::unified_diff(".env.example", "", "TOKEN=\n", false);
  dir.write("fix.patch", patch);
  INFO("patch:\n" << patch);

  Captured check = run_capture({"git", "-C", dir.path, "apply", "--check", "fix.patch"});
  CHECK_MESSAGE(check.status == 0, check.err);
  Captured applied = run_capture({"git", "-C", dir.path, "apply", "fix.patch"});
  REQUIRE_MESSAGE(applied.status == 0, applied.err);
  CHECK(dir.read("compose.yaml") == fixed);
  CHECK(dir.read("odd \"name\".yaml") == "a: 2\n");
  CHECK(dir.read("caf\xC3\xA9.yaml") == "a: 2\n");
  CHECK(dir.read(".env.example") == "TOKEN=\n");
  // Applied once, the same patch no longer applies.
  CHECK(run_capture({"git", "-C", dir.path, "apply", "--check", "fix.patch"}).status != 0);
}
