// The Compose loader: a project (one file, or several merged as `docker compose -f a -f b`
// merges them) with its `.env`, env files, `extends` and `include`, into model workloads and
// networks.
#pragma once

#include <string>
#include <vector>

#include "load/input.hpp"
#include "model/model.hpp"

namespace shipshape::load {

struct ComposeProject {
  std::vector<std::string> files;  ///< merged in order; the first is the base
  std::string env_file;            ///< --env-file; "" means `.env` beside the first file
};

/// Loads one project. Errors (with positions) go to ctx; whatever loaded is added to `out`.
void load_compose(const ComposeProject& project, LoadContext& ctx, model::Model& out);

/// Loads compose text that was already read (standard input); `file` is registered.
void load_compose_text(const std::string& text, uint32_t file, LoadContext& ctx, model::Model& out);

}  // namespace shipshape::load
