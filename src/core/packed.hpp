// Packed records: many small records of numbers and strings written one after another into
// large blocks, for what a run keeps of every input (findings, secrets, workload labels).
// A record costs its bytes plus a length byte or two per field, instead of a struct of
// std::strings with a heap allocation each.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace shipshape {

/// Builds one record: unsigned numbers as varints, strings as a length and their bytes.
class PackedWriter {
 public:
  PackedWriter& number(uint64_t v) {
    while (v >= 0x80) {
      buf_.push_back(static_cast<char>((v & 0x7f) | 0x80));
      v >>= 7;
    }
    buf_.push_back(static_cast<char>(v));
    return *this;
  }
  PackedWriter& text(std::string_view s) {
    number(s.size());
    buf_.append(s);
    return *this;
  }
  std::string_view bytes() const { return buf_; }
  void clear() { buf_.clear(); }

 private:
  std::string buf_;
};

/// Reads a record back, field by field, in the order written.
class PackedReader {
 public:
  explicit PackedReader(const char* p) : p_(p) {}
  uint64_t number() {
    uint64_t v = 0;
    for (int shift = 0;; shift += 7) {
      auto b = static_cast<unsigned char>(*p_++);
      v |= static_cast<uint64_t>(b & 0x7f) << shift;
      if (b < 0x80) return v;
    }
  }
  uint32_t u32() { return static_cast<uint32_t>(number()); }
  std::string_view text() {
    size_t n = number();
    std::string_view s(p_, n);
    p_ += n;
    return s;
  }

 private:
  const char* p_;
};

/// Where records live: blocks that grow to 256 KiB and never move, so a record's address
/// stays valid for the arena's life. Not thread-safe.
class PackedArena {
 public:
  /// Copies a record in; returns its address.
  const char* add(std::string_view record) {
    char* p = allocate(record.size());
    if (!record.empty()) std::memcpy(p, record.data(), record.size());
    return p;
  }
  /// Bytes held in blocks.
  size_t bytes() const { return bytes_; }

 private:
  static constexpr size_t kFirst = 4096, kMax = 256 * 1024;
  char* allocate(size_t n) {
    if (used_ + n <= size_) {
      char* p = blocks_.back().get() + used_;
      used_ += n;
      return p;
    }
    size_t next = size_ ? std::min(kMax, size_ * 2) : kFirst;
    bytes_ += n > next / 4 ? n : next;
    if (n > next / 4) {  // a large record gets a block of its own; the current one goes on
      auto own = std::make_unique<char[]>(n);
      char* p = own.get();
      blocks_.insert(blocks_.empty() ? blocks_.end() : blocks_.end() - 1, std::move(own));
      return p;
    }
    blocks_.push_back(std::make_unique<char[]>(next));
    size_ = next;
    used_ = n;
    return blocks_.back().get();
  }

  std::vector<std::unique_ptr<char[]>> blocks_;
  size_t used_ = 0, size_ = 0, bytes_ = 0;
};

}  // namespace shipshape
