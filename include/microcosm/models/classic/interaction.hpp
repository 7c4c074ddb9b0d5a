// Partner selection shared by the pairwise classic models, on a stored graph
// or under complete mixing (Network::mean_field). Inline: these run once per
// pair update in the hot loops.
#pragma once

#include <algorithm>
#include <cstddef>
#include <limits>
#include <utility>
#include <vector>

#include "microcosm/core/rng.hpp"
#include "microcosm/graph/network.hpp"

namespace microcosm::classic {

inline constexpr NodeId kNoNode = std::numeric_limits<NodeId>::max();

// Uniform random neighbour of i (uniform j != i under mean field); kNoNode
// when i has none.
inline NodeId random_neighbor(Rng& rng, const Network& net, NodeId i) noexcept {
  if (net.mean_field) {
    const std::uint64_t n = net.graph.num_nodes();
    if (n < 2) return kNoNode;
    auto j = static_cast<NodeId>(rng.bounded(n - 1));
    return j >= i ? j + 1 : j;
  }
  const auto row = net.graph.neighbors(i);
  if (row.empty()) return kNoNode;
  return row[rng.bounded(row.size())];
}

// A uniformly random edge with a random orientation (link update); under
// mean field a uniformly random ordered pair. {kNoNode, kNoNode} without
// edges.
inline std::pair<NodeId, NodeId> random_arc(Rng& rng, const Network& net) noexcept {
  if (net.mean_field) {
    const std::uint64_t n = net.graph.num_nodes();
    if (n < 2) return {kNoNode, kNoNode};
    const auto i = static_cast<NodeId>(rng.bounded(n));
    return {i, random_neighbor(rng, net, i)};
  }
  const auto arcs = net.graph.num_arcs();
  if (arcs == 0) return {kNoNode, kNoNode};
  const EdgeIndex e = rng.bounded(arcs);
  const auto off = net.graph.offsets();
  // Source of arc e: the row whose [offset, next offset) holds e.
  const auto it = std::upper_bound(off.begin(), off.end(), e);
  const auto u = static_cast<NodeId>(it - off.begin() - 1);
  const NodeId v = net.graph.targets()[e];
  // For directed graphs the arc u->v is kept as is; undirected arcs are
  // stored twice so the orientation is already uniform.
  return {u, v};
}

// Source node of every stored arc (arc e runs arc_sources[e] ->
// graph.targets()[e]), so that a uniformly random edge costs O(1) instead of
// a binary search over the offsets. O(m) time and memory.
inline std::vector<NodeId> arc_sources(const CsrGraph& g) {
  std::vector<NodeId> src(g.num_arcs());
  const auto off = g.offsets();
  for (std::size_t u = 0; u + 1 < off.size(); ++u) {
    std::fill(src.begin() + static_cast<std::ptrdiff_t>(off[u]),
              src.begin() + static_cast<std::ptrdiff_t>(off[u + 1]), static_cast<NodeId>(u));
  }
  return src;
}

}  // namespace microcosm::classic
