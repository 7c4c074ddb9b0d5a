#include "microcosm/metrics/partition.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string_view>
#include <unordered_map>

#include <fmt/format.h>

#include "dense_groups.hpp"
#include "microcosm/core/error.hpp"

namespace microcosm::metrics {

namespace detail {

DenseGroups dense_groups(std::span<const std::uint32_t> membership, bool unassigned_as_singletons) {
  DenseGroups out;
  out.id.assign(membership.size(), kUnassigned);
  std::uint32_t max_id = 0;
  bool any = false;
  for (std::uint32_t c : membership) {
    if (c == kUnassigned) continue;
    max_id = any ? std::max(max_id, c) : c;
    any = true;
  }
  std::uint32_t next = 0;
  if (any && static_cast<std::size_t>(max_id) <= 4 * membership.size() + 64) {
    std::vector<std::uint32_t> remap(static_cast<std::size_t>(max_id) + 1, kUnassigned);
    for (std::size_t u = 0; u < membership.size(); ++u) {
      const std::uint32_t c = membership[u];
      if (c == kUnassigned) continue;
      if (remap[c] == kUnassigned) remap[c] = next++;
      out.id[u] = remap[c];
    }
  } else if (any) {
    std::vector<std::uint32_t> values;
    values.reserve(membership.size());
    for (std::uint32_t c : membership) {
      if (c != kUnassigned) values.push_back(c);
    }
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    for (std::size_t u = 0; u < membership.size(); ++u) {
      const std::uint32_t c = membership[u];
      if (c == kUnassigned) continue;
      out.id[u] = static_cast<std::uint32_t>(std::lower_bound(values.begin(), values.end(), c) -
                                             values.begin());
    }
    next = static_cast<std::uint32_t>(values.size());
  }
  if (unassigned_as_singletons) {
    for (std::uint32_t& c : out.id) {
      if (c == kUnassigned) c = next++;
    }
  }
  out.count = next;
  return out;
}

void check_membership(const CsrGraph& graph, std::span<const std::uint32_t> membership,
                      std::string_view function) {
  if (membership.size() != graph.num_nodes()) {
    throw ParameterError(fmt::format("{}: membership has {} entries, the graph {} nodes", function,
                                     membership.size(), graph.num_nodes()));
  }
}

}  // namespace detail

std::vector<std::uint32_t> encode_labels(std::span<const std::string> labels,
                                         std::vector<std::string>* names) {
  std::unordered_map<std::string_view, std::uint32_t> ids;
  std::vector<std::uint32_t> out(labels.size(), kUnassigned);
  if (names) names->clear();
  for (std::size_t u = 0; u < labels.size(); ++u) {
    if (labels[u].empty()) continue;
    const auto [it, inserted] = ids.try_emplace(labels[u], static_cast<std::uint32_t>(ids.size()));
    if (inserted && names) names->push_back(labels[u]);
    out[u] = it->second;
  }
  return out;
}

std::size_t count_groups(std::span<const std::uint32_t> membership) {
  return detail::dense_groups(membership, false).count;
}

double modularity(const CsrGraph& graph, std::span<const std::uint32_t> membership,
                  double resolution) {
  detail::check_membership(graph, membership, "modularity");
  if (!std::isfinite(resolution) || resolution < 0.0) {
    throw ParameterError(
        fmt::format("modularity: resolution = {} must be finite and >= 0", resolution));
  }
  const auto groups = detail::dense_groups(membership, true);
  const auto& c = groups.id;
  const bool weighted = graph.weighted();
  const std::size_t n = graph.num_nodes();
  double internal = 0.0;
  double total = 0.0;  // 2m (undirected) or m (directed)
  double expected = 0.0;
  if (!graph.directed()) {
    std::vector<double> strength(groups.count, 0.0);
    for (NodeId u = 0; u < n; ++u) {
      const auto nbrs = graph.neighbors(u);
      double k = 0.0;
      for (std::size_t e = 0; e < nbrs.size(); ++e) {
        const NodeId v = nbrs[e];
        const double w = weighted ? static_cast<double>(graph.neighbor_weights(u)[e]) : 1.0;
        const double f = v == u ? 2.0 * w : w;
        k += f;
        if (c[v] == c[u]) internal += f;
      }
      strength[c[u]] += k;
      total += k;
    }
    if (!(total > 0.0)) return std::numeric_limits<double>::quiet_NaN();
    for (double s : strength) expected += (s / total) * (s / total);
  } else {
    std::vector<double> out_strength(groups.count, 0.0), in_strength(groups.count, 0.0);
    for (NodeId u = 0; u < n; ++u) {
      const auto nbrs = graph.neighbors(u);
      double k = 0.0;
      for (std::size_t e = 0; e < nbrs.size(); ++e) {
        const NodeId v = nbrs[e];
        const double w = weighted ? static_cast<double>(graph.neighbor_weights(u)[e]) : 1.0;
        k += w;
        in_strength[c[v]] += w;
        if (c[v] == c[u]) internal += w;
      }
      out_strength[c[u]] += k;
      total += k;
    }
    if (!(total > 0.0)) return std::numeric_limits<double>::quiet_NaN();
    for (std::size_t g = 0; g < groups.count; ++g) {
      expected += (out_strength[g] / total) * (in_strength[g] / total);
    }
  }
  return internal / total - resolution * expected;
}

TieCounts count_ties(const CsrGraph& graph, std::span<const std::uint32_t> membership) {
  detail::check_membership(graph, membership, "ei_index");
  TieCounts t;
  const bool weighted = graph.weighted();
  const bool directed = graph.directed();
  for (NodeId u = 0; u < graph.num_nodes(); ++u) {
    const std::uint32_t cu = membership[u];
    if (cu == kUnassigned) continue;
    const auto nbrs = graph.neighbors(u);
    for (std::size_t e = 0; e < nbrs.size(); ++e) {
      const NodeId v = nbrs[e];
      // Self-loops never count; an undirected edge counts from its lower end.
      if (v == u || (!directed && v < u)) continue;
      const std::uint32_t cv = membership[v];
      if (cv == kUnassigned) continue;
      const double w = weighted ? static_cast<double>(graph.neighbor_weights(u)[e]) : 1.0;
      (cu == cv ? t.internal : t.external) += w;
    }
  }
  return t;
}

double ei_index(const CsrGraph& graph, std::span<const std::uint32_t> membership) {
  const TieCounts t = count_ties(graph, membership);
  const double all = t.internal + t.external;
  if (!(all > 0.0)) return std::numeric_limits<double>::quiet_NaN();
  return (t.external - t.internal) / all;
}

}  // namespace microcosm::metrics
