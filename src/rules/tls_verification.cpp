// SS405 tls-verification-disabled: settings that turn TLS certificate verification off for a
// whole process (NODE_TLS_REJECT_UNAUTHORIZED=0, PYTHONHTTPSVERIFY=0, GIT_SSL_NO_VERIFY,
// *_INSECURE_SKIP_VERIFY=true, *_SSL_VERIFY=false), in environments, values and inventories.
#include <algorithm>
#include <set>

#include "rules/rule.hpp"
#include "secrets/scanner.hpp"

namespace shipshape::rules {

namespace {

bool has(const std::vector<std::string>& words, const char* w) {
  return std::find(words.begin(), words.end(), w) != words.end();
}

bool truthy(std::string v) {
  std::transform(v.begin(), v.end(), v.begin(), ::tolower);
  return v == "1" || v == "true" || v == "yes" || v == "on";
}

bool falsy(std::string v) {
  std::transform(v.begin(), v.end(), v.begin(), ::tolower);
  return v == "0" || v == "false" || v == "no" || v == "off";
}

// What the setting does when it disables verification, or "".
std::string disables_verification(const std::string& key, const std::string& value) {
  if (key == "NODE_TLS_REJECT_UNAUTHORIZED" && value == "0")
    return "Node.js accepts any certificate";
  if (key == "PYTHONHTTPSVERIFY" && value == "0") return "Python's https accepts any certificate";
  if (key == "GIT_SSL_NO_VERIFY" && truthy(value)) return "git accepts any certificate";
  auto w = secrets::key_words(key);
  bool tls = has(w, "tls") || has(w, "ssl") || has(w, "https") || has(w, "cert") ||
             has(w, "certificate");
  if (has(w, "insecure") && (tls || has(w, "skip") || has(w, "verify")) && truthy(value))
    return "certificate verification is skipped";
  if ((has(w, "skip") || has(w, "no") || has(w, "disable")) && has(w, "verify") && truthy(value))
    return "certificate verification is skipped";
  if ((has(w, "verify") || has(w, "verification") || has(w, "validate")) && tls &&
      !has(w, "skip") && !has(w, "no") && falsy(value))
    return "certificate verification is off";
  return "";
}

}  // namespace

void check_tls_verification(const CheckContext& ctx, Sink& out) {
  for (const model::Workload& w : ctx.model.workloads)
    for (const model::Container& c : w.containers)
      for (const model::EnvVar& e : c.env) {
        if (e.kind != model::EnvKind::literal) continue;
        std::string why = disables_verification(e.name, e.value.value);
        if (!why.empty())
          out.report(e.value.ref, w.subject(c), "{} sets {}={}: {}", w.named(c), e.name,
                     e.value.value, why);
      }
  auto scan = [&](const std::vector<model::KeyedScalar>& scalars, const std::string& subject) {
    for (const model::KeyedScalar& s : scalars) {
      std::string why = disables_verification(s.key, s.value.value);
      if (!why.empty())
        out.report(s.value.ref, subject, "{} is {}: {}", s.value.ref.path, s.value.value, why);
    }
  };
  for (const auto& v : ctx.model.values) scan(v.scalars, "values file");
  for (const auto& inv : ctx.model.inventories) scan(inv.scalars, "inventory");
}

}  // namespace shipshape::rules
