#include "load/keyed.hpp"

#include "load/interpolate.hpp"

#include <fmt/format.h>

#include <map>
#include <set>

#include "load/reader.hpp"

namespace shipshape::load {

namespace {

bool is_vault_text(std::string_view s) { return s.starts_with("$ANSIBLE_VAULT;"); }

model::KeyedScalar keyed(const Node* n, const std::string& path, const std::string& key) {
  model::KeyedScalar k;
  k.key = key;
  k.value = to_text(n, path);
  k.encrypted = n->tag == "!vault" || is_vault_text(n->text);
  return k;
}

const std::set<std::string_view> kGroupKeys = {"hosts", "children", "vars"};

bool is_ansible_group(const Node* n) {
  if (!n || !n->is_map()) return n && n->is_null();
  for (const auto& [k, v] : n->entries)
    if (!k->is_scalar() || !kGroupKeys.count(k->text)) return false;
  return true;
}

class InventoryBuilder {
 public:
  explicit InventoryBuilder(model::Inventory& inv) : inv_(inv) {}

  void group(const Node* g, const std::string& path, int depth) {
    if (!g || !g->is_map() || depth > 64) return;
    if (const Node* hosts = g->find("hosts"); hosts && hosts->is_map())
      for (const auto& [k, v] : hosts->entries) {
        if (!k->is_scalar()) continue;
        host(k->text, k, path + ".hosts." + k->text);
      }
    if (const Node* children = g->find("children"); children && children->is_map())
      for (const auto& [k, v] : children->entries)
        if (k->is_scalar()) group(v, path + ".children." + k->text, depth + 1);
  }

  model::InventoryHost& host(const std::string& name, const Node* at, const std::string& path) {
    if (auto it = index_.find(name); it != index_.end()) return inv_.hosts[it->second];
    index_[name] = inv_.hosts.size();
    model::InventoryHost h;
    h.name = name;
    h.ref = Reader::ref(at, path);
    inv_.hosts.push_back(std::move(h));
    return inv_.hosts.back();
  }

 private:
  model::Inventory& inv_;
  std::map<std::string, size_t> index_;
};

// Ad-hoc inventories: an entry whose mapping has an address key is a host.
void adhoc_hosts(const Node* n, const std::string& path, model::Inventory& inv, int depth) {
  if (!n->is_map() || depth > 16) return;
  for (const auto& [k, v] : n->entries) {
    if (!k->is_scalar() || !v->is_map()) continue;
    std::string p = child_path(path, k->text);
    if (v->find("ip") || v->find("ansible_host") || v->find("hostname") || v->find("host")) {
      model::InventoryHost h;
      h.name = k->text;
      h.ref = Reader::ref(k, p);
      inv.hosts.push_back(std::move(h));
    } else {
      adhoc_hosts(v, p, inv, depth + 1);
    }
  }
}

}  // namespace

void flatten(const Node* n, const std::string& path, const std::string& key,
             std::vector<model::KeyedScalar>& out) {
  if (n->is_scalar()) {
    out.push_back(keyed(n, path, key));
  } else if (n->is_seq()) {
    for (size_t i = 0; i < n->items.size(); ++i) flatten(n->items[i], item_path(path, i), key, out);
  } else if (n->is_map()) {
    for (const auto& [k, v] : n->entries)
      if (k->is_scalar()) flatten(v, child_path(path, k->text), k->text, out);
  }
}

void load_values(const std::string& text, uint32_t file, LoadContext& ctx, model::Model& out) {
  Arena arena;
  YamlParse parsed = parse_yaml(text, file, arena, ctx.limits.yaml);
  for (auto& e : parsed.errors) ctx.errors.push_back(e);
  for (const Node* doc : parsed.documents) {
    if (doc->is_null()) continue;
    if (doc->is_scalar()) {
      ctx.error(
          "expected a mapping (a compose file, Kubernetes manifest, values file or "
          "inventory), got a scalar",
          doc->at);
      continue;
    }
    model::ValuesDocument v;
    flatten(doc, "", "", v.scalars);
    out.values.push_back(std::move(v));
  }
}

void load_env_values(const std::string& text, uint32_t file, LoadContext& ctx, model::Model& out) {
  auto entries = parse_env_file(text, file);
  if (!entries) {
    ctx.errors.push_back(entries.error());
    return;
  }
  model::ValuesDocument v;
  v.subject = "env file";
  for (const auto& e : *entries) {
    if (!e.has_value) continue;
    model::KeyedScalar k;
    k.key = e.name;
    k.value = model::Text{e.value, NodeRef{e.value_at, e.name}, model::Origin::literal, true};
    k.encrypted = is_vault_text(e.value);
    v.scalars.push_back(std::move(k));
  }
  out.values.push_back(std::move(v));
}

void load_inventory_yaml(const std::string& text, uint32_t file, LoadContext& ctx,
                         model::Model& out, const std::string& vars_of, bool host_vars) {
  Arena arena;
  YamlParse parsed = parse_yaml(text, file, arena, ctx.limits.yaml);
  for (auto& e : parsed.errors) ctx.errors.push_back(e);
  for (const Node* doc : parsed.documents) {
    if (doc->is_null()) continue;
    model::Inventory inv;
    if (!doc->is_map()) {
      ctx.error(fmt::format("expected an inventory (a mapping), got {}", doc->describe()), doc->at);
      continue;
    }
    flatten(doc, "", "", inv.scalars);
    if (!vars_of.empty()) {
      if (host_vars) {  // host_vars/NAME.yml: the host is the file
        model::InventoryHost h;
        h.name = vars_of;
        h.ref = Reader::ref(doc, "");
        inv.hosts.push_back(std::move(h));
      }
    } else {
      bool ansible = true;
      for (const auto& [k, v] : doc->entries) ansible = ansible && is_ansible_group(v);
      if (ansible) {
        InventoryBuilder b(inv);
        for (const auto& [k, v] : doc->entries)
          if (k->is_scalar()) b.group(v, k->text, 0);
      } else {
        adhoc_hosts(doc, "", inv, 0);
      }
    }
    out.inventories.push_back(std::move(inv));
  }
}

bool looks_like_ini_inventory(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view l = text.substr(pos, eol - pos);
    pos = eol + 1;
    while (!l.empty() && (l.front() == ' ' || l.front() == '\t')) l.remove_prefix(1);
    if (l.empty() || l.front() == '#' || l.front() == ';') continue;
    return l.front() == '[' && l.find(']') != std::string_view::npos &&
           l.find(": ") == std::string_view::npos;
  }
  return false;
}

void load_inventory_ini(const std::string& text, uint32_t file, LoadContext& ctx,
                        model::Model& out) {
  model::Inventory inv;
  std::map<std::string, size_t> hosts;
  std::string group = "ungrouped";
  std::string section = "hosts";  // hosts | vars | children
  uint32_t line_no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string::npos) eol = text.size();
    std::string_view line(text.data() + pos, eol - pos);
    pos = eol + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    size_t indent = 0;
    while (indent < line.size() && (line[indent] == ' ' || line[indent] == '\t')) ++indent;
    std::string_view l = line.substr(indent);
    if (l.empty() || l.front() == '#' || l.front() == ';') continue;
    if (l.front() == '[') {
      size_t close = l.find(']');
      if (close == std::string_view::npos) {
        ctx.error("invalid inventory section header: missing ']'", Location{file, line_no, 1});
        continue;
      }
      std::string_view name = l.substr(1, close - 1);
      size_t colon = name.find(':');
      group = std::string(name.substr(0, colon));
      section = colon == std::string_view::npos ? "hosts" : std::string(name.substr(colon + 1));
      continue;
    }
    // Split "name key=value key='v w'" into words, honouring quotes.
    std::vector<std::pair<std::string, uint32_t>> words;
    for (size_t i = 0; i < l.size();) {
      while (i < l.size() && (l[i] == ' ' || l[i] == '\t')) ++i;
      if (i >= l.size() || l[i] == '#') break;
      size_t start = i;
      std::string w;
      char q = 0;
      for (; i < l.size() && (q || (l[i] != ' ' && l[i] != '\t')); ++i) {
        if (!q && (l[i] == '"' || l[i] == '\'')) q = l[i];
        else if (q && l[i] == q) q = 0;
        else w += l[i];
      }
      words.emplace_back(std::move(w), static_cast<uint32_t>(indent + start + 1));
    }
    if (words.empty()) continue;
    auto add_var = [&](const std::pair<std::string, uint32_t>& word,
                       const std::string& path_prefix) {
      size_t eq = word.first.find('=');
      if (eq == std::string::npos) return;
      model::KeyedScalar k;
      k.key = word.first.substr(0, eq);
      k.value.value = word.first.substr(eq + 1);
      k.value.set = true;
      k.value.ref = NodeRef{Location{file, line_no, word.second + static_cast<uint32_t>(eq) + 1},
                            path_prefix + "." + k.key};
      k.encrypted = is_vault_text(k.value.value);
      inv.scalars.push_back(std::move(k));
    };
    if (section == "vars") {
      add_var(words.front(), group + ".vars");
    } else if (section == "hosts") {
      const std::string& name = words.front().first;
      auto [it, added] = hosts.emplace(name, inv.hosts.size());
      if (added) {
        model::InventoryHost h;
        h.name = name;
        h.ref = NodeRef{Location{file, line_no, words.front().second}, group + ".hosts." + name};
        inv.hosts.push_back(std::move(h));
      }
      for (size_t i = 1; i < words.size(); ++i) add_var(words[i], group + ".hosts." + name);
    }
  }
  out.inventories.push_back(std::move(inv));
}

}  // namespace shipshape::load
