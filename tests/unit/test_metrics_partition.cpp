// Modularity, E–I index and label encoding (metrics/partition.hpp) on small
// graphs whose values are worked out in the comments.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <string>
#include <vector>

#include "microcosm/core/error.hpp"
#include "microcosm/metrics/partition.hpp"
#include "test_metrics_graphs.hpp"

namespace m = microcosm::metrics;
using microcosm::test::make_graph;
using microcosm::test::make_weighted;
using U = std::vector<std::uint32_t>;
constexpr std::uint32_t kNo = m::kUnassigned;

TEST(MetricsModularity, TwoDisjointEqualCliquesIsOneHalf) {
  // Each clique holds half of the edges and half of the degree:
  // Q = 2 (1/2 - (1/2)^2) = 1/2.
  for (std::size_t size : {3u, 5u, 8u}) {
    const auto g = microcosm::test::cliques(2, size);
    EXPECT_NEAR(m::modularity(g, microcosm::test::block_of(2, size)), 0.5, 1e-15) << size;
  }
}

TEST(MetricsModularity, PathSplitInTwo) {
  // 0-1-2-3, groups {0,1} {2,3}: m = 3, each group 1 internal edge and
  // degree 3: Q = 2 (1/3 - (3/6)^2) = 1/6 (networkx: 0.16666...).
  const auto g = make_graph(4, {{0, 1}, {1, 2}, {2, 3}});
  EXPECT_NEAR(m::modularity(g, U{0, 0, 1, 1}), 1.0 / 6.0, 1e-15);
  // Resolution 2: 2 (1/3 - 2/4) = -1/3.
  EXPECT_NEAR(m::modularity(g, U{0, 0, 1, 1}, 2.0), -1.0 / 3.0, 1e-15);
  // One group: 1 - 1 = 0. Singletons: -sum k^2 / (2m)^2 = -10/36.
  EXPECT_NEAR(m::modularity(g, U{7, 7, 7, 7}), 0.0, 1e-15);
  EXPECT_NEAR(m::modularity(g, U{0, 1, 2, 3}), -10.0 / 36.0, 1e-15);
  // Unassigned nodes are singletons; ids need not be contiguous.
  EXPECT_NEAR(m::modularity(g, U{kNo, kNo, kNo, kNo}), -10.0 / 36.0, 1e-15);
  EXPECT_NEAR(m::modularity(g, U{40, 40, 3000000000u, 3000000000u}), 1.0 / 6.0, 1e-15);
}

TEST(MetricsModularity, Weighted) {
  // Path weights 2, 1, 2; groups {0,1} {2,3}: 2m = 10, internal 2 * 2 per
  // group, strength 5 per group: Q = 2 (4/10 - (5/10)^2) = 0.3.
  const auto g = make_weighted(4, {{0, 1, 2.0f}, {1, 2, 1.0f}, {2, 3, 2.0f}});
  EXPECT_NEAR(m::modularity(g, U{0, 0, 1, 1}), 0.3, 1e-15);
}

TEST(MetricsModularity, SelfLoopCountsTwice) {
  // Loop at 0 plus edge 0-1: k0 = 2 + 1, k1 = 1, 2m = 4, A_00 = 2.
  // Groups {0} {1}: Q = 2/4 - (9 + 1)/16 = -1/8 (networkx agrees).
  const auto g = make_graph(2, {{0, 0}, {0, 1}}, false, true);
  EXPECT_NEAR(m::modularity(g, U{0, 1}), -0.125, 1e-15);
}

TEST(MetricsModularity, DirectedLeichtNewman) {
  // Arcs 0->1, 1->0, 2->3, 3->2, 1->2; groups {0,1} {2,3}: m = 5,
  // internal 4, k_out(A) = 3, k_in(A) = 2, k_out(B) = 2, k_in(B) = 3:
  // Q = 4/5 - (3*2 + 2*3)/25 = 0.32 (networkx DiGraph: 0.32).
  const auto g = make_graph(4, {{0, 1}, {1, 0}, {2, 3}, {3, 2}, {1, 2}}, true);
  EXPECT_NEAR(m::modularity(g, U{0, 0, 1, 1}), 0.32, 1e-15);
  // A symmetric directed graph has the modularity of its undirected twin.
  const auto und = microcosm::test::cliques(2, 4);
  microcosm::GraphBuilder b(8, {.directed = true});
  for (auto [u, v] : und.edge_list()) {
    b.add_edge(u, v);
    b.add_edge(v, u);
  }
  EXPECT_NEAR(m::modularity(std::move(b).build(), microcosm::test::block_of(2, 4)), 0.5, 1e-15);
}

TEST(MetricsModularity, KarateFactionSplit) {
  // Zachary's club split by the faction each member joined (labels.txt);
  // networkx 2.8.8 community.modularity gives 0.3582347140039448.
  const auto g = microcosm::test::karate();
  std::ifstream in(std::string(MICROCOSM_SHARED_DIR) + "/data/karate/labels.txt");
  std::vector<std::string> labels(34);
  std::size_t u;
  std::string label;
  while (in >> u >> label) labels.at(u) = label;
  const auto membership = m::encode_labels(labels);
  EXPECT_EQ(m::count_groups(membership), 2u);
  EXPECT_NEAR(m::modularity(g, membership), 0.3582347140039448, 1e-12);
}

TEST(MetricsModularity, EmptyGraphAndBadInput) {
  const auto g = make_graph(3, {});
  EXPECT_TRUE(std::isnan(m::modularity(g, U{0, 0, 1})));
  const auto p = make_graph(3, {{0, 1}});
  EXPECT_THROW(m::modularity(p, U{0, 1}), microcosm::ParameterError);
  EXPECT_THROW(m::modularity(p, U{0, 1, 2}, -1.0), microcosm::ParameterError);
}

TEST(MetricsEiIndex, HandComputed) {
  // Path split {0,1} {2,3}: I = 2, E = 1 -> (1 - 2) / 3.
  const auto g = make_graph(4, {{0, 1}, {1, 2}, {2, 3}});
  EXPECT_NEAR(m::ei_index(g, U{0, 0, 1, 1}), -1.0 / 3.0, 1e-15);
  // Node 3 unassigned: its tie is ignored; I = 1, E = 1 -> 0.
  EXPECT_NEAR(m::ei_index(g, U{0, 0, 1, kNo}), 0.0, 1e-15);
  // All in one group -> -1; alternating groups -> +1.
  EXPECT_DOUBLE_EQ(m::ei_index(g, U{2, 2, 2, 2}), -1.0);
  EXPECT_DOUBLE_EQ(m::ei_index(g, U{0, 1, 0, 1}), 1.0);
  const auto t = m::count_ties(g, U{0, 0, 1, 1});
  EXPECT_EQ(t.internal, 2.0);
  EXPECT_EQ(t.external, 1.0);
  EXPECT_TRUE(std::isnan(m::ei_index(g, U{kNo, kNo, kNo, kNo})));
}

TEST(MetricsEiIndex, DirectedWeightedAndLoops) {
  // Arcs 0->1, 1->0, 2->3, 3->2 internal, 1->2 external: (1 - 4) / 5.
  const auto d = make_graph(4, {{0, 1}, {1, 0}, {2, 3}, {3, 2}, {1, 2}}, true);
  EXPECT_NEAR(m::ei_index(d, U{0, 0, 1, 1}), -0.6, 1e-15);
  // Weighted: internal 2 + 2, external 1 -> (1 - 4) / 5.
  const auto w = make_weighted(4, {{0, 1, 2.0f}, {1, 2, 1.0f}, {2, 3, 2.0f}});
  EXPECT_NEAR(m::ei_index(w, U{0, 0, 1, 1}), -0.6, 1e-15);
  // A self-loop is not a tie between two members.
  const auto l = make_graph(2, {{0, 0}, {0, 1}}, false, true);
  EXPECT_DOUBLE_EQ(m::ei_index(l, U{0, 1}), 1.0);
}

TEST(MetricsPartition, EncodeLabels) {
  const std::vector<std::string> labels{"R", "D", "", "R", "I"};
  std::vector<std::string> names;
  EXPECT_EQ(m::encode_labels(labels, &names), (U{0, 1, kNo, 0, 2}));
  EXPECT_EQ(names, (std::vector<std::string>{"R", "D", "I"}));
  EXPECT_EQ(m::count_groups(U{5, 5, kNo, 9}), 2u);
  EXPECT_EQ(m::count_groups(U{}), 0u);
}
