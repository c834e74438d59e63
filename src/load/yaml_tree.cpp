#include "load/yaml_tree.hpp"

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <istream>
#include <streambuf>
#include <unordered_map>
#include <unordered_set>

namespace shipshape::load {

const Node* Node::find(std::string_view key) const {
  const Node* found = nullptr;
  for (const auto& [k, v] : entries)
    if (k->is_scalar() && k->text == key) found = v;
  return found;
}

std::string_view Node::describe() const {
  switch (kind) {
    case NodeKind::null: return "null";
    case NodeKind::scalar: return plain ? "a scalar" : "a string";
    case NodeKind::sequence: return "a sequence";
    case NodeKind::mapping: return "a mapping";
  }
  return "a node";
}

bool is_bool_text(std::string_view s, bool* value) {
  bool v;
  if (s == "true" || s == "True" || s == "TRUE") v = true;
  else if (s == "false" || s == "False" || s == "FALSE") v = false;
  else return false;
  if (value) *value = v;
  return true;
}

namespace {

// Reads a string_view without copying it into a stringstream.
class ViewBuf : public std::streambuf {
 public:
  explicit ViewBuf(std::string_view s) {
    char* p = const_cast<char*>(s.data());
    setg(p, p, p + s.size());
  }
};

struct Abort {
  Error error;
};

Location to_location(const YAML::Mark& m, uint32_t file) {
  // yaml-cpp marks are 0-based; ours are 1-based. -1 means "no position".
  if (m.line < 0) return Location{file, 0, 0};
  return Location{file, static_cast<uint32_t>(m.line) + 1, static_cast<uint32_t>(m.column) + 1};
}

bool is_merge_key(const Node* k) {
  return k->is_scalar() && ((k->plain && k->text == "<<") || k->tag == "tag:yaml.org,2002:merge");
}

class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(uint32_t file, Arena& arena, const YamlLimits& limits)
      : file_(file), arena_(arena), limits_(limits) {}

  std::vector<const Node*> documents;
  std::vector<uint32_t> document_lines;

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (documents.size() >= limits_.max_documents)
      throw Abort{{fmt::format("more than {} documents in one stream", limits_.max_documents),
                   to_location(mark, file_)}};
    root_ = nullptr;
    anchors_.clear();
    doc_line_ = to_location(mark, file_).line;
  }

  void OnDocumentEnd() override {
    if (!root_) root_ = &arena_.make(NodeKind::null, Location{file_, doc_line_, 1});
    documents.push_back(root_);
    document_lines.push_back(doc_line_);
  }

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    Node& n = arena_.make(NodeKind::null, to_location(mark, file_));
    remember(anchor, &n);
    add(&n);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto it = anchors_.find(anchor);
    if (it == anchors_.end())
      throw Abort{{"alias refers to an unknown anchor", to_location(mark, file_)}};
    if (open_.count(it->second))
      throw Abort{
          {"a node contains itself through an alias (recursive anchor)", to_location(mark, file_)}};
    count_alias(it->second->weight, mark);
    add(it->second);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    Node& n = arena_.make(NodeKind::scalar, to_location(mark, file_));
    n.text = value;
    set_tag(n, tag);
    remember(anchor, &n);
    add(&n);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(NodeKind::sequence, mark, tag, anchor);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(NodeKind::mapping, mark, tag, anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    Node* node;
    const Node* pending_key = nullptr;
  };

  void set_tag(Node& n, const std::string& tag) {
    // yaml-cpp reports "?" for plain nodes and "!" for quoted scalars.
    if (tag == "?") return;
    n.plain = false;
    if (tag != "!") n.tag = tag;
  }

  // Each use of an alias costs what it expands to, for the file and for the run, checked
  // before anything downstream walks the expansion.
  void count_alias(uint64_t weight, const YAML::Mark& mark) {
    alias_nodes_ += weight;
    if (alias_nodes_ > limits_.max_alias_nodes)
      throw Abort{
          {fmt::format("aliases expand this file to more than {} nodes (limits.max_alias_nodes)",
                       limits_.max_alias_nodes),
           to_location(mark, file_)}};
    if (limits_.run_alias_nodes &&
        limits_.run_alias_nodes->fetch_add(weight, std::memory_order_relaxed) + weight >
            limits_.max_run_alias_nodes)
      throw Abort{{fmt::format("aliases in this run's files expand to more than {} nodes in all "
                               "(limits.max_run_alias_nodes); this file was not read",
                               limits_.max_run_alias_nodes),
                   to_location(mark, file_)}};
  }

  void remember(YAML::anchor_t anchor, const Node* n) {
    if (anchor != YAML::NullAnchor) anchors_[anchor] = n;
  }

  void open(NodeKind kind, const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor) {
    Node& n = arena_.make(kind, to_location(mark, file_));
    set_tag(n, tag);
    n.plain = true;  // plainness only matters for scalars
    if (anchor != YAML::NullAnchor) {
      anchors_[anchor] = &n;
      open_.insert(&n);
    }
    if (stack_.size() >= limits_.max_depth)
      throw Abort{{fmt::format("invalid YAML: nesting deeper than {} levels (limits.max_depth)",
                               limits_.max_depth),
                   to_location(mark, file_)}};
    stack_.push_back(Frame{&n});
  }

  void close() {
    Node* n = stack_.back().node;
    stack_.pop_back();
    open_.erase(n);
    if (n->is_map()) finish_map(*n);
    uint64_t w = 1;
    for (const Node* c : n->items) w += c->weight;
    for (const auto& [k, v] : n->entries) w += k->weight + v->weight;
    n->weight = w;
    add(n);
  }

  void add(const Node* n) {
    if (stack_.empty()) {
      root_ = n;
      return;
    }
    Frame& f = stack_.back();
    if (f.node->is_seq()) {
      f.node->items.push_back(n);
    } else if (!f.pending_key) {
      f.pending_key = n;
    } else {
      f.node->entries.emplace_back(f.pending_key, n);
      f.pending_key = nullptr;
    }
  }

  // Applies merge keys with YAML's precedence (explicit keys win, then earlier sources)
  // and rejects duplicate keys, which yaml-cpp accepts silently.
  void finish_map(Node& m) {
    std::vector<std::pair<const Node*, const Node*>> explicit_entries;
    std::vector<const Node*> sources;
    for (const auto& e : m.entries) {
      if (!is_merge_key(e.first)) {
        explicit_entries.push_back(e);
        continue;
      }
      const Node* v = e.second;
      if (v->is_map()) {
        sources.push_back(v);
      } else if (v->is_seq()) {
        for (const Node* item : v->items) {
          if (!item->is_map())
            throw Abort{{"merge key '<<' needs a mapping or a list of mappings", item->at}};
          sources.push_back(item);
        }
      } else {
        throw Abort{{"merge key '<<' needs a mapping or a list of mappings", v->at}};
      }
    }
    check_duplicates(explicit_entries);
    if (sources.empty()) return;
    std::unordered_set<std::string_view> seen;
    for (const auto& [k, v] : explicit_entries)
      if (k->is_scalar()) seen.insert(k->text);
    std::vector<std::pair<const Node*, const Node*>> merged;
    for (const Node* src : sources)
      for (const auto& [k, v] : src->entries)
        if (!k->is_scalar() || seen.insert(k->text).second) merged.emplace_back(k, v);
    merged.insert(merged.end(), explicit_entries.begin(), explicit_entries.end());
    m.entries = std::move(merged);
  }

  static void check_duplicates(const std::vector<std::pair<const Node*, const Node*>>& entries) {
    std::unordered_map<std::string_view, const Node*> first;
    first.reserve(entries.size());
    for (const auto& [k, v] : entries) {
      if (!k->is_scalar()) continue;
      auto [it, inserted] = first.emplace(k->text, k);
      if (!inserted)
        throw Abort{{fmt::format("duplicate key '{}' (first defined at line {})", k->text,
                                 it->second->at.line),
                     k->at}};
    }
  }

  uint32_t file_;
  Arena& arena_;
  const YamlLimits& limits_;
  std::vector<Frame> stack_;
  std::unordered_map<YAML::anchor_t, const Node*> anchors_;
  std::unordered_set<const Node*> open_;
  const Node* root_ = nullptr;
  uint32_t doc_line_ = 1;
  uint64_t alias_nodes_ = 0;  // what aliases added, over every document of the file
};

std::string parser_message(const YAML::Exception& e) {
  // e.msg is yaml-cpp's sentence without the "error at line" prefix; it never quotes input.
  std::string msg = e.msg.empty() ? std::string("invalid YAML") : e.msg;
  return "invalid YAML: " + msg;
}

}  // namespace

YamlParse parse_yaml(std::string_view text, uint32_t file, Arena& arena, const YamlLimits& limits) {
  YamlParse out;
  ViewBuf buf(text);
  std::istream in(&buf);
  TreeBuilder builder(file, arena, limits);
  try {
    YAML::Parser parser(in);
    while (parser.HandleNextDocument(builder)) {
    }
  } catch (const Abort& a) {
    out.errors.push_back(a.error);
  } catch (const YAML::DeepRecursion& e) {
    out.errors.push_back({fmt::format("invalid YAML: nesting deeper than {} levels", e.depth()),
                          to_location(e.mark, file)});
  } catch (const YAML::Exception& e) {
    out.errors.push_back({parser_message(e), to_location(e.mark, file)});
  }
  out.documents = std::move(builder.documents);
  out.document_lines = std::move(builder.document_lines);
  return out;
}

}  // namespace shipshape::load
