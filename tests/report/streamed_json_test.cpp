// write_streamed prints exactly what json_text prints for the whole document.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "report/report.hpp"

using Json = nlohmann::ordered_json;
using shipshape::report::array_placeholder;
using shipshape::report::json_text;
using shipshape::report::StreamedArray;
using shipshape::report::write_streamed;

namespace {

// The document with `arrays` in place, written whole and written streamed.
void check_same(Json doc, const std::vector<std::pair<std::string, Json>>& arrays,
                const std::function<Json&(Json&, const std::string&)>& slot) {
  Json whole = doc;
  std::vector<StreamedArray<Json>> streamed;
  for (const auto& [name, items] : arrays) {
    slot(whole, name) = items;
    slot(doc, name) = array_placeholder(name);
    streamed.push_back(
        {array_placeholder(name), items.size(), [items](size_t i) { return items[i]; }});
  }
  std::ostringstream out;
  write_streamed(doc, streamed, out);
  CHECK(out.str() == json_text(whole));
}

}  // namespace

TEST_CASE("streamed JSON: the same bytes as the whole document") {
  Json item1 = {{"ruleId", "SS101"},
                {"related", Json::array({{{"line", 3}}, {{"line", 9}}})},
                {"fix", {{"files", Json::array()}, {"advice", Json::array({"a", "b"})}}}};
  Json item2 = {{"ruleId", "SS202"}, {"message", "caf\xc3\xa9 \"quoted\"\nline"}};
  auto top = [](Json& d, const std::string& k) -> Json& { return d[k]; };
  auto deep = [](Json& d, const std::string& k) -> Json& { return d["runs"][0][k]; };

  check_same({{"version", 1}}, {{"findings", Json::array({item1, item2})}}, top);
  check_same({{"version", 1}}, {{"findings", Json::array()}}, top);
  check_same({{"version", 1}, {"tail", {{"x", 1}}}},
             {{"findings", Json::array({item2})}, {"suppressed", Json::array({item1, item1})}},
             top);
  check_same({{"runs", Json::array({{{"tool", "t"}}})}, {"end", true}},
             {{"results", Json::array({item1, 7, "s", item2})}}, deep);
  check_same({{"runs", Json::array({{{"tool", "t"}}})}}, {{"results", Json::array()}}, deep);
}
