#include "rules/rule.hpp"

#include <mutex>

#include "rules/secret_candidates.hpp"

namespace shipshape::rules {

int Policy::tier_of_network(std::string_view network) const {
  for (size_t i = 0; i < tiers.size(); ++i)
    for (const auto& n : tiers[i].networks)
      if (n == network) return static_cast<int>(i);
  return -1;
}

int Policy::tier_index(std::string_view name) const {
  for (size_t i = 0; i < tiers.size(); ++i)
    if (tiers[i].name == name) return static_cast<int>(i);
  return -1;
}

bool plain_template(std::string_view format, size_t args) {
  size_t n = 0;
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] == '}') return false;
    if (format[i] != '{') continue;
    if (i + 1 == format.size() || format[i + 1] != '}') return false;
    ++n, ++i;
  }
  return n == args;
}

struct CheckContext::Cache {
  std::once_flag once;
  std::vector<FoundSecret> secrets;
};

std::shared_ptr<CheckContext::Cache> CheckContext::make_cache() {
  return std::make_shared<Cache>();
}

const std::vector<FoundSecret>& CheckContext::secrets() const {
  std::call_once(cache->once, [&] { cache->secrets = find_secrets(model, *policy.detector); });
  return cache->secrets;
}

}  // namespace shipshape::rules
