#include "load/yaml_tree.hpp"

#include <doctest/doctest.h>

#include <string>

using shipshape::load::Arena;
using shipshape::load::Node;
using shipshape::load::parse_yaml;

namespace {

struct Parsed {
  Arena arena;
  shipshape::load::YamlParse result;
  explicit Parsed(const std::string& text) { result = parse_yaml(text, 7, arena); }
  const Node* root() const { return result.documents.at(0); }
  std::string error() const { return result.errors.empty() ? "" : result.errors[0].message; }
};

}  // namespace

TEST_CASE("yaml tree: positions are 1-based and point at the text") {
  Parsed p("# c\nservices:\n  api:\n    image: \"nginx\"\n    privileged: true\n");
  REQUIRE(p.result.errors.empty());
  const Node* api = p.root()->find("services")->find("api");
  const Node* image = api->find("image");
  CHECK(image->text == "nginx");
  CHECK_FALSE(image->plain);
  CHECK(image->at.file == 7);
  CHECK(image->at.line == 4);
  CHECK(image->at.column == 12);
  const Node* priv = api->find("privileged");
  CHECK(priv->plain);
  CHECK(priv->at.line == 5);
  CHECK(priv->at.column == 17);
}

TEST_CASE("yaml tree: merge keys / explicit keys win / then earlier sources") {
  Parsed p(
      "a: &a {x: 1, y: 1}\n"
      "b: &b {x: 2, z: 2}\n"
      "c:\n"
      "  <<: [*a, *b]\n"
      "  y: 3\n"
      "d:\n"
      "  <<: *b\n");
  REQUIRE(p.result.errors.empty());
  const Node* c = p.root()->find("c");
  CHECK(c->find("<<") == nullptr);
  CHECK(c->find("x")->text == "1");
  CHECK(c->find("x")->at.line == 1);  // points where the merged value is written
  CHECK(c->find("y")->text == "3");
  CHECK(c->find("z")->text == "2");
  CHECK(p.root()->find("d")->find("z")->at.line == 2);
}

TEST_CASE("yaml tree: a merge key needs mappings") {
  Parsed p("a: &a [1]\nb:\n  <<: *a\n");
  CHECK(p.error() == "merge key '<<' needs a mapping or a list of mappings");
}

TEST_CASE("yaml tree: duplicate keys are rejected naming both lines") {
  Parsed p("services:\n  api:\n    privileged: false\n    image: x\n    privileged: true\n");
  REQUIRE(p.result.errors.size() == 1);
  CHECK(p.error() == "duplicate key 'privileged' (first defined at line 3)");
  CHECK(p.result.errors[0].at.line == 5);
  CHECK(p.result.errors[0].at.column == 5);
}

TEST_CASE("yaml tree: a node that contains itself is an error / not a hang") {
  Parsed p("a: &a [*a]\n");
  CHECK(p.error() == "a node contains itself through an alias (recursive anchor)");
  CHECK(p.result.errors[0].at.line == 1);
}

TEST_CASE("yaml tree: an alias bomb is stopped by the expansion budget") {
  std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 10; ++i) {
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int k = 0; k < 9; ++k) text += (k ? ", *a" : "*a") + std::to_string(i - 1);
    text += "]\n";
  }
  Parsed p(text);
  CHECK(p.error().find(
            "aliases expand this file to more than 500000 nodes (limits.max_alias_nodes)") !=
        std::string::npos);
}

TEST_CASE("yaml tree: 100000 levels of nesting fail cleanly") {
  std::string text = "a: " + std::string(100000, '[') + std::string(100000, ']') + "\n";
  Parsed p(text);
  CHECK(p.error().find("nesting deeper than") != std::string::npos);
  std::string block;
  for (int i = 0; i < 3000; ++i) block += std::string(static_cast<size_t>(i) * 2, ' ') + "k:\n";
  Parsed q(block);
  CHECK(q.error().find("nesting deeper than") != std::string::npos);
}

TEST_CASE("yaml tree: syntax errors keep earlier documents and name the position") {
  Parsed p("a: 1\n---\nb: [1, 2\n");
  CHECK(p.result.documents.size() == 1);
  REQUIRE(p.result.errors.size() == 1);
  CHECK(p.error().starts_with("invalid YAML: "));
  CHECK(p.result.errors[0].at.line >= 3);
}

TEST_CASE("yaml tree: tags / nulls and quoted nulls") {
  Parsed p("pw: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\na: ~\nb:\nc: 'null'\n");
  REQUIRE(p.result.errors.empty());
  CHECK(p.root()->find("pw")->tag == "!vault");
  CHECK(p.root()->find("a")->is_null());
  CHECK(p.root()->find("b")->is_null());
  CHECK(p.root()->find("c")->is_scalar());
}
