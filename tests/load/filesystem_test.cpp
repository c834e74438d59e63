// The file system as a hostile input: sockets, devices, names that are not UTF-8, files that
// vanish between the walk and the read. Nothing blocks or crashes; each is skipped or named.
#include <doctest/doctest.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "test_util.hpp"

using namespace shipshape;
using test::TempDir;

namespace {

// A listening Unix socket at `path`, closed on destruction.
class Socket {
 public:
  explicit Socket(const std::string& path) : fd_(socket(AF_UNIX, SOCK_STREAM, 0)) {
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    REQUIRE(path.size() < sizeof addr.sun_path);
    std::copy(path.begin(), path.end(), addr.sun_path);
    REQUIRE(bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    listen(fd_, 1);
  }
  ~Socket() { close(fd_); }

 private:
  int fd_;
};

}  // namespace

TEST_CASE(
    "file system: sockets and device files in a tree are skipped - given explicitly they are "
    "named") {
  TempDir d;
  d.write("ok/compose.yaml", test::privileged_service("ok"));
  Socket sock(d / "agent.yaml");
  std::filesystem::create_symlink("/dev/zero", d / "zero.yaml");       // would never end
  std::filesystem::create_symlink("/dev/urandom", d / "compose.yml");  // binary forever
  SourceFiles files;
  auto r = test::load_paths(files, {d.path()});
  CHECK(test::errors_of(r, files) == "");
  CHECK(test::workload(r.model, "ok"));

  SourceFiles files2;
  auto named = test::load_paths(files2, {d / "agent.yaml", d / "zero.yaml", d / "ok"});
  REQUIRE(named.errors.size() == 2);
  CHECK(named.errors[0].message == "not a regular file (a socket); skipped");
  CHECK(named.errors[1].message == "not a regular file (a device); skipped");
  CHECK(test::workload(named.model, "ok"));
}

TEST_CASE("file system: a file name that is not UTF-8 is linted and every format stays valid") {
  TempDir d;
  d.write("caf\xE9.compose.yaml", test::privileged_service("latin1"));  // Latin-1 é
  d.write("ok/compose.yaml", test::privileged_service("ok"));
  auto json = test::run_cli(
      {"lint", "--format", "json", "--config", "/dev/null", "--kind", "compose", d.path()});
  CHECK(json.code == 1);
  auto j = nlohmann::json::parse(json.out);
  REQUIRE(j["findings"].size() == 2);
  // JSON strings must be UTF-8: the byte becomes U+FFFD rather than breaking the document.
  CHECK(j["findings"][0]["file"].get<std::string>().find("caf\xEF\xBF\xBD.compose.yaml") !=
        std::string::npos);
  auto sarif = test::run_cli(
      {"lint", "--format", "sarif", "--config", "/dev/null", "--kind", "compose", d.path()});
  CHECK(sarif.code == 1);
  auto s = nlohmann::json::parse(sarif.out);
  auto uri =
      s["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
  CHECK(uri.get<std::string>().find("caf%E9.compose.yaml") !=
        std::string::npos);  // the real bytes, encoded
  for (std::string format : {"text", "github"}) {
    auto r = test::run_cli(
        {"lint", "--format", format, "--config", "/dev/null", "--kind", "compose", d.path()});
    CHECK(r.code == 1);
    CHECK(r.out.find("SS201") != std::string::npos);
  }
  auto report = test::run_cli(
      {"report", "--format", "json", "--config", "/dev/null", "--kind", "compose", d.path()});
  CHECK(nlohmann::json::parse(report.out)["controls"].size() >= 1);
}

TEST_CASE("file system: files that vanish after the walk are named - the rest is linted") {
  TempDir d;
  d.write("a/compose.yaml", test::privileged_service("first"));
  d.write("b/compose.yaml", test::privileged_service("second"));
  d.write("c/compose.yaml", test::privileged_service("third"));
  load::LoadOptions opt;
  opt.jobs = 1;
  bool removed = false;
  // After the first input is read, the others disappear (a checkout switching branches).
  opt.progress = [&](size_t, size_t, uint64_t) {
    if (removed) return;
    removed = true;
    std::filesystem::remove_all(d / "b");
    std::filesystem::remove_all(d / "c");
  };
  SourceFiles files;
  auto r = test::load_paths(files, {d.path()}, opt);
  CHECK(removed);
  INFO(test::errors_of(r, files));
  REQUIRE(r.errors.size() == 2);
  for (const auto& e : r.errors) CHECK(e.message == "cannot read: No such file or directory");
  CHECK(files.path(r.errors[0].at.file).ends_with("b/compose.yaml"));
  CHECK(files.path(r.errors[1].at.file).ends_with("c/compose.yaml"));
  CHECK(test::workload(r.model, "first"));
  CHECK_FALSE(test::workload(r.model, "second"));
}
