// SS101 plaintext-secret: a secret written in clear in a file of the repository.
#include "rules/registry.hpp"
#include "rules/secret_candidates.hpp"

namespace shipshape::rules {

void check_plaintext_secret(const CheckContext& ctx, engine::FindingSink& out) {
  for (const Found& f : ctx.secrets()) {
    if (f.detection.kind == DetectionKind::default_credential) continue;
    out.report(f.candidate.value.ref, f.candidate.subject, "{} holds {}", f.candidate.label,
               f.detection.what);
    for (std::string& r : redactions_of(f)) out.redact(std::move(r));
  }
}

}  // namespace shipshape::rules
