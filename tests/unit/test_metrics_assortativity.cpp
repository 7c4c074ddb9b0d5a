// Newman assortativity coefficients (metrics/assortativity.hpp), values
// worked out by hand in the comments and checked against networkx 2.8.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "microcosm/core/error.hpp"
#include "microcosm/metrics/assortativity.hpp"
#include "microcosm/metrics/partition.hpp"
#include "test_metrics_graphs.hpp"

namespace m = microcosm::metrics;
using microcosm::test::make_graph;
using microcosm::test::make_weighted;
using U = std::vector<std::uint32_t>;
using D = std::vector<double>;

TEST(MetricsAssortativity, CategoricalHandComputed) {
  // Path 0-1-2-3, groups {0,1} {2,3}: 6 arcs, 4 inside a group, a = b =
  // (1/2, 1/2): r = (4/6 - 1/2) / (1 - 1/2) = 1/3.
  const auto g = make_graph(4, {{0, 1}, {1, 2}, {2, 3}});
  EXPECT_NEAR(m::categorical_assortativity(g, U{0, 0, 1, 1}), 1.0 / 3.0, 1e-15);
  // Two disjoint cliques by clique: r = 1. A bipartite split: r = -1.
  EXPECT_NEAR(
      m::categorical_assortativity(microcosm::test::cliques(2, 4), microcosm::test::block_of(2, 4)),
      1.0, 1e-15);
  EXPECT_NEAR(m::categorical_assortativity(g, U{0, 1, 0, 1}), -1.0, 1e-15);
  // One group only: undefined.
  EXPECT_TRUE(std::isnan(m::categorical_assortativity(g, U{3, 3, 3, 3})));
  // Unassigned node 3 drops arcs 2-3 and 3-2: 4 arcs, 2 inside,
  // a = b = (3/4, 1/4): sum ab = 10/16, r = (1/2 - 5/8) / (3/8) = -1/3.
  EXPECT_NEAR(m::categorical_assortativity(g, U{0, 0, 1, m::kUnassigned}), -1.0 / 3.0, 1e-15);
}

TEST(MetricsAssortativity, CategoricalDirected) {
  // Arcs 0->1, 1->0, 2->3, 3->2, 1->2; groups {0,1} {2,3}: e_AA = 2/5,
  // e_BB = 2/5, e_AB = 1/5; a = (3/5, 2/5), b = (2/5, 3/5): sum ab = 12/25,
  // r = (4/5 - 12/25) / (13/25) = 8/13.
  const auto d = make_graph(4, {{0, 1}, {1, 0}, {2, 3}, {3, 2}, {1, 2}}, true);
  EXPECT_NEAR(m::categorical_assortativity(d, U{0, 0, 1, 1}), 8.0 / 13.0, 1e-15);
}

TEST(MetricsAssortativity, NumericHandComputed) {
  // Path with x = (0, 1, 2, 3): arc pairs (0,1) (1,0) (1,2) (2,1) (2,3)
  // (3,2); both means 3/2, covariance sum 5/2, variance sums 11/2: r = 5/11.
  const auto g = make_graph(4, {{0, 1}, {1, 2}, {2, 3}});
  EXPECT_NEAR(m::numeric_assortativity(g, D{0, 1, 2, 3}), 5.0 / 11.0, 1e-15);
  // Node 3 without a value: pairs (0,1) (1,0) (1,2) (2,1), covariance 0.
  EXPECT_NEAR(m::numeric_assortativity(g, D{0, 1, 2, std::nan("")}), 0.0, 1e-15);
  // Constant values: undefined.
  EXPECT_TRUE(std::isnan(m::numeric_assortativity(g, D{1, 1, 1, 1})));
  EXPECT_THROW(m::numeric_assortativity(g, D{1, 2}), microcosm::ParameterError);
  // +-1 values on two cliques by clique: r = 1.
  D x(8, 1.0);
  for (std::size_t u = 4; u < 8; ++u) x[u] = -1.0;
  EXPECT_NEAR(m::numeric_assortativity(microcosm::test::cliques(2, 4), x), 1.0, 1e-15);
}

TEST(MetricsAssortativity, WeightsActAsMultiplicities) {
  // A weight-3 edge counts like three parallel edges.
  const auto w = make_weighted(4, {{0, 1, 3.0f}, {1, 2, 1.0f}, {2, 3, 2.0f}, {0, 3, 1.0f}});
  const auto multi = make_weighted(4,
                                   {{0, 1, 1.0f},
                                    {0, 1, 1.0f},
                                    {0, 1, 1.0f},
                                    {1, 2, 1.0f},
                                    {2, 3, 1.0f},
                                    {2, 3, 1.0f},
                                    {0, 3, 1.0f}},
                                   false, true);
  const D x{0.5, -1.0, 2.0, 0.0};
  EXPECT_NEAR(m::numeric_assortativity(w, x), m::numeric_assortativity(multi, x), 1e-14);
  const U c{0, 1, 1, 0};
  EXPECT_NEAR(m::categorical_assortativity(w, c), m::categorical_assortativity(multi, c), 1e-14);
}

TEST(MetricsAssortativity, Degree) {
  // Path 0-1-2-3: degrees (1, 2, 2, 1); networkx gives -0.5:
  // pairs (1,2) (2,1) (2,2) (2,2) (2,1) (1,2), covariance -2/3, variance 4/3.
  EXPECT_NEAR(m::degree_assortativity(make_graph(4, {{0, 1}, {1, 2}, {2, 3}})), -0.5, 1e-15);
  // A star is perfectly disassortative; a regular graph undefined.
  EXPECT_NEAR(m::degree_assortativity(make_graph(5, {{0, 1}, {0, 2}, {0, 3}, {0, 4}})), -1.0,
              1e-15);
  EXPECT_TRUE(std::isnan(m::degree_assortativity(microcosm::test::cliques(2, 4))));
  // Directed 0->1, 0->2, 1->2: (out(src), in(dst)) = (2,1) (2,2) (1,2),
  // covariance -1/3, variances 2/3: r = -1/2 (networkx: -0.5).
  EXPECT_NEAR(m::degree_assortativity(make_graph(3, {{0, 1}, {0, 2}, {1, 2}}, true)), -0.5, 1e-15);
  // Karate: networkx degree_assortativity_coefficient = -0.47561309768461413.
  EXPECT_NEAR(m::degree_assortativity(microcosm::test::karate()), -0.47561309768461413, 1e-12);
}

TEST(MetricsAssortativity, DegreeIgnoresWeights) {
  const auto w = make_weighted(4, {{0, 1, 5.0f}, {1, 2, 1.0f}, {2, 3, 7.0f}});
  EXPECT_NEAR(m::degree_assortativity(w), -0.5, 1e-15);
}
