// Restoring a DynamicDigraph with given neighbour-list orders (checkpoints).
#include <fmt/format.h>

#include "microcosm/core/error.hpp"
#include "microcosm/graph/dynamic_digraph.hpp"

namespace microcosm {

void DynamicDigraph::assign_lists(std::vector<std::vector<NodeId>> out,
                                  std::vector<std::vector<NodeId>> in) {
  const std::size_t n = out.size();
  if (in.size() != n) throw InputError("dynamic graph: out- and in-lists cover different nodes");
  EdgeHashMap<Slots> index;
  std::size_t edges = 0;
  for (const auto& row : out) edges += row.size();
  index.reserve(edges);
  for (NodeId u = 0; u < n; ++u) {
    for (std::size_t k = 0; k < out[u].size(); ++k) {
      const NodeId v = out[u][k];
      if (v >= n || !index.insert(edge_key(u, v), Slots{static_cast<std::uint32_t>(k), 0})) {
        throw InputError(fmt::format("dynamic graph: invalid or repeated edge ({}, {})", u, v));
      }
    }
  }
  std::size_t in_edges = 0;
  for (NodeId v = 0; v < n; ++v) {
    for (std::size_t k = 0; k < in[v].size(); ++k) {
      const NodeId u = in[v][k];
      Slots* slots = u < n ? index.find(edge_key(u, v)) : nullptr;
      if (!slots) throw InputError(fmt::format("dynamic graph: in-list edge ({}, {}) is not an out-edge", u, v));
      slots->in_pos = static_cast<std::uint32_t>(k);
      ++in_edges;
    }
  }
  if (in_edges != edges) throw InputError("dynamic graph: out- and in-lists hold different edges");
  out_ = std::move(out);
  in_ = std::move(in);
  index_ = std::move(index);
}

}  // namespace microcosm
