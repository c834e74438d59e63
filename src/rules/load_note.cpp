// SS001 load-note: what a loader noticed without failing (a Secret key that is not valid
// base64, a chart whose templates could not be rendered).
#include "rules/rule.hpp"

namespace shipshape::rules {

void check_load_note(const CheckContext& ctx, Sink& out) {
  for (const auto& note : ctx.model.notes) out.report(note.ref, note.subject, "{}", note.message);
}

}  // namespace shipshape::rules
