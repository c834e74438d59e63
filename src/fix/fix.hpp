// Fix suggestions: for findings with a safe fix, edits on the original files (and lines for
// .env.example), as a unified diff per suggestion and as one combined patch `git apply`
// accepts. Fixes never copy a secret anywhere.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/source_files.hpp"
#include "engine/findings.hpp"
#include "fix/edit.hpp"
#include "model/model.hpp"

namespace shipshape::fix {

struct FileChange {
  std::string path;         ///< as the user gave it
  bool created = false;     ///< a new file (e.g. .env.example)
  std::vector<Edit> edits;  ///< on the original text (offsets)
  std::string diff;         ///< unified diff of this file
};

struct Suggestion {
  std::string description;
  std::vector<FileChange> files;
  std::vector<std::string> advice;  ///< what the patch cannot do (rotate the secret, ...)
};

/// One suggestion per finding that has a safe fix, keyed by the finding's index.
/// `tier_policy`: the config defines network tiers (some fixes then need the user's choice).
std::map<size_t, Suggestion> suggest(const engine::Findings& findings, const model::Model& model,
                                     const SourceFiles& files, bool tier_policy = false);

/// Every fixable finding's fix composed into one patch; "" when there is none.
std::string combined_patch(const engine::Findings& findings, const model::Model& model,
                           const SourceFiles& files, bool tier_policy = false);

/// The ids of the rules that have a fix, sorted (the catalogue test checks each is a rule).
std::vector<std::string_view> fixable_rules();

}  // namespace shipshape::fix
