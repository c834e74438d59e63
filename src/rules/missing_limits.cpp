// SS301 missing-memory-limit, SS302 missing-cpu-limit, SS303 missing-requests: a container
// that can take the whole host's memory or CPU, or that the scheduler cannot place.
#include "rules/rule.hpp"

namespace shipshape::rules {

namespace {

bool compose(const model::Workload& w) { return w.source == model::SourceKind::compose; }

}  // namespace

void check_missing_memory_limit(const CheckContext& ctx, Sink& out) {
  for (const model::Workload& w : ctx.model.workloads)
    for (const model::Container& c : w.containers)
      if (!c.resources.limits_memory.set)
        out.report(c.ref, w.subject(c), "{} has no memory limit{}", w.named(c),
                   compose(w) ? " (deploy.resources.limits.memory or mem_limit)"
                              : " (resources.limits.memory)");
}

void check_missing_cpu_limit(const CheckContext& ctx, Sink& out) {
  for (const model::Workload& w : ctx.model.workloads)
    for (const model::Container& c : w.containers)
      if (!c.resources.limits_cpu.set)
        out.report(c.ref, w.subject(c), "{} has no CPU limit{}", w.named(c),
                   compose(w) ? " (deploy.resources.limits.cpus or cpus)"
                              : " (resources.limits.cpu)");
}

void check_missing_requests(const CheckContext& ctx, Sink& out) {
  for (const model::Workload& w : ctx.model.workloads) {
    if (compose(w))
      continue;  // compose reservations are optional; limits are what protect the host
    for (const model::Container& c : w.containers) {
      bool mem = c.resources.requests_memory.set || c.resources.limits_memory.set;
      bool cpu = c.resources.requests_cpu.set || c.resources.limits_cpu.set;
      // Kubernetes defaults a missing request to the limit, so a limit alone is a request.
      if (!mem && !cpu)
        out.report(c.ref, w.subject(c), "{} has no memory or CPU request", w.named(c));
      else if (!mem) out.report(c.ref, w.subject(c), "{} has no memory request", w.named(c));
      else if (!cpu) out.report(c.ref, w.subject(c), "{} has no CPU request", w.named(c));
    }
  }
}

}  // namespace shipshape::rules
