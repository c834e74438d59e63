// The findings of a run, packed: each finding's text (message, subject, path, related places,
// redactions) is written once into large blocks, next to a small fixed entry per finding that
// sorting, filtering and suppression read without decoding. A message a rule formats from one
// of its templates is kept as the template's number and the arguments, and formatted when read.
// A run of a hundred thousand findings holds 32 bytes plus ~120 bytes of text per finding, not
// a Finding with six strings each. Reading one gives back a whole Finding.
#pragma once

#include <cstdint>
#include <iterator>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/location.hpp"
#include "core/packed.hpp"
#include "core/severity.hpp"
#include "core/source_files.hpp"
#include "engine/finding.hpp"
#include "rules/rule.hpp"

namespace shipshape::engine {

/// The fixed part of a finding and views of its text, read without allocating. Valid while
/// the Findings it came from lives and is not changed.
struct FindingView {
  std::string_view rule_id;
  std::string_view category;
  Severity severity = Severity::error;
  SuppressionKind suppression = SuppressionKind::none;
  InputKind input = InputKind::unknown;
  std::string_view aspect;
  Location at;
  std::string_view subject;
  std::string_view path;

  bool suppressed() const { return suppression != SuppressionKind::none; }
};

class Findings {
 public:
  Findings();
  Findings(Findings&&) noexcept;
  Findings& operator=(Findings&&) noexcept;
  Findings(const Findings&) = delete;
  Findings& operator=(const Findings&) = delete;
  ~Findings();

  /// Appends every finding of `other`, in its order, as from `slot`.
  void append(const Findings& other, uint32_t slot = 0);
  /// Appends a finding; `slot` orders findings that sort equal (see sort): the input it came
  /// from, so the order does not depend on which thread added it first.
  void push_back(const Finding& f, uint32_t slot = 0);
  /// What the engine adds to a rule's report.
  struct Stamp {
    std::string_view rule_id;
    std::string_view category;
    Severity severity = Severity::error;
    InputKind input = InputKind::unknown;
  };
  /// Appends a rule's report, stamped; a plain template (rules::plain_template) is kept as
  /// the template's number and its arguments.
  void push_back(const rules::Reported& r, const Stamp& stamp, uint32_t slot = 0);

  size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }
  /// The i-th finding, decoded.
  Finding operator[](size_t i) const;
  FindingView view(size_t i) const;
  /// The i-th finding's message.
  std::string message(size_t i) const;
  /// As Finding::fingerprint, of the i-th finding.
  std::string fingerprint(size_t i, const std::string& file) const;
  /// The secrets the i-th finding's source must be masked for (Finding::redact).
  std::vector<std::string> redactions(size_t i) const;

  /// Marks the i-th finding suppressed, with the reason and (for waivers) who granted it.
  void suppress(size_t i, SuppressionKind kind, std::string_view reason, std::string_view by = {});

  /// Drops the findings whose index `drop(i)` is true for, keeping the others' order; `drop`
  /// is called once per finding, in order, and may read the i-th (only: those before it may
  /// have moved). Returns how many went.
  template <class Pred>
  size_t erase_if(Pred drop) {
    size_t kept = 0;
    for (size_t i = 0; i < entries_.size(); ++i)
      if (!drop(i)) entries_[kept++] = entries_[i];
    size_t dropped = entries_.size() - kept;
    entries_.resize(kept);
    return dropped;
  }

  /// Sorts in the output order (file by path, line, column, rule id, message, subject, then
  /// slot and the order added) and drops exact repeats (a file linted by two paths).
  void sort(const SourceFiles& files);

  /// Bytes held (entries and text blocks), for tests and benchmarks.
  size_t bytes() const;

  class const_iterator {
   public:
    using iterator_category = std::random_access_iterator_tag;
    using value_type = Finding;
    using difference_type = std::ptrdiff_t;
    using reference = Finding;
    using pointer = void;
    const_iterator() = default;
    const_iterator(const Findings* f, size_t i) : f_(f), i_(i) {}
    Finding operator*() const { return (*f_)[i_]; }
    const_iterator& operator++() {
      ++i_;
      return *this;
    }
    const_iterator operator++(int) {
      auto t = *this;
      ++i_;
      return t;
    }
    const_iterator& operator--() {
      --i_;
      return *this;
    }
    const_iterator& operator+=(difference_type n) {
      i_ += n;
      return *this;
    }
    const_iterator operator+(difference_type n) const { return {f_, i_ + n}; }
    difference_type operator-(const const_iterator& o) const {
      return static_cast<difference_type>(i_) - static_cast<difference_type>(o.i_);
    }
    bool operator==(const const_iterator& o) const { return i_ == o.i_; }
    auto operator<=>(const const_iterator& o) const { return i_ <=> o.i_; }

   private:
    const Findings* f_ = nullptr;
    size_t i_ = 0;
  };
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, entries_.size()}; }

 private:
  struct Entry {
    Location at;
    uint32_t slot = 0;
    PackedRef text;     // message, subject, path, related, redactions; in the order added
    uint32_t note = 0;  // suppression reason and by: notes_[note - 1] (0: none)
    uint8_t rule = 0;   // in names_
    uint8_t category = 0;
    uint8_t aspect = 0;           // names_[aspect - 1] (0: none)
    uint8_t severity : 2 = 0;     // a Severity
    uint8_t suppression : 2 = 0;  // a SuppressionKind
    uint8_t input : 4 = 0;        // an InputKind
  };
  static_assert(sizeof(Entry) == 32);
  const char* text(const Entry& e) const { return arena_.at(e.text); }
  template <class T>
  void fixed_part(const Entry& e, T& out) const;
  uint8_t name_index(std::string_view name);
  uint32_t template_index(std::string_view format);
  std::string read_message(PackedReader& r) const;
  template <class Record>
  void add(const Record& f, const Stamp& stamp, uint32_t slot, PackedWriter& w);

  std::vector<Entry> entries_;
  std::vector<std::string> names_;      // rule ids and categories
  std::vector<std::string> templates_;  // message templates, by number - 1
  std::map<std::string, uint32_t, std::less<>> template_numbers_;
  std::vector<std::pair<std::string, std::string>> notes_;
  PackedArena arena_;
  PackedWriter scratch_;
};

/// Collects what one rule reports, packed, stamped with the rule's id, category and severity
/// (the engine's, from the catalogue and the config: rules never stamp their own) and with the
/// kind of input each finding is in.
class FindingSink final : public rules::Sink {
 public:
  FindingSink(std::string_view rule_id, std::string_view category, Severity severity,
              const SourceFiles& files)
      : stamp_{rule_id, category, severity, InputKind::unknown}, files_(&files) {}

  Findings take() {
    flush();
    return std::move(findings_);
  }

 private:
  void deliver(const rules::Reported& r) override;

  Findings::Stamp stamp_;
  const SourceFiles* files_;
  Findings findings_;
};

}  // namespace shipshape::engine
