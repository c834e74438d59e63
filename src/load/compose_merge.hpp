// Compose tree operations before the model is extracted: interpolation over a whole file,
// normalisation of list forms (environment, labels, depends_on, networks) to mappings, and
// the Compose Specification's merge rules used by `-f a -f b`, overrides and `extends`.
// New nodes keep the positions of the text they came from.
#pragma once

#include <string_view>

#include "load/interpolate.hpp"
#include "load/yaml_tree.hpp"

namespace shipshape::load {

/// Interpolates every scalar value (not keys) of a compose file. Errors go to `errors`;
/// the offending scalar is kept as written.
const Node* interpolate_tree(const Node* root, const Variables& vars, Arena& arena,
                             std::vector<Error>& errors, uint64_t max_added_bytes);

/// Rewrites list forms of one service's environment, labels, annotations, depends_on and
/// networks as mappings, so that merging and extraction see one form.
const Node* normalize_service(const Node* service, Arena& arena);

/// Merges `over` onto `base` at the given key path ("services.api" etc.) by the Compose
/// Specification rules. Returns nullptr when `over` is tagged `!reset`.
const Node* merge_compose(const Node* base, const Node* over, std::string_view path, Arena& arena);

/// A copy of a mapping without one key.
const Node* without_key(const Node* map, std::string_view key, Arena& arena);

}  // namespace shipshape::load
