#include "fix/plan.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "load/yaml_tree.hpp"

namespace shipshape::fix {

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : path) {
    if (c == '.') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else if (c == '[') {
      if (!cur.empty()) out.push_back(cur);
      cur = "[";
    } else if (c == ']') {
      out.push_back(cur + "]");
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

std::vector<FileChange> Plan::changes() const {
  std::map<std::string, std::vector<Edit>> by_file;
  for (const auto& [key, y] : yamls_) {
    std::string path = key.substr(0, key.rfind('#'));
    for (auto& e : y->intent_edits()) by_file[path].push_back(e);
  }
  for (const auto& [path, es] : edits_)
    by_file[path].insert(by_file[path].end(), es.begin(), es.end());
  std::vector<FileChange> out;
  for (auto& [path, es] : by_file) {
    std::string before = read(path), after;
    std::stable_sort(es.begin(), es.end(),
                     [](const Edit& a, const Edit& b) { return a.begin < b.begin; });
    // Two fixes that rewrite the same text: the first planned wins (see combined_patch).
    std::vector<Edit> kept;
    for (auto& e : es) {
      bool clash = !kept.empty() &&
                   (e.begin < kept.back().end || (e.begin == kept.back().begin && e.end > e.begin &&
                                                  kept.back().end > kept.back().begin));
      bool same = !kept.empty() && e == kept.back();
      if (!clash && !same) kept.push_back(std::move(e));
    }
    es = std::move(kept);
    if (es.empty() || !apply(before, es, after) || after == before) continue;
    out.push_back({path, false, es, unified_diff(path, before, after)});
  }
  for (const auto& [path, lines] : added_) {
    bool exists = std::filesystem::exists(path);
    std::string before = exists ? read(path) : "", after = before;
    if (!after.empty() && after.back() != '\n') after += "\n";
    for (const auto& l : lines)
      if (before.find(l.substr(0, l.find('=') + 1)) == std::string::npos) after += l + "\n";
    if (after == before) continue;
    out.push_back({path,
                   !exists,
                   {Edit{before.size(), before.size(), after.substr(before.size())}},
                   unified_diff(path, before, after, exists)});
  }
  return out;
}

std::pair<const model::Workload*, const model::Container*> subject_of(const engine::Finding& f,
                                                                      const Plan& p) {
  for (const auto& w : p.model.workloads)
    for (const auto& c : w.containers)
      if (w.subject(c) == f.subject && p.files.path(w.ref.at.file) == p.files.path(f.ref.at.file))
        return {&w, &c};
  for (const auto& w : p.model.workloads)
    for (const auto& c : w.containers)
      if (w.subject(c) == f.subject) return {&w, &c};
  return {nullptr, nullptr};
}

std::vector<std::string> manifest_path(std::string_view logical) {
  if (auto colon = logical.rfind(':'); colon != std::string_view::npos)
    logical.remove_prefix(colon + 1);
  return split_path(std::string(logical));
}

std::vector<std::string> container_path(const model::Workload& w, const model::Container& c) {
  if (w.source == model::SourceKind::compose) return {"services", w.name};
  return manifest_path(c.ref.path);
}

bool compose(const model::Workload* w) { return w && w->source == model::SourceKind::compose; }

std::string repo(const std::string& image) {
  std::string s = image.substr(0, image.find('@'));
  if (auto slash = s.find_last_of('/'); slash != std::string::npos) s = s.substr(slash + 1);
  return s.substr(0, s.find(':'));
}

uint32_t Plan::doc_of(const std::string& path, uint32_t line) {
  auto& starts = doc_starts_[path];
  if (starts.empty()) {
    load::Arena a;
    std::string text = read(path);
    auto p = load::parse_yaml(text, 1, a);
    starts = p.document_lines;
    if (starts.empty()) starts.push_back(1);
  }
  uint32_t doc = 0;
  for (uint32_t d = 0; d < starts.size(); ++d)
    if (starts[d] <= line) doc = d;
  return doc;
}

}  // namespace shipshape::fix
