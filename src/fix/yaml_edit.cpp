#include "fix/yaml_edit.hpp"

#include <algorithm>
#include <set>

namespace shipshape::fix {

using load::Node;

namespace {
void collect_holders(const Node* n, std::set<const Node*>& seen,
                     std::map<const Node*, const Node*>& out);
}  // namespace

YamlFile::YamlFile(std::string text, uint32_t line) : text_(std::move(text)) {
  auto parsed = load::parse_yaml(text_, 1, arena_);
  // A document's start line is that of its first token, after any comment or blank line that
  // opens the stream: a line before the first document's start (line 1 of a file that begins
  // with a comment) belongs to the first document.
  if (parsed.errors.empty() && !parsed.documents.empty()) {
    root_ = parsed.documents.front();
    for (size_t d = 1; d < parsed.documents.size(); ++d)
      if (parsed.document_lines[d] <= line) root_ = parsed.documents[d];
  }
  lines_.push_back(0);
  for (size_t i = 0; i < text_.size(); ++i)
    if (text_[i] == '\n') lines_.push_back(i + 1);
  std::set<const Node*> seen;
  collect_holders(root_, seen, holders_);
}

namespace {

bool before(const Location& a, const Location& b) {
  return a.line < b.line || (a.line == b.line && a.column < b.column);
}

// Records the holder of every node under `n` (a mapping's key, or the sequence), keeping the
// one written last before the node: an anchored node is also reached through its aliases and
// merge keys, written after it.
void collect_holders(const Node* n, std::set<const Node*>& seen,
                     std::map<const Node*, const Node*>& out) {
  if (!n || !seen.insert(n).second) return;
  auto consider = [&](const Node* node, const Node* holder) {
    if (!holder->at.known() || !before(holder->at, node->at)) return;
    auto [it, added] = out.try_emplace(node, holder);
    if (!added && before(it->second->at, holder->at)) it->second = holder;
  };
  for (const auto& [k, v] : n->entries) consider(v, k);
  for (const Node* i : n->items) consider(i, n);
  for (const auto& [k, v] : n->entries) collect_holders(v, seen, out);
  for (const Node* i : n->items) collect_holders(i, seen, out);
}

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

uint32_t YamlFile::line_of(size_t offset) const {
  return static_cast<uint32_t>(std::upper_bound(lines_.begin(), lines_.end(), offset) -
                               lines_.begin());
}

uint32_t YamlFile::last_line(const Node* n) const {
  uint32_t last = n->at.line;
  for (const Node* i : n->items) last = std::max(last, last_line(i));
  for (const auto& [k, v] : n->entries) last = std::max({last, k->at.line, last_line(v)});
  // A scalar may run over several lines (a block scalar, a quoted or a plain one continued).
  if (n->is_scalar())
    if (auto x = extent(n))
      last = std::max(last, line_of(x->end > x->begin ? x->end - 1 : x->begin));
  return last;
}

namespace {

std::pair<const Node*, const Node*> owner_search(const Node* n, const Node* owner, uint32_t line,
                                                 int depth) {
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

long YamlFile::parent_indent(const Node* n) const {
  if (n == root_) return -1;
  auto it = holders_.find(n);  // the key, or the sequence (at its first dash)
  if (it != holders_.end() && !is_flow(it->second))
    return static_cast<long>(it->second->at.column) - 1;
  return static_cast<long>(indent(n->at.line));
}

uint32_t YamlFile::continued(uint32_t from, long base, bool comments_end) const {
  uint32_t last = from;
  for (uint32_t l = from + 1; l <= lines_.size(); ++l) {
    std::string t = line_text(l);
    size_t first = t.find_first_not_of(" \t\r");
    if (first == std::string::npos) continue;  // blank lines inside the value
    if (static_cast<long>(indent(l)) <= base || (comments_end && t[first] == '#')) break;
    last = l;
  }
  return last;
}

bool YamlFile::after_dash(const Node* item) const {
  if (!item->at.known() || item->at.column < 3) return false;
  std::string t = line_text(item->at.line).substr(0, item->at.column - 1);
  while (!t.empty() && t.back() == ' ') t.pop_back();
  return !t.empty() && t.back() == '-';
}

Edit YamlFile::remove_line(uint32_t line) const {
  return Edit{line_begin(line), line_after(line), ""};
}

std::optional<YamlFile::Extent> YamlFile::extent(const Node* n) const {
  if (!n || !n->at.known()) return std::nullopt;
  size_t b = offset(n->at.line, n->at.column), e = b;
  // The end of a line's content: before its newline and a CR.
  auto line_end = [&](uint32_t l) {
    size_t x = line_after(l);
    if (x > 0 && x <= text_.size() && text_[x - 1] == '\n') --x;
    if (x > 0 && text_[x - 1] == '\r') --x;
    return std::max(x, line_begin(l));
  };
  size_t end_of_line = line_end(n->at.line);
  // A node's position is that of its properties (`!!binary`, `&anchor`) when it has some: the
  // style is that of what follows them, and the properties are replaced with the value.
  size_t v = b;
  while (v < end_of_line && (text_[v] == '!' || text_[v] == '&')) {
    while (v < end_of_line && text_[v] != ' ' && text_[v] != '\t') ++v;
    while (v < end_of_line && (text_[v] == ' ' || text_[v] == '\t')) ++v;
  }
  if (v >= end_of_line) v = b;  // the value is on a later line: as before
  char c = v < text_.size() ? text_[v] : '\0';
  // Inside a flow collection (as far as this line shows).
  bool in_flow = false;
  for (size_t p = line_begin(n->at.line); p < b; ++p)
    if (text_[p] == '[' || text_[p] == '{') in_flow = true;
  // A value written over several lines is replaced whole: rewriting only its first line would
  // leave the rest (a private key's body, say) in the file.
  if (n->is_scalar() && (c == '|' || c == '>')) {
    // A block scalar: the indicator and every line indented past its key (or its dash),
    // blank ones included. A line starting with '#' in there is content, not a comment.
    return Extent{b, line_end(continued(n->at.line, parent_indent(n), false)), false};
  }
  if (c == '"' || c == '\'') {
    // A quoted scalar, which may run over several lines. In double quotes a backslash escapes
    // the next character; in single quotes `''` is a quote and the only escape.
    for (e = v + 1; e < text_.size(); ++e) {
      bool escape = (c == '"' && text_[e] == '\\') ||
                    (c == '\'' && text_[e] == '\'' && e + 1 < text_.size() && text_[e + 1] == '\'');
      if (escape) ++e;  // skip the escaped character
      else if (text_[e] == c) break;
    }
    if (e >= text_.size()) return std::nullopt;  // not closed
    return Extent{b, e + 1, in_flow};
  }
  if (c == '[' || c == '{') {
    char close = c == '[' ? ']' : '}';
    int depth = 0;
    for (e = v; e < text_.size(); ++e) {
      if (text_[e] == c) ++depth;
      else if (text_[e] == close && --depth == 0) {
        ++e;
        break;
      }
    }
    if (e > end_of_line || e < b) return std::nullopt;
    return Extent{b, e, false};
  }
  if (!n->is_scalar() && !n->is_null()) return std::nullopt;  // block collections
  // A plain scalar ends at a comment, at the line's end, or (in a flow) at , ] }.
  bool comment = false;
  for (e = b; e < end_of_line; ++e) {
    if (text_[e] == '#' && e > b && (text_[e - 1] == ' ' || text_[e - 1] == '\t')) {
      comment = true;
      break;
    }
    if (in_flow && (text_[e] == ',' || text_[e] == ']' || text_[e] == '}')) break;
  }
  while (e > b && (text_[e - 1] == ' ' || text_[e - 1] == '\t')) --e;
  // A plain scalar continued on more deeply indented lines (outside a flow, no comment); a
  // comment line ends it.
  if (!in_flow && !comment && n->is_scalar() && !n->text.empty())
    if (uint32_t last = continued(n->at.line, parent_indent(n), true); last > n->at.line) {
      e = line_end(last);
      while (e > b && (text_[e - 1] == ' ' || text_[e - 1] == '\t')) --e;
    }
  if (e < b) return std::nullopt;
  return Extent{b, e, in_flow};
}

std::optional<Edit> YamlFile::replace(const Node* n, std::string text) const {
  auto x = extent(n);
  if (!x) return std::nullopt;
  // Inside a flow collection, `${VAR}` as a plain scalar would end the mapping: quote it
  // (unless it comes quoted).
  bool comes_quoted = !text.empty() && (text.front() == '"' || text.front() == '\'');
  if (x->in_flow && !comes_quoted && text.find_first_of(",[]{}#") != std::string::npos) {
    std::string quoted = "\"";
    for (char ch : text)
      quoted += ch == '"' || ch == '\\' ? std::string("\\") + ch : std::string(1, ch);
    text = quoted + "\"";
  }
  return Edit{x->begin, x->end, std::move(text)};
}

bool YamlFile::set(const std::vector<std::string>& path, std::string value) {
  if (!root_ || !root_->is_map() || path.empty()) return false;
  const Node* n = root_;
  const Node* owner = nullptr;  // the key whose value n is
  size_t i = 0;
  for (; i < path.size(); ++i) {
    if (is_index(path[i])) {
      // An item of a block sequence (n is one, checked below): a mapping written after its
      // dash, whose keys are walked next. An item itself is not set (append() adds one).
      size_t idx = std::stoul(path[i].substr(1, path[i].size() - 2));
      if (!n->is_seq() || idx >= n->items.size() || i + 1 == path.size()) return false;
      n = n->items[idx];
      owner = nullptr;
      // An alias item (`- *base`) is written elsewhere: editing it would change every user.
      if (!after_dash(n)) return false;
      continue;
    }
    auto [k, v] = entry(n, path[i]);
    if (!k) break;
    if (i + 1 == path.size()) return true;  // already set: nothing to do
    owner = k;
    n = v;
    bool empty_flow = n->is_map() && n->entries.empty();  // a block mapping is never empty
    if (n->is_null() || empty_flow) {
      ++i;
      break;
    }
    if (is_index(path[i + 1])) {
      if (!n->is_seq() || is_flow(n)) return false;  // only block sequences are walked
      continue;
    }
    if (!n->is_map() || is_flow(n)) return false;
  }
  // Where the missing part goes and how deep: below the owning key (before its first
  // child), or, for a sequence item's mapping, after its last line.
  size_t at, ind;
  std::optional<Edit> clear;
  if (n->is_map() && !n->entries.empty()) {
    if (is_flow(n)) return false;
    // Merged keys (`<<: *base`) sit where the anchor is; the indentation is that of the
    // first key written inside this mapping (after its owning key, or from the item's dash on).
    const Node* first = nullptr;
    for (const auto& [k, v] : n->entries) {
      bool inside = owner ? k->at.line > owner->at.line : !before(k->at, n->at);
      if (inside && (!first || before(k->at, first->at))) first = k;
    }
    if (!first) return false;
    ind = first->at.column - 1;
    if (owner) at = line_after(owner->at.line);
    else if (n == root_) at = text_.size();
    else at = line_after(last_line(n));  // a sequence item's mapping
  } else if (owner) {
    // Below the key, one level deeper than the key itself (which may follow a dash).
    ind = owner->at.column - 1 + 2;
    at = line_after(owner->at.line);
    if (n->is_map() || (n->is_null() && n->at.line == owner->at.line)) {
      if (auto e = replace(n, "")) {
        // `key: {}` or `key: ~`: drop the placeholder so the block can follow.
        if (e->begin > e->end ||
            text_.substr(e->begin, e->end - e->begin).find_first_not_of(' ') != std::string::npos) {
          // With the space before it: `key:`, not `key: ` with a trailing space.
          while (e->begin > line_begin(owner->at.line) &&
                 (text_[e->begin - 1] == ' ' || text_[e->begin - 1] == '\t'))
            --e->begin;
          clear = e;
        }
      }
    }
  } else {
    return false;
  }
  if (at == text_.size() && !text_.empty() && text_.back() != '\n') return false;
  // A missing sequence is not created here (and nothing is recorded for a refused path).
  for (size_t k = i; k < path.size(); ++k)
    if (is_index(path[k])) return false;
  Insertion& ins = insertions_.try_emplace(at, Insertion{at, ind, {}, clear}).first->second;
  if (ins.indent != ind) return false;
  if (clear) ins.clear = clear;
  Tree* t = &ins.tree;
  for (size_t k = i; k < path.size(); ++k) {
    auto [it, added] = t->children.try_emplace(path[k]);
    if (added) t->order.push_back(path[k]);
    t = &it->second;
  }
  if (!t->value) t->value = std::move(value);
  return true;
}

bool YamlFile::append(const std::vector<std::string>& path, const std::string& item) {
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
  // A flow collection's position is its bracket (or its tag or anchor before the bracket:
  // `!override {image: x}`); a block mapping's is its first key.
  size_t at = offset(n->at.line, n->at.column), end = line_after(n->at.line);
  while (at < end && (text_[at] == '!' || text_[at] == '&')) {
    while (at < end && text_[at] != ' ' && text_[at] != '\t' && text_[at] != '\n') ++at;
    while (at < end && (text_[at] == ' ' || text_[at] == '\t')) ++at;
  }
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
