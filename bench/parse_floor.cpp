// The parse floor: yaml-cpp LoadAll and a walk over every scalar, file by file — what any
// linter built on yaml-cpp pays at least. ci/bench.sh compares shipshape with it.
#include <yaml-cpp/yaml.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

size_t walk(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Scalar: return n.Scalar().size();
    case YAML::NodeType::Sequence: {
      size_t s = 0;
      for (const auto& i : n) s += walk(i);
      return s;
    }
    case YAML::NodeType::Map: {
      size_t s = 0;
      for (const auto& kv : n) s += walk(kv.first) + walk(kv.second);
      return s;
    }
    default: return 0;
  }
}

}  // namespace

int main(int argc, char** argv) {
  size_t files = 0, bytes = 0, scalar_bytes = 0;
  for (int a = 1; a < argc; ++a)
    for (const auto& e : std::filesystem::recursive_directory_iterator(argv[a])) {
      auto p = e.path();
      if (!e.is_regular_file() || (p.extension() != ".yaml" && p.extension() != ".yml")) continue;
      std::ifstream in(p, std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      std::string text = ss.str();
      bytes += text.size();
      ++files;
      try {
        for (const auto& doc : YAML::LoadAll(text)) scalar_bytes += walk(doc);
      } catch (const YAML::Exception&) {
      }
    }
  std::printf("%zu files, %zu bytes, %zu scalar bytes\n", files, bytes, scalar_bytes);
}
