// The one thread pool: `count` independent tasks on `jobs` threads (0 = one per core), the
// calling thread among them. Tasks are taken in index order; callers that need a fixed
// result order write into slot i and merge afterwards.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace shipshape {

template <class Task>
void parallel_for(size_t count, size_t jobs, Task&& task) {
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
  jobs = std::min(jobs, count);
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i; (i = next.fetch_add(1)) < count;) task(i);
  };
  std::vector<std::thread> pool;
  for (size_t t = 1; t < jobs; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
}

}  // namespace shipshape
