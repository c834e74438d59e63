// SS201 privileged: containers that run with all of the host's privileges. Docker-in-Docker
// images get a message of their own: they are the commonest reason and have alternatives.
#include "rules/rule.hpp"

namespace shipshape::rules {

namespace {

bool is_dind(const std::string& image) { return image.find("dind") != std::string::npos; }

}  // namespace

void check_privileged(const CheckContext& ctx, Sink& out) {
  for (const model::Workload& w : ctx.model.workloads)
    for (const model::Container& c : w.containers) {
      if (!c.security.privileged.set || !c.security.privileged.value) continue;
      if (is_dind(c.image.value))
        out.report(c.security.privileged.ref, w.subject(c),
                   "{} runs Docker-in-Docker privileged: root in any build container is root on "
                   "the host",
                   w.named(c));
      else out.report(c.security.privileged.ref, w.subject(c), "{} runs privileged", w.named(c));
    }
}

}  // namespace shipshape::rules
