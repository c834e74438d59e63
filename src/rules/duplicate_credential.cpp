// SS103 duplicate-credential: the same secret value written in two or more places, across
// services, files and input kinds. Reported at every place, each naming the others.
#include <fmt/format.h>

#include <map>
#include <tuple>

#include "rules/cross_input.hpp"
#include "rules/rule.hpp"

namespace shipshape::rules {

void check_duplicate_credential(const CheckContext& ctx, Sink& out) {
  // Default credentials are their own rule's business; placeholders and references never
  // reach here (the scanner leaves them out).
  ctx.across->for_each_repeated_secret([&](std::span<const IndexedSecret> holders) {
    // One place per position (two services sharing one anchor write it once), ordered by
    // path so the message is the same however the files were numbered while loading.
    std::map<std::tuple<std::string, uint32_t, uint32_t>, const IndexedSecret*> by_place;
    for (const IndexedSecret& f : holders)
      if (f.kind != secrets::DetectionKind::default_credential && f.secret.size() >= 4)
        by_place.emplace(std::tuple{ctx.files.path(f.at.file), f.at.line, f.at.column}, &f);
    if (by_place.size() < 2) return;
    for (const auto& [place, f] : by_place) {
      std::vector<NodeRef> others;
      std::string names;
      size_t shown = 0;
      for (const auto& [other_place, g] : by_place) {
        if (g->at == f->at) continue;
        others.push_back(g->ref());
        if (shown++ < 5)
          names += fmt::format("{}{}:{}", names.empty() ? "" : ", ", ctx.files.path(g->at.file),
                               g->at.line);
      }
      if (shown > 5) names += fmt::format(" and {} more", shown - 5);
      out.report(f->ref(), std::string(f->subject),
                 "{} holds a credential also written at {} other place{}: {}", f->label,
                 others.size(), others.size() == 1 ? "" : "s", names);
      out.relate(std::move(others));
      out.redact(std::string(f->secret));
    }
  });
}

}  // namespace shipshape::rules
