// Echo-chamber index ρ(x, x^N) of Cinelli et al. (2021)
// (metrics/echo_chamber.hpp) on hand-computed graphs.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "microcosm/core/error.hpp"
#include "microcosm/metrics/echo_chamber.hpp"
#include "microcosm/metrics/opinion.hpp"
#include "test_metrics_graphs.hpp"

namespace m = microcosm::metrics;
using microcosm::test::make_graph;
using microcosm::test::make_weighted;
using D = std::vector<double>;

TEST(MetricsEchoChamber, NeighbourMeansDirected) {
  // Arcs 0->1, 0->2, 1->0, 2->3; node 3 follows nobody.
  const auto g = make_graph(4, {{0, 1}, {0, 2}, {1, 0}, {2, 3}}, true);
  const D x{1.0, -1.0, 0.5, 2.0};
  const auto xn = m::neighbour_means(g, x);
  EXPECT_DOUBLE_EQ(xn[0], -0.25);  // (x1 + x2) / 2
  EXPECT_DOUBLE_EQ(xn[1], 1.0);    // x0
  EXPECT_DOUBLE_EQ(xn[2], 2.0);    // x3
  EXPECT_TRUE(std::isnan(xn[3]));
  // ρ over nodes 0..2: x = (1, -1, 1/2), x^N = (-1/4, 1, 2). Centred:
  // (5/6, -7/6, 1/3) and (-7/6, 1/12, 13/12); cross sum -51/72, squares
  // 78/36 and 366/144.
  const double expected = (-51.0 / 72.0) / std::sqrt((78.0 / 36.0) * (366.0 / 144.0));
  EXPECT_NEAR(m::echo_chamber_index(g, x), expected, 1e-14);
}

TEST(MetricsEchoChamber, WeightedAndMissingValues) {
  const auto g = make_weighted(3, {{0, 1, 3.0f}, {0, 2, 1.0f}, {1, 2, 1.0f}}, true);
  const auto xn = m::neighbour_means(g, D{0.0, -1.0, 0.5});
  EXPECT_DOUBLE_EQ(xn[0], (3.0 * -1.0 + 0.5) / 4.0);
  EXPECT_DOUBLE_EQ(xn[1], 0.5);
  // A neighbour without a value is skipped; all skipped -> NaN.
  const auto partial = m::neighbour_means(g, D{0.0, std::nan(""), 0.5});
  EXPECT_DOUBLE_EQ(partial[0], 0.5);
  EXPECT_TRUE(std::isnan(m::neighbour_means(g, D{0.0, 1.0, std::nan("")})[1]));
  EXPECT_THROW(m::neighbour_means(g, D{0.0}), microcosm::ParameterError);
}

TEST(MetricsEchoChamber, PerfectEchoChambersAndMixing) {
  // Two disjoint cliques with opposite leanings: every x^N equals x
  // exactly except that x^N excludes the node itself -> ρ = 1.
  const auto g = microcosm::test::cliques(2, 5);
  D x(10, 1.0);
  for (std::size_t u = 5; u < 10; ++u) x[u] = -1.0;
  EXPECT_NEAR(m::echo_chamber_index(g, x), 1.0, 1e-15);
  // A complete bipartite graph between the camps: x^N = -x, ρ = -1.
  microcosm::GraphBuilder b(6, {});
  for (microcosm::NodeId u = 0; u < 3; ++u) {
    for (microcosm::NodeId v = 3; v < 6; ++v) b.add_edge(u, v);
  }
  EXPECT_NEAR(m::echo_chamber_index(std::move(b).build(), D{1, 1, 1, -1, -1, -1}), -1.0, 1e-15);
}

TEST(MetricsEchoChamber, UndirectedEqualsPearsonOfMeans) {
  // Undirected: neighbours are the out-neighbours. Path 0-1-2-3 with
  // x = (0, 1, 2, 3): x^N = (1, 1, 2, 2).
  const auto g = make_graph(4, {{0, 1}, {1, 2}, {2, 3}});
  const D x{0, 1, 2, 3};
  EXPECT_EQ(m::neighbour_means(g, x), (D{1, 1, 2, 2}));
  EXPECT_NEAR(m::echo_chamber_index(g, x), m::pearson(x, D{1, 1, 2, 2}), 1e-15);
  // Isolated nodes are excluded, not counted as x^N = 0.
  const auto h = make_graph(5, {{0, 1}, {1, 2}, {2, 3}});
  EXPECT_NEAR(m::echo_chamber_index(h, D{0, 1, 2, 3, 100}), m::pearson(x, D{1, 1, 2, 2}), 1e-15);
  EXPECT_TRUE(std::isnan(m::echo_chamber_index(make_graph(3, {}), D{1, 2, 3})));
}
