// Packed records: varints, length-prefixed strings and the arena they live in
// (src/core/packed.hpp).
#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "core/packed.hpp"

using namespace shipshape;
using namespace std::string_literals;

namespace {
std::string bytes_of(uint64_t v) {
  PackedWriter w;
  w.number(v);
  return std::string(w.bytes());
}
}  // namespace

TEST_CASE("packed: numbers are little-endian base-128 varints") {
  CHECK(bytes_of(0) == "\x00"s);
  CHECK(bytes_of(1) == "\x01");
  CHECK(bytes_of(127) == "\x7f");
  CHECK(bytes_of(128) == "\x80\x01");
  CHECK(bytes_of(300) == "\xac\x02");
  CHECK(bytes_of(16383) == "\xff\x7f");
  CHECK(bytes_of(16384) == "\x80\x80\x01");
  CHECK(bytes_of(0xFFFFFFFFu) == "\xff\xff\xff\xff\x0f");
  std::string max = bytes_of(std::numeric_limits<uint64_t>::max());
  CHECK(max.size() == 10);
  CHECK(max == std::string(9, '\xff') + "\x01");
}

TEST_CASE("packed: text is its length then its bytes") {
  PackedWriter w;
  w.text("abc");
  CHECK(w.bytes() ==
        "\x03"
        "abc");
  w.clear();
  CHECK(w.bytes().empty());
  w.text("");
  CHECK(w.bytes() == "\x00"s);
  w.clear();
  std::string long_text(200, 'x');
  w.text(long_text);
  CHECK(w.bytes().size() == 202);
  CHECK(w.bytes().substr(0, 2) == "\xc8\x01");  // 200 as a varint
  CHECK(w.bytes().substr(2) == long_text);
}

TEST_CASE("packed: a record reads back field by field") {
  PackedWriter w;
  std::string with_nul = "a\0b"s;
  w.number(42).text("SS201").number(300).text("").text(with_nul).number(
      std::numeric_limits<uint64_t>::max());
  std::string record(w.bytes());
  PackedReader r(record.data());
  CHECK(r.number() == 42);
  CHECK(r.text() == "SS201");
  CHECK(r.u32() == 300);
  CHECK(r.text().empty());
  CHECK(r.text() == with_nul);
  CHECK(r.number() == std::numeric_limits<uint64_t>::max());
  CHECK(r.position() == record.data() + record.size());
}

TEST_CASE("packed: raw bytes splice another record in") {
  PackedWriter inner;
  inner.text("inner").number(7);
  PackedWriter outer;
  outer.number(1).raw(inner.bytes()).text("after");
  std::string record(outer.bytes());
  PackedReader r(record.data());
  CHECK(r.number() == 1);
  const char* rest = r.position();
  CHECK(r.text() == "inner");
  CHECK(r.number() == 7);
  CHECK(r.text() == "after");
  // The position read earlier reads the rest again.
  PackedReader again(rest);
  CHECK(again.text() == "inner");
}

TEST_CASE("packed: u32 keeps the low 32 bits") {
  PackedWriter w;
  w.number((uint64_t{1} << 32) + 5);
  std::string record(w.bytes());
  PackedReader r(record.data());
  CHECK(r.u32() == 5);
}

TEST_CASE("packed: the arena hands out growing refs in one block") {
  PackedArena arena;
  CHECK(arena.bytes() == 0);
  PackedRef a = arena.add("abc");
  PackedRef b = arena.add("de");
  PackedRef c = arena.add("f");
  CHECK(a == PackedRef{0, 0});
  CHECK(b == PackedRef{0, 3});
  CHECK(c == PackedRef{0, 5});
  CHECK(a < b);
  CHECK(b < c);
  CHECK(arena.bytes() == 4096);  // the first block
  CHECK(std::string(arena.at(a), 3) == "abc");
  CHECK(std::string(arena.at(b), 2) == "de");
  CHECK(std::string(arena.at(c), 1) == "f");
}

TEST_CASE("packed: blocks double up to 256 KiB") {
  PackedArena arena;
  std::string rec(1000, 'r');
  std::vector<size_t> sizes;  // arena.bytes() after each new block
  PackedRef last{};
  for (int i = 0; i < 2000; ++i) {
    PackedRef ref = arena.add(rec);
    CHECK(last <= ref);
    if (ref.offset == 0) sizes.push_back(arena.bytes());
    last = ref;
  }
  // 4 + 8 + 16 + ... KiB, then 256 KiB blocks.
  REQUIRE(sizes.size() >= 8);
  CHECK(sizes[0] == 4096);
  CHECK(sizes[1] == 4096 + 8192);
  CHECK(sizes[2] == 4096 + 8192 + 16384);
  size_t at_256k = 4096 + 8192 + 16384 + 32768 + 65536 + 131072 + 262144;
  CHECK(sizes[6] == at_256k);
  CHECK(sizes[7] == at_256k + 262144);
  // Every record is whole and where its ref says.
  CHECK(last.block == sizes.size() - 1);
}

TEST_CASE("packed: a large record gets a block of its own") {
  PackedArena arena;
  PackedRef small = arena.add("s");
  std::string big(5000, 'B');
  big[0] = '<';
  big[4999] = '>';
  PackedRef large = arena.add(big);
  CHECK(large == PackedRef{1, 0});
  CHECK(arena.bytes() == 4096 + 5000);
  PackedRef next = arena.add("n");
  CHECK(next == PackedRef{2, 0});  // the big block is full: a new block after it
  CHECK(arena.bytes() == 4096 + 5000 + 8192);
  CHECK(small < large);
  CHECK(large < next);
  CHECK(std::string(arena.at(large), 5000) == big);
  CHECK(*arena.at(next) == 'n');
  // A large first record too.
  PackedArena first;
  CHECK(first.add(std::string(2000, 'x')) == PackedRef{0, 0});
  CHECK(first.bytes() == 2000);
  CHECK(first.add("y") == PackedRef{1, 0});
  CHECK(first.bytes() == 2000 + 4096);
}

TEST_CASE("packed: a record's address stays valid as the arena grows") {
  PackedArena arena;
  PackedWriter w;
  w.number(99).text("kept");
  PackedRef ref = arena.add(w.bytes());
  const char* where = arena.at(ref);
  for (int i = 0; i < 5000; ++i) arena.add(std::string(100, static_cast<char>('a' + i % 26)));
  CHECK(arena.at(ref) == where);
  PackedReader r(where);
  CHECK(r.number() == 99);
  CHECK(r.text() == "kept");
}
