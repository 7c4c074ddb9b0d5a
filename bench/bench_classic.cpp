// Pair updates per second of the pairwise classic models on Erdős–Rényi
// graphs with mean degree 10 (issue: at least 5e7 Deffuant updates/s on one
// core at 1e6 nodes). One benchmark iteration is one model step = N pair
// updates, reported as items_per_second.
#include <benchmark/benchmark.h>

#include "bench_support.hpp"

namespace {

using namespace microcosm;

void BM_DeffuantER(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  // epsilon 0.2 keeps roughly 36% of pairs within the bound at the start, as
  // in a typical run; tolerance 0 so the model never reports convergence.
  auto model = bench::make_model("deffuant", bench::er_network(n),
                                 {{"epsilon", 0.2}, {"tolerance", 0.0}});
  for (auto _ : state) model->step();
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
}
BENCHMARK(BM_DeffuantER)->RangeMultiplier(10)->Range(10'000, 10'000'000)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
