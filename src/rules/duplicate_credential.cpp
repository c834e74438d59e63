// SS103 duplicate-credential: the same secret value written in two or more places, across
// services, files and input kinds. Reported at every place, each naming the others.
#include <fmt/format.h>

#include <map>
#include <set>
#include <tuple>

#include "rules/registry.hpp"
#include "rules/secret_candidates.hpp"

namespace shipshape::rules {

void check_duplicate_credential(const CheckContext& ctx, engine::FindingSink& out) {
  // Default credentials are their own rule's business; placeholders and references never
  // reach here (the scanner leaves them out).
  std::map<std::string, std::vector<const Found*>> by_value;
  const auto& found = ctx.secrets();
  for (const Found& f : found)
    if (f.detection.kind != DetectionKind::default_credential && f.detection.secret.size() >= 4)
      by_value[f.detection.secret].push_back(&f);
  for (const auto& [value, uses] : by_value) {
    // One place per position (two services sharing one anchor write it once), ordered by
    // path so the message is the same however the files were numbered while loading.
    std::map<std::tuple<std::string, uint32_t, uint32_t>, const Found*> by_place;
    for (const Found* f : uses) {
      const Location& at = f->candidate.value.ref.at;
      by_place.emplace(std::tuple{ctx.files.path(at.file), at.line, at.column}, f);
    }
    std::vector<std::pair<Location, const Found*>> places;
    for (const auto& [k, f] : by_place) places.emplace_back(f->candidate.value.ref.at, f);
    if (places.size() < 2) continue;
    for (const auto& [at, f] : places) {
      std::vector<NodeRef> others;
      std::string names;
      size_t shown = 0;
      for (const auto& [other_at, g] : places) {
        if (other_at == at) continue;
        others.push_back(g->candidate.value.ref);
        if (shown++ < 5)
          names += fmt::format("{}{}:{}", names.empty() ? "" : ", ", ctx.files.path(other_at.file),
                               other_at.line);
      }
      if (shown > 5) names += fmt::format(" and {} more", shown - 5);
      out.report(f->candidate.value.ref, f->candidate.subject,
                 "{} holds a credential also written at {} other place{}: {}", f->candidate.label,
                 others.size(), others.size() == 1 ? "" : "s", names);
      out.relate(std::move(others));
      out.redact(value);
    }
  }
}

}  // namespace shipshape::rules
