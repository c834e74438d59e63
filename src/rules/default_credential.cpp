// SS102 default-credential: a well-known default credential (minioadmin, postgres, guest,
// changeme, ...), or a password equal to the user name set beside it.
#include "rules/rule.hpp"
#include "rules/secret_candidates.hpp"

namespace shipshape::rules {

void check_default_credential(const CheckContext& ctx, Sink& out) {
  for (const FoundSecret& f : ctx.secrets()) {
    if (f.detection.kind != secrets::DetectionKind::default_credential) continue;
    out.report(f.candidate.value.ref, f.candidate.subject, "{} holds {}", f.candidate.label,
               f.detection.what);
    for (std::string& r : redactions_of(f)) out.redact(std::move(r));
  }
}

}  // namespace shipshape::rules
