#include "microcosm/graph/dynamic_digraph.hpp"

#include <algorithm>
#include <limits>

#include <fmt/format.h>

#include "microcosm/core/error.hpp"

namespace microcosm {

DynamicDigraph::DynamicDigraph(std::size_t num_nodes) {
  if (num_nodes >= std::numeric_limits<NodeId>::max()) {
    throw ParameterError(fmt::format("dynamic graph: {} nodes exceed the limit of {}", num_nodes,
                                     std::numeric_limits<NodeId>::max() - 1));
  }
  out_.resize(num_nodes);
  in_.resize(num_nodes);
}

DynamicDigraph::DynamicDigraph(const CsrGraph& graph) : DynamicDigraph(graph.num_nodes()) {
  const std::size_t n = graph.num_nodes();
  std::vector<std::uint32_t> in_count(n, 0);
  for (NodeId v : graph.targets()) ++in_count[v];
  for (NodeId u = 0; u < n; ++u) {
    out_[u].reserve(graph.degree(u));
    in_[u].reserve(in_count[u]);
  }
  index_.reserve(graph.num_arcs());
  // Bulk load: the hash slots are random, so prefetch a few arcs ahead.
  // Rows may hold multi-edges; add_edge drops repeats.
  constexpr EdgeIndex kAhead = 8;
  const auto offsets = graph.offsets();
  const auto targets = graph.targets();
  const EdgeIndex arcs = targets.size();
  NodeId u = 0, ahead_u = 0;
  for (EdgeIndex e = 0; e < arcs; ++e) {
    if (e + kAhead < arcs) {
      while (offsets[ahead_u + 1] <= e + kAhead) ++ahead_u;
      index_.prefetch(edge_key(ahead_u, targets[e + kAhead]));
    }
    while (offsets[u + 1] <= e) ++u;
    add_edge(u, targets[e]);
  }
}

NodeId DynamicDigraph::add_nodes(std::size_t count) {
  const std::size_t first = out_.size();
  if (first + count >= std::numeric_limits<NodeId>::max()) {
    throw ParameterError(fmt::format("dynamic graph: {} nodes exceed the limit of {}",
                                     first + count, std::numeric_limits<NodeId>::max() - 1));
  }
  out_.resize(first + count);
  in_.resize(first + count);
  return static_cast<NodeId>(first);
}

void DynamicDigraph::check(NodeId u, NodeId v) const {
  if (u >= out_.size() || v >= out_.size()) {
    throw ParameterError(fmt::format("dynamic graph: edge ({}, {}) refers to a node outside [0, {})",
                                     u, v, out_.size()));
  }
}

bool DynamicDigraph::add_edge(NodeId u, NodeId v) {
  check(u, v);
  const Slots slots{static_cast<std::uint32_t>(out_[u].size()),
                    static_cast<std::uint32_t>(in_[v].size())};
  if (!index_.insert(edge_key(u, v), slots)) return false;
  out_[u].push_back(v);
  in_[v].push_back(u);
  return true;
}

bool DynamicDigraph::remove_edge(NodeId u, NodeId v) {
  if (u >= out_.size() || v >= out_.size()) return false;
  const Slots* found = index_.find(edge_key(u, v));
  if (!found) return false;
  const Slots slots = *found;
  index_.erase(edge_key(u, v));
  // Swap-remove v from out_[u]; the moved edge u->w records its new place.
  auto& out = out_[u];
  const NodeId w = out.back();
  out[slots.out_pos] = w;
  out.pop_back();
  if (slots.out_pos < out.size()) index_.find(edge_key(u, w))->out_pos = slots.out_pos;
  // Swap-remove u from in_[v]; the moved edge x->v records its new place.
  auto& in = in_[v];
  const NodeId x = in.back();
  in[slots.in_pos] = x;
  in.pop_back();
  if (slots.in_pos < in.size()) index_.find(edge_key(x, v))->in_pos = slots.in_pos;
  return true;
}

void DynamicDigraph::clear_out_edges(NodeId u) {
  while (!out_[u].empty()) remove_edge(u, out_[u].back());
}

void DynamicDigraph::clear_in_edges(NodeId v) {
  while (!in_[v].empty()) remove_edge(in_[v].back(), v);
}

CsrGraph DynamicDigraph::to_csr() const {
  const std::size_t n = out_.size();
  std::vector<EdgeIndex> offsets(n + 1, 0);
  for (std::size_t u = 0; u < n; ++u) offsets[u + 1] = offsets[u] + out_[u].size();
  std::vector<NodeId> targets(offsets.back());
  for (std::size_t u = 0; u < n; ++u) {
    auto first = targets.begin() + static_cast<std::ptrdiff_t>(offsets[u]);
    std::copy(out_[u].begin(), out_[u].end(), first);
    std::sort(first, first + static_cast<std::ptrdiff_t>(out_[u].size()));
  }
  return CsrGraph(std::move(offsets), std::move(targets), {}, true);
}

std::size_t DynamicDigraph::memory_bytes() const noexcept {
  std::size_t bytes = index_.memory_bytes() + (out_.capacity() + in_.capacity()) * sizeof(out_[0]);
  for (const auto& row : out_) bytes += row.capacity() * sizeof(NodeId);
  for (const auto& row : in_) bytes += row.capacity() * sizeof(NodeId);
  return bytes;
}

}  // namespace microcosm
