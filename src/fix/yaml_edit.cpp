#include "fix/yaml_edit.hpp"

#include <algorithm>

namespace shipshape::fix {

using load::Node;

YamlFile::YamlFile(std::string text, uint32_t line) : text_(std::move(text)) {
  auto parsed = load::parse_yaml(text_, 1, arena_);
  if (parsed.errors.empty())
    for (size_t d = 0; d < parsed.documents.size(); ++d)
      if (parsed.document_lines[d] <= line) root_ = parsed.documents[d];
  lines_.push_back(0);
  for (size_t i = 0; i < text_.size(); ++i)
    if (text_[i] == '\n') lines_.push_back(i + 1);
}

namespace {

bool is_index(const std::string& k) { return k.size() > 2 && k.front() == '[' && k.back() == ']'; }

std::pair<const Node*, const Node*> entry(const Node* map, const std::string& k) {
  if (!map || !map->is_map()) return {nullptr, nullptr};
  for (const auto& [key, value] : map->entries)
    if (key->is_scalar() && key->text == k) return {key, value};
  return {nullptr, nullptr};
}

}  // namespace

const Node* YamlFile::find(const std::vector<std::string>& path) const {
  const Node* n = root_;
  for (const auto& k : path) {
    if (!n) return nullptr;
    if (is_index(k)) {
      size_t i = std::stoul(k.substr(1, k.size() - 2));
      if (!n->is_seq() || i >= n->items.size()) return nullptr;
      n = n->items[i];
    } else {
      n = entry(n, k).second;
    }
  }
  return n;
}

const Node* YamlFile::key(const std::vector<std::string>& path) const {
  if (path.empty() || is_index(path.back())) return nullptr;
  std::vector<std::string> parent(path.begin(), path.end() - 1);
  return entry(find(parent), path.back()).first;
}

size_t YamlFile::line_begin(uint32_t line) const {
  return line >= 1 && line <= lines_.size() ? lines_[line - 1] : text_.size();
}

size_t YamlFile::line_after(uint32_t line) const {
  return line < lines_.size() ? lines_[line] : text_.size();
}

size_t YamlFile::offset(uint32_t line, uint32_t column) const {
  return std::min(text_.size(), line_begin(line) + (column ? column - 1 : 0));
}

std::string YamlFile::line_text(uint32_t line) const {
  size_t b = line_begin(line), e = line_after(line);
  std::string s = text_.substr(b, e - b);
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

size_t YamlFile::indent(uint32_t line) const {
  std::string s = line_text(line);
  return s.find_first_not_of(' ') == std::string::npos ? s.size() : s.find_first_not_of(' ');
}

uint32_t YamlFile::last_line(const Node* n) const {
  uint32_t last = n->at.line;
  for (const Node* i : n->items) last = std::max(last, last_line(i));
  for (const auto& [k, v] : n->entries) last = std::max({last, k->at.line, last_line(v)});
  if (n->is_scalar() && !n->plain && n->text.find('\n') != std::string::npos) {
    // A block scalar runs until the next line indented no deeper than its key.
    size_t base = indent(n->at.line);
    uint32_t l = n->at.line + 1;
    while (l <= lines_.size() && (line_text(l).find_first_not_of(' ') == std::string::npos || indent(l) > base)) ++l;
    last = std::max(last, l - 1);
  }
  return last;
}

namespace {

std::pair<const Node*, const Node*> owner_search(const Node* n, const Node* owner, uint32_t line, int depth) {
  if (!n || depth > 200) return {nullptr, nullptr};
  if (n->is_map())
    for (const auto& [k, v] : n->entries) {
      if (k->at.line == line && k->is_scalar()) return {owner, n};
      if (auto r = owner_search(v, k, line, depth + 1); r.second) return r;
    }
  for (const Node* i : n->items)
    if (auto r = owner_search(i, nullptr, line, depth + 1); r.second) return r;
  return {nullptr, nullptr};
}

}  // namespace

std::pair<const Node*, const Node*> YamlFile::owner_of_line(uint32_t line) const {
  return owner_search(root_, nullptr, line, 0);
}

Edit YamlFile::remove_line(uint32_t line) const { return Edit{line_begin(line), line_after(line), ""}; }

std::optional<Edit> YamlFile::replace(const Node* n, std::string text) const {
  if (!n || !n->at.known()) return std::nullopt;
  size_t b = offset(n->at.line, n->at.column), e = b;
  size_t end_of_line = line_after(n->at.line);
  if (end_of_line > 0 && end_of_line <= text_.size() && text_[end_of_line - 1] == '\n') --end_of_line;
  char c = b < text_.size() ? text_[b] : '\0';
  // A value written over several lines is replaced whole: rewriting only its first line would
  // leave the rest (a private key's body, say) in the file.
  auto continued = [&](uint32_t from) {
    size_t base = indent(n->at.line);
    uint32_t last = from;
    for (uint32_t l = from + 1; l <= lines_.size(); ++l) {
      std::string t = line_text(l);
      size_t first = t.find_first_not_of(" \r");
      if (first == std::string::npos) continue;  // blank lines inside the block
      if (indent(l) <= base || t[first] == '#') break;
      last = l;
    }
    return last;
  };
  auto line_end = [&](uint32_t l) {
    size_t x = line_after(l);
    if (x > 0 && x <= text_.size() && text_[x - 1] == '\n') --x;
    if (x > 0 && text_[x - 1] == '\r') --x;
    return x;
  };
  if (n->is_scalar() && (c == '|' || c == '>')) {  // block scalar: the indicator and its lines
    return Edit{b, line_end(continued(n->at.line)), std::move(text)};
  }
  if (c == '"' || c == '\'') {
    e = b + 1;
    while (e < text_.size() && text_[e] != c) e += (c == '"' && text_[e] == '\\') ? 2 : 1;
    ++e;
    if (e > text_.size()) return std::nullopt;
    return Edit{b, e, std::move(text)};  // a quoted scalar may run over several lines
  } else if (c == '[' || c == '{') {
    char close = c == '[' ? ']' : '}';
    int depth = 0;
    for (e = b; e < text_.size(); ++e) {
      if (text_[e] == c) ++depth;
      else if (text_[e] == close && --depth == 0) { ++e; break; }
    }
  } else if (n->is_scalar() || n->is_null()) {
    // A plain scalar ends at a comment, at the line's end, or (in a flow) at , ] }.
    bool in_flow = false;
    for (size_t p = line_begin(n->at.line); p < b; ++p)
      if (text_[p] == '[' || text_[p] == '{') in_flow = true;
    // Inside a flow collection, `${VAR}` as a plain scalar would end the mapping: quote it.
    if (in_flow && text.find_first_of(",[]{}#") != std::string::npos) {
      std::string quoted = "\"";
      for (char ch : text) quoted += ch == '"' || ch == '\\' ? std::string("\\") + ch : std::string(1, ch);
      text = quoted + "\"";
    }
    bool comment = false;
    for (e = b; e < end_of_line; ++e) {
      if (text_[e] == '#' && e > b && text_[e - 1] == ' ') {
        comment = true;
        break;
      }
      if (in_flow && (text_[e] == ',' || text_[e] == ']' || text_[e] == '}')) break;
    }
    while (e > b && text_[e - 1] == ' ') --e;
    // A plain scalar continued on more deeply indented lines (outside a flow, no comment).
    if (!in_flow && !comment && n->is_scalar() && !n->text.empty())
      if (uint32_t last = continued(n->at.line); last > n->at.line) {
        e = line_end(last);
        while (e > b && text_[e - 1] == ' ') --e;
        return Edit{b, e, std::move(text)};
      }
  } else {
    return std::nullopt;  // block collections are not replaced in place
  }
  if (e > end_of_line || e < b) return std::nullopt;
  return Edit{b, e, std::move(text)};
}

bool YamlFile::set(const std::vector<std::string>& path, std::string value) {
  if (!root_ || !root_->is_map() || path.empty()) return false;
  const Node* n = root_;
  const Node* owner = nullptr;  // the key whose value n is
  size_t i = 0;
  for (; i < path.size(); ++i) {
    if (is_index(path[i])) {
      size_t idx = std::stoul(path[i].substr(1, path[i].size() - 2));
      if (!n->is_seq() || idx >= n->items.size()) return false;
      n = n->items[idx];
      owner = nullptr;
      continue;
    }
    auto [k, v] = entry(n, path[i]);
    if (!k) break;
    if (i + 1 == path.size()) return true;  // already set: nothing to do
    owner = k;
    n = v;
    bool empty_flow = n->is_map() && n->entries.empty();  // a block mapping is never empty
    if (n->is_null() || empty_flow) { ++i; break; }
    if (!n->is_map() || is_flow(n)) return false;
  }
  // Where the missing part goes and how deep: below the owning key (before its first
  // child), or, for a sequence item's mapping, after its last line.
  size_t at, ind;
  std::optional<Edit> clear;
  if (n->is_map() && !n->entries.empty()) {
    if (is_flow(n)) return false;
    // Merged keys (`<<: *base`) sit where the anchor is; the indentation is that of the
    // first key written inside this mapping.
    const Node* first = nullptr;
    for (const auto& [k, v] : n->entries)
      if ((!owner || k->at.line > owner->at.line) && (!first || k->at.line < first->at.line)) first = k;
    if (!first) return false;
    ind = first->at.column - 1;
    at = owner ? line_after(owner->at.line) : line_after(last_line(n));
    if (!owner && n == root_) at = text_.size();
  } else if (owner) {
    ind = indent(owner->at.line) + 2;
    at = line_after(owner->at.line);
    if (n->is_map() || (n->is_null() && n->at.line == owner->at.line)) {
      if (auto e = replace(n, "")) {
        // `key: {}` or `key: ~`: drop the placeholder so the block can follow.
        if (e->begin > e->end || text_.substr(e->begin, e->end - e->begin).find_first_not_of(" ") != std::string::npos)
          clear = e;
      }
    }
  } else {
    return false;
  }
  if (at == text_.size() && !text_.empty() && text_.back() != '\n') return false;
  Insertion& ins = insertions_.try_emplace(at, Insertion{at, ind, {}, clear}).first->second;
  if (ins.indent != ind) return false;
  if (clear) ins.clear = clear;
  Tree* t = &ins.tree;
  for (size_t k = i; k < path.size(); ++k) {
    if (is_index(path[k])) return false;
    auto [it, added] = t->children.try_emplace(path[k]);
    if (added) t->order.push_back(path[k]);
    t = &it->second;
  }
  if (!t->value) t->value = std::move(value);
  return true;
}

bool YamlFile::append(const std::vector<std::string>& path, std::string item) {
  const Node* seq = find(path);
  if (!seq || !seq->is_seq() || seq->items.empty()) return false;
  const Node* last = seq->items.back();
  std::string line = line_text(seq->items.front()->at.line);
  size_t dash = line.find_first_not_of(' ');
  const Node* k = key(path);
  if (!k) return false;
  if (dash != std::string::npos && line[dash] == '-' && seq->items.front()->at.line != k->at.line) {
    appends_.push_back(Edit{line_after(last_line(last)), line_after(last_line(last)),
                            std::string(dash, ' ') + "- " + item + "\n"});
    return true;
  }
  // A flow sequence: insert before its closing bracket.
  auto whole = replace(seq, "");
  if (!whole || whole->end == 0 || text_[whole->end - 1] != ']') return false;
  appends_.push_back(Edit{whole->end - 1, whole->end - 1, ", " + item});
  return true;
}

bool YamlFile::is_flow(const Node* n) const {
  // A flow collection's position is its bracket; a block mapping's is its first key.
  size_t at = offset(n->at.line, n->at.column);
  return at < text_.size() && (text_[at] == '{' || text_[at] == '[');
}

void YamlFile::render(const Tree& t, size_t indent, std::string& out) {
  std::string pad(indent, ' ');
  for (const auto& k : t.order) {
    const Tree& c = t.children.at(k);
    if (c.value && !c.value->empty() && c.value->front() == '\n') {
      out += pad + k + ":\n";
      size_t pos = 1;
      while (pos <= c.value->size()) {
        size_t nl = c.value->find('\n', pos);
        if (nl == std::string::npos) nl = c.value->size();
        if (nl > pos) out += pad + "  " + c.value->substr(pos, nl - pos) + "\n";
        pos = nl + 1;
      }
    } else if (c.value) {
      out += pad + k + ": " + *c.value + "\n";
    } else {
      out += pad + k + ":\n";
      render(c, indent + 2, out);
    }
  }
}

std::vector<Edit> YamlFile::intent_edits() const {
  std::vector<Edit> out;
  for (const auto& [at, ins] : insertions_) {
    if (ins.clear) out.push_back(*ins.clear);
    std::string text;
    render(ins.tree, ins.indent, text);
    out.push_back(Edit{at, at, text});
  }
  out.insert(out.end(), appends_.begin(), appends_.end());
  return out;
}

}  // namespace shipshape::fix
