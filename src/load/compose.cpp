#include "load/compose.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <set>

#include "load/compose_merge.hpp"
#include "load/compose_service.hpp"
#include "load/reader.hpp"

extern char** environ;

namespace shipshape::load {

namespace {

using model::Origin;

class ComposeLoader {
 public:
  ComposeLoader(LoadContext& ctx, model::Model& out) : ctx_(ctx), rd_(ctx), out_(out) {}

  void load(const ComposeProject& p) {
    const Node* root = project_root(p.files, p.env_file, 0);
    if (root) extract(root, project_name(root, p.files.front()));
  }

  void load_text(const std::string& text, uint32_t file) {
    ctx_.saw_text(text, file);
    Variables vars = environment();
    const Node* root = parse_root(text, file, vars);
    if (!root) return;
    root = resolve_all_extends(root, ".");
    extract(root, project_name(root, "."));
  }

 private:
  static Variables environment() {
    Variables vars;
    for (char** e = environ; e && *e; ++e) {
      std::string_view kv(*e);
      size_t eq = kv.find('=');
      if (eq == std::string_view::npos) continue;
      vars[std::string(kv.substr(0, eq))] =
          Variable{std::string(kv.substr(eq + 1)), Location{}, Origin::environment};
    }
    return vars;
  }

  // The shell environment wins over `.env`, as in docker compose.
  Variables variables(const std::string& env_file, const std::string& dir) {
    Variables vars = environment();
    std::string path = env_file.empty() ? join_path(dir, ".env") : env_file;
    if (env_file.empty() && !std::filesystem::is_regular_file(path)) return vars;
    if (ctx_.boundary && !ctx_.boundary->admits(path)) {
      uint32_t unread = ctx_.files.add_unread(path);
      ctx_.errors.push_back(*ctx_.boundary->refuse(path, "the env file", Location{unread, 1, 1}));
      return vars;
    }
    uint32_t id = ctx_.files.add(path, InputKind::compose);
    auto text = read_file(path, id, ctx_.limits.max_env_file_bytes, "limits.max_env_file_kb");
    if (!text) {
      ctx_.errors.push_back(text.error());
      return vars;
    }
    ctx_.saw_text(*text, id);
    auto entries = parse_env_file(*text, id);
    if (!entries) {
      ctx_.errors.push_back(entries.error());
      return vars;
    }
    for (const auto& e : *entries)
      if (e.has_value && !vars.count(e.name))
        vars[e.name] = Variable{e.value, e.value_at, Origin::env_file};
    return vars;
  }

  const Node* parse_root(const std::string& text, uint32_t file, const Variables& vars) {
    YamlParse parsed = parse_yaml(text, file, arena_, ctx_.limits.yaml);
    for (auto& e : parsed.errors) ctx_.errors.push_back(e);
    if (!parsed.errors.empty()) return nullptr;
    const Node* root = nullptr;
    for (const Node* doc : parsed.documents) {
      if (doc->is_null()) continue;
      if (!doc->is_map()) {
        rd_.error(fmt::format("expected a compose file (a mapping with 'services'), got {}",
                              doc->describe()),
                  doc->at);
        return nullptr;
      }
      root = root ? merge_compose(root, doc, "", arena_) : doc;
    }
    if (!root) return nullptr;
    root = interpolate_tree(root, vars, arena_, ctx_.errors, ctx_.limits.max_interpolation_bytes);
    return normalize_services(root);
  }

  const Node* normalize_services(const Node* root) {
    const Node* services = root->find("services");
    if (!services || services->is_null()) return root;
    if (!services->is_map()) {
      rd_.type_error(services, "services", "a mapping");
      return without_key(root, "services", arena_);
    }
    Node& s = arena_.make(NodeKind::mapping, services->at);
    s = *services;
    for (auto& e : s.entries) e.second = normalize_service(e.second, arena_);
    Node& r = arena_.make(NodeKind::mapping, root->at);
    r = *root;
    for (auto& e : r.entries)
      if (e.first->is_scalar() && e.first->text == "services") e.second = &s;
    return &r;
  }

  const Node* read_root(const std::string& path, const Variables& vars, Location from) {
    if (auto it = cache_.find(path); it != cache_.end()) return it->second;
    if (ctx_.boundary && !ctx_.boundary->admits(path)) {
      Location at = from.known() ? from : Location{ctx_.files.add_unread(path), 1, 1};
      ctx_.errors.push_back(*ctx_.boundary->refuse(path, "the compose file", at));
      return cache_[path] = nullptr;
    }
    uint32_t id = ctx_.files.add(path, InputKind::compose);
    auto text = read_file(path, id, ctx_.limits.max_file_bytes);
    if (!text) {
      Error e = text.error();
      if (from.known()) e = Error{fmt::format("cannot load '{}': {}", path, e.message), from};
      ctx_.errors.push_back(e);
      return cache_[path] = nullptr;
    }
    ctx_.saw_text(*text, id);
    return cache_[path] = parse_root(*text, id, vars);
  }

  const Node* project_root(const std::vector<std::string>& files, const std::string& env_file,
                           int depth, Location from = {}) {
    Variables vars = variables(env_file, dir_of(files.front()));
    const Node* root = nullptr;
    for (const auto& f : files) {
      const Node* r = read_root(f, vars, from);
      if (!r) return nullptr;
      root = root ? merge_compose(root, r, "", arena_) : r;
      if (!root) {  // `!reset` on a whole file: docker compose is left with no project at all
        rd_.error(
            "this file resets the whole project (!reset at its root): nothing is left to lint",
            r->at);
        return nullptr;
      }
    }
    if (!root) return nullptr;  // no file named: nothing to merge
    root = apply_includes(root, depth);
    return resolve_all_extends(root, files.front());
  }

  const Node* apply_includes(const Node* root, int depth) {
    const Node* inc = root->find("include");
    if (!inc || !rd_.is_seq(inc, "include")) return root;
    if (depth > 8) {
      rd_.error("include nested more than 8 levels deep (a cycle?)", inc->at);
      return root;
    }
    for (size_t i = 0; i < inc->items.size(); ++i) {
      const Node* item = inc->items[i];
      std::string dir = dir_of(ctx_.files.path(item->at.file));
      std::vector<std::string> paths;
      std::string env;
      if (item->is_scalar()) {
        paths.push_back(join_path(dir, item->text));
      } else if (rd_.is_map(item, item_path("include", i))) {
        for (const auto& t : rd_.texts(item->find("path"), "include.path", true))
          paths.push_back(join_path(dir, t.value));
        if (const Node* e = item->find("env_file"); e && e->is_scalar())
          env = join_path(dir, e->text);
      }
      if (paths.empty()) continue;
      std::string key = std::filesystem::weakly_canonical(paths.front()).string();
      if (std::find(including_.begin(), including_.end(), key) != including_.end()) {
        rd_.error(fmt::format("include cycle: '{}' includes itself", paths.front()), item->at);
        continue;
      }
      including_.push_back(key);
      const Node* sub = project_root(paths, env, depth + 1, item->at);
      including_.pop_back();
      if (sub) root = add_included(root, sub, item->at);
    }
    return root;
  }

  // Resources of an included project join this one; a name defined twice is an error.
  const Node* add_included(const Node* root, const Node* sub, Location at) {
    Node& r = arena_.make(NodeKind::mapping, root->at);
    r = *root;
    for (const char* section : {"services", "networks", "volumes", "secrets", "configs"}) {
      const Node* theirs = sub->find(section);
      if (!theirs || !theirs->is_map()) continue;
      const Node* ours = r.find(section);
      Node& merged = arena_.make(NodeKind::mapping, theirs->at);
      if (ours && ours->is_map()) merged.entries = ours->entries;
      for (const auto& e : theirs->entries) {
        if (merged.find(e.first->text)) {
          if (std::string_view(section) == "services")
            rd_.error(fmt::format("included service '{}' is already defined", e.first->text), at);
          continue;
        }
        merged.entries.push_back(e);
      }
      bool replaced = false;
      for (auto& e : r.entries)
        if (e.first->is_scalar() && e.first->text == section) {
          e.second = &merged;
          replaced = true;
        }
      if (!replaced) {
        Node& key = arena_.make(NodeKind::scalar, theirs->at);
        key.text = section;
        r.entries.emplace_back(&key, &merged);
      }
    }
    return &r;
  }

  const Node* resolve_all_extends(const Node* root, const std::string& where) {
    const Node* services = root->find("services");
    if (!services || !services->is_map()) return root;
    bool any = false;
    for (const auto& [k, v] : services->entries) any |= v->is_map() && v->find("extends");
    if (!any) return root;
    Node& s = arena_.make(NodeKind::mapping, services->at);
    s = *services;
    for (auto& e : s.entries) {
      if (!e.first->is_scalar()) continue;
      std::vector<std::string> stack;
      if (const Node* r = resolve_service(services, e.first->text, where, stack)) e.second = r;
    }
    Node& r = arena_.make(NodeKind::mapping, root->at);
    r = *root;
    for (auto& e : r.entries)
      if (e.first->is_scalar() && e.first->text == "services") e.second = &s;
    return &r;
  }

  const Node* resolve_service(const Node* services, const std::string& name,
                              const std::string& where, std::vector<std::string>& stack) {
    const Node* svc = services->find(name);
    if (!svc || !svc->is_map()) return svc;
    const Node* ext = svc->find("extends");
    if (!ext) return svc;
    std::string key = where + "#" + name;
    if (std::find(stack.begin(), stack.end(), key) != stack.end()) {
      rd_.error(fmt::format("extends cycle: service '{}' extends itself", name), ext->at);
      return without_key(svc, "extends", arena_);
    }
    std::string base_name;
    std::string base_where = where;
    const Node* base_services = services;
    if (ext->is_scalar()) {
      base_name = ext->text;
    } else if (rd_.is_map(ext, "services." + name + ".extends")) {
      const Node* s = ext->find("service");
      if (!s || !s->is_scalar()) {
        rd_.error(fmt::format("services.{}.extends: 'service' is required", name), ext->at);
        return without_key(svc, "extends", arena_);
      }
      base_name = s->text;
      if (const Node* f = ext->find("file"); f && f->is_scalar()) {
        base_where = join_path(dir_of(ctx_.files.path(f->at.file)), f->text);
        Variables vars = environment();
        const Node* base_root = read_root(base_where, vars, f->at);
        base_services = base_root ? base_root->find("services") : nullptr;
        if (!base_services || !base_services->is_map()) return without_key(svc, "extends", arena_);
      }
    } else {
      return without_key(svc, "extends", arena_);
    }
    if (!base_services->find(base_name)) {
      rd_.error(fmt::format("services.{}.extends: no service '{}' to extend", name, base_name),
                ext->at);
      return without_key(svc, "extends", arena_);
    }
    stack.push_back(key);
    const Node* base = resolve_service(base_services, base_name, base_where, stack);
    stack.pop_back();
    const Node* own = without_key(svc, "extends", arena_);
    if (!base || !base->is_map()) return own;
    const Node* merged =
        merge_compose(without_key(base, "extends", arena_), own, "services." + name, arena_);
    return merged ? merged : own;
  }

  std::string project_name(const Node* root, const std::string& first_file) {
    if (const Node* n = root->find("name"); n && n->is_scalar() && !n->text.empty()) return n->text;
    std::error_code ec;
    auto dir = std::filesystem::absolute(dir_of(first_file), ec).lexically_normal();
    std::string base = dir.filename().string();
    if (base.empty()) base = dir.parent_path().filename().string();
    std::string out;
    for (char c : base)
      if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  }

  void extract(const Node* root, const std::string& project) {
    ServiceExtractor ex(ctx_, project);
    if (const Node* nets = root->find("networks"); rd_.is_map(nets, "networks"))
      for (const auto& [k, v] : nets->entries) out_.networks.push_back(ex.network(k, v));
    const Node* services = root->find("services");
    if (!services || !rd_.is_map(services, "services")) return;
    for (const auto& [k, v] : services->entries) {
      if (!k->is_scalar()) continue;
      std::string path = child_path("services", k->text);
      if (!rd_.is_map(v, path)) {
        if (v->is_null()) rd_.type_error(v, path, "a mapping");
        continue;
      }
      out_.workloads.push_back(ex.service(k, v));
    }
  }

  LoadContext& ctx_;
  Reader rd_;
  model::Model& out_;
  Arena arena_;
  std::map<std::string, const Node*> cache_;
  std::vector<std::string> including_;
};

}  // namespace

void load_compose(const ComposeProject& project, LoadContext& ctx, model::Model& out) {
  if (project.files.empty()) return;
  ComposeLoader(ctx, out).load(project);
}

void load_compose_text(const std::string& text, uint32_t file, LoadContext& ctx,
                       model::Model& out) {
  ComposeLoader(ctx, out).load_text(text, file);
}

}  // namespace shipshape::load
