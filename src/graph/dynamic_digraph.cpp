#include "microcosm/graph/dynamic_digraph.hpp"

#include <algorithm>
#include <limits>

#include <fmt/format.h>

#include "microcosm/core/error.hpp"

namespace microcosm {

std::uint32_t DynamicDigraph::Rows::find(NodeId u, NodeId v) const noexcept {
  const Extent& e = extent[u];
  if (e.size > kScanRow) {
    const std::uint32_t* pos = hub.find(edge_key(u, v));
    return pos ? *pos : kAbsent;
  }
  const NodeId* row = slab.data() + e.start;
  for (std::uint32_t k = 0; k < e.size; ++k) {
    if (row[k] == v) return k;
  }
  return kAbsent;
}

void DynamicDigraph::Rows::assign(const std::vector<std::vector<NodeId>>& lists) {
  extent.assign(lists.size(), Extent{});
  std::uint64_t total = 0;
  for (std::size_t u = 0; u < lists.size(); ++u) {
    const auto size = static_cast<std::uint32_t>(lists[u].size());
    extent[u] = {total, size, size};
    total += size;
  }
  slab.clear();
  slab.reserve(total + total / 16 + 64);  // room for rows that grow before a reallocation
  for (const auto& list : lists) slab.insert(slab.end(), list.begin(), list.end());
  unused = 0;
}

void DynamicDigraph::Rows::grow(NodeId u) {
  if (unused > 1024 && unused > slab.size() / 4) compact();
  Extent& e = extent[u];
  const std::uint32_t room = std::max<std::uint32_t>(4, 2 * e.capacity);
  if (e.start + e.capacity == slab.size()) {
    // The last row in the slab (or an empty one there) grows in place.
    slab.resize(e.start + room);
  } else {
    const std::uint64_t start = slab.size();
    slab.resize(start + room);
    std::copy_n(slab.begin() + static_cast<std::ptrdiff_t>(e.start), e.size,
                slab.begin() + static_cast<std::ptrdiff_t>(start));
    unused += e.capacity;
    e.start = start;
  }
  e.capacity = room;
}

void DynamicDigraph::Rows::compact() {
  // Rows in slab order, each moved down to where the previous one's room
  // ends (never past its own start, so a forward copy is safe).
  HugeVector<NodeId> order;
  order.reserve(extent.size());
  for (NodeId u = 0; u < extent.size(); ++u) {
    if (extent[u].capacity > 0) order.push_back(u);
  }
  std::sort(order.begin(), order.end(),
            [&](NodeId a, NodeId b) { return extent[a].start < extent[b].start; });
  std::uint64_t write = 0;
  for (const NodeId u : order) {
    Extent& e = extent[u];
    if (e.start != write) {
      std::copy_n(slab.begin() + static_cast<std::ptrdiff_t>(e.start), e.size,
                  slab.begin() + static_cast<std::ptrdiff_t>(write));
      e.start = write;
    }
    write += e.capacity;
  }
  slab.resize(write);
  unused = 0;
}

void DynamicDigraph::Rows::push(NodeId u, NodeId v) {
  if (extent[u].size == extent[u].capacity) grow(u);
  Extent& e = extent[u];
  slab[e.start + e.size] = v;
  ++e.size;
  const NodeId* row = slab.data() + e.start;
  if (e.size == kScanRow + 1) {
    // The row just became long: index all of it.
    for (std::uint32_t k = 0; k < e.size; ++k) hub.insert(edge_key(u, row[k]), k);
  } else if (e.size > kScanRow + 1) {
    hub.insert(edge_key(u, v), e.size - 1);
  }
}

void DynamicDigraph::Rows::erase_at(NodeId u, std::uint32_t pos) {
  Extent& e = extent[u];
  NodeId* row = slab.data() + e.start;
  const bool indexed = e.size > kScanRow;
  const NodeId v = row[pos];
  const NodeId w = row[e.size - 1];
  row[pos] = w;
  --e.size;
  if (!indexed) return;
  hub.erase(edge_key(u, v));
  if (e.size == kScanRow) {
    // Short again: scans take over.
    for (std::uint32_t k = 0; k < e.size; ++k) hub.erase(edge_key(u, row[k]));
  } else if (pos < e.size) {
    *hub.find(edge_key(u, w)) = pos;  // the moved entry u->w records its new place
  }
}

void DynamicDigraph::Rows::index_long_rows() {
  hub.clear();
  std::size_t entries = 0;
  for (const Extent& e : extent) entries += e.size > kScanRow ? e.size : 0;
  hub.reserve(entries);
  for (NodeId u = 0; u < extent.size(); ++u) {
    const Extent& e = extent[u];
    if (e.size <= kScanRow) continue;
    const NodeId* row = slab.data() + e.start;
    for (std::uint32_t k = 0; k < e.size; ++k) hub.insert(edge_key(u, row[k]), k);
  }
}

std::size_t DynamicDigraph::Rows::memory_bytes() const noexcept {
  return hub.memory_bytes() + extent.capacity() * sizeof(Extent) + slab.capacity() * sizeof(NodeId);
}

DynamicDigraph::DynamicDigraph(std::size_t num_nodes, Options options)
    : in_lists_(options.in_lists) {
  if (num_nodes >= std::numeric_limits<NodeId>::max()) {
    throw ParameterError(fmt::format("dynamic graph: {} nodes exceed the limit of {}", num_nodes,
                                     std::numeric_limits<NodeId>::max() - 1));
  }
  out_.extent.resize(num_nodes);
  if (in_lists_) in_.extent.resize(num_nodes);
}

DynamicDigraph::DynamicDigraph(const CsrGraph& graph, Options options)
    : DynamicDigraph(graph.num_nodes(), options) {
  const std::size_t n = graph.num_nodes();
  const auto nn = static_cast<std::int64_t>(n);
  // Rows of a CSR graph are sorted, so repeated arcs are adjacent: each row
  // is copied once without them, in the order add_edge would have kept.
  // Rows are counted and copied independently, so in parallel.
  auto& ext = out_.extent;
#pragma omp parallel for schedule(static)
  for (std::int64_t iu = 0; iu < nn; ++iu) {
    const auto row = graph.neighbors(static_cast<NodeId>(iu));
    std::uint32_t unique = 0;
    for (std::size_t k = 0; k < row.size(); ++k) unique += k == 0 || row[k] != row[k - 1];
    ext[static_cast<std::size_t>(iu)].size = unique;
    ext[static_cast<std::size_t>(iu)].capacity = unique;
  }
  std::uint64_t total = 0;
  for (Rows::Extent& e : ext) {
    e.start = total;
    total += e.size;
  }
  out_.slab.reserve(total + total / 16 + 64);  // room for rows that grow before a reallocation
  out_.slab.resize(total);
#pragma omp parallel for schedule(static)
  for (std::int64_t iu = 0; iu < nn; ++iu) {
    const auto row = graph.neighbors(static_cast<NodeId>(iu));
    NodeId* out = out_.slab.data() + ext[static_cast<std::size_t>(iu)].start;
    for (std::size_t k = 0; k < row.size(); ++k) {
      if (k == 0 || row[k] != row[k - 1]) *out++ = row[k];
    }
  }
  edges_ = total;
  out_.index_long_rows();
  if (!in_lists_) return;
  // In-lists in ascending source order (the order edge-by-edge insertion
  // gives).
  auto& in_ext = in_.extent;
  for (std::size_t u = 0; u < n; ++u) {
    for (NodeId v : out_.row(static_cast<NodeId>(u))) ++in_ext[v].capacity;
  }
  std::uint64_t in_total = 0;
  for (Rows::Extent& e : in_ext) {
    e.start = in_total;
    in_total += e.capacity;
  }
  in_.slab.reserve(in_total + in_total / 16 + 64);
  in_.slab.resize(in_total);
  for (std::size_t u = 0; u < n; ++u) {
    for (NodeId v : out_.row(static_cast<NodeId>(u))) {
      Rows::Extent& e = in_ext[v];
      in_.slab[e.start + e.size++] = static_cast<NodeId>(u);
    }
  }
  in_.index_long_rows();
}

NodeId DynamicDigraph::add_nodes(std::size_t count) {
  const std::size_t first = num_nodes();
  if (first + count >= std::numeric_limits<NodeId>::max()) {
    throw ParameterError(fmt::format("dynamic graph: {} nodes exceed the limit of {}",
                                     first + count, std::numeric_limits<NodeId>::max() - 1));
  }
  out_.extent.resize(first + count);
  if (in_lists_) in_.extent.resize(first + count);
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
  while (out_.extent[u].size > 0) remove_edge(u, out_.row(u).back());
}

void DynamicDigraph::clear_in_edges(NodeId v) {
  if (in_lists_) {
    while (in_.extent[v].size > 0) remove_edge(in_.row(v).back(), v);
    return;
  }
  for (NodeId u = 0; u < num_nodes(); ++u) remove_edge(u, v);
}

CsrGraph DynamicDigraph::to_csr() const {
  const std::size_t n = num_nodes();
  std::vector<EdgeIndex> offsets(n + 1, 0);
  for (std::size_t u = 0; u < n; ++u) offsets[u + 1] = offsets[u] + out_degree(static_cast<NodeId>(u));
  std::vector<NodeId> targets(offsets.back());
  for (std::size_t u = 0; u < n; ++u) {
    const auto row = out_neighbors(static_cast<NodeId>(u));
    auto first = targets.begin() + static_cast<std::ptrdiff_t>(offsets[u]);
    std::copy(row.begin(), row.end(), first);
    std::sort(first, first + static_cast<std::ptrdiff_t>(row.size()));
  }
  return CsrGraph(std::move(offsets), std::move(targets), {}, true);
}

std::size_t DynamicDigraph::memory_bytes() const noexcept {
  return out_.memory_bytes() + in_.memory_bytes();
}

}  // namespace microcosm
