// SS202 socket-mount: a container runtime socket (docker, containerd, CRI-O, podman,
// dockershim) or the directory holding it mounted into a container.

#include "rules/rule.hpp"

#include <re2/re2.h>

namespace shipshape::rules {

namespace {

std::string normalized(std::string_view p) {
  std::string out;
  for (char c : p)
    if (!(c == '/' && !out.empty() && out.back() == '/')) out += c;
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

// "socket" for a runtime socket, "directory" for /run or /var/run themselves, "" otherwise.
std::string runtime_socket(const std::string& host_path) {
  static const RE2 socket(
      R"((?:/var)?/run/(?:user/\d+/)?(?:docker|podman/podman|containerd/containerd|crio/crio|dockershim|cri-dockerd|docker/containerd/containerd|k3s/containerd/containerd)\.sock|.*/\.docker/run/docker\.sock|/var/lib/docker\.sock)");
  std::string p = normalized(host_path);
  if (p == "/var/run" || p == "/run" || p == "/var/run/docker" || p == "/run/containerd" ||
      p == "/var/run/containerd" || p == "/run/crio" || p == "/var/run/crio")
    return "directory";
  if (RE2::FullMatch(p, socket)) return "socket";
  return "";
}

bool is_host_path(const model::Mount& m) {
  return m.type == model::MountType::bind || m.type == model::MountType::host_path;
}

}  // namespace

void check_socket_mount(const CheckContext& ctx, Sink& out) {
  for (const model::Workload& w : ctx.model.workloads)
    for (const model::Container& c : w.containers)
      for (const model::Mount& m : c.mounts) {
        if (!is_host_path(m) || !m.source.set) continue;
        std::string what = runtime_socket(m.source.value);
        if (what.empty()) continue;
        const char* ro = m.read_only ? " (read-only does not help: the API is still fully usable)"
                                     : "";
        if (what == "socket")
          out.report(m.ref, w.subject(c), "{} mounts the container runtime socket '{}'{}",
                     w.named(c), m.source.value, ro);
        else
          out.report(m.ref, w.subject(c),
                     "{} mounts the host's '{}', which holds the container runtime socket{}",
                     w.named(c), m.source.value, ro);
      }
}

}  // namespace shipshape::rules
