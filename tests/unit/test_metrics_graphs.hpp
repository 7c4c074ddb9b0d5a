// Small hand-made graphs shared by the metrics unit tests.
#pragma once

#include <cstdint>
#include <fstream>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "microcosm/graph/csr_graph.hpp"

namespace microcosm::test {

inline CsrGraph make_graph(std::size_t n, std::initializer_list<std::pair<NodeId, NodeId>> edges,
                           bool directed = false, bool self_loops = false) {
  GraphBuilder b(n, {.directed = directed, .allow_self_loops = self_loops});
  for (auto [u, v] : edges) b.add_edge(u, v);
  return std::move(b).build();
}

struct WeightedEdge {
  NodeId u, v;
  float w;
};

inline CsrGraph make_weighted(std::size_t n, std::initializer_list<WeightedEdge> edges,
                              bool directed = false, bool multi = false) {
  GraphBuilder b(n, {.directed = directed, .allow_multi_edges = multi});
  for (const auto& e : edges) b.add_edge(e.u, e.v, e.w);
  return std::move(b).build();
}

// `count` disjoint cliques of `size` nodes; node u is in clique u / size.
// With ring = true, clique c's last node links to clique c+1's first node.
inline CsrGraph cliques(std::size_t count, std::size_t size, bool ring = false) {
  GraphBuilder b(count * size, {});
  for (std::size_t c = 0; c < count; ++c) {
    for (std::size_t i = 0; i < size; ++i) {
      for (std::size_t j = i + 1; j < size; ++j) {
        b.add_edge(static_cast<NodeId>(c * size + i), static_cast<NodeId>(c * size + j));
      }
    }
    if (ring && count > 1) {
      b.add_edge(static_cast<NodeId>(c * size + size - 1),
                 static_cast<NodeId>(((c + 1) % count) * size));
    }
  }
  return std::move(b).build();
}

inline std::vector<std::uint32_t> block_of(std::size_t count, std::size_t size) {
  std::vector<std::uint32_t> m(count * size);
  for (std::size_t u = 0; u < m.size(); ++u) m[u] = static_cast<std::uint32_t>(u / size);
  return m;
}

// Zachary's karate club from the shared data folder (78 edges, 34 nodes).
inline CsrGraph karate() {
  std::ifstream in(std::string(MICROCOSM_SHARED_DIR) + "/data/karate/edges.txt");
  GraphBuilder b(34, {});
  NodeId u, v;
  while (in >> u >> v) b.add_edge(u, v);
  return std::move(b).build();
}

}  // namespace microcosm::test
