// The Kubernetes loader: multi-document streams (rendered Helm included, with each
// document's `# Source:` template), List kinds, pod templates of every workload kind,
// Secrets, ConfigMaps, NetworkPolicies and RBAC objects.
#pragma once

#include <string>

#include "load/input.hpp"
#include "model/model.hpp"

namespace shipshape::load {

/// Loads a manifest stream already read into `text`; `file` is registered.
void load_kubernetes(const std::string& text, uint32_t file, LoadContext& ctx, model::Model& out);

/// Records the `# Source:` headers of a rendered Helm stream in ctx.files.
void record_helm_sources(std::string_view text, uint32_t file, SourceFiles& files);

}  // namespace shipshape::load
