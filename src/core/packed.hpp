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
  /// Bytes already packed (part of another record), as they are.
  PackedWriter& raw(std::string_view bytes) {
    buf_.append(bytes);
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
  /// Where the next field starts, to read the rest later.
  const char* position() const { return p_; }

 private:
  const char* p_;
};

/// Where a record is in a PackedArena. A record added later compares greater.
struct PackedRef {
  uint32_t block = 0;
  uint32_t offset = 0;
  auto operator<=>(const PackedRef&) const = default;
};

/// Where records live: blocks that grow to 256 KiB and never move, so a record's address
/// stays valid for the arena's life. Not thread-safe.
class PackedArena {
 public:
  /// Copies a record in; returns where it is.
  PackedRef add(std::string_view record) {
    if (blocks_.empty() || used_ + record.size() > size_) {
      // A large record gets a block of its own, and the next one a new block after it.
      size_t want = record.size() > next_ / 4 ? record.size() : next_;
      blocks_.push_back(std::make_unique<char[]>(want));
      bytes_ += want;
      used_ = 0;
      size_ = want;
      if (want == next_) next_ = std::min(kMax, next_ * 2);
    }
    PackedRef ref{static_cast<uint32_t>(blocks_.size() - 1), static_cast<uint32_t>(used_)};
    if (!record.empty()) std::memcpy(blocks_.back().get() + used_, record.data(), record.size());
    used_ += record.size();
    return ref;
  }
  const char* at(PackedRef r) const { return blocks_[r.block].get() + r.offset; }
  /// Bytes held in blocks.
  size_t bytes() const { return bytes_; }

 private:
  static constexpr size_t kMax = 256 * 1024;
  std::vector<std::unique_ptr<char[]>> blocks_;
  size_t used_ = 0, size_ = 0, next_ = 4096, bytes_ = 0;
};

}  // namespace shipshape
