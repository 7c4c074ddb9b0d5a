// DynamicDigraph keeps its rows in one slab (rows that outgrow their room
// move to its end; the slab is compacted when mostly unused). Models depend
// on the exact neighbour order, so these tests replay long random edit
// sequences against a reference that stores one std::vector per row with
// push_back and swap-remove, and require the same order in every row after
// growth, hub indexing and compaction.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "microcosm/core/rng.hpp"
#include "microcosm/graph/dynamic_digraph.hpp"
#include "microcosm/graph/generators.hpp"

using namespace microcosm;

namespace {

struct Reference {
  std::vector<std::vector<NodeId>> out, in;

  bool add(NodeId u, NodeId v) {
    if (std::find(out[u].begin(), out[u].end(), v) != out[u].end()) return false;
    out[u].push_back(v);
    in[v].push_back(u);
    return true;
  }
  static void erase(std::vector<NodeId>& row, NodeId x) {
    const auto it = std::find(row.begin(), row.end(), x);
    *it = row.back();
    row.pop_back();
  }
  bool remove(NodeId u, NodeId v) {
    if (std::find(out[u].begin(), out[u].end(), v) == out[u].end()) return false;
    erase(out[u], v);
    erase(in[v], u);
    return true;
  }
};

void expect_same_order(const DynamicDigraph& g, const Reference& ref, bool in_lists) {
  ASSERT_EQ(g.num_nodes(), ref.out.size());
  std::size_t edges = 0;
  for (NodeId u = 0; u < g.num_nodes(); ++u) {
    const auto row = g.out_neighbors(u);
    ASSERT_EQ(std::vector<NodeId>(row.begin(), row.end()), ref.out[u]) << "out-row " << u;
    ASSERT_EQ(g.out_degree(u), ref.out[u].size());
    edges += ref.out[u].size();
    if (in_lists) {
      const auto col = g.in_neighbors(u);
      ASSERT_EQ(std::vector<NodeId>(col.begin(), col.end()), ref.in[u]) << "in-row " << u;
    }
  }
  EXPECT_EQ(g.num_edges(), edges);
}

// Phases of mostly adds (rows grow, move and pass the hub threshold), then
// mostly removes (rows shrink, room is left behind), repeated: enough moved
// rows for the slab to be compacted several times.
void replay(DynamicDigraph& g, Reference& ref, bool in_lists, std::uint64_t seed) {
  const auto n = static_cast<NodeId>(ref.out.size());
  for (int phase = 0; phase < 6; ++phase) {
    Rng rng(seed, "test.slab", static_cast<std::uint64_t>(phase));
    const double p_add = phase % 2 == 0 ? 0.85 : 0.2;
    for (int op = 0; op < 20000; ++op) {
      // A few heavy rows (hubs beyond the scan threshold) and many light ones.
      const auto u = static_cast<NodeId>(rng.uniform() < 0.3 ? rng.bounded(4) : rng.bounded(n));
      const auto v = static_cast<NodeId>(rng.bounded(n));
      if (rng.uniform() < p_add) {
        ASSERT_EQ(g.add_edge(u, v), ref.add(u, v));
      } else if (!ref.out[u].empty()) {
        const NodeId w = ref.out[u][rng.bounded(ref.out[u].size())];
        ASSERT_TRUE(g.remove_edge(u, w));
        ASSERT_TRUE(ref.remove(u, w));
      } else {
        ASSERT_FALSE(g.remove_edge(u, v));
      }
    }
    expect_same_order(g, ref, in_lists);
  }
}

}  // namespace

TEST(DynamicDigraphSlab, RandomEditsKeepTheOrderOfPerRowVectors) {
  for (const bool in_lists : {false, true}) {
    const NodeId n = 300;
    DynamicDigraph g(n, DynamicDigraph::Options{.in_lists = in_lists});
    Reference ref{std::vector<std::vector<NodeId>>(n), std::vector<std::vector<NodeId>>(n)};
    replay(g, ref, in_lists, in_lists ? 11 : 7);
  }
}

TEST(DynamicDigraphSlab, FromCsrThenEditsAndAddedNodes) {
  const CsrGraph csr = gen::directed_configuration(400, 6, 2.1, 3);
  DynamicDigraph g(csr, DynamicDigraph::Options{.in_lists = true});
  Reference ref{std::vector<std::vector<NodeId>>(400), std::vector<std::vector<NodeId>>(400)};
  for (NodeId u = 0; u < 400; ++u) {
    for (NodeId v : csr.neighbors(u)) ref.add(u, v);
  }
  expect_same_order(g, ref, true);
  EXPECT_EQ(g.add_nodes(20), 400u);
  ref.out.resize(420);
  ref.in.resize(420);
  replay(g, ref, true, 5);
  // Checkpoint round trip: the same lists in the same order.
  DynamicDigraph copy(0, DynamicDigraph::Options{.in_lists = true});
  copy.assign_lists(ref.out, ref.in);
  expect_same_order(copy, ref, true);
  for (NodeId u = 0; u < 420; ++u) copy.clear_out_edges(u);
  EXPECT_EQ(copy.num_edges(), 0u);
}
