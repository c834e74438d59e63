#include "rules/registry.hpp"

namespace shipshape::rules {

void check_load_note(const CheckContext&, engine::FindingSink&);
void check_privileged(const CheckContext&, engine::FindingSink&);

namespace {

constexpr RuleEntry kRules[] = {
    {"SS001", check_load_note},
    {"SS201", check_privileged},
};

}  // namespace

std::span<const RuleEntry> registry() { return kRules; }

}  // namespace shipshape::rules
