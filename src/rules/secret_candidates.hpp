// Every place in the model where a secret can be written in clear: compose environment and
// env files, commands and healthchecks, labels; Kubernetes env values, Secret and ConfigMap
// data; values files; inventories. Shared by the plaintext, default and duplicate rules.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "model/model.hpp"
#include "secrets/scanner.hpp"

namespace shipshape::rules {

enum class Where { env, label, command, secret_data, config_data, values, inventory };

struct Candidate {
  std::string label;  ///< how a message names it: "SMTP_PASSWORD", "Secret 'shop/x' key 'pw'"
  std::string key;    ///< the key for keyed detection ("" for free text)
  model::Text value;
  std::string subject;  ///< "service api", "host mail01", "values file"
  Where where = Where::env;
  const model::Workload* workload = nullptr;
  const model::Container* container = nullptr;
};

/// The candidates written in the repository (encrypted values, references and values from
/// the process environment are left out), handed to `fn` a few at a time: never all held at
/// once, since they copy their values.
void for_each_candidate(const model::Model& model, const std::function<void(Candidate&)>& fn);

/// A candidate and what it holds.
struct FoundSecret {
  Candidate candidate;
  secrets::Detection detection;
};

/// What a finding about `f` must mask wherever its lines are shown: the secret itself and,
/// when the secret sits inside a larger value (a URL in a Secret's base64, a config file
/// in a block scalar), that whole value and each of its lines, so that no piece of the value
/// it came from, nor its encoding, can be read back.
std::vector<std::string> redactions_of(const FoundSecret& f);

/// Every candidate the scanner flags, in model order. Kubernetes Secret data counts whatever
/// its key (a Secret holds secrets by definition).
std::vector<FoundSecret> find_secrets(const model::Model& model,
                                      const secrets::SecretScanner& scanner);

/// Splits a shell command line into words, honouring quotes.
std::vector<std::string> shell_words(std::string_view s);

}  // namespace shipshape::rules
