// Community detection by the Leiden algorithm (Traag, Waltman & van Eck,
// Sci. Rep. 9, 5233, 2019) from the igraph C library, optimising Newman
// modularity with a resolution parameter γ (Reichardt & Bornholdt 2006).
//
// Undirected only: a directed graph is symmetrised as A + Aᵀ (an arc becomes
// an undirected edge; a reciprocated pair becomes two, i.e. weight 2) and
// the reported modularity is that of the symmetrised graph. Edge weights
// are used when the graph has them.
//
// Reproducibility: Leiden is randomised. igraph has its own generator, which
// is seeded from `seed` (hashed through our stream keys) at every call, so a
// given (graph, options) gives the same partition in every run. igraph's
// default generator is process-global state and this igraph build is not
// thread-safe: concurrent leiden() calls take turns (a process-wide mutex),
// and no other igraph call may run alongside one.
#pragma once

#include <cstdint>
#include <vector>

#include "microcosm/graph/csr_graph.hpp"

namespace microcosm::metrics {

struct LeidenOptions {
  double resolution = 1.0;  // γ > 0; larger values give more, smaller communities
  double beta = 0.01;       // randomness of the refinement step, > 0 (igraph default)
  // Leiden iterations. The default 2 is python-igraph's: on real networks
  // it is within ~0.003 of the converged modularity (karate, polbooks,
  // polblogs, email-Eu-core). Negative: iterate until an iteration leaves
  // the partition unchanged or gains less than 1e-6 in quality (at most 100
  // iterations; slow on graphs without community structure, where every
  // iteration still gains a little). We run that loop ourselves: igraph
  // 0.10.2's own loop for a negative count stops after one iteration
  // (igraph issue #2798).
  std::int64_t iterations = 2;
  std::uint64_t seed = 1;
};

struct Communities {
  // Community of every node, numbered 0, 1, ... in order of the first node
  // of each community (a canonical labelling).
  std::vector<std::uint32_t> membership;
  std::uint32_t count = 0;
  // Newman modularity (γ = 1) of `membership` on the (symmetrised) graph;
  // NaN for a graph without edges.
  double modularity = 0.0;
  // The objective at the requested resolution (equals modularity at γ = 1).
  double quality = 0.0;
};

// ParameterError for resolution <= 0, beta <= 0 or iterations == 0; Error
// if igraph fails. A graph without edges gives singletons. Time roughly
// O(E) per iteration (igraph's implementation), memory O(N + E).
Communities leiden(const CsrGraph& graph, const LeidenOptions& options = {});

// Renumbers a partition in order of first appearance (canonical form, so two
// equal partitions compare equal as vectors). kUnassigned entries stay.
std::vector<std::uint32_t> canonical_membership(const std::vector<std::uint32_t>& membership);

}  // namespace microcosm::metrics
