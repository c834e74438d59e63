// What a rule sees and how it reports. A rule is a plain function of a CheckContext (the
// model, the part of the policy rules read, the secret detector) that reports to a Sink; the
// engine stamps each report with the rule's id, category, severity and input kind.
#pragma once

#include <fmt/format.h>

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/location.hpp"
#include "core/source_files.hpp"
#include "model/model.hpp"
#include "secrets/scanner.hpp"

namespace shipshape::rules {

/// One tier of `network_tiers` (.shipshape.yaml), outermost first.
struct Tier {
  std::string name;
  std::vector<std::string> networks;
  bool internal = false;
  Location at;
};

/// The part of the configuration rules read: the network tier policy and the secret detector.
struct Policy {
  std::span<const Tier> tiers;                       ///< outermost first; empty = no tier policy
  std::string_view tier_label;                       ///< Kubernetes pod label naming a tier
  const secrets::SecretScanner* detector = nullptr;  ///< built-in and user patterns

  /// The tier index of a compose network name, or -1.
  int tier_of_network(std::string_view network) const;
  /// The tier index of a tier name, or -1.
  int tier_index(std::string_view name) const;
};

/// Whether `format` has exactly `args` placeholders, each a bare `{}`, and no other brace: a
/// message kept as its template and arguments, formatted when read.
bool plain_template(std::string_view format, size_t args);

/// One report of a rule, before the engine stamps it.
struct Reported {
  NodeRef ref;
  std::string subject;
  std::string message;      ///< formatted, when `format` is empty
  std::string_view format;  ///< a plain template (a rule's string literal), or empty
  std::vector<std::string> args;
  std::vector<NodeRef> related;     ///< other places (the same credential elsewhere)
  std::vector<std::string> redact;  ///< what reporters mask in the source they show
  /// Which aspect of the rule this is ("network" of SS203's namespaces), for controls that
  /// cover only one; "" when the rule has one meaning.
  std::string_view aspect;
};

/// Where a rule reports. `report` starts a finding; `redact`, `relate` and `aspect` add to the
/// last one; it is handed on when the next starts or the rule returns.
class Sink {
 public:
  virtual ~Sink() = default;

  /// Reports a finding at `ref` about `subject`; the message must never contain a secret.
  template <class... Args>
  void report(const NodeRef& ref, std::string subject, fmt::format_string<Args...> format,
              Args&&... args) {
    flush();
    last_.ref = ref;
    last_.subject = std::move(subject);
    fmt::string_view text = format;
    last_.format = std::string_view(text.data(), text.size());
    if (plain_template(last_.format, sizeof...(Args))) {
      (last_.args.push_back(fmt::format("{}", std::forward<Args>(args))), ...);
    } else {  // a template with format specs or braces of its own: formatted now
      last_.message = fmt::format(format, std::forward<Args>(args)...);
      last_.format = {};
    }
    pending_ = true;
  }

  /// Tells reporters to mask `secret` in any source they show for the last finding.
  void redact(std::string secret) {
    if (pending_ && !secret.empty()) last_.redact.push_back(std::move(secret));
  }
  /// Adds places related to the last finding.
  void relate(std::vector<NodeRef> related) {
    if (pending_) last_.related = std::move(related);
  }
  /// Names the aspect of the last finding (see Reported::aspect); a string literal.
  void aspect(std::string_view aspect) {
    if (pending_) last_.aspect = aspect;
  }
  /// Hands on the last finding, if any.
  void flush() {
    if (!pending_) return;
    deliver(last_);
    // Cleared, not replaced: the next report reuses the buffers.
    last_.message.clear();
    last_.format = {};
    last_.args.clear();
    last_.related.clear();
    last_.redact.clear();
    last_.aspect = {};
    pending_ = false;
  }

 protected:
  virtual void deliver(const Reported& r) = 0;

 private:
  Reported last_;
  bool pending_ = false;
};

struct FoundSecret;
class CrossInputIndex;

/// What a rule sees.
struct CheckContext {
  const model::Model& model;
  const Policy& policy;
  const SourceFiles& files;  ///< to name other places in messages (file:line)
  /// What rules that relate inputs (Scope::run) read of every input; the model is then empty.
  const CrossInputIndex* across = nullptr;

  /// Every secret the detector finds in the model, computed once per context for the three
  /// secret rules.
  const std::vector<FoundSecret>& secrets() const;

  /// Shared by the rules of one context, which may run on several threads.
  struct Cache;
  std::shared_ptr<Cache> cache = make_cache();
  static std::shared_ptr<Cache> make_cache();
};

}  // namespace shipshape::rules
