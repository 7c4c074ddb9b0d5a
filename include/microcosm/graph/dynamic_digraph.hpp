// A directed graph that changes while a simulation runs: the online follow
// graph (follow / unfollow every step). add_edge, remove_edge and has_edge
// take O(1) expected time; out- and in-neighbours are contiguous spans.
//
// Layout: each node keeps an out-vector and an in-vector; removal swaps the
// last entry into the hole. One open-addressing map (EdgeHashMap) sends the
// key u<<32|v to the edge's positions in out_[u] and in_[v], so removal finds
// them without a scan. Per-node vectors grow geometrically; no allocation per
// edge. Neighbour order is therefore not sorted and changes on removal;
// to_csr() sorts. Not thread-safe for writes; reads may run in parallel.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "microcosm/graph/csr_graph.hpp"
#include "microcosm/graph/edge_hash_map.hpp"

namespace microcosm {

class DynamicDigraph {
 public:
  explicit DynamicDigraph(std::size_t num_nodes = 0);
  // From a static graph: every stored arc u->v becomes an edge, so an
  // undirected graph gives both directions of each edge. Weights are dropped.
  explicit DynamicDigraph(const CsrGraph& graph);

  std::size_t num_nodes() const noexcept { return out_.size(); }
  std::size_t num_edges() const noexcept { return index_.size(); }

  // Appends `count` isolated nodes (arrivals); returns the first new id.
  NodeId add_nodes(std::size_t count);

  // Adds u->v; returns false if it already exists. Self-loops are allowed
  // (callers that forbid them check u != v). Throws ParameterError for ids
  // outside [0, num_nodes).
  bool add_edge(NodeId u, NodeId v);
  // Removes u->v; returns false if it did not exist.
  bool remove_edge(NodeId u, NodeId v);
  bool has_edge(NodeId u, NodeId v) const noexcept {
    return index_.contains(edge_key(u, v));
  }

  // Valid until the next change to the graph.
  std::span<const NodeId> out_neighbors(NodeId u) const noexcept { return out_[u]; }
  std::span<const NodeId> in_neighbors(NodeId v) const noexcept { return in_[v]; }
  std::uint32_t out_degree(NodeId u) const noexcept {
    return static_cast<std::uint32_t>(out_[u].size());
  }
  std::uint32_t in_degree(NodeId v) const noexcept {
    return static_cast<std::uint32_t>(in_[v].size());
  }

  // Removes every edge leaving u / entering v.
  void clear_out_edges(NodeId u);
  void clear_in_edges(NodeId v);

  // Checkpoints: replaces the graph by one whose out- and in-lists are
  // exactly `out` and `in`, in that order (the order removals left them in,
  // which feeds depend on). Throws InputError when the lists do not describe
  // the same edge set (dynamic_digraph_restore.cpp).
  void assign_lists(std::vector<std::vector<NodeId>> out, std::vector<std::vector<NodeId>> in);

  // Directed CSR snapshot with sorted rows.
  CsrGraph to_csr() const;

  std::size_t memory_bytes() const noexcept;

 private:
  struct Slots {
    std::uint32_t out_pos;  // index of v in out_[u]
    std::uint32_t in_pos;   // index of u in in_[v]
  };
  void check(NodeId u, NodeId v) const;

  std::vector<std::vector<NodeId>> out_;
  std::vector<std::vector<NodeId>> in_;
  EdgeHashMap<Slots> index_;
};

}  // namespace microcosm
