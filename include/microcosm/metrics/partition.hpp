// Metrics of a given partition of a network's nodes into groups (party,
// faction, identity, detected community): Newman modularity and the
// Krackhardt–Stern E–I index. Categorical assortativity is in
// assortativity.hpp.
//
// A partition is one group id per node (`membership[u]`). Ids need not be
// contiguous; memory is O(N + largest id) unless the ids are very sparse
// (then they are compacted first, O(N log N)). kUnassigned marks a node in
// no group (an unaffiliated agent): modularity treats it as a singleton
// group, the E–I index ignores its ties.
//
// Edge weights are used when the graph has them. Sums run in node order, so
// results are deterministic. A membership span whose length is not
// num_nodes() is a ParameterError.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "microcosm/graph/csr_graph.hpp"

namespace microcosm::metrics {

inline constexpr std::uint32_t kUnassigned = 0xFFFFFFFFu;

// Group ids for string labels, numbered 0, 1, ... in order of first
// appearance; an empty label becomes kUnassigned. `names`, if given,
// receives the label of each id. O(N) expected.
std::vector<std::uint32_t> encode_labels(std::span<const std::string> labels,
                                         std::vector<std::string>* names = nullptr);

// Number of distinct groups (kUnassigned not counted). O(N + largest id).
std::size_t count_groups(std::span<const std::uint32_t> membership);

// Newman modularity with resolution gamma:
//   undirected  Q = (1/2m) Σ_ij [A_ij − γ k_i k_j / 2m] δ(c_i, c_j)
//               (Newman & Girvan 2004; a self-loop adds 2w to k_i and A_ii,
//               the networkx / igraph convention);
//   directed    Q = (1/m) Σ_ij [A_ij − γ k_i^out k_j^in / m] δ(c_i, c_j)
//               (Leicht & Newman, PRL 100, 118703, 2008).
// NaN for a graph without edges (or zero total weight). O(N + E).
double modularity(const CsrGraph& graph, std::span<const std::uint32_t> membership,
                  double resolution = 1.0);

// Krackhardt & Stern (1988) E–I index (E − I) / (E + I): E is the number
// (total weight) of ties between different groups, I of ties within a group.
// −1: all ties internal; +1: all external. Ties touching an unassigned node
// and self-loops are ignored; an undirected edge counts once, an arc of a
// directed graph once. NaN when no tie counts. O(N + E).
double ei_index(const CsrGraph& graph, std::span<const std::uint32_t> membership);

// Internal/external tie totals behind ei_index.
struct TieCounts {
  double internal = 0.0;
  double external = 0.0;
};
TieCounts count_ties(const CsrGraph& graph, std::span<const std::uint32_t> membership);

}  // namespace microcosm::metrics
