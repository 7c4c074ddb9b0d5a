// Generator invariants on small graphs: simple (no self-loops, no repeated
// edges, undirected rows symmetric), exact edge counts and degrees where the
// construction fixes them, determinism in the seed, and parameter errors.
#include <gtest/gtest.h>

#include <omp.h>

#include <algorithm>
#include <queue>
#include <vector>

#include "microcosm/core/error.hpp"
#include "microcosm/graph/generators.hpp"

using namespace microcosm;

namespace {

// Rows strictly increasing (sorted, no duplicates), no self-loops, and for
// undirected graphs every arc has its reverse.
void expect_simple(const CsrGraph& g) {
  for (NodeId u = 0; u < g.num_nodes(); ++u) {
    const auto row = g.neighbors(u);
    for (std::size_t k = 0; k < row.size(); ++k) {
      ASSERT_NE(row[k], u) << "self-loop at " << u;
      if (k > 0) {
        ASSERT_LT(row[k - 1], row[k]) << "row " << u << " not strictly increasing";
      }
      if (!g.directed()) {
        ASSERT_TRUE(g.has_edge(row[k], u)) << u << "-" << row[k];
      }
    }
  }
}

bool connected(const CsrGraph& g) {
  if (g.num_nodes() == 0) return true;
  std::vector<char> seen(g.num_nodes(), 0);
  std::queue<NodeId> q;
  q.push(0);
  seen[0] = 1;
  std::size_t count = 1;
  while (!q.empty()) {
    const NodeId u = q.front();
    q.pop();
    for (NodeId v : g.neighbors(u)) {
      if (!seen[v]) {
        seen[v] = 1;
        ++count;
        q.push(v);
      }
    }
  }
  return count == g.num_nodes();
}

bool same_graph(const CsrGraph& a, const CsrGraph& b) {
  return a.directed() == b.directed() &&
         std::ranges::equal(a.offsets(), b.offsets()) && std::ranges::equal(a.targets(), b.targets());
}

}  // namespace

TEST(GraphGenerators, CompleteGraph) {
  const CsrGraph g = gen::complete(6);
  expect_simple(g);
  EXPECT_EQ(g.num_edges(), 15u);
  for (NodeId u = 0; u < 6; ++u) EXPECT_EQ(g.degree(u), 5u);
}

TEST(GraphGenerators, ErdosRenyiExtremesAndSimplicity) {
  EXPECT_EQ(gen::erdos_renyi_gnp(30, 1.0, 1).num_edges(), 435u);
  EXPECT_EQ(gen::erdos_renyi_gnp(30, 1.0, 1, true).num_edges(), 870u);
  EXPECT_EQ(gen::erdos_renyi_gnp(30, 0.0, 1).num_edges(), 0u);
  const CsrGraph g = gen::erdos_renyi_gnp(500, 0.05, 3);
  expect_simple(g);
  expect_simple(gen::erdos_renyi_gnp(300, 0.05, 3, true));
  EXPECT_TRUE(same_graph(g, gen::erdos_renyi_gnp(500, 0.05, 3)));
  EXPECT_FALSE(same_graph(g, gen::erdos_renyi_gnp(500, 0.05, 4)));
  const CsrGraph m = gen::erdos_renyi_gnm(200, 777, 5);
  expect_simple(m);
  EXPECT_EQ(m.num_edges(), 777u);
}

TEST(GraphGenerators, BarabasiAlbertEdgesDegreesAndConnectivity) {
  for (std::size_t m : {1u, 2u, 5u}) {
    const std::size_t n = 3000;
    const CsrGraph g = gen::barabasi_albert(n, m, 11);
    expect_simple(g);
    EXPECT_EQ(g.num_nodes(), n);
    EXPECT_EQ(g.num_edges(), m * (n - m)) << "m = " << m;
    // Seed nodes get one edge from node m; every later node brings m edges.
    for (NodeId u = 0; u < n; ++u) EXPECT_GE(g.degree(u), u < m ? 1u : m);
    EXPECT_TRUE(connected(g));
    // Node t's own edges go to older nodes only.
    for (NodeId t = static_cast<NodeId>(m); t < n; ++t) {
      const auto row = g.neighbors(t);
      const auto older = std::count_if(row.begin(), row.end(), [&](NodeId v) { return v < t; });
      ASSERT_EQ(static_cast<std::size_t>(older), m);
    }
  }
  EXPECT_TRUE(same_graph(gen::barabasi_albert(500, 3, 1), gen::barabasi_albert(500, 3, 1)));
  EXPECT_FALSE(same_graph(gen::barabasi_albert(500, 3, 1), gen::barabasi_albert(500, 3, 2)));
  EXPECT_EQ(gen::barabasi_albert(2, 1, 1).num_edges(), 1u);
}

TEST(GraphGenerators, BarabasiAlbertRejectsBadM) {
  EXPECT_THROW(gen::barabasi_albert(10, 0, 1), ParameterError);
  EXPECT_THROW(gen::barabasi_albert(10, 10, 1), ParameterError);
  try {
    gen::barabasi_albert(5, 7, 1);
    FAIL();
  } catch (const ParameterError& e) {
    EXPECT_NE(std::string(e.what()).find("m = 7"), std::string::npos) << e.what();
  }
}

TEST(GraphGenerators, WattsStrogatzRingAtZeroRewiring) {
  const std::size_t n = 100, k = 6;
  const CsrGraph g = gen::watts_strogatz(n, k, 0.0, 1);
  expect_simple(g);
  EXPECT_EQ(g.num_edges(), n * k / 2);
  for (NodeId u = 0; u < n; ++u) {
    ASSERT_EQ(g.degree(u), k);
    for (std::size_t j = 1; j <= k / 2; ++j) {
      EXPECT_TRUE(g.has_edge(u, static_cast<NodeId>((u + j) % n)));
      EXPECT_TRUE(g.has_edge(u, static_cast<NodeId>((u + n - j) % n)));
    }
  }
}

TEST(GraphGenerators, WattsStrogatzRewiringKeepsEdgeCountAndSimplicity) {
  for (double p : {0.1, 0.5, 1.0}) {
    const CsrGraph g = gen::watts_strogatz(400, 8, p, 7);
    expect_simple(g);
    EXPECT_EQ(g.num_edges(), 1600u);
    // Rewiring moves only far ends: every node keeps at least its k/2 own
    // edges.
    for (NodeId u = 0; u < 400; ++u) EXPECT_GE(g.degree(u), 4u);
  }
  // Dense corner: every node already links to almost everyone.
  const CsrGraph dense = gen::watts_strogatz(9, 8, 1.0, 3);
  expect_simple(dense);
  EXPECT_EQ(dense.num_edges(), 36u);
  EXPECT_TRUE(same_graph(gen::watts_strogatz(300, 4, 0.3, 5), gen::watts_strogatz(300, 4, 0.3, 5)));
  EXPECT_FALSE(same_graph(gen::watts_strogatz(300, 4, 0.3, 5), gen::watts_strogatz(300, 4, 0.3, 6)));
  EXPECT_EQ(gen::watts_strogatz(10, 0, 0.5, 1).num_edges(), 0u);
}

TEST(GraphGenerators, WattsStrogatzRejectsBadArguments) {
  EXPECT_THROW(gen::watts_strogatz(100, 5, 0.1, 1), ParameterError);    // odd k
  EXPECT_THROW(gen::watts_strogatz(10, 10, 0.1, 1), ParameterError);    // k >= n
  EXPECT_THROW(gen::watts_strogatz(100, 4, 1.5, 1), ParameterError);    // p > 1
  EXPECT_THROW(gen::watts_strogatz(100, 4, -0.1, 1), ParameterError);
}

TEST(GraphGenerators, StochasticBlockModelExtremes) {
  const std::vector<std::size_t> sizes{3, 4, 5};
  // p_in = 1, p_out = 0: disjoint cliques.
  const CsrGraph cliques = gen::stochastic_block_model(sizes, 1.0, 0.0, 1);
  expect_simple(cliques);
  EXPECT_EQ(cliques.num_edges(), 3u + 6u + 10u);
  const auto block = gen::block_membership(sizes);
  ASSERT_EQ(block.size(), 12u);
  for (NodeId u = 0; u < 12; ++u) {
    for (NodeId v : cliques.neighbors(u)) EXPECT_EQ(block[u], block[v]);
  }
  // p_in = 0, p_out = 1: complete multipartite.
  const CsrGraph multi = gen::stochastic_block_model(sizes, 0.0, 1.0, 1);
  expect_simple(multi);
  EXPECT_EQ(multi.num_edges(), 3u * 4 + 3 * 5 + 4 * 5);
  for (NodeId u = 0; u < 12; ++u) {
    for (NodeId v : multi.neighbors(u)) EXPECT_NE(block[u], block[v]);
  }
  const CsrGraph g = gen::stochastic_block_model(std::vector<std::size_t>{200, 300}, 0.1, 0.02, 9);
  expect_simple(g);
  EXPECT_TRUE(same_graph(g, gen::stochastic_block_model(std::vector<std::size_t>{200, 300}, 0.1,
                                                        0.02, 9)));
}

TEST(GraphGenerators, StochasticBlockModelMatrixAndSizes) {
  EXPECT_EQ(gen::equal_block_sizes(10, 3), (std::vector<std::size_t>{4, 3, 3}));
  EXPECT_EQ(gen::equal_block_sizes(9, 3), (std::vector<std::size_t>{3, 3, 3}));
  EXPECT_THROW(gen::equal_block_sizes(3, 4), ParameterError);
  EXPECT_THROW(gen::equal_block_sizes(3, 0), ParameterError);
  const std::vector<std::size_t> sizes{4, 4};
  // Only block 1 is dense.
  const CsrGraph g = gen::stochastic_block_model(sizes, std::vector<double>{0, 0, 0, 1}, 1);
  EXPECT_EQ(g.num_edges(), 6u);
  for (NodeId u = 0; u < 4; ++u) EXPECT_EQ(g.degree(u), 0u);
  EXPECT_THROW(gen::stochastic_block_model(sizes, std::vector<double>{0, 0.1, 0.2, 0}, 1),
               ParameterError);  // not symmetric
  EXPECT_THROW(gen::stochastic_block_model(sizes, std::vector<double>{0, 0, 0}, 1),
               ParameterError);  // wrong size
  EXPECT_THROW(gen::stochastic_block_model(sizes, 1.5, 0.0, 1), ParameterError);
}

TEST(GraphGenerators, LatticeDegreesAndNeighbours) {
  const std::size_t w = 5, h = 4;
  const CsrGraph vn = gen::lattice_2d(w, h, gen::Neighbourhood::VonNeumann);
  expect_simple(vn);
  EXPECT_EQ(vn.num_nodes(), w * h);
  EXPECT_EQ(vn.num_edges(), 2 * w * h);
  for (NodeId u = 0; u < w * h; ++u) EXPECT_EQ(vn.degree(u), 4u);
  // Node (0, 0) = 0: right 1, left 4, down 5, up 15.
  EXPECT_EQ(std::vector<NodeId>(vn.neighbors(0).begin(), vn.neighbors(0).end()),
            (std::vector<NodeId>{1, 4, 5, 15}));
  const CsrGraph moore = gen::lattice_2d(w, h, gen::Neighbourhood::Moore);
  expect_simple(moore);
  EXPECT_EQ(moore.num_edges(), 4 * w * h);
  for (NodeId u = 0; u < w * h; ++u) EXPECT_EQ(moore.degree(u), 8u);
  EXPECT_EQ(std::vector<NodeId>(moore.neighbors(0).begin(), moore.neighbors(0).end()),
            (std::vector<NodeId>{1, 4, 5, 6, 9, 15, 16, 19}));
  EXPECT_EQ(gen::lattice_2d(3, 3, gen::Neighbourhood::Moore).num_edges(), 36u);  // = K9
  EXPECT_THROW(gen::lattice_2d(2, 5, gen::Neighbourhood::VonNeumann), ParameterError);
}

TEST(GraphGenerators, DirectedConfigurationExactOutDegree) {
  const std::size_t n = 2000, k = 30;
  const CsrGraph g = gen::directed_configuration(n, k, 2.5, 4);
  EXPECT_TRUE(g.directed());
  expect_simple(g);
  EXPECT_EQ(g.num_edges(), n * k);
  for (NodeId u = 0; u < n; ++u) ASSERT_EQ(g.degree(u), k);
  // Heavy tail: the largest in-degree is far above the mean k.
  const CsrGraph in = g.transpose();
  std::uint32_t max_in = 0;
  for (NodeId u = 0; u < n; ++u) max_in = std::max(max_in, in.degree(u));
  EXPECT_GT(max_in, 10 * k);
  // Large out-degree uses the stamp path; tiny graphs must still work.
  const CsrGraph big_k = gen::directed_configuration(300, 120, 2.2, 1);
  expect_simple(big_k);
  for (NodeId u = 0; u < 300; ++u) ASSERT_EQ(big_k.degree(u), 120u);
  const CsrGraph full = gen::directed_configuration(6, 5, 3.0, 1);
  EXPECT_EQ(full.num_edges(), 30u);
  EXPECT_THROW(gen::directed_configuration(10, 10, 2.5, 1), ParameterError);
  EXPECT_THROW(gen::directed_configuration(10, 3, 1.0, 1), ParameterError);
}

TEST(GraphGenerators, DirectedConfigurationIndependentOfThreadCount) {
  const int before = omp_get_max_threads();
  omp_set_num_threads(1);
  const CsrGraph one = gen::directed_configuration(5000, 20, 2.5, 8);
  omp_set_num_threads(4);
  const CsrGraph four = gen::directed_configuration(5000, 20, 2.5, 8);
  omp_set_num_threads(before);
  EXPECT_TRUE(same_graph(one, four));
  EXPECT_FALSE(same_graph(one, gen::directed_configuration(5000, 20, 2.5, 9)));
}
