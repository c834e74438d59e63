#include "load/reader.hpp"

#include <fmt/format.h>

namespace shipshape::load {

std::string shown(const Node* n) {
  if (n->is_null()) return "null";
  if (!n->is_scalar()) return std::string(n->describe());
  const std::string& t = n->text;
  bool harmless = t.size() <= 16 && !t.empty();
  for (char c : t)
    harmless = harmless &&
               ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == ' ' || c == '.');
  if (!harmless) {
    bool digits = !t.empty() && t.size() <= 6;
    for (char c : t) digits = digits && c >= '0' && c <= '9';
    harmless = digits;
  }
  return harmless ? fmt::format("'{}'", t) : std::string(n->plain ? "a scalar" : "a string");
}

std::string child_path(std::string_view path, std::string_view key) {
  if (path.empty()) return std::string(key);
  std::string out;
  out.reserve(path.size() + key.size() + 1);
  out.append(path).append(".").append(key);
  return out;
}

std::string item_path(std::string_view path, size_t index) {
  return fmt::format("{}[{}]", path, index);
}

model::Text to_text(const Node* n, std::string_view path) {
  model::Text t;
  t.value = n->text;
  t.ref = NodeRef{n->at, std::string(path)};
  t.origin = static_cast<model::Origin>(n->origin);
  t.set = true;
  return t;
}

void Reader::type_error(const Node* n, std::string_view path, std::string_view what) {
  ctx_.error(fmt::format("{}: expected {}, got {}", path, what, shown(n)), n->at);
}

bool Reader::is_map(const Node* n, std::string_view path) {
  if (!n || n->is_null()) return false;
  if (n->is_map()) return true;
  type_error(n, path, "a mapping");
  return false;
}

bool Reader::is_seq(const Node* n, std::string_view path) {
  if (!n || n->is_null()) return false;
  if (n->is_seq()) return true;
  type_error(n, path, "a sequence");
  return false;
}

Sourced<bool> Reader::boolean(const Node* n, std::string_view path) {
  Sourced<bool> out;
  if (!n || n->is_null()) return out;
  bool v = false;
  if (n->is_scalar() && is_bool_text(n->text, &v)) {
    out.value = v;
    out.ref = ref(n, path);
    out.set = true;
  } else {
    type_error(n, path, "a boolean");
  }
  return out;
}

model::Text Reader::text(const Node* n, std::string_view path) {
  if (!n || n->is_null()) return {};
  if (!n->is_scalar()) {
    type_error(n, path, "a scalar");
    return {};
  }
  return to_text(n, path);
}

std::vector<model::Text> Reader::texts(const Node* n, std::string_view path, bool scalar_ok) {
  std::vector<model::Text> out;
  if (!n || n->is_null()) return out;
  if (n->is_scalar() && scalar_ok) {
    out.push_back(to_text(n, path));
    return out;
  }
  if (!n->is_seq()) {
    type_error(n, path, scalar_ok ? "a string or a sequence" : "a sequence");
    return out;
  }
  for (size_t i = 0; i < n->items.size(); ++i) {
    auto t = text(n->items[i], item_path(path, i));
    if (t.set) out.push_back(std::move(t));
  }
  return out;
}

std::vector<model::Text> Reader::command(const Node* n, std::string_view path) {
  return texts(n, path, true);
}

}  // namespace shipshape::load
