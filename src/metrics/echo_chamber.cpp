#include "microcosm/metrics/echo_chamber.hpp"

#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "microcosm/core/error.hpp"
#include "microcosm/metrics/opinion.hpp"

namespace microcosm::metrics {

std::vector<double> neighbour_means(const CsrGraph& graph, std::span<const double> x) {
  const std::size_t n = graph.num_nodes();
  if (x.size() != n) {
    throw ParameterError(
        fmt::format("echo chamber index: {} values for a graph of {} nodes", x.size(), n));
  }
  const bool weighted = graph.weighted();
  std::vector<double> out(n, std::numeric_limits<double>::quiet_NaN());
  for (NodeId u = 0; u < n; ++u) {
    const auto nbrs = graph.neighbors(u);
    double sum = 0.0, total = 0.0;
    for (std::size_t e = 0; e < nbrs.size(); ++e) {
      const double xv = x[nbrs[e]];
      if (std::isnan(xv)) continue;
      const double w = weighted ? static_cast<double>(graph.neighbor_weights(u)[e]) : 1.0;
      sum += w * xv;
      total += w;
    }
    if (total > 0.0) out[u] = sum / total;
  }
  return out;
}

double echo_chamber_index(const CsrGraph& graph, std::span<const double> x) {
  const std::vector<double> xn = neighbour_means(graph, x);
  std::vector<double> a, b;
  a.reserve(xn.size());
  b.reserve(xn.size());
  for (std::size_t u = 0; u < xn.size(); ++u) {
    if (std::isnan(x[u]) || std::isnan(xn[u])) continue;
    a.push_back(x[u]);
    b.push_back(xn[u]);
  }
  return pearson(a, b);
}

}  // namespace microcosm::metrics
