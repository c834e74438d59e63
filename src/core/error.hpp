// Errors as values: exceptions from libraries stop at the boundary that called them
// and become an Error with a position.
#pragma once

#include <string>
#include <utility>
#include <variant>

#include "core/location.hpp"

namespace shipshape {

/// A load, config or usage problem at a position (file 0 / line 0 when there is none).
struct Error {
  std::string message;
  Location at;
  bool not_text = false;  ///< the input is binary or not UTF-8 (a directory walk skips such files)
};

/// A value or an Error. Small on purpose: std::expected needs C++23.
template <class T>
class Expected {
 public:
  Expected(T value) : v_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Expected(Error e) : v_(std::move(e)) {}      // NOLINT(google-explicit-constructor)

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

}  // namespace shipshape
