#include "catalog/catalog.hpp"

namespace shipshape::catalog {

const RuleMeta* find_rule(std::string_view id_or_slug) {
  for (const RuleMeta& m : rules())
    if (m.id == id_or_slug || m.slug == id_or_slug) return &m;
  return nullptr;
}

const Framework* find_framework(std::string_view id) {
  for (const Framework& f : frameworks())
    if (f.id == id) return &f;
  return nullptr;
}

}  // namespace shipshape::catalog
