// Random Walk Controversy (metrics/controversy.hpp) on planted two-block
// stochastic block models, the test LITERATURE.md §11.4 asks for, plus
// hand-made edge cases.
#include <gtest/gtest.h>

#include <omp.h>

#include <cmath>
#include <vector>

#include "microcosm/core/error.hpp"
#include "microcosm/core/rng.hpp"
#include "microcosm/metrics/controversy.hpp"
#include "microcosm/metrics/partition.hpp"
#include "test_metrics_graphs.hpp"

namespace m = microcosm::metrics;
using U = std::vector<std::uint32_t>;

namespace {

// Two blocks of `half` nodes, each pair linked with p_in inside a block and
// p_out across.
microcosm::CsrGraph two_blocks(std::size_t half, double p_in, double p_out, std::uint64_t seed) {
  microcosm::GraphBuilder b(2 * half, {});
  microcosm::Rng rng(seed, "test.sbm");
  for (microcosm::NodeId u = 0; u < 2 * half; ++u) {
    for (microcosm::NodeId v = u + 1; v < 2 * half; ++v) {
      if (rng.bernoulli((u < half) == (v < half) ? p_in : p_out)) b.add_edge(u, v);
    }
  }
  return std::move(b).build();
}

}  // namespace

TEST(MetricsRwc, PlantedPolarisedBlocksGiveNearOne) {
  // 2 x 200 nodes, p_in = 0.1 (~20 neighbours inside the block). A walk
  // needs ~20 steps to hit one of its side's 10 hubs (they hold ~5% of the
  // stationary mass) and crosses with probability ~p_out * 200 / 20 per
  // step, so RWC falls as p_out grows and tends to 1 as p_out -> 0.
  // Measured (seed 3): 0.962, 0.693, 0.243.
  const auto side = microcosm::test::block_of(2, 200);
  double previous = 1.0;
  for (double p_out : {0.0002, 0.002, 0.01}) {
    const auto g = two_blocks(200, 0.1, p_out, 1);
    const auto r = m::random_walk_controversy(g, side, {.walks = 2000, .seed = 3});
    EXPECT_LT(r.rwc, previous) << p_out;
    previous = r.rwc;
    EXPECT_EQ(r.absorbed + r.abandoned, 4000u);
    EXPECT_EQ(r.abandoned, 0u);
    EXPECT_NEAR(r.p_xx + r.p_yx, 1.0, 1e-12);
    EXPECT_NEAR(r.p_xy + r.p_yy, 1.0, 1e-12);
    if (p_out == 0.0002) {
      EXPECT_GT(r.rwc, 0.9);
    }
  }
}

TEST(MetricsRwc, UnstructuredGraphGivesNearZero) {
  // p_in = p_out: sides are arbitrary halves of an Erdős–Rényi graph, the
  // end side is independent of the start side and every P is 1/2 up to
  // sampling noise (sd ≈ 0.5 / sqrt(2000) ≈ 0.011 each): |RWC| < 0.1.
  const auto g = two_blocks(200, 0.05, 0.05, 2);
  const auto side = microcosm::test::block_of(2, 200);
  const auto r = m::random_walk_controversy(g, side, {.walks = 2000, .seed = 3});
  EXPECT_LT(std::fabs(r.rwc), 0.1);
}

TEST(MetricsRwc, DisconnectedSidesGiveOne) {
  // Two disjoint cliques: a walk can never cross, RWC = 1 exactly.
  const auto g = microcosm::test::cliques(2, 6);
  const auto r =
      m::random_walk_controversy(g, microcosm::test::block_of(2, 6), {.hubs = 2, .walks = 200});
  EXPECT_DOUBLE_EQ(r.rwc, 1.0);
  EXPECT_DOUBLE_EQ(r.p_xy, 0.0);
}

TEST(MetricsRwc, IndependentOfThreadCount) {
  const auto g = two_blocks(100, 0.1, 0.01, 4);
  const auto side = microcosm::test::block_of(2, 100);
  const int saved = omp_get_max_threads();
  omp_set_num_threads(1);
  const auto one = m::random_walk_controversy(g, side, {.walks = 500, .seed = 9});
  omp_set_num_threads(3);
  const auto three = m::random_walk_controversy(g, side, {.walks = 500, .seed = 9});
  omp_set_num_threads(saved);
  EXPECT_EQ(one.rwc, three.rwc);
  EXPECT_EQ(one.absorbed, three.absorbed);
}

TEST(MetricsRwc, BadInput) {
  const auto g = microcosm::test::cliques(2, 3);
  EXPECT_THROW(m::random_walk_controversy(g, U{0, 0, 0, 0, 0, 0}), microcosm::ParameterError);
  EXPECT_THROW(m::random_walk_controversy(g, U{0, 0, 0, 2, 2, 2}), microcosm::ParameterError);
  // Every node of a side is a hub: nowhere to start.
  EXPECT_THROW(m::random_walk_controversy(g, microcosm::test::block_of(2, 3), {.hubs = 3}),
               microcosm::ParameterError);
  EXPECT_THROW(m::random_walk_controversy(g, microcosm::test::block_of(2, 3), {.walks = 0}),
               microcosm::ParameterError);
}
