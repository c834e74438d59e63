// Google Benchmark for the hot functions: secret scan of a scalar, compose interpolation,
// and building our YAML tree with merge keys. Run by ci/bench.sh.
#include <benchmark/benchmark.h>

#include <string>

#include "load/interpolate.hpp"
#include "load/yaml_tree.hpp"
#include "secrets/scanner.hpp"

namespace {

using namespace shipshape;

const auto& scanner() {
  static auto s = *secrets::SecretScanner::build();
  return *s;
}

void BM_ScanPlainScalar(benchmark::State& state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(scanner().scan("image", "registry.example.org/shop/api:2.4.1"));
}
BENCHMARK(BM_ScanPlainScalar);

void BM_ScanSecretKey(benchmark::State& state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(scanner().scan("SMTP_PASSWORD", "Tr0ub4dor-and-3-horses"));
}
BENCHMARK(BM_ScanSecretKey);

void BM_ScanToken(benchmark::State& state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(scanner().scan("X", "ghp_R8mT2vQ9xL4kW7nB3cF6hJ1pS5dZ0aY2eU8i"));
}
BENCHMARK(BM_ScanToken);

void BM_Interpolate(benchmark::State& state) {
  load::Variables vars;
  vars["DB_PASSWORD"] = {"s3cret", Location{1, 1, 1}, model::Origin::env_file};
  for (auto _ : state)
    benchmark::DoNotOptimize(
        load::interpolate("postgres://app:${DB_PASSWORD}@db:${PORT:-5432}/app", vars, {}));
}
BENCHMARK(BM_Interpolate);

void BM_MergeKeys(benchmark::State& state) {
  std::string text =
      "x-base: &base\n  restart: always\n  logging: {driver: json-file}\n"
      "x-env: &env\n  A: '1'\n  B: '2'\nservices:\n";
  for (int i = 0; i < 50; ++i)
    text += "  s" + std::to_string(i) +
            ":\n    <<: *base\n    image: x\n    environment:\n      <<: *env\n      C: '3'\n";
  for (auto _ : state) {
    load::Arena arena;
    benchmark::DoNotOptimize(load::parse_yaml(text, 1, arena));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_MergeKeys);

}  // namespace

BENCHMARK_MAIN();
