// The rules/*.yaml files, embedded into the binary at build time.
#pragma once

#include <string_view>
#include <vector>

namespace shipshape::rules {

struct EmbeddedFile {
  std::string_view name;  ///< e.g. "SS201-privileged.yaml"
  std::string_view text;
};

const std::vector<EmbeddedFile>& embedded_rule_files();

}  // namespace shipshape::rules
