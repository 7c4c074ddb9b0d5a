#include "microcosm/graph/csr_graph.hpp"

#include <algorithm>
#include <numeric>

#include <fmt/format.h>

#include "microcosm/core/error.hpp"

namespace microcosm {

CsrGraph::CsrGraph(std::vector<EdgeIndex> offsets, std::vector<NodeId> targets,
                   std::vector<float> weights, bool directed)
    : offsets_(std::move(offsets)),
      targets_(std::move(targets)),
      weights_(std::move(weights)),
      directed_(directed) {
  if (offsets_.empty() || offsets_.back() != targets_.size()) {
    throw Error("CsrGraph: offsets do not match the number of targets");
  }
  if (!weights_.empty() && weights_.size() != targets_.size()) {
    throw Error("CsrGraph: weights do not match the number of targets");
  }
  if (!directed_) {
    for (NodeId u = 0; u < num_nodes(); ++u) {
      for (NodeId v : neighbors(u)) self_loops_ += (u == v);
    }
  }
}

bool CsrGraph::has_edge(NodeId u, NodeId v) const noexcept {
  const auto row = neighbors(u);
  return std::binary_search(row.begin(), row.end(), v);
}

std::vector<std::pair<NodeId, NodeId>> CsrGraph::edge_list() const {
  std::vector<std::pair<NodeId, NodeId>> out;
  out.reserve(num_edges());
  for (NodeId u = 0; u < num_nodes(); ++u) {
    for (NodeId v : neighbors(u)) {
      if (directed_ || u <= v) out.emplace_back(u, v);
    }
  }
  return out;
}

CsrGraph CsrGraph::transpose() const {
  if (!directed_) return *this;
  const std::size_t n = num_nodes();
  std::vector<EdgeIndex> off(n + 1, 0);
  for (NodeId v : targets_) ++off[v + 1];
  std::partial_sum(off.begin(), off.end(), off.begin());
  std::vector<NodeId> tgt(targets_.size());
  std::vector<float> w(weights_.size());
  std::vector<EdgeIndex> pos(off.begin(), off.end() - 1);
  for (NodeId u = 0; u < n; ++u) {  // u ascending, so rows come out sorted
    for (EdgeIndex e = offsets_[u]; e < offsets_[u + 1]; ++e) {
      const EdgeIndex p = pos[targets_[e]]++;
      tgt[p] = u;
      if (!w.empty()) w[p] = weights_[e];
    }
  }
  return CsrGraph(std::move(off), std::move(tgt), std::move(w), true);
}

GraphBuilder::GraphBuilder(std::size_t num_nodes, Options options)
    : n_(num_nodes), options_(options) {
  if (num_nodes >= std::numeric_limits<NodeId>::max()) {
    throw ParameterError(fmt::format("graph: {} nodes exceed the limit of {}", num_nodes,
                                     std::numeric_limits<NodeId>::max() - 1));
  }
}

void GraphBuilder::add_edge(NodeId u, NodeId v) {
  if (u >= n_ || v >= n_) {
    throw ParameterError(
        fmt::format("graph: edge ({}, {}) refers to a node outside [0, {})", u, v, n_));
  }
  if (!w_.empty()) w_.push_back(1.0f);
  src_.push_back(u);
  dst_.push_back(v);
}

void GraphBuilder::add_edge(NodeId u, NodeId v, float weight) {
  if (w_.empty() && !src_.empty()) w_.assign(src_.size(), 1.0f);
  add_edge(u, v);
  if (w_.size() < src_.size()) w_.push_back(weight);
  else w_.back() = weight;
}

CsrGraph GraphBuilder::build() && {
  const bool weighted = !w_.empty();
  const std::size_t m = src_.size();
  std::vector<EdgeIndex> off(n_ + 1, 0);
  auto keep = [&](std::size_t e) { return options_.allow_self_loops || src_[e] != dst_[e]; };
  for (std::size_t e = 0; e < m; ++e) {
    if (!keep(e)) continue;
    ++off[src_[e] + 1];
    if (!options_.directed && src_[e] != dst_[e]) ++off[dst_[e] + 1];
  }
  std::partial_sum(off.begin(), off.end(), off.begin());
  std::vector<NodeId> tgt(off.back());
  std::vector<float> w(weighted ? off.back() : 0);
  {
    std::vector<EdgeIndex> pos(off.begin(), off.end() - 1);
    for (std::size_t e = 0; e < m; ++e) {
      if (!keep(e)) continue;
      const NodeId u = src_[e], v = dst_[e];
      EdgeIndex p = pos[u]++;
      tgt[p] = v;
      if (weighted) w[p] = w_[e];
      if (!options_.directed && u != v) {
        p = pos[v]++;
        tgt[p] = u;
        if (weighted) w[p] = w_[e];
      }
    }
  }
  src_.clear();
  src_.shrink_to_fit();
  dst_.clear();
  dst_.shrink_to_fit();
  w_.clear();
  w_.shrink_to_fit();

  // Sort each row and drop duplicates unless multi-edges are wanted. Each
  // row is sorted and deduplicated within its own range (in parallel: rows
  // are independent, so the result is the same for any thread count), then
  // rows are compacted serially (the write position never passes the row
  // being read). Weighted rows sort (target, weight) pairs stably, so the
  // first of duplicate edges keeps its weight; unweighted rows sort the
  // targets directly.
  std::vector<EdgeIndex> new_off(n_ + 1, 0);  // kept entries of row u at u + 1
  const auto rows = static_cast<std::int64_t>(n_);
  #pragma omp parallel if (m >= 65536)
  {
    std::vector<std::pair<NodeId, float>> row;
    #pragma omp for schedule(dynamic, 1024)
    for (std::int64_t r = 0; r < rows; ++r) {
      const auto u = static_cast<std::size_t>(r);
      const EdgeIndex begin = off[u], end = off[u + 1];
      EdgeIndex write = begin;
      if (!weighted) {
        NodeId* first = tgt.data() + begin;
        NodeId* last = tgt.data() + end;
        std::sort(first, last);
        for (NodeId* p = first; p != last; ++p) {
          if (!options_.allow_multi_edges && p != first && *p == p[-1]) continue;
          tgt[write++] = *p;
        }
      } else {
        row.clear();
        for (EdgeIndex e = begin; e < end; ++e) row.emplace_back(tgt[e], w[e]);
        std::stable_sort(row.begin(), row.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        for (std::size_t k = 0; k < row.size(); ++k) {
          if (!options_.allow_multi_edges && k > 0 && row[k].first == row[k - 1].first) continue;
          tgt[write] = row[k].first;
          w[write] = row[k].second;
          ++write;
        }
      }
      new_off[u + 1] = write - begin;
    }
  }
  EdgeIndex write = 0;
  for (std::size_t u = 0; u < n_; ++u) {
    const EdgeIndex begin = off[u], kept = new_off[u + 1];
    if (write != begin) {
      std::copy(tgt.begin() + static_cast<std::ptrdiff_t>(begin),
                tgt.begin() + static_cast<std::ptrdiff_t>(begin + kept),
                tgt.begin() + static_cast<std::ptrdiff_t>(write));
      if (weighted) {
        std::copy(w.begin() + static_cast<std::ptrdiff_t>(begin),
                  w.begin() + static_cast<std::ptrdiff_t>(begin + kept),
                  w.begin() + static_cast<std::ptrdiff_t>(write));
      }
    }
    write += kept;
    new_off[u + 1] = write;
  }
  tgt.resize(write);
  tgt.shrink_to_fit();
  if (weighted) {
    w.resize(write);
    w.shrink_to_fit();
  }
  return CsrGraph(std::move(new_off), std::move(tgt), std::move(w), options_.directed);
}

}  // namespace microcosm
