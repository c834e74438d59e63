#include "secrets/redaction.hpp"

#include <algorithm>

#include "core/base64.hpp"

namespace shipshape::secrets {

namespace {

// The base64 characters that encode `v` wherever it sits in a longer encoded text: for each of
// the three alignments, the characters whose six bits all come from `v` (a value at offset 1
// of a Secret's decoded text is encoded differently from the value alone).
std::vector<std::string> base64_cores(const std::string& v) {
  std::vector<std::string> out;
  for (size_t k = 0; k < 3; ++k) {
    std::string padded(k, '\0');
    padded += v;
    std::string enc = base64_encode(padded);
    size_t first = (8 * k + 5) / 6, end = (8 * (k + v.size())) / 6;
    if (end > first + 3) out.push_back(enc.substr(first, end - first));
  }
  return out;
}

}  // namespace

KnownSecrets::KnownSecrets(const std::vector<std::string>& values) {
  for (const auto& v : values) {
    if (v.size() < 3) continue;
    needles_.push_back(v);
    // As a whole value, and inside any longer base64 text: a secret at an offset of a
    // Secret's data, or followed by the newline of `echo ... | base64`.
    needles_.push_back(base64_encode(v));
    for (auto& core : base64_cores(v)) needles_.push_back(std::move(core));
  }
  std::sort(needles_.begin(), needles_.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  needles_.erase(std::unique(needles_.begin(), needles_.end()), needles_.end());
  for (uint32_t i = 0; i < needles_.size(); ++i) by_prefix_[key(needles_[i])].push_back(i);
}

void KnownSecrets::mask(std::string& line) const {
  if (by_prefix_.empty()) return;
  for (size_t i = 0; i + 3 <= line.size(); ++i) {
    auto it = by_prefix_.find(key(std::string_view(line).substr(i)));
    if (it == by_prefix_.end()) continue;
    for (uint32_t n : it->second)
      if (std::string_view(line).substr(i).starts_with(needles_[n])) {
        line.replace(i, needles_[n].size(), "****");
        i += 3;
        break;
      }
  }
}

}  // namespace shipshape::secrets
