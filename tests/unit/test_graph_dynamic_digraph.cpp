// DynamicDigraph and EdgeHashMap against std::set / std::map references
// under long random insert / delete sequences.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <vector>

#include "microcosm/core/error.hpp"
#include "microcosm/core/rng.hpp"
#include "microcosm/graph/dynamic_digraph.hpp"
#include "microcosm/graph/edge_hash_map.hpp"
#include "microcosm/graph/generators.hpp"

using namespace microcosm;

namespace {

using EdgeSet = std::set<std::pair<NodeId, NodeId>>;

void expect_matches(const DynamicDigraph& g, const EdgeSet& ref) {
  ASSERT_EQ(g.num_edges(), ref.size());
  std::vector<std::vector<NodeId>> out(g.num_nodes()), in(g.num_nodes());
  for (const auto& [u, v] : ref) {
    out[u].push_back(v);
    in[v].push_back(u);
  }
  for (NodeId u = 0; u < g.num_nodes(); ++u) {
    std::vector<NodeId> o(g.out_neighbors(u).begin(), g.out_neighbors(u).end());
    std::vector<NodeId> i(g.in_neighbors(u).begin(), g.in_neighbors(u).end());
    std::sort(o.begin(), o.end());
    std::sort(i.begin(), i.end());
    ASSERT_EQ(o, out[u]) << "out-neighbours of " << u;
    ASSERT_EQ(i, in[u]) << "in-neighbours of " << u;
    ASSERT_EQ(g.out_degree(u), out[u].size());
    ASSERT_EQ(g.in_degree(u), in[u].size());
  }
  const CsrGraph csr = g.to_csr();
  ASSERT_TRUE(csr.directed());
  const auto list = csr.edge_list();
  ASSERT_EQ(EdgeSet(list.begin(), list.end()), ref);
}

}  // namespace

TEST(EdgeHashMap, RandomInsertEraseMatchesStdMap) {
  EdgeHashMap<std::uint32_t> map;
  std::map<std::uint64_t, std::uint32_t> ref;
  Rng rng(1, "test.edge_hash_map");
  for (int op = 0; op < 200000; ++op) {
    // Few distinct keys: long probe runs and many backward shifts.
    const auto u = static_cast<NodeId>(rng.bounded(40));
    const auto v = static_cast<NodeId>(rng.bounded(40));
    const std::uint64_t key = edge_key(u, v);
    const auto value = static_cast<std::uint32_t>(op);
    switch (rng.bounded(3)) {
      case 0:
        ASSERT_EQ(map.insert(key, value), ref.emplace(key, value).second);
        break;
      case 1:
        ASSERT_EQ(map.erase(key), ref.erase(key) == 1);
        break;
      default: {
        const auto* found = map.find(key);
        const auto it = ref.find(key);
        ASSERT_EQ(found != nullptr, it != ref.end());
        if (found) {
          ASSERT_EQ(*found, it->second);
        }
      }
    }
    ASSERT_EQ(map.size(), ref.size());
  }
  for (const auto& [k, v] : ref) ASSERT_EQ(*map.find(k), v);
  map.clear();
  EXPECT_TRUE(map.empty());
  EXPECT_FALSE(map.contains(edge_key(1, 2)));
}

TEST(DynamicDigraph, RandomOperationsMatchReference) {
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    const std::size_t n = 30;
    DynamicDigraph g(n);
    EdgeSet ref;
    Rng rng(seed, "test.dynamic_digraph");
    for (int op = 0; op < 30000; ++op) {
      const auto u = static_cast<NodeId>(rng.bounded(n));
      const auto v = static_cast<NodeId>(rng.bounded(n));
      const std::uint64_t what = rng.bounded(10);
      if (what < 5) {
        ASSERT_EQ(g.add_edge(u, v), ref.emplace(u, v).second);
      } else if (what < 9) {
        ASSERT_EQ(g.remove_edge(u, v), ref.erase({u, v}) == 1);
      } else {
        ASSERT_EQ(g.has_edge(u, v), ref.count({u, v}) == 1);
      }
      if (op % 997 == 0) expect_matches(g, ref);
    }
    expect_matches(g, ref);
  }
}

TEST(DynamicDigraph, FromCsrAndBack) {
  const CsrGraph directed = gen::directed_configuration(500, 10, 2.5, 3);
  const DynamicDigraph g(directed);
  EXPECT_EQ(g.num_edges(), directed.num_edges());
  const CsrGraph back = g.to_csr();
  EXPECT_TRUE(std::ranges::equal(back.offsets(), directed.offsets()));
  EXPECT_TRUE(std::ranges::equal(back.targets(), directed.targets()));

  // An undirected graph becomes both directions of every edge.
  const CsrGraph ring = gen::watts_strogatz(20, 4, 0.0, 1);
  const DynamicDigraph both(ring);
  EXPECT_EQ(both.num_edges(), 2 * ring.num_edges());
  for (NodeId u = 0; u < 20; ++u) {
    EXPECT_EQ(both.out_degree(u), 4u);
    EXPECT_EQ(both.in_degree(u), 4u);
  }
}

TEST(DynamicDigraph, ClearNodesAndGrow) {
  DynamicDigraph g(5);
  EdgeSet ref;
  for (NodeId u = 0; u < 5; ++u) {
    for (NodeId v = 0; v < 5; ++v) {
      if (u != v) {
        g.add_edge(u, v);
        ref.emplace(u, v);
      }
    }
  }
  EXPECT_TRUE(g.add_edge(2, 2));  // self-loops are the caller's choice
  ref.emplace(2, 2);
  expect_matches(g, ref);
  g.clear_out_edges(2);
  std::erase_if(ref, [](const auto& e) { return e.first == 2; });
  expect_matches(g, ref);
  g.clear_in_edges(3);
  std::erase_if(ref, [](const auto& e) { return e.second == 3; });
  expect_matches(g, ref);
  EXPECT_EQ(g.add_nodes(3), 5u);
  EXPECT_EQ(g.num_nodes(), 8u);
  EXPECT_TRUE(g.add_edge(7, 0));
  ref.emplace(7, 0);
  expect_matches(g, ref);
  EXPECT_THROW(g.add_edge(8, 0), ParameterError);
  EXPECT_FALSE(g.remove_edge(9, 0));
  EXPECT_FALSE(g.has_edge(0, 9));
}
