#include "load/input.hpp"

#include "core/utf8.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>

namespace shipshape::load {

Location location_of(std::string_view text, size_t offset, uint32_t file) {
  uint32_t line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < offset && i < text.size(); ++i)
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  return Location{file, line, static_cast<uint32_t>(offset - line_start + 1)};
}

namespace {

std::string size_text(uint64_t bytes) {
  return bytes >= (1u << 20) ? fmt::format("{:.1f} MB", bytes / 1048576.0)
                             : fmt::format("{:.1f} KB", bytes / 1024.0);
}

}  // namespace

std::optional<Error> check_text(std::string_view text, uint32_t file) {
  if (size_t nul = text.find('\0'); nul != std::string_view::npos)
    return Error{"binary data (a NUL byte); not a text file", location_of(text, nul, file), true};
  if (size_t bad = utf8_invalid_at(text); bad != std::string_view::npos)
    return Error{"invalid UTF-8", location_of(text, bad, file), true};
  return std::nullopt;
}

Expected<std::string> read_file(const std::string& path, uint32_t file, uint64_t max_bytes,
                                std::string_view bound) {
  Location top{file, 1, 1};
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    return Error{fmt::format("cannot read: {}", std::strerror(errno)), top};
  if (S_ISDIR(st.st_mode)) return Error{"is a directory", top};
  if (!S_ISREG(st.st_mode))
    return Error{S_ISFIFO(st.st_mode)   ? "not a regular file (a FIFO); skipped"
                 : S_ISSOCK(st.st_mode) ? "not a regular file (a socket); skipped"
                                        : "not a regular file (a device); skipped",
                 top};
  if (static_cast<uint64_t>(st.st_size) > max_bytes)
    return Error{fmt::format("file is {}, over the {} limit ({})", size_text(st.st_size),
                             size_text(max_bytes), bound),
                 top};
  // O_NONBLOCK: if the path became a FIFO since stat, open must not wait for a writer.
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return Error{fmt::format("cannot read: {}", std::strerror(errno)), top};
  std::string text;
  text.resize(static_cast<size_t>(st.st_size));
  size_t got = 0;
  while (got < text.size()) {
    ssize_t r = ::read(fd, text.data() + got, text.size() - got);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    got += static_cast<size_t>(r);
  }
  int saved = errno;
  ::close(fd);
  if (got < text.size() && saved != 0 && saved != EAGAIN)
    return Error{fmt::format("cannot read: {}", std::strerror(saved)), top};
  text.resize(got);
  if (auto e = check_text(text, file)) return *e;
  return text;
}

Expected<std::string> read_stdin(uint32_t file, uint64_t max_bytes) {
  std::string text;
  char buf[65536];
  while (std::cin.read(buf, sizeof buf) || std::cin.gcount() > 0) {
    text.append(buf, static_cast<size_t>(std::cin.gcount()));
    if (text.size() > max_bytes)
      return Error{fmt::format("standard input is over the {:.1f} MB limit (--max-file-size)",
                               max_bytes / 1048576.0),
                   Location{file, 1, 1}};
  }
  if (auto e = check_text(text, file)) return *e;
  return text;
}

ReadBoundary::ReadBoundary(const std::vector<std::string>& named) {
  namespace fs = std::filesystem;
  std::error_code ec;
  auto add = [&](const fs::path& p) {
    std::error_code e2;
    fs::path c = fs::canonical(p, e2);
    if (e2) return;
    std::string s = c.string();
    if (!s.ends_with('/')) s += '/';
    roots_.push_back(std::move(s));
  };
  add(fs::current_path(ec));
  for (const auto& n : named) {
    if (n == "-") continue;
    if (fs::is_directory(n, ec)) add(n);
    else add(fs::path(fs::canonical(n, ec)).parent_path());
  }
}

bool ReadBoundary::admits(const std::string& path) const {
  if (roots_.empty()) return true;
  std::error_code ec;
  std::string target = std::filesystem::weakly_canonical(path, ec).string();
  if (ec) return false;
  for (const auto& r : roots_)
    if ((target + "/").starts_with(r)) return true;
  return false;
}

std::optional<Error> ReadBoundary::refuse(const std::string& path, std::string_view what,
                                          Location at) const {
  if (admits(path)) return std::nullopt;
  return Error{
      fmt::format("{} '{}' leads outside the folders being linted (the current directory and "
                  "the paths named); not read",
                  what, path),
      at};
}

std::string dir_of(const std::string& path) {
  auto slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::string join_path(const std::string& dir, const std::string& rel) {
  if (rel.empty() || rel.front() == '/' || dir.empty() || dir == ".") return rel;
  std::string r = rel;
  if (r.starts_with("./")) r = r.substr(2);
  return dir.back() == '/' ? dir + r : dir + "/" + r;
}

}  // namespace shipshape::load
