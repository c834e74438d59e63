// Health-check helpers shared by the health rules.
#pragma once

#include <string>

#include "model/model.hpp"

namespace shipshape::rules {

/// A compose service meant to run once (`restart: "no"` with its own command): no healthcheck due.
bool is_one_shot(const model::Workload& w);
/// A long-running Kubernetes workload kind (Deployment, StatefulSet, DaemonSet, ReplicaSet,
/// Pod...).
bool is_long_running_kind(const std::string& kind);
/// The compose healthcheck of a container, or nullptr.
const model::Probe* healthcheck(const model::Container& c);
/// Why a check can never fail ("it runs `exit 0`"), or "" when it can.
std::string always_passes(const model::Probe& p);

}  // namespace shipshape::rules
