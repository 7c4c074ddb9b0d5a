// Barabási–Albert preferential attachment by the repeated-endpoints list:
// every edge appends both endpoints to `ends`, so a uniform index into `ends`
// picks a node with probability degree / (2 m_edges).
#include <fmt/format.h>

#include "microcosm/core/error.hpp"
#include "microcosm/core/rng.hpp"
#include "microcosm/graph/generators.hpp"

namespace microcosm::gen {

CsrGraph barabasi_albert(std::size_t n, std::size_t m, std::uint64_t seed) {
  if (m < 1 || m >= n) {
    throw ParameterError(fmt::format(
        "barabasi_albert: m = {} is outside its valid range [1, n - 1] for n = {}", m, n));
  }
  GraphBuilder b(n, {});
  const std::size_t edges = m * (n - m);
  b.reserve(edges);
  std::vector<NodeId> ends;
  ends.reserve(2 * edges);
  // stamp[v] == t + 1 marks v as already chosen by node t.
  std::vector<NodeId> stamp(n, 0);
  std::vector<NodeId> chosen(m);
  Rng rng(seed, "gen.barabasi_albert");
  for (NodeId s = 0; s < m; ++s) {  // node m joins every seed node
    b.add_edge(static_cast<NodeId>(m), s);
    ends.push_back(static_cast<NodeId>(m));
    ends.push_back(s);
  }
  for (std::size_t t = m + 1; t < n; ++t) {
    const auto mark = static_cast<NodeId>(t + 1);
    std::size_t found = 0;
    // Draw from the list as it stood before t arrived (its own edges are
    // appended after), so t cannot pick itself.
    const std::size_t pool = ends.size();
    while (found < m) {
      const NodeId v = ends[rng.bounded(pool)];
      if (stamp[v] == mark) continue;
      stamp[v] = mark;
      chosen[found++] = v;
    }
    for (NodeId v : chosen) {
      b.add_edge(static_cast<NodeId>(t), v);
      ends.push_back(static_cast<NodeId>(t));
      ends.push_back(v);
    }
  }
  return std::move(b).build();
}

}  // namespace microcosm::gen
