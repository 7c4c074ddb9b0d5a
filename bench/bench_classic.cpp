// Pair updates per second of the pairwise classic models on Erdős–Rényi
// graphs with mean degree 10 (issue: at least 5e7 Deffuant updates/s on one
// core at 1e6 nodes). One benchmark iteration is one model step = N pair
// updates, reported as items_per_second.
#include <benchmark/benchmark.h>

#include <omp.h>

#include "bench_support.hpp"

namespace {

using namespace microcosm;

void BM_DeffuantER(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  // epsilon 0.2 keeps roughly 36% of pairs within the bound at the start, as
  // in a typical run; tolerance 0 so the model never reports convergence.
  const std::map<std::string, spec::Value> params = {{"epsilon", 0.2}, {"tolerance", 0.0}};
  auto model = bench::make_model("deffuant", bench::er_network(n), params);
  for (auto _ : state) {
    model->step();
    if (model->converged()) {  // measure dynamics, not a frozen state
      state.PauseTiming();
      model = bench::make_model("deffuant", bench::er_network(n), params);
      state.ResumeTiming();
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
}
BENCHMARK(BM_DeffuantER)->RangeMultiplier(10)->Range(10'000, 10'000'000)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_VoterER(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  auto model = bench::make_model("voter", bench::er_network(n), {{"rho0", 0.5}});
  for (auto _ : state) {
    model->step();
    if (model->converged()) {
      state.PauseTiming();
      model = bench::make_model("voter", bench::er_network(n), {{"rho0", 0.5}});
      state.ResumeTiming();
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
}
BENCHMARK(BM_VoterER)->RangeMultiplier(10)->Range(10'000, 10'000'000)->Unit(benchmark::kMillisecond)->UseRealTime();

// Hegselmann–Krause: one synchronous sweep over all agents per iteration
// (items = agents updated). Mean field uses sorted prefix sums; ER graphs
// average over each agent's neighbourhood. Threads: 1 and 2.
void BM_HkMeanField(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const int threads = static_cast<int>(state.range(1));
  omp_set_num_threads(threads);
  auto model = bench::make_model("hegselmann_krause", bench::mean_field_network(n),
                                 {{"epsilon", 0.05}, {"tolerance", 0.0}}, threads);
  for (auto _ : state) model->step();
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
  omp_set_num_threads(1);
}
BENCHMARK(BM_HkMeanField)->ArgsProduct({{100'000, 1'000'000}, {1, 2}})->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_HkER(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const int threads = static_cast<int>(state.range(1));
  omp_set_num_threads(threads);
  auto model = bench::make_model("hegselmann_krause", bench::er_network(n),
                                 {{"epsilon", 0.05}, {"tolerance", 0.0}}, threads);
  for (auto _ : state) model->step();
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
  omp_set_num_threads(1);
}
BENCHMARK(BM_HkER)->ArgsProduct({{100'000, 1'000'000}, {1, 2}})->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
