#include "engine/findings.hpp"

#include <algorithm>
#include <stdexcept>
#include <tuple>

#include "core/sha256.hpp"

namespace shipshape::engine {

namespace {

// The message is left out: it may name other places by line, which shift.
std::string fingerprint_of(std::string_view rule_id, const std::string& file, std::string_view path,
                           std::string_view subject, std::string_view message) {
  std::string key;
  key.reserve(rule_id.size() + file.size() + path.size() + subject.size() + 4);
  key.append(rule_id).append("\n").append(file).append("\n").append(path).append("\n").append(subject);
  if (path.empty()) key.append("\n").append(message);  // tool findings have no logical path
  return sha256_hex(key).substr(0, 32);
}

// Reads a record past its message, subject, path and related places: the redactions are left.
PackedReader past_related(const char* record) {
  PackedReader r(record);
  r.text(), r.text(), r.text();
  for (uint64_t n = r.number(); n > 0; --n) r.u32(), r.u32(), r.u32(), r.text();
  return r;
}

}  // namespace

std::string Finding::fingerprint(const std::string& file) const {
  return fingerprint_of(rule_id, file, ref.path, subject, message);
}

std::string FindingView::fingerprint(const std::string& file) const {
  return fingerprint_of(rule_id, file, path, subject, message);
}

Findings::Findings() { notes_.emplace_back(); }

Findings::Findings(const std::vector<Finding>& findings) : Findings() {
  entries_.reserve(findings.size());
  for (const Finding& f : findings) push_back(f);
}

Findings::Findings(Findings&&) noexcept = default;
Findings& Findings::operator=(Findings&&) noexcept = default;
Findings::~Findings() = default;

uint8_t Findings::name_index(std::string_view name) {
  for (size_t i = 0; i < names_.size(); ++i)
    if (names_[i] == name) return static_cast<uint8_t>(i);
  // Rule ids and categories come from the catalogue: a few dozen.
  if (names_.size() > UINT8_MAX) throw std::length_error("more than 256 rule ids and categories");
  names_.emplace_back(name);
  return static_cast<uint8_t>(names_.size() - 1);
}

void Findings::push_back(const Finding& f, uint32_t slot) {
  PackedWriter& w = scratch_;
  w.clear();
  w.text(f.message).text(f.subject).text(f.ref.path).number(f.related.size());
  for (const NodeRef& r : f.related) w.number(r.at.file).number(r.at.line).number(r.at.column).text(r.path);
  w.number(f.redact.size());
  for (const std::string& s : f.redact) w.text(s);

  Entry e;
  e.at = f.ref.at;
  e.slot = slot;
  e.text = arena_.add(w.bytes());
  e.rule = name_index(f.rule_id);
  e.category = name_index(f.category);
  e.severity = static_cast<uint8_t>(f.severity);
  entries_.push_back(e);
  if (f.suppressed()) suppress(entries_.size() - 1, f.suppression, f.suppression_reason, f.suppressed_by);
}

void Findings::append(const Findings& other, uint32_t slot) {
  for (const Entry& from : other.entries_) {
    // A record's bytes, found by reading to its end: copied as they are.
    PackedReader r = past_related(other.text(from));
    for (uint64_t n = r.number(); n > 0; --n) r.text();
    const char* begin = other.text(from);
    Entry e = from;
    e.slot = slot;
    e.text = arena_.add(std::string_view(begin, static_cast<size_t>(r.position() - begin)));
    e.rule = name_index(other.names_[from.rule]);
    e.category = name_index(other.names_[from.category]);
    entries_.push_back(e);
    const auto& [reason, by] = other.notes_[from.note];
    if (from.note) suppress(entries_.size() - 1, static_cast<SuppressionKind>(from.suppression), reason, by);
  }
}

void FindingSink::flush() {
  if (!pending_) return;
  last_.rule_id = rule_id_;
  last_.category = category_;
  last_.severity = severity_;
  findings_.push_back(last_);
  last_ = Finding{};
  pending_ = false;
}

FindingView Findings::view(size_t i) const {
  const Entry& e = entries_[i];
  PackedReader r(text(e));
  FindingView v;
  v.rule_id = names_[e.rule];
  v.category = names_[e.category];
  v.severity = static_cast<Severity>(e.severity);
  v.suppression = static_cast<SuppressionKind>(e.suppression);
  v.at = e.at;
  v.message = r.text();
  v.subject = r.text();
  v.path = r.text();
  return v;
}

Finding Findings::operator[](size_t i) const {
  const Entry& e = entries_[i];
  PackedReader r(text(e));
  Finding f;
  f.rule_id = names_[e.rule];
  f.category = names_[e.category];
  f.severity = static_cast<Severity>(e.severity);
  f.message = r.text();
  f.subject = r.text();
  f.ref = NodeRef{e.at, std::string(r.text())};
  f.related.resize(r.number());
  for (NodeRef& ref : f.related) {
    ref.at.file = r.u32();
    ref.at.line = r.u32();
    ref.at.column = r.u32();
    ref.path = r.text();
  }
  f.redact.resize(r.number());
  for (std::string& s : f.redact) s = r.text();
  f.suppression = static_cast<SuppressionKind>(e.suppression);
  f.suppression_reason = notes_[e.note].first;
  f.suppressed_by = notes_[e.note].second;
  return f;
}

std::vector<std::string> Findings::redactions(size_t i) const {
  PackedReader r = past_related(text(entries_[i]));
  std::vector<std::string> out(r.number());
  for (std::string& s : out) s = r.text();
  return out;
}

void Findings::suppress(size_t i, SuppressionKind kind, std::string_view reason, std::string_view by) {
  Entry& e = entries_[i];
  e.suppression = static_cast<uint8_t>(kind);
  // Many findings share one ignore's or waiver's reason: consecutive repeats share a note.
  if (reason.empty() && by.empty()) {
    e.note = 0;
  } else {
    if (notes_.back().first != reason || notes_.back().second != by)
      notes_.emplace_back(std::string(reason), std::string(by));
    e.note = static_cast<uint32_t>(notes_.size() - 1);
  }
}

void Findings::sort(const SourceFiles& files) {
  // Files ordered by path once; comparisons then use the rank, not a (locked) path lookup.
  std::vector<uint32_t> ids;
  for (const Entry& e : entries_) ids.push_back(e.at.file);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::vector<std::pair<std::string, uint32_t>> by_path;
  for (uint32_t id : ids) by_path.emplace_back(files.path(id), id);
  std::sort(by_path.begin(), by_path.end());
  std::vector<uint32_t> rank(ids.empty() ? 0 : ids.back() + 1);
  // Two ids of one path (a file reached by two routes) share a rank.
  for (size_t i = 0, r = 0; i < by_path.size(); ++i) {
    if (i > 0 && by_path[i].first != by_path[i - 1].first) ++r;
    rank[by_path[i].second] = static_cast<uint32_t>(r);
  }
  std::vector<uint8_t> name_rank(names_.size());
  {
    std::vector<uint8_t> order(names_.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<uint8_t>(i);
    std::sort(order.begin(), order.end(), [&](uint8_t a, uint8_t b) { return names_[a] < names_[b]; });
    for (size_t i = 0; i < order.size(); ++i) name_rank[order[i]] = static_cast<uint8_t>(i);
  }
  auto fixed = [&](const Entry& e) {
    return std::tuple(rank[e.at.file], e.at.line, e.at.column, name_rank[e.rule]);
  };
  auto texts = [&](const Entry& e) {
    PackedReader r(text(e));
    std::string_view message = r.text();
    return std::pair(message, r.text());
  };
  auto same = [&](const Entry& a, const Entry& b) {
    return fixed(a) == fixed(b) && texts(a) == texts(b);
  };
  // A total order (the text's place in the arena is the order added), so no stable sort and
  // no buffer of a copy of the entries.
  std::sort(entries_.begin(), entries_.end(), [&](const Entry& a, const Entry& b) {
    if (auto c = fixed(a) <=> fixed(b); c != 0) return c < 0;
    if (auto c = texts(a) <=> texts(b); c != 0) return c < 0;
    return std::tie(a.slot, a.text) < std::tie(b.slot, b.text);
  });
  entries_.erase(std::unique(entries_.begin(), entries_.end(), same), entries_.end());
}

size_t Findings::bytes() const {
  size_t n = entries_.capacity() * sizeof(Entry) + arena_.bytes();
  for (const auto& s : names_) n += s.capacity();
  for (const auto& [reason, by] : notes_) n += reason.capacity() + by.capacity();
  return n;
}

}  // namespace shipshape::engine
