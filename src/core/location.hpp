// Source positions: where in which input a model element or finding is written.
// Every model field a rule can point at is a Sourced<T> carrying a NodeRef.
#pragma once

#include <compare>
#include <cstdint>
#include <string>

namespace shipshape {

/// A 1-based position in a registered source file (see SourceFiles). line == 0 means unknown.
struct Location {
  uint32_t file = 0;
  uint32_t line = 0;
  uint32_t column = 0;

  bool known() const { return line != 0; }
  auto operator<=>(const Location&) const = default;
};

/// A position plus the logical key path of the element, e.g. `services.api.volumes[0]`.
/// Lines go to text output and SARIF regions; paths go to fingerprints.
struct NodeRef {
  Location at;
  std::string path;
};

/// A value together with where it is written. `set` is false when the key was absent.
template <class T>
struct Sourced {
  T value{};
  NodeRef ref;
  bool set = false;
};

}  // namespace shipshape
