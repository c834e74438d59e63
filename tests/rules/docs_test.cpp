// docs/rules/ is generated from rules/*.yaml; a stale page fails here.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "report/docs.hpp"

namespace {

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("docs: every rule page and the index match the catalogue") {
  std::filesystem::path dir = std::filesystem::path(SHIPSHAPE_SOURCE_DIR) / "docs" / "rules";
  const char* fix = "regenerate with: build/shipshape rules --write-docs docs/rules";
  for (const auto& r : shipshape::catalog::rules()) {
    std::string name = fmt::format("{}-{}.md", r.id, r.slug);
    auto page = dir / name;
    CHECK_MESSAGE(slurp(page) == shipshape::report::rule_page(r), page << " is stale; " << fix);
    CHECK_MESSAGE(r.help_uri == "docs/rules/" + name, r.id << " help_uri");
  }
  CHECK_MESSAGE(slurp(dir / "README.md") == shipshape::report::rules_index(), fix);
}
