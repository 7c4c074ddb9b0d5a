// Directed follow graph with exact out-degree and heavy-tailed in-degree.
// Attractiveness w_j comes from (seed, "gen.configuration.weight", j); node
// u's targets from (seed, "gen.configuration", u). Rows have a fixed length,
// so each thread writes its own rows of the final CSR arrays directly.
#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "microcosm/core/alias_table.hpp"
#include "microcosm/core/error.hpp"
#include "microcosm/core/rng.hpp"
#include "microcosm/graph/generators.hpp"

namespace microcosm::gen {

CsrGraph directed_configuration(std::size_t n, std::size_t out_degree, double in_exponent,
                                std::uint64_t seed) {
  if (n >= std::numeric_limits<NodeId>::max()) {
    throw ParameterError(fmt::format("configuration: {} nodes exceed the limit of {}", n,
                                     std::numeric_limits<NodeId>::max() - 1));
  }
  if (n > 0 && out_degree >= n) {
    throw ParameterError(fmt::format(
        "configuration: out_degree = {} is outside its valid range [0, n - 1 = {}]", out_degree,
        n - 1));
  }
  if (!(in_exponent > 1.0 && std::isfinite(in_exponent))) {
    throw ParameterError(fmt::format(
        "configuration: in_exponent = {} is outside its valid range (1, inf)", in_exponent));
  }
  const std::size_t k = out_degree;
  std::vector<double> weight(n);
  const double w_max = std::max(2.0, static_cast<double>(n));
  const auto nw = static_cast<std::int64_t>(n);
#pragma omp parallel for schedule(static)
  for (std::int64_t j = 0; j < nw; ++j) {  // one stream per node: any thread count
    Rng rng(seed, "gen.configuration.weight", static_cast<std::uint64_t>(j));
    weight[static_cast<std::size_t>(j)] = rng.power_law(1.0, w_max, in_exponent);
  }
  const AliasTable table(weight);
  std::vector<EdgeIndex> offsets(n + 1);
  for (std::size_t u = 0; u <= n; ++u) offsets[u] = u * k;
  std::vector<NodeId> targets(n * k);
  const auto nn = static_cast<std::int64_t>(n);
  // Duplicate check: a scan of the row for small k, a per-thread stamp
  // array (stamp[v] == u: v already chosen by u) for large k.
  const bool use_stamp = k > 48;
#pragma omp parallel
  {
    std::vector<NodeId> stamp(use_stamp ? n : 0, std::numeric_limits<NodeId>::max());
#pragma omp for schedule(static)
    for (std::int64_t iu = 0; iu < nn; ++iu) {
      const auto u = static_cast<NodeId>(iu);
      Rng rng(seed, "gen.configuration", u);
      NodeId* row = targets.data() + static_cast<std::size_t>(u) * k;
      std::size_t found = 0;
      while (found < k) {
        const auto v = static_cast<NodeId>(table.sample(rng));
        if (v == u) continue;
        if (use_stamp) {
          if (stamp[v] == u) continue;
          stamp[v] = u;
        } else if (std::find(row, row + found, v) != row + found) {
          continue;
        }
        row[found++] = v;
      }
      std::sort(row, row + k);
    }
  }
  return CsrGraph(std::move(offsets), std::move(targets), {}, true);
}

}  // namespace microcosm::gen
