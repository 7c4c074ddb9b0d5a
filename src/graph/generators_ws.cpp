// Watts–Strogatz: ring lattice, then rewiring of each edge's far end. Edges
// live in an array. "Already a neighbour?" is answered in O(1) without
// hashing the whole lattice: a pair at ring distance <= k/2 is a lattice
// edge unless a bit marks it rewired away, and the few edges rewiring adds
// (about p n k / 2) sit in an EdgeHashMap. O(n k) time.
#include <fmt/format.h>

#include "microcosm/core/error.hpp"
#include "microcosm/core/rng.hpp"
#include "microcosm/graph/edge_hash_map.hpp"
#include "microcosm/graph/generators.hpp"

namespace microcosm::gen {

namespace {
std::uint64_t pair_key(NodeId a, NodeId b) { return a < b ? edge_key(a, b) : edge_key(b, a); }
}  // namespace

CsrGraph watts_strogatz(std::size_t n, std::size_t k, double p, std::uint64_t seed) {
  if (k % 2 != 0 || k >= n) {
    throw ParameterError(fmt::format(
        "watts_strogatz: k = {} must be even and in [0, n - 1] for n = {}", k, n));
  }
  if (!(p >= 0.0 && p <= 1.0)) {
    throw ParameterError(fmt::format("watts_strogatz: p = {} is outside [0, 1]", p));
  }
  const std::size_t half = k / 2;
  const std::size_t m = n * half;
  std::vector<NodeId> src(m), dst(m);
  std::vector<std::uint32_t> degree(n, static_cast<std::uint32_t>(k));
  // Edge (u, u + j) for j = 1..k/2, in the order of Watts and Strogatz's
  // description: lap j over all u.
  for (std::size_t j = 1; j <= half; ++j) {
    for (std::size_t u = 0; u < n; ++u) {
      const std::size_t e = (j - 1) * n + u;
      src[e] = static_cast<NodeId>(u);
      dst[e] = static_cast<NodeId>((u + j) % n);
    }
  }
  if (p > 0.0 && n > 1) {
    // Lattice edge (a, a + d mod n), 1 <= d <= k/2, has index (d - 1) n + a.
    constexpr std::size_t kNone = ~std::size_t{0};
    auto lattice_index = [&](NodeId a, NodeId b) -> std::size_t {
      const std::size_t forward = (b + n - a) % n;
      if (forward >= 1 && forward <= half) return (forward - 1) * n + a;
      const std::size_t backward = n - forward;
      if (forward != 0 && backward <= half) return (backward - 1) * n + b;
      return kNone;
    };
    std::vector<char> moved(m, 0);
    EdgeHashMap<char> added(static_cast<std::size_t>(p * static_cast<double>(m) * 1.1) + 16);
    auto present = [&](NodeId a, NodeId b) {
      const std::size_t e = lattice_index(a, b);
      return (e != kNone && !moved[e]) || added.contains(pair_key(a, b));
    };
    Rng rng(seed, "gen.watts_strogatz");
    for (std::size_t e = 0; e < m; ++e) {
      if (!rng.bernoulli(p)) continue;
      const NodeId u = src[e];
      if (degree[u] >= n - 1) continue;  // u already links to everyone
      NodeId w;
      do {
        w = static_cast<NodeId>(rng.bounded(n));
      } while (w == u || present(u, w));
      // Edge e is visited once and still holds its lattice end here.
      --degree[dst[e]];
      ++degree[w];
      moved[e] = 1;
      added.insert(pair_key(u, w), 0);
      dst[e] = w;
    }
  }
  GraphBuilder b(n, {});
  b.reserve(m);
  for (std::size_t e = 0; e < m; ++e) b.add_edge(src[e], dst[e]);
  return std::move(b).build();
}

}  // namespace microcosm::gen
