#include <cmath>
#include <unordered_set>

#include <fmt/format.h>

#include "microcosm/core/error.hpp"
#include "microcosm/core/rng.hpp"
#include "microcosm/graph/generators.hpp"

namespace microcosm::gen {

CsrGraph complete(std::size_t n) {
  GraphBuilder b(n, {});
  b.reserve(n * (n - (n > 0)) / 2);
  for (NodeId u = 0; u < n; ++u) {
    for (NodeId v = u + 1; v < n; ++v) b.add_edge(u, v);
  }
  return std::move(b).build();
}

CsrGraph erdos_renyi_gnp(std::size_t n, double p, std::uint64_t seed, bool directed) {
  if (!(p >= 0.0 && p <= 1.0)) {
    throw ParameterError(fmt::format("erdos_renyi: p = {} is outside [0, 1]", p));
  }
  GraphBuilder b(n, {.directed = directed});
  const double pairs = directed ? static_cast<double>(n) * static_cast<double>(n - (n > 0))
                                : static_cast<double>(n) * static_cast<double>(n - (n > 0)) / 2.0;
  b.reserve(static_cast<std::size_t>(pairs * p * 1.05 + 16));
  if (p <= 0.0 || n < 2) return std::move(b).build();
  Rng rng(seed, "gen.erdos_renyi");
  const double log_q = std::log1p(-p);
  // Walk the candidate pairs in row order, jumping geometric gaps. In the
  // undirected case row v holds pairs (v, w) with w < v; in the directed
  // case row v holds all w != v.
  const auto nn = static_cast<std::int64_t>(n);
  auto row_length = [&](std::int64_t row) { return directed ? nn - 1 : row; };
  std::int64_t v = directed ? 0 : 1;
  std::int64_t w = -1;
  while (v < nn) {
    std::int64_t skip = 0;
    if (p < 1.0) {
      const double r = 1.0 - rng.uniform();  // (0, 1]
      // Clamp: for tiny p a gap can exceed every remaining pair.
      const double gap = std::floor(std::log(r) / log_q);
      skip = gap > 1e18 ? std::int64_t{1'000'000'000'000'000'000} : static_cast<std::int64_t>(gap);
    }
    w += 1 + skip;
    while (v < nn && w >= row_length(v)) {
      w -= row_length(v);
      ++v;
    }
    if (v >= nn) break;
    const std::int64_t target = directed && w >= v ? w + 1 : w;  // directed rows skip v itself
    b.add_edge(static_cast<NodeId>(v), static_cast<NodeId>(target));
  }
  return std::move(b).build();
}

CsrGraph erdos_renyi_gnm(std::size_t n, std::uint64_t m, std::uint64_t seed, bool directed) {
  const double pairs = directed ? static_cast<double>(n) * static_cast<double>(n - (n > 0))
                                : static_cast<double>(n) * static_cast<double>(n - (n > 0)) / 2.0;
  if (static_cast<double>(m) > pairs) {
    throw ParameterError(
        fmt::format("erdos_renyi: m = {} exceeds the {} possible edges of {} nodes", m, pairs, n));
  }
  Rng rng(seed, "gen.erdos_renyi_m");
  GraphBuilder b(n, {.directed = directed});
  b.reserve(m);
  std::unordered_set<std::uint64_t> seen;
  seen.reserve(m * 2);
  while (seen.size() < m) {
    auto u = static_cast<NodeId>(rng.bounded(n));
    auto v = static_cast<NodeId>(rng.bounded(n));
    if (u == v) continue;
    if (!directed && u > v) std::swap(u, v);
    const std::uint64_t key = (static_cast<std::uint64_t>(u) << 32) | v;
    if (seen.insert(key).second) b.add_edge(u, v);
  }
  return std::move(b).build();
}

}  // namespace microcosm::gen
