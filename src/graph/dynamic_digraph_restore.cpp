// Restoring a DynamicDigraph with given neighbour-list orders (checkpoints).
#include <algorithm>

#include <fmt/format.h>

#include "microcosm/core/error.hpp"
#include "microcosm/graph/dynamic_digraph.hpp"

namespace microcosm {

void DynamicDigraph::assign_lists(std::vector<std::vector<NodeId>> out,
                                  std::vector<std::vector<NodeId>> in) {
  const std::size_t n = out.size();
  if (!in.empty() && in.size() != n) {
    throw InputError("dynamic graph: out- and in-lists cover different nodes");
  }
  Rows rows_out;
  rows_out.assign(out);
  rows_out.index_long_rows();
  std::size_t edges = 0;
  for (NodeId u = 0; u < n; ++u) {
    const auto& row = out[u];
    for (std::size_t k = 0; k < row.size(); ++k) {
      const NodeId v = row[k];
      // A repeated edge is found at its first position.
      if (v >= n || rows_out.find(u, v) != k) {
        throw InputError(fmt::format("dynamic graph: invalid or repeated edge ({}, {})", u, v));
      }
    }
    edges += row.size();
  }
  Rows rows_in;
  if (in_lists_) {
    if (in.empty()) {
      in.assign(n, {});
      for (NodeId u = 0; u < n; ++u) {
        for (NodeId v : out[u]) in[v].push_back(u);
      }
    }
    rows_in.assign(in);
    rows_in.index_long_rows();
    std::size_t in_edges = 0;
    for (NodeId v = 0; v < n; ++v) {
      const auto& row = in[v];
      for (std::size_t k = 0; k < row.size(); ++k) {
        const NodeId u = row[k];
        if (u >= n || rows_out.find(u, v) == kAbsent || rows_in.find(v, u) != k) {
          throw InputError(
              fmt::format("dynamic graph: in-list edge ({}, {}) is not an out-edge", u, v));
        }
      }
      in_edges += row.size();
    }
    if (in_edges != edges) throw InputError("dynamic graph: out- and in-lists hold different edges");
  }
  out_ = std::move(rows_out);
  in_ = std::move(rows_in);
  edges_ = edges;
}

}  // namespace microcosm
