// A directed graph that changes while a simulation runs: the online follow
// graph (follow / unfollow every step). add_edge, remove_edge and has_edge
// take O(1) time for bounded degrees and O(1) expected time for hubs;
// out- (and optionally in-) neighbours are contiguous spans.
//
// Layout: each node keeps an out-row (and, unless Options::in_lists is off,
// an in-row); removal swaps the last entry into the hole. All rows of one
// direction live in one array (the slab, on huge pages when large: rows of
// random nodes are read by recommendations), each with a 16-byte extent
// (start, size, capacity) instead of a heap block of its own: no allocation
// per node, and a row that outgrows its room moves, with doubled capacity,
// to the end of the slab (the room it leaves is reclaimed by compacting the
// slab when more than a quarter of it is unused). A row of at most kScanRow
// entries is searched by a linear scan (one or two cache lines, cheaper than
// a random probe of a big table); only the entries of longer rows (hubs) sit
// in an open-addressing map (EdgeHashMap) from the key u<<32|v to the
// entry's position in its row, so a hub's edge is found without a scan.
// Memory is therefore about 4 bytes per edge and direction plus 16 bytes per
// node, not a hash slot per edge. Neighbour order is not sorted and changes
// on removal; to_csr() sorts. Not thread-safe for writes; reads may run in
// parallel.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "microcosm/core/huge_pages.hpp"
#include "microcosm/graph/csr_graph.hpp"
#include "microcosm/graph/edge_hash_map.hpp"

namespace microcosm {

class DynamicDigraph {
 public:
  struct Options {
    // Keep in-neighbour lists (in_neighbors, in_degree, clear_in_edges).
    // Off halves the memory of a model that only follows out-edges.
    bool in_lists = true;
  };
  // Rows longer than this are indexed by the hub map instead of scanned.
  static constexpr std::size_t kScanRow = 32;

  explicit DynamicDigraph(std::size_t num_nodes = 0) : DynamicDigraph(num_nodes, Options{}) {}
  DynamicDigraph(std::size_t num_nodes, Options options);
  // From a static graph: every stored arc u->v becomes an edge, so an
  // undirected graph gives both directions of each edge (repeated arcs
  // once). Weights are dropped.
  explicit DynamicDigraph(const CsrGraph& graph) : DynamicDigraph(graph, Options{}) {}
  DynamicDigraph(const CsrGraph& graph, Options options);

  std::size_t num_nodes() const noexcept { return out_.extent.size(); }
  std::size_t num_edges() const noexcept { return edges_; }
  bool has_in_lists() const noexcept { return in_lists_; }

  // Appends `count` isolated nodes (arrivals); returns the first new id.
  NodeId add_nodes(std::size_t count);

  // Adds u->v; returns false if it already exists. Self-loops are allowed
  // (callers that forbid them check u != v). Throws ParameterError for ids
  // outside [0, num_nodes).
  bool add_edge(NodeId u, NodeId v);
  // Removes u->v; returns false if it did not exist.
  bool remove_edge(NodeId u, NodeId v);
  bool has_edge(NodeId u, NodeId v) const noexcept {
    return u < num_nodes() && out_.find(u, v) != kAbsent;
  }

  // Valid until the next change to the graph (any row's: a change may move
  // the slab).
  std::span<const NodeId> out_neighbors(NodeId u) const noexcept { return out_.row(u); }
  std::uint32_t out_degree(NodeId u) const noexcept { return out_.extent[u].size; }
  // In-lists: require Options::in_lists (the default); empty spans / 0
  // otherwise.
  std::span<const NodeId> in_neighbors(NodeId v) const noexcept {
    return in_lists_ ? in_.row(v) : std::span<const NodeId>();
  }
  std::uint32_t in_degree(NodeId v) const noexcept { return in_lists_ ? in_.extent[v].size : 0; }

  // Removes every edge leaving u / entering v (the latter needs in-lists;
  // without them it scans every row, O(edges)).
  void clear_out_edges(NodeId u);
  void clear_in_edges(NodeId v);

  // Checkpoints: replaces the graph by one whose out-lists are exactly
  // `out`, in that order (the order removals left them in, which feeds
  // depend on); in-lists (when kept) are `in` in their order, or, when `in`
  // is empty, rebuilt in source order. Throws InputError when the lists do
  // not describe the same edge set (dynamic_digraph_restore.cpp).
  void assign_lists(std::vector<std::vector<NodeId>> out, std::vector<std::vector<NodeId>> in);

  // Directed CSR snapshot with sorted rows.
  CsrGraph to_csr() const;

  std::size_t memory_bytes() const noexcept;

 private:
  static constexpr std::uint32_t kAbsent = ~std::uint32_t{0};

  // One direction: rows in a slab plus the position index of long rows.
  struct Rows {
    // Row u is slab[start, start + size), with room up to start + capacity.
    struct Extent {
      std::uint64_t start = 0;
      std::uint32_t size = 0;
      std::uint32_t capacity = 0;
    };
    HugeVector<Extent> extent;  // per node
    HugeVector<NodeId> slab;
    std::uint64_t unused = 0;         // slab entries in no row's room (left by moved rows)
    EdgeHashMap<std::uint32_t> hub;  // (u, v) -> position of v in row u, long rows only

    std::span<const NodeId> row(NodeId u) const noexcept {
      const Extent& e = extent[u];
      return {slab.data() + e.start, e.size};
    }
    // Replaces every row by `lists` (room = size), without indexing.
    void assign(const std::vector<std::vector<NodeId>>& lists);
    // Position of v in row u, or kAbsent.
    std::uint32_t find(NodeId u, NodeId v) const noexcept;
    void push(NodeId u, NodeId v);
    // Swap-removes the entry at `pos` of row u.
    void erase_at(NodeId u, std::uint32_t pos);
    // Indexes every long row (after a bulk load).
    void index_long_rows();
    std::size_t memory_bytes() const noexcept;

   private:
    // Gives row u room for at least one more entry.
    void grow(NodeId u);
    // Moves every row down over the unused room, keeping their order.
    void compact();
  };
  void check(NodeId u, NodeId v) const;

  Rows out_;
  Rows in_;
  bool in_lists_ = true;
  std::size_t edges_ = 0;
};

}  // namespace microcosm
