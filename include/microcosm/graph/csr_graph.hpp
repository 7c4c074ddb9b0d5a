// Static graph in compressed sparse row form: the network every classic model
// runs on and the offline network of the micro-identity model.
//
// Nodes are 0..n-1 (NodeId). An undirected graph stores each edge in both
// endpoints' rows; a directed one stores out-neighbours only (in_view() builds
// the transpose on request). Rows are sorted, so has_edge is O(log degree).
#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace microcosm {

using NodeId = std::uint32_t;
using EdgeIndex = std::uint64_t;

class CsrGraph {
 public:
  CsrGraph() : offsets_(1, 0) {}
  // Takes ownership of ready CSR arrays: offsets has n+1 entries, rows sorted.
  CsrGraph(std::vector<EdgeIndex> offsets, std::vector<NodeId> targets, std::vector<float> weights,
           bool directed);

  std::size_t num_nodes() const noexcept { return offsets_.size() - 1; }
  // Number of edges: undirected edges are counted once.
  std::size_t num_edges() const noexcept {
    // An undirected self-loop is stored once, every other edge twice.
    return directed_ ? targets_.size() : (targets_.size() - self_loops_) / 2 + self_loops_;
  }
  // Stored adjacency entries (2 per undirected edge, 1 per self-loop).
  std::size_t num_arcs() const noexcept { return targets_.size(); }
  bool directed() const noexcept { return directed_; }
  bool weighted() const noexcept { return !weights_.empty(); }

  std::uint32_t degree(NodeId u) const noexcept {
    return static_cast<std::uint32_t>(offsets_[u + 1] - offsets_[u]);
  }
  std::span<const NodeId> neighbors(NodeId u) const noexcept {
    return {targets_.data() + offsets_[u], targets_.data() + offsets_[u + 1]};
  }
  std::span<const float> neighbor_weights(NodeId u) const noexcept {
    return {weights_.data() + offsets_[u], weights_.data() + offsets_[u + 1]};
  }
  bool has_edge(NodeId u, NodeId v) const noexcept;

  std::span<const EdgeIndex> offsets() const noexcept { return offsets_; }
  std::span<const NodeId> targets() const noexcept { return targets_; }
  std::span<const float> weights() const noexcept { return weights_; }

  // Each edge once as (u, v): u <= v for undirected graphs.
  std::vector<std::pair<NodeId, NodeId>> edge_list() const;

  // The transpose (in-neighbours) of a directed graph; a copy for undirected.
  CsrGraph transpose() const;

  std::size_t memory_bytes() const noexcept {
    return offsets_.capacity() * sizeof(EdgeIndex) + targets_.capacity() * sizeof(NodeId) +
           weights_.capacity() * sizeof(float);
  }

 private:
  std::vector<EdgeIndex> offsets_;
  std::vector<NodeId> targets_;
  std::vector<float> weights_;
  bool directed_ = false;
  std::size_t self_loops_ = 0;
};

// Collects edges in any order and builds a CsrGraph by counting sort:
// O(n + m) time, no per-edge allocation.
class GraphBuilder {
 public:
  struct Options {
    bool directed = false;
    bool allow_self_loops = false;
    bool allow_multi_edges = false;  // false: keep the first of duplicates
  };

  GraphBuilder(std::size_t num_nodes, Options options);

  void reserve(std::size_t edges) {
    src_.reserve(edges);
    dst_.reserve(edges);
  }
  // Adds u->v (or u--v). Throws ParameterError for ids >= num_nodes.
  void add_edge(NodeId u, NodeId v);
  void add_edge(NodeId u, NodeId v, float weight);
  std::size_t num_nodes() const noexcept { return n_; }
  std::size_t num_added() const noexcept { return src_.size(); }

  CsrGraph build() &&;

 private:
  std::size_t n_;
  Options options_;
  std::vector<NodeId> src_, dst_;
  std::vector<float> w_;
};

}  // namespace microcosm
