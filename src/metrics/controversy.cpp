#include "microcosm/metrics/controversy.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <vector>

#include <fmt/format.h>

#include "dense_groups.hpp"
#include "microcosm/core/error.hpp"
#include "microcosm/core/rng.hpp"
#include "microcosm/metrics/partition.hpp"

namespace microcosm::metrics {
namespace {

constexpr std::uint8_t kNotHub = 2;

double ratio(std::uint64_t a, std::uint64_t b) {
  return a + b > 0 ? static_cast<double>(a) / static_cast<double>(a + b)
                   : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

RwcResult random_walk_controversy(const CsrGraph& graph, std::span<const std::uint32_t> side,
                                  const RwcOptions& options) {
  detail::check_membership(graph, side, "random_walk_controversy");
  if (options.hubs == 0 || options.walks == 0 || options.max_steps == 0) {
    throw ParameterError("random_walk_controversy: hubs, walks and max_steps must be >= 1");
  }
  const std::size_t n = graph.num_nodes();
  std::vector<double> degree(n, 0.0);
  if (graph.directed()) {
    for (NodeId v : graph.targets()) degree[v] += 1.0;
  } else {
    for (NodeId u = 0; u < n; ++u) degree[u] = graph.degree(u);
  }
  std::array<std::vector<NodeId>, 2> members;
  for (NodeId u = 0; u < n; ++u) {
    const std::uint32_t s = side[u];
    if (s == kUnassigned) continue;
    if (s > 1) {
      throw ParameterError(fmt::format(
          "random_walk_controversy: node {} is on side {}; sides are 0, 1 or unassigned", u, s));
    }
    members[s].push_back(u);
  }
  // hub_side[u]: the side whose hub u is, or kNotHub.
  std::vector<std::uint8_t> hub_side(n, kNotHub);
  std::array<std::vector<NodeId>, 2> starts;
  for (std::size_t s = 0; s < 2; ++s) {
    auto& m = members[s];
    if (m.empty()) {
      throw ParameterError(fmt::format("random_walk_controversy: side {} is empty", s));
    }
    const std::size_t k = std::min<std::size_t>(options.hubs, m.size());
    std::partial_sort(
        m.begin(), m.begin() + static_cast<std::ptrdiff_t>(k), m.end(),
        [&](NodeId a, NodeId b) { return degree[a] != degree[b] ? degree[a] > degree[b] : a < b; });
    for (std::size_t i = 0; i < k; ++i) hub_side[m[i]] = static_cast<std::uint8_t>(s);
  }
  for (std::size_t s = 0; s < 2; ++s) {
    for (NodeId u : members[s]) {
      if (hub_side[u] == kNotHub && graph.degree(u) > 0) starts[s].push_back(u);
    }
    std::sort(starts[s].begin(), starts[s].end());
    if (starts[s].empty()) {
      throw ParameterError(fmt::format(
          "random_walk_controversy: side {} has no node to start a walk from (every node is a "
          "hub or has no neighbour); lower hubs",
          s));
    }
  }

  const auto walks = static_cast<std::int64_t>(options.walks);
  std::uint64_t c00 = 0, c01 = 0, c10 = 0, c11 = 0, abandoned = 0;
#pragma omp parallel for schedule(dynamic, 64) reduction(+ : c00, c01, c10, c11, abandoned)
  for (std::int64_t i = 0; i < 2 * walks; ++i) {
    const auto s = static_cast<std::size_t>(i / walks);
    Rng rng(options.seed, "metrics.rwc", static_cast<std::uint64_t>(i));
    NodeId u = starts[s][rng.bounded(starts[s].size())];
    std::uint8_t end = kNotHub;
    for (std::uint64_t step = 0; step < options.max_steps; ++step) {
      const auto nbrs = graph.neighbors(u);
      if (nbrs.empty()) break;
      u = nbrs[rng.bounded(nbrs.size())];
      if (hub_side[u] != kNotHub) {
        end = hub_side[u];
        break;
      }
    }
    if (end == kNotHub) {
      ++abandoned;
    } else if (s == 0) {
      (end == 0 ? c00 : c01) += 1;
    } else {
      (end == 0 ? c10 : c11) += 1;
    }
  }
  RwcResult r;
  // P_AB = Pr[start A | end B].
  r.p_xx = ratio(c00, c10);
  r.p_yx = ratio(c10, c00);
  r.p_xy = ratio(c01, c11);
  r.p_yy = ratio(c11, c01);
  r.rwc = r.p_xx * r.p_yy - r.p_xy * r.p_yx;
  r.absorbed = c00 + c01 + c10 + c11;
  r.abandoned = abandoned;
  return r;
}

}  // namespace microcosm::metrics
