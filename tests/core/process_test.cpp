// Running helper programs without a shell (src/core/process.hpp).
#include <doctest/doctest.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "core/process.hpp"

using namespace shipshape;

namespace {

// A fresh folder, removed afterwards.
struct Scratch {
  std::string path;
  Scratch() {
    std::string tmpl =
        (std::filesystem::temp_directory_path() / "shipshape-process-XXXXXX").string();
    path = mkdtemp(tmpl.data());
  }
  ~Scratch() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  std::string write(const std::string& name, const std::string& text, bool executable) const {
    std::string p = path + "/" + name;
    std::ofstream(p, std::ios::binary) << text;
    chmod(p.c_str(), executable ? 0755 : 0644);
    return p;
  }
};

// Sets an environment variable for a scope, then puts the old value back.
struct ScopedEnv {
  std::string name;
  std::optional<std::string> old;
  ScopedEnv(std::string n, const std::string& value) : name(std::move(n)) {
    if (const char* v = std::getenv(name.c_str())) old = v;
    setenv(name.c_str(), value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (old) setenv(name.c_str(), old->c_str(), 1);
    else unsetenv(name.c_str());
  }
};

}  // namespace

TEST_CASE("process: run_capture returns stdout and exit status 0") {
  Captured c = run_capture({"printf", "%s-%s\\n", "one", "two"});
  CHECK(c.status == 0);
  CHECK(c.out == "one-two\n");
  CHECK(c.err.empty());
  CHECK_FALSE(c.too_big);
}

TEST_CASE("process: arguments reach the program verbatim with no shell") {
  // Each word would mean something to a shell: expansion, globbing, command substitution,
  // a command separator, quotes, a redirection.
  Captured c = run_capture({"printf", "[%s]", "$HOME", "*", "`id`", "$(id)", "a b", ";", "'q'",
                            "\"d\"", ">out", "", "line\nbreak"});
  CHECK(c.status == 0);
  CHECK(c.out == "[$HOME][*][`id`][$(id)][a b][;]['q'][\"d\"][>out][][line\nbreak]");
  // Nothing was redirected to a file called `out` in the working directory.
  CHECK_FALSE(std::filesystem::exists("out"));
}

TEST_CASE("process: exit statuses and stderr are reported") {
  Captured f = run_capture({"false"});
  CHECK(f.status == 1);
  CHECK(f.out.empty());
  Captured seven = run_capture({"sh", "-c", "echo to-out; echo to-err >&2; exit 7"});
  CHECK(seven.status == 7);
  CHECK(seven.out == "to-out\n");
  CHECK(seven.err == "to-err\n");
  CHECK_FALSE(seven.too_big);
}

TEST_CASE("process: a program killed by a signal has status 128") {
  Captured c = run_capture({"sh", "-c", "printf before; kill -9 $$"});
  CHECK(c.status == 128);
  CHECK(c.out == "before");
}

TEST_CASE("process: a program that does not exist has status -1") {
  Captured c = run_capture({"shipshape-no-such-program-7f3a"});
  CHECK(c.status == -1);
  CHECK(c.out.empty());
  CHECK(c.err.empty());
  Captured abs = run_capture({"/nonexistent/helm", "template"});
  CHECK(abs.status == -1);
  // A file that is not executable cannot be started either.
  Scratch s;
  std::string plain = s.write("not-exec", "#!/bin/sh\necho hi\n", false);
  CHECK(run_capture({plain}).status == -1);
}

TEST_CASE("process: stdin is /dev/null so a reader ends at once") {
  Captured c = run_capture({"cat"});
  CHECK(c.status == 0);
  CHECK(c.out.empty());
  Captured wc = run_capture({"wc", "-c"});
  CHECK(wc.status == 0);
  CHECK(wc.out.find('0') != std::string::npos);
  CHECK(wc.out.find_first_of("123456789") == std::string::npos);
}

TEST_CASE("process: large output on both streams at once does not block") {
  // Over a pipe's 64 KiB on each stream: reading one stream only would deadlock.
  Captured c = run_capture(
      {"sh", "-c", "head -c 300000 /dev/zero; head -c 200000 /dev/zero >&2; echo done >&2"});
  CHECK(c.status == 0);
  CHECK(c.out.size() == 300000);
  CHECK(c.err.size() == 200005);
  CHECK(c.err.substr(200000) == "done\n");
  CHECK_FALSE(c.too_big);
}

TEST_CASE("process: output past the limit is cut and flagged") {
  Captured c = run_capture({"head", "-c", "1000000", "/dev/zero"}, 4096);
  CHECK(c.status == 0);  // the program still runs to its end
  CHECK(c.too_big);
  CHECK(c.out.size() < 1000000);
  CHECK(c.out.size() == 4096);  // exactly the limit is kept
  // Under the limit nothing is flagged.
  Captured small = run_capture({"printf", "12345"}, 5);
  CHECK(small.out == "12345");
  CHECK_FALSE(small.too_big);
}

TEST_CASE("process: output a little over the limit is flagged and not kept") {
  // Output that arrives in one read() larger than the limit is cut to the limit and flagged:
  // Helm output of limit+1 bytes (the loader passes limits.max_file_bytes) must not be linted
  // as if within the limit.
  Captured c = run_capture({"printf", "%s", std::string(100, 'x')}, 10);
  CHECK(c.status == 0);
  CHECK(c.too_big);
  CHECK(c.out == std::string(10, 'x'));
}

TEST_CASE("process: the limit is exact on each stream") {
  // One byte over, exactly at, and one byte under the limit.
  Captured over = run_capture({"printf", "%s", "123456"}, 5);
  CHECK(over.too_big);
  CHECK(over.out == "12345");
  Captured at = run_capture({"printf", "%s", "12345"}, 5);
  CHECK_FALSE(at.too_big);
  CHECK(at.out == "12345");
  Captured under = run_capture({"printf", "%s", "1234"}, 5);
  CHECK_FALSE(under.too_big);
  CHECK(under.out == "1234");
  // A limit of zero keeps nothing; no output is not too big.
  Captured zero = run_capture({"printf", "%s", "x"}, 0);
  CHECK(zero.too_big);
  CHECK(zero.out.empty());
  CHECK_FALSE(run_capture({"true"}, 0).too_big);
  // Stderr is held to the limit the same way, and the program still runs to its end.
  Captured err = run_capture({"sh", "-c", "printf 'abcdefgh' >&2; printf ok; exit 3"}, 4);
  CHECK(err.status == 3);
  CHECK(err.too_big);
  CHECK(err.err == "abcd");
  CHECK(err.out == "ok");
}

TEST_CASE("process: output over the limit in many reads keeps exactly the limit") {
  // Several pipe-sized reads (the limit falls inside one of them) and large output.
  Captured c = run_capture({"head", "-c", "300000", "/dev/zero"}, 100001);
  CHECK(c.status == 0);
  CHECK(c.too_big);
  CHECK(c.out.size() == 100001);
  Captured exact = run_capture({"head", "-c", "131072", "/dev/zero"}, 131072);
  CHECK_FALSE(exact.too_big);
  CHECK(exact.out.size() == 131072);
}

TEST_CASE("process: the child inherits the environment") {
  ScopedEnv v("SHIPSHAPE_PROCESS_TEST", "inherited value");
  Captured c = run_capture({"sh", "-c", "printf %s \"$SHIPSHAPE_PROCESS_TEST\""});
  CHECK(c.out == "inherited value");
}

TEST_CASE("process: programs are looked up on PATH") {
  Scratch s;
  s.write("shipshape-probe-tool", "#!/bin/sh\nprintf 'probe:%s' \"$1\"\n", true);
  s.write("shipshape-probe-plain", "not a program\n", false);
  CHECK_FALSE(on_path("shipshape-probe-tool"));
  {
    ScopedEnv path("PATH", std::string("/nonexistent-dir::") + s.path + ":" + std::getenv("PATH"));
    CHECK(on_path("shipshape-probe-tool"));
    CHECK_FALSE(on_path("shipshape-probe-plain"));  // not executable
    Captured c = run_capture({"shipshape-probe-tool", "x y"});
    CHECK(c.status == 0);
    CHECK(c.out == "probe:x y");
  }
  CHECK_FALSE(on_path("shipshape-probe-tool"));
}

TEST_CASE("process: on_path with a path checks that file") {
  CHECK(on_path("sh"));
  CHECK(on_path("/bin/sh"));
  CHECK_FALSE(on_path("/etc/hostname-does-not-exist"));
  CHECK_FALSE(on_path("shipshape-no-such-program-7f3a"));
  Scratch s;
  std::string plain = s.write("data.txt", "x", false);
  std::string tool = s.write("tool", "#!/bin/sh\n", true);
  CHECK_FALSE(on_path(plain));
  CHECK(on_path(tool));
  {
    ScopedEnv empty("PATH", "");
    CHECK_FALSE(on_path("sh"));
    CHECK(on_path("/bin/sh"));  // a path needs no PATH
  }
}
