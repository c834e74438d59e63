#include "load/compose_merge.hpp"

#include <algorithm>
#include <unordered_map>

namespace shipshape::load {

namespace {

class TreeInterpolator {
 public:
  TreeInterpolator(const Variables& vars, Arena& arena, std::vector<Error>& errors,
                   uint64_t max_added_bytes)
      : vars_(vars), arena_(arena), errors_(errors), budget_{max_added_bytes, max_added_bytes} {}

  const Node* run(const Node* n) {
    if (auto it = done_.find(n); it != done_.end()) return it->second;
    const Node* out = n;
    if (n->is_scalar() && n->tag.empty()) {
      out = scalar(n);
    } else if (n->is_seq()) {
      std::vector<const Node*> items;
      bool changed = false;
      for (const Node* i : n->items) {
        items.push_back(run(i));
        changed |= items.back() != i;
      }
      if (changed) {
        Node& copy = arena_.make(n->kind, n->at);
        copy = *n;
        copy.items = std::move(items);
        out = &copy;
      }
    } else if (n->is_map()) {
      std::vector<std::pair<const Node*, const Node*>> entries;
      bool changed = false;
      for (const auto& [k, v] : n->entries) {
        entries.emplace_back(k, run(v));
        changed |= entries.back().second != v;
      }
      if (changed) {
        Node& copy = arena_.make(n->kind, n->at);
        copy = *n;
        copy.entries = std::move(entries);
        out = &copy;
      }
    }
    done_.emplace(n, out);
    return out;
  }

 private:
  const Node* scalar(const Node* n) {
    if (exhausted_) return n;  // one error says the budget ran out; the rest stays as written
    auto r = interpolate(n->text, vars_, n->at, &budget_);
    if (!r) {
      exhausted_ = r.error().message.find("limits.max_interpolation_mb") != std::string::npos;
      errors_.push_back(r.error());
      return n;
    }
    if (!r->changed) return n;
    Node& copy = arena_.make(NodeKind::scalar, r->at);
    copy.text = std::move(r->value);
    copy.plain = n->plain;
    copy.origin = static_cast<uint8_t>(r->origin);
    return &copy;
  }

  const Variables& vars_;
  Arena& arena_;
  std::vector<Error>& errors_;
  InterpolationBudget budget_;
  bool exhausted_ = false;
  std::unordered_map<const Node*, const Node*> done_;
};

Node& scalar_node(Arena& arena, std::string text, Location at, const Node* like) {
  Node& n = arena.make(NodeKind::scalar, at);
  n.text = std::move(text);
  n.plain = like ? like->plain : true;
  n.origin = like ? like->origin : 0;
  return n;
}

// `- KEY=VALUE` items become KEY: VALUE entries; `- KEY` becomes KEY: null. The value node
// points at the value's column within the item.
const Node* list_to_map(const Node* list, Arena& arena, bool split_equals) {
  Node& m = arena.make(NodeKind::mapping, list->at);
  for (const Node* item : list->items) {
    if (!item->is_scalar()) return list;  // leave it for the extractor to report
    const std::string& t = item->text;
    size_t eq = split_equals ? t.find('=') : std::string::npos;
    Node& key = scalar_node(arena, t.substr(0, eq), item->at, item);
    key.origin = 0;
    const Node* value;
    if (eq == std::string::npos) {
      value = &arena.make(NodeKind::null, item->at);
    } else {
      Location at = item->at;
      if (!item->origin) at.column += static_cast<uint32_t>(eq + 1 + (item->plain ? 0 : 1));
      value = &scalar_node(arena, t.substr(eq + 1), at, item);
    }
    m.entries.emplace_back(&key, value);
  }
  return &m;
}

bool is_tagged(const Node* n, std::string_view tag) { return n && n->tag == tag; }

// The unique key of an item of ports, volumes, secrets or configs (Compose "unique resources").
std::string unique_key(std::string_view field, const Node* item) {
  if (item->is_scalar()) {
    const std::string& t = item->text;
    if (field == "volumes") {
      size_t colon = t.find(':');
      if (colon == std::string::npos) return t;
      std::string rest = t.substr(colon + 1);
      return rest.substr(0, rest.find(':'));
    }
    return t;
  }
  if (!item->is_map()) return {};
  auto get = [&](std::string_view k) {
    const Node* v = item->find(k);
    return v && v->is_scalar() ? v->text : std::string();
  };
  if (field == "ports")
    return get("host_ip") + "|" + get("target") + "|" + get("published") + "|" + get("protocol");
  if (field == "volumes") return get("target");
  std::string target = get("target");
  return target.empty() ? get("source") : target;
}

const Node* merge_unique(const Node* base, const Node* over, std::string_view field, Arena& arena) {
  Node& out = arena.make(NodeKind::sequence, over->at);
  out.items = base->items;
  std::unordered_map<std::string, size_t> index;
  for (size_t i = 0; i < out.items.size(); ++i) index.emplace(unique_key(field, out.items[i]), i);
  for (const Node* item : over->items) {
    auto it = index.find(unique_key(field, item));
    if (it != index.end()) {
      out.items[it->second] = item;
    } else {
      index.emplace(unique_key(field, item), out.items.size());
      out.items.push_back(item);
    }
  }
  return &out;
}

}  // namespace

const Node* interpolate_tree(const Node* root, const Variables& vars, Arena& arena,
                             std::vector<Error>& errors, uint64_t max_added_bytes) {
  return TreeInterpolator(vars, arena, errors, max_added_bytes).run(root);
}

const Node* normalize_service(const Node* service, Arena& arena) {
  if (!service->is_map()) return service;
  bool changed = false;
  std::vector<std::pair<const Node*, const Node*>> entries;
  for (const auto& [k, v] : service->entries) {
    const Node* nv = v;
    if (k->is_scalar() && v->is_seq()) {
      const std::string& key = k->text;
      if (key == "environment" || key == "labels" || key == "annotations" || key == "sysctls")
        nv = list_to_map(v, arena, true);
      else if (key == "depends_on" || key == "networks") nv = list_to_map(v, arena, false);
    }
    changed |= nv != v;
    entries.emplace_back(k, nv);
  }
  if (!changed) return service;
  Node& copy = arena.make(NodeKind::mapping, service->at);
  copy = *service;
  copy.entries = std::move(entries);
  return &copy;
}

const Node* without_key(const Node* map, std::string_view key, Arena& arena) {
  Node& copy = arena.make(NodeKind::mapping, map->at);
  copy = *map;
  copy.entries.clear();
  for (const auto& e : map->entries)
    if (!(e.first->is_scalar() && e.first->text == key)) copy.entries.push_back(e);
  return &copy;
}

const Node* merge_compose(const Node* base, const Node* over, std::string_view path, Arena& arena) {
  if (is_tagged(over, "!reset")) return nullptr;
  if (!base || is_tagged(over, "!override")) return over;
  std::string_view field = path.substr(path.find_last_of('.') + 1);
  bool service_level = path.starts_with("services.") &&
                       std::count(path.begin(), path.end(), '.') == 2;
  if (base->is_map() && over->is_map()) {
    Node& out = arena.make(NodeKind::mapping, over->at);
    std::unordered_map<std::string, size_t> index;
    for (const auto& e : base->entries) {
      if (e.first->is_scalar()) index.emplace(e.first->text, out.entries.size());
      out.entries.push_back(e);
    }
    std::vector<size_t> removed;
    for (const auto& [k, v] : over->entries) {
      auto it = k->is_scalar() ? index.find(k->text) : index.end();
      if (it == index.end()) {
        if (!is_tagged(v, "!reset")) out.entries.emplace_back(k, v);
        continue;
      }
      std::string sub = path.empty() ? k->text : std::string(path) + "." + k->text;
      const Node* merged = merge_compose(out.entries[it->second].second, v, sub, arena);
      if (merged) out.entries[it->second] = {k, merged};
      else removed.push_back(it->second);
    }
    for (auto r = removed.rbegin(); r != removed.rend(); ++r)
      out.entries.erase(out.entries.begin() + static_cast<long>(*r));
    return &out;
  }
  if (base->is_seq() && over->is_seq()) {
    if (service_level && (field == "command" || field == "entrypoint")) return over;
    if (path.ends_with(".healthcheck.test")) return over;
    if (service_level &&
        (field == "ports" || field == "volumes" || field == "secrets" || field == "configs"))
      return merge_unique(base, over, field, arena);
    Node& out = arena.make(NodeKind::sequence, over->at);
    out.items = base->items;
    out.items.insert(out.items.end(), over->items.begin(), over->items.end());
    return &out;
  }
  return over;
}

}  // namespace shipshape::load
