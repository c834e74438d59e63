// The thread pool (src/core/parallel.hpp).
#include <doctest/doctest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "core/parallel.hpp"

using namespace shipshape;

TEST_CASE("parallel: every index runs exactly once") {
  for (size_t jobs : {size_t{0}, size_t{1}, size_t{3}, size_t{64}}) {
    INFO("jobs " << jobs);
    std::vector<std::atomic<int>> runs(1000);
    parallel_for(runs.size(), jobs, [&](size_t i) { runs[i].fetch_add(1); });
    int wrong = 0;
    for (const auto& r : runs) wrong += r.load() != 1;
    CHECK(wrong == 0);
  }
}

TEST_CASE("parallel: one job runs in index order on the calling thread") {
  std::vector<size_t> order;
  std::set<std::thread::id> threads;
  parallel_for(50, 1, [&](size_t i) {
    order.push_back(i);
    threads.insert(std::this_thread::get_id());
  });
  REQUIRE(order.size() == 50);
  for (size_t i = 0; i < order.size(); ++i) CHECK(order[i] == i);
  CHECK(threads == std::set<std::thread::id>{std::this_thread::get_id()});
}

TEST_CASE("parallel: no more threads than tasks and none for zero tasks") {
  std::mutex mu;
  std::set<std::thread::id> threads;
  parallel_for(2, 16, [&](size_t) {
    std::lock_guard lock(mu);
    threads.insert(std::this_thread::get_id());
  });
  CHECK(threads.size() <= 2);
  CHECK(threads.size() >= 1);
  int calls = 0;
  parallel_for(0, 4, [&](size_t) { ++calls; });
  CHECK(calls == 0);
}
