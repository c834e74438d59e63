// SS101 plaintext-secret: a secret written in clear in a file of the repository.
#include "rules/rule.hpp"
#include "rules/secret_candidates.hpp"

namespace shipshape::rules {

void check_plaintext_secret(const CheckContext& ctx, Sink& out) {
  for (const FoundSecret& f : ctx.secrets()) {
    if (f.detection.kind == secrets::DetectionKind::default_credential) continue;
    out.report(f.candidate.value.ref, f.candidate.subject, "{} holds {}", f.candidate.label,
               f.detection.what);
    for (std::string& r : redactions_of(f)) out.redact(std::move(r));
  }
}

}  // namespace shipshape::rules
