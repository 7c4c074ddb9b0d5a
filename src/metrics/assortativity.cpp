#include "microcosm/metrics/assortativity.hpp"

#include <cmath>
#include <limits>
#include <vector>

#include "dense_groups.hpp"
#include "microcosm/core/error.hpp"
#include "microcosm/metrics/partition.hpp"

#include <fmt/format.h>

namespace microcosm::metrics {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Weighted Pearson correlation of (xs(u), yt(v)) over the arcs u -> v of
// `graph`, skipping arcs where either value is NaN. Two passes (means, then
// centred sums) for accuracy.
template <class SourceValue, class TargetValue>
double arc_pearson(const CsrGraph& graph, bool use_weights, SourceValue xs, TargetValue yt) {
  const bool weighted = use_weights && graph.weighted();
  auto for_each_arc = [&](auto&& f) {
    for (NodeId u = 0; u < graph.num_nodes(); ++u) {
      const double a = xs(u);
      if (std::isnan(a)) continue;
      const auto nbrs = graph.neighbors(u);
      for (std::size_t e = 0; e < nbrs.size(); ++e) {
        const double b = yt(nbrs[e]);
        if (std::isnan(b)) continue;
        f(a, b, weighted ? static_cast<double>(graph.neighbor_weights(u)[e]) : 1.0);
      }
    }
  };
  double sw = 0.0, sa = 0.0, sb = 0.0;
  std::size_t arcs = 0;
  for_each_arc([&](double a, double b, double w) {
    sw += w;
    sa += w * a;
    sb += w * b;
    ++arcs;
  });
  if (arcs < 2 || !(sw > 0.0)) return kNaN;
  const double ma = sa / sw, mb = sb / sw;
  double sab = 0.0, saa = 0.0, sbb = 0.0;
  for_each_arc([&](double a, double b, double w) {
    const double da = a - ma, db = b - mb;
    sab += w * da * db;
    saa += w * da * da;
    sbb += w * db * db;
  });
  if (!(saa > 0.0) || !(sbb > 0.0)) return kNaN;
  return sab / std::sqrt(saa * sbb);
}

}  // namespace

double numeric_assortativity(const CsrGraph& graph, std::span<const double> x) {
  if (x.size() != graph.num_nodes()) {
    throw ParameterError(fmt::format("numeric_assortativity: {} values for a graph of {} nodes",
                                     x.size(), graph.num_nodes()));
  }
  auto value = [&](NodeId u) { return x[u]; };
  return arc_pearson(graph, true, value, value);
}

double categorical_assortativity(const CsrGraph& graph, std::span<const std::uint32_t> membership) {
  detail::check_membership(graph, membership, "categorical_assortativity");
  const auto groups = detail::dense_groups(membership, false);
  const auto& c = groups.id;
  std::vector<double> row(groups.count, 0.0), col(groups.count, 0.0);
  double diagonal = 0.0, total = 0.0;
  const bool weighted = graph.weighted();
  for (NodeId u = 0; u < graph.num_nodes(); ++u) {
    if (c[u] == kUnassigned) continue;
    const auto nbrs = graph.neighbors(u);
    for (std::size_t e = 0; e < nbrs.size(); ++e) {
      const std::uint32_t cv = c[nbrs[e]];
      if (cv == kUnassigned) continue;
      const double w = weighted ? static_cast<double>(graph.neighbor_weights(u)[e]) : 1.0;
      row[c[u]] += w;
      col[cv] += w;
      if (cv == c[u]) diagonal += w;
      total += w;
    }
  }
  if (!(total > 0.0)) return kNaN;
  double ab = 0.0;
  for (std::size_t g = 0; g < groups.count; ++g) ab += (row[g] / total) * (col[g] / total);
  if (!(1.0 - ab > 0.0)) return kNaN;
  return (diagonal / total - ab) / (1.0 - ab);
}

double degree_assortativity(const CsrGraph& graph) {
  const std::size_t n = graph.num_nodes();
  if (!graph.directed()) {
    std::vector<double> degree(n);
    for (NodeId u = 0; u < n; ++u) {
      double k = graph.degree(u);
      for (NodeId v : graph.neighbors(u)) k += (v == u);  // a self-loop counts twice
      degree[u] = k;
    }
    auto value = [&](NodeId u) { return degree[u]; };
    return arc_pearson(graph, false, value, value);
  }
  std::vector<double> in_degree(n, 0.0);
  for (NodeId v : graph.targets()) in_degree[v] += 1.0;
  return arc_pearson(
      graph, false, [&](NodeId u) { return static_cast<double>(graph.degree(u)); },
      [&](NodeId v) { return in_degree[v]; });
}

}  // namespace microcosm::metrics
