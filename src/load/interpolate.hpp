// Compose interpolation ($VAR, ${VAR}, ${VAR:-d}, ${VAR-d}, ${VAR:?e}, ${VAR?e}, ${VAR:+a},
// ${VAR+a}, $$) and the env-file format. Substituted text remembers where it was written,
// so a secret that arrives from `.env` is reported at its line in `.env`.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.hpp"
#include "core/location.hpp"
#include "model/model.hpp"

namespace shipshape::load {

/// A variable's value and where it was defined (an env-file line, or the environment).
struct Variable {
  std::string value;
  Location at;
  model::Origin origin = model::Origin::env_file;
};

using Variables = std::unordered_map<std::string, Variable>;

struct Interpolated {
  std::string value;
  model::Origin origin = model::Origin::literal;
  Location at;           ///< the env-file line when the value came from one, else the input's
  bool changed = false;  ///< any `$` was processed
};

/// What variables may add to one file when interpolated: a 30 KB compose file that names a
/// 1 MB variable two thousand times must not cost gigabytes. `left` counts down.
struct InterpolationBudget {
  uint64_t left;
  uint64_t limit;  ///< for the message
};

/// Interpolates one scalar written at `at`. Fails on malformed `${...}`, and when what the
/// variables add would exceed `budget`. A missing variable without default yields "" with
/// origin `unresolved` (a reference, not an error: a linter runs without the deployment's
/// secrets).
Expected<Interpolated> interpolate(std::string_view text, const Variables& vars, Location at,
                                   InterpolationBudget* budget = nullptr);

/// One line of an env file.
struct EnvEntry {
  std::string name;
  std::string value;
  bool has_value = false;  ///< `KEY` alone takes its value from the environment
  Location at;             ///< the line, column of the key
  Location value_at;       ///< where the value text starts
};

/// Parses the env-file format used by `.env` and `env_file:` (KEY=VALUE, `export`, quotes,
/// comments). Errors name the line.
Expected<std::vector<EnvEntry>> parse_env_file(std::string_view text, uint32_t file);

}  // namespace shipshape::load
