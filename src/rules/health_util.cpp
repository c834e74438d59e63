#include "rules/health_util.hpp"

#include <re2/re2.h>

#include "rules/secret_candidates.hpp"

namespace shipshape::rules {

bool is_one_shot(const model::Workload& w) {
  if (w.source != model::SourceKind::compose) return false;
  const std::string& r = w.restart.value;
  bool no_restart = !w.restart.set || r == "no" || r == "on-failure" ||
                    r.starts_with("on-failure:");
  return w.restart.set && no_restart && !w.containers.empty() &&
         (!w.containers[0].command.empty() || !w.containers[0].entrypoint.empty());
}

bool is_long_running_kind(const std::string& kind) {
  return kind == "Deployment" || kind == "StatefulSet" || kind == "DaemonSet" ||
         kind == "ReplicaSet" || kind == "ReplicationController";
}

const model::Probe* healthcheck(const model::Container& c) {
  for (const auto& p : c.probes)
    if (p.kind == model::ProbeKind::healthcheck) return &p;
  return nullptr;
}

std::string always_passes(const model::Probe& p) {
  if (p.disabled || p.command.empty()) return "";
  std::string line;
  for (const auto& w : p.command) line += (line.empty() ? "" : " ") + w;
  std::vector<std::string> words = p.command.size() == 1 ? shell_words(p.command[0]) : p.command;
  // `sh -c "…"` / `bash -c "…"`: judge the script.
  if (words.size() >= 3 && (words[0].ends_with("sh")) && words[1] == "-c") {
    line = words[2];
    words = shell_words(line);
  }
  if (words.empty()) return "";
  // `echo stats | nc …`, `echo > /dev/tcp/host/port`, `true && curl …`: the script does more
  // than its first word, so the first word alone decides nothing.
  bool simple = line.find_first_of("|<>;&`") == std::string::npos &&
                line.find("$(") == std::string::npos;
  const std::string& cmd = words[0];
  if (!simple) {
    static const RE2 swallowed(
        R"((\|\|\s*(true|:|exit\s+0|/bin/true)\s*;?\s*$)|(;\s*exit\s+0\s*$))");
    if (RE2::PartialMatch(line, swallowed))
      return "its failure is swallowed (`|| true` / `exit 0`)";
    return "";
  }
  if (cmd == "true" || cmd == "/bin/true" || cmd == "/usr/bin/true" || cmd == ":")
    return "it runs `" + cmd + "`, which always succeeds";
  if (cmd == "exit" && words.size() >= 2 && words[1] == "0") return "it runs `exit 0`";
  if (cmd == "echo" || cmd == "/bin/echo" || cmd == "printf")
    return "it only prints (`" + cmd + "`), which always succeeds";
  static const RE2 exits_zero(
      R"(^(node|nodejs|bun|deno|python3?|ruby|php)\s+(-e|-c|--eval)\s+['"]?\s*(process\.exit\(0\)|exit\(0?\)|sys\.exit\(0?\)|import sys;\s*sys\.exit\(0?\)|exit 0|exit)\s*;?['"]?$)");
  if (RE2::FullMatch(line, exits_zero)) return "it runs `" + line + "`, which always exits 0";
  return "";
}

}  // namespace shipshape::rules
