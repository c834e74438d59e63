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
  key.append(rule_id).append("\n").append(file).append("\n").append(path).append("\n").append(
      subject);
  if (path.empty()) key.append("\n").append(message);  // tool findings have no logical path
  return sha256_hex(key).substr(0, 32);
}

// A record: the message (0 and its text, or a template's number and the arguments), subject,
// path, related places, redactions.
void skip_message(PackedReader& r) {
  if (r.number() == 0) {
    r.text();
  } else {
    for (uint64_t n = r.number(); n > 0; --n) r.text();
  }
}

// Reads a record past its message, subject, path and related places: the redactions are left.
PackedReader past_related(const char* record) {
  PackedReader r(record);
  skip_message(r);
  r.text(), r.text();
  for (uint64_t n = r.number(); n > 0; --n) r.u32(), r.u32(), r.u32(), r.text();
  return r;
}

// Where a record ends.
const char* record_end(const char* record) {
  PackedReader r = past_related(record);
  for (uint64_t n = r.number(); n > 0; --n) r.text();
  return r.position();
}

}  // namespace

std::string Finding::fingerprint(const std::string& file) const {
  return fingerprint_of(rule_id, file, ref.path, subject, message);
}

std::string Findings::fingerprint(size_t i, const std::string& file) const {
  FindingView v = view(i);
  return fingerprint_of(v.rule_id, file, v.path, v.subject, v.path.empty() ? message(i) : "");
}

uint32_t Findings::template_index(std::string_view format) {
  auto it = template_numbers_.find(format);
  if (it != template_numbers_.end()) return it->second;
  templates_.emplace_back(format);
  auto n = static_cast<uint32_t>(templates_.size());
  template_numbers_.emplace(templates_.back(), n);
  return n;
}

std::string Findings::read_message(PackedReader& r) const {
  uint64_t n = r.number();
  if (n == 0) return std::string(r.text());
  std::string_view format = templates_[n - 1];
  std::string out;
  uint64_t args = r.number();
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] == '{' && args > 0) {  // a plain template: every '{' opens a "{}"
      out += r.text();
      --args;
      ++i;
    } else {
      out += format[i];
    }
  }
  return out;
}

Findings::Findings() = default;

Findings::Findings(Findings&&) noexcept = default;
Findings& Findings::operator=(Findings&&) noexcept = default;
Findings::~Findings() = default;

uint8_t Findings::name_index(std::string_view name) {
  for (size_t i = 0; i < names_.size(); ++i)
    if (names_[i] == name) return static_cast<uint8_t>(i);
  // Rule ids and categories come from the catalogue: a few dozen.
  if (names_.size() >= UINT8_MAX)
    throw std::length_error("more than 255 rule ids, categories and aspects");
  names_.emplace_back(name);
  return static_cast<uint8_t>(names_.size() - 1);
}

void Findings::push_back(const Finding& f, uint32_t slot) {
  PackedWriter& w = scratch_;
  w.clear();
  w.number(0).text(f.message);
  add(f, Stamp{f.rule_id, f.category, f.severity, f.input}, slot, w);
  if (f.suppressed())
    suppress(entries_.size() - 1, f.suppression, f.suppression_reason, f.suppressed_by);
}

void Findings::push_back(const rules::Reported& r, const Stamp& stamp, uint32_t slot) {
  PackedWriter& w = scratch_;
  w.clear();
  if (r.format.empty()) {
    w.number(0).text(r.message);
  } else {
    w.number(template_index(r.format)).number(r.args.size());
    for (const std::string& a : r.args) w.text(a);
  }
  add(r, stamp, slot, w);
}

// Packs the rest of a record after its message (in `w`) and adds its entry.
template <class Record>
void Findings::add(const Record& f, const Stamp& stamp, uint32_t slot, PackedWriter& w) {
  w.text(f.subject).text(f.ref.path).number(f.related.size());
  for (const NodeRef& r : f.related)
    w.number(r.at.file).number(r.at.line).number(r.at.column).text(r.path);
  w.number(f.redact.size());
  for (const std::string& s : f.redact) w.text(s);

  Entry e;
  e.at = f.ref.at;
  e.slot = slot;
  e.text = arena_.add(w.bytes());
  e.rule = name_index(stamp.rule_id);
  e.category = name_index(stamp.category);
  e.aspect = f.aspect.empty() ? 0 : static_cast<uint8_t>(name_index(f.aspect) + 1);
  e.severity = static_cast<uint8_t>(stamp.severity) & 3;
  e.input = static_cast<uint8_t>(stamp.input) & 15;
  entries_.push_back(e);
}

void Findings::append(const Findings& other, uint32_t slot) {
  // The other store numbers its names and templates its own way: renumbered once here.
  std::vector<uint8_t> names(other.names_.size());
  for (size_t i = 0; i < names.size(); ++i) names[i] = name_index(other.names_[i]);
  std::vector<uint32_t> templates(other.templates_.size());
  for (size_t i = 0; i < templates.size(); ++i) templates[i] = template_index(other.templates_[i]);
  for (const Entry& from : other.entries_) {
    // A record's bytes are copied as they are, but for its template's number.
    PackedReader r(other.text(from));
    uint64_t n = r.number();
    const char* rest = r.position();
    PackedWriter& w = scratch_;
    w.clear();
    w.number(n == 0 ? 0 : templates[n - 1]);
    w.raw(std::string_view(rest, static_cast<size_t>(record_end(other.text(from)) - rest)));
    Entry e = from;
    e.slot = slot;
    e.text = arena_.add(w.bytes());
    e.rule = names[from.rule];
    e.category = names[from.category];
    e.aspect = from.aspect == 0 ? 0 : static_cast<uint8_t>(names[from.aspect - 1] + 1);
    entries_.push_back(e);
    if (from.note) {
      const auto& [reason, by] = other.notes_[from.note - 1];
      suppress(entries_.size() - 1, static_cast<SuppressionKind>(from.suppression), reason, by);
    }
  }
}

void FindingSink::deliver(const rules::Reported& r) {
  stamp_.input = files_->kind(r.ref.at.file);
  findings_.push_back(r, stamp_);
}

// The fixed part of an entry, into a Finding or a FindingView.
template <class T>
void Findings::fixed_part(const Entry& e, T& out) const {
  out.rule_id = names_[e.rule];
  out.category = names_[e.category];
  out.severity = static_cast<Severity>(e.severity);
  out.suppression = static_cast<SuppressionKind>(e.suppression);
  out.input = static_cast<InputKind>(e.input);
  out.aspect = e.aspect == 0 ? std::string_view() : std::string_view(names_[e.aspect - 1]);
}

FindingView Findings::view(size_t i) const {
  const Entry& e = entries_[i];
  PackedReader r(text(e));
  FindingView v;
  fixed_part(e, v);
  v.at = e.at;
  skip_message(r);
  v.subject = r.text();
  v.path = r.text();
  return v;
}

Finding Findings::operator[](size_t i) const {
  const Entry& e = entries_[i];
  PackedReader r(text(e));
  Finding f;
  fixed_part(e, f);
  f.message = read_message(r);
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
  if (e.note) {
    f.suppression_reason = notes_[e.note - 1].first;
    f.suppressed_by = notes_[e.note - 1].second;
  }
  return f;
}

std::string Findings::message(size_t i) const {
  PackedReader r(text(entries_[i]));
  return read_message(r);
}

std::vector<std::string> Findings::redactions(size_t i) const {
  PackedReader r = past_related(text(entries_[i]));
  std::vector<std::string> out(r.number());
  for (std::string& s : out) s = r.text();
  return out;
}

void Findings::suppress(size_t i, SuppressionKind kind, std::string_view reason,
                        std::string_view by) {
  Entry& e = entries_[i];
  e.suppression = static_cast<uint8_t>(kind) & 3;
  // Many findings share one ignore's or waiver's reason: consecutive repeats share a note.
  if (reason.empty() && by.empty()) {
    e.note = 0;
  } else {
    if (notes_.empty() || notes_.back().first != reason || notes_.back().second != by)
      notes_.emplace_back(std::string(reason), std::string(by));
    e.note = static_cast<uint32_t>(notes_.size());
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
    std::sort(order.begin(), order.end(),
              [&](uint8_t a, uint8_t b) { return names_[a] < names_[b]; });
    for (size_t i = 0; i < order.size(); ++i) name_rank[order[i]] = static_cast<uint8_t>(i);
  }
  auto fixed = [&](const Entry& e) {
    return std::tuple(rank[e.at.file], e.at.line, e.at.column, name_rank[e.rule]);
  };
  // Read only when the fixed parts are equal: rarely.
  auto texts = [&](const Entry& e) {
    PackedReader r(text(e));
    std::string message = read_message(r);
    return std::pair(std::move(message), r.text());
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
  for (const auto& s : templates_) n += 2 * s.capacity();
  for (const auto& [reason, by] : notes_) n += reason.capacity() + by.capacity();
  return n;
}

}  // namespace shipshape::engine
