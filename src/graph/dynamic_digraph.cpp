#include "microcosm/graph/dynamic_digraph.hpp"

#include <algorithm>
#include <limits>

#include <fmt/format.h>

#include "microcosm/core/error.hpp"

namespace microcosm {

std::uint32_t DynamicDigraph::Rows::find(NodeId u, NodeId v) const noexcept {
  const auto& row = rows[u];
  if (row.size() > kScanRow) {
    const std::uint32_t* pos = hub.find(edge_key(u, v));
    return pos ? *pos : kAbsent;
  }
  for (std::size_t k = 0; k < row.size(); ++k) {
    if (row[k] == v) return static_cast<std::uint32_t>(k);
  }
  return kAbsent;
}

void DynamicDigraph::Rows::push(NodeId u, NodeId v) {
  auto& row = rows[u];
  row.push_back(v);
  if (row.size() == kScanRow + 1) {
    // The row just became long: index all of it.
    for (std::size_t k = 0; k < row.size(); ++k) {
      hub.insert(edge_key(u, row[k]), static_cast<std::uint32_t>(k));
    }
  } else if (row.size() > kScanRow + 1) {
    hub.insert(edge_key(u, v), static_cast<std::uint32_t>(row.size() - 1));
  }
}

void DynamicDigraph::Rows::erase_at(NodeId u, std::uint32_t pos) {
  auto& row = rows[u];
  const bool indexed = row.size() > kScanRow;
  const NodeId v = row[pos];
  const NodeId w = row.back();
  row[pos] = w;
  row.pop_back();
  if (!indexed) return;
  hub.erase(edge_key(u, v));
  if (row.size() == kScanRow) {
    // Short again: scans take over.
    for (const NodeId x : row) hub.erase(edge_key(u, x));
  } else if (pos < row.size()) {
    *hub.find(edge_key(u, w)) = pos;  // the moved entry u->w records its new place
  }
}

void DynamicDigraph::Rows::index_long_rows() {
  hub.clear();
  std::size_t entries = 0;
  for (const auto& row : rows) entries += row.size() > kScanRow ? row.size() : 0;
  hub.reserve(entries);
  for (NodeId u = 0; u < rows.size(); ++u) {
    const auto& row = rows[u];
    if (row.size() <= kScanRow) continue;
    for (std::size_t k = 0; k < row.size(); ++k) {
      hub.insert(edge_key(u, row[k]), static_cast<std::uint32_t>(k));
    }
  }
}

std::size_t DynamicDigraph::Rows::memory_bytes() const noexcept {
  std::size_t bytes = hub.memory_bytes() + rows.capacity() * sizeof(rows[0]);
  for (const auto& row : rows) bytes += row.capacity() * sizeof(NodeId);
  return bytes;
}

DynamicDigraph::DynamicDigraph(std::size_t num_nodes, Options options)
    : in_lists_(options.in_lists) {
  if (num_nodes >= std::numeric_limits<NodeId>::max()) {
    throw ParameterError(fmt::format("dynamic graph: {} nodes exceed the limit of {}", num_nodes,
                                     std::numeric_limits<NodeId>::max() - 1));
  }
  out_.rows.resize(num_nodes);
  if (in_lists_) in_.rows.resize(num_nodes);
}

DynamicDigraph::DynamicDigraph(const CsrGraph& graph, Options options)
    : DynamicDigraph(graph.num_nodes(), options) {
  const std::size_t n = graph.num_nodes();
  // Rows of a CSR graph are sorted, so repeated arcs are adjacent: each row
  // is copied once without them, in the order add_edge would have kept.
  for (NodeId u = 0; u < n; ++u) {
    const auto row = graph.neighbors(u);
    std::size_t unique = 0;
    for (std::size_t k = 0; k < row.size(); ++k) unique += k == 0 || row[k] != row[k - 1];
    auto& out = out_.rows[u];
    out.reserve(unique);
    for (std::size_t k = 0; k < row.size(); ++k) {
      if (k == 0 || row[k] != row[k - 1]) out.push_back(row[k]);
    }
    edges_ += unique;
  }
  out_.index_long_rows();
  if (!in_lists_) return;
  // In-lists in ascending source order (the order edge-by-edge insertion
  // gives).
  std::vector<std::uint32_t> in_count(n, 0);
  for (const auto& out : out_.rows) {
    for (NodeId v : out) ++in_count[v];
  }
  for (NodeId v = 0; v < n; ++v) in_.rows[v].reserve(in_count[v]);
  for (NodeId u = 0; u < n; ++u) {
    for (NodeId v : out_.rows[u]) in_.rows[v].push_back(u);
  }
  in_.index_long_rows();
}

NodeId DynamicDigraph::add_nodes(std::size_t count) {
  const std::size_t first = out_.rows.size();
  if (first + count >= std::numeric_limits<NodeId>::max()) {
    throw ParameterError(fmt::format("dynamic graph: {} nodes exceed the limit of {}",
                                     first + count, std::numeric_limits<NodeId>::max() - 1));
  }
  out_.rows.resize(first + count);
  if (in_lists_) in_.rows.resize(first + count);
  return static_cast<NodeId>(first);
}

void DynamicDigraph::check(NodeId u, NodeId v) const {
  if (u >= num_nodes() || v >= num_nodes()) {
    throw ParameterError(fmt::format("dynamic graph: edge ({}, {}) refers to a node outside [0, {})",
                                     u, v, num_nodes()));
  }
}

bool DynamicDigraph::add_edge(NodeId u, NodeId v) {
  check(u, v);
  if (out_.find(u, v) != kAbsent) return false;
  out_.push(u, v);
  if (in_lists_) in_.push(v, u);
  ++edges_;
  return true;
}

bool DynamicDigraph::remove_edge(NodeId u, NodeId v) {
  if (u >= num_nodes() || v >= num_nodes()) return false;
  const std::uint32_t pos = out_.find(u, v);
  if (pos == kAbsent) return false;
  out_.erase_at(u, pos);
  if (in_lists_) in_.erase_at(v, in_.find(v, u));
  --edges_;
  return true;
}

void DynamicDigraph::clear_out_edges(NodeId u) {
  while (!out_.rows[u].empty()) remove_edge(u, out_.rows[u].back());
}

void DynamicDigraph::clear_in_edges(NodeId v) {
  if (in_lists_) {
    while (!in_.rows[v].empty()) remove_edge(in_.rows[v].back(), v);
    return;
  }
  for (NodeId u = 0; u < num_nodes(); ++u) remove_edge(u, v);
}

CsrGraph DynamicDigraph::to_csr() const {
  const std::size_t n = num_nodes();
  std::vector<EdgeIndex> offsets(n + 1, 0);
  for (std::size_t u = 0; u < n; ++u) offsets[u + 1] = offsets[u] + out_.rows[u].size();
  std::vector<NodeId> targets(offsets.back());
  for (std::size_t u = 0; u < n; ++u) {
    auto first = targets.begin() + static_cast<std::ptrdiff_t>(offsets[u]);
    std::copy(out_.rows[u].begin(), out_.rows[u].end(), first);
    std::sort(first, first + static_cast<std::ptrdiff_t>(out_.rows[u].size()));
  }
  return CsrGraph(std::move(offsets), std::move(targets), {}, true);
}

std::size_t DynamicDigraph::memory_bytes() const noexcept {
  return out_.memory_bytes() + in_.memory_bytes();
}

}  // namespace microcosm
