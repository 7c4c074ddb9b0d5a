// Echo-chamber (neighbour-leaning) index of Cinelli, De Francisci Morales,
// Galeazzi, Quattrociocchi & Starnini, PNAS 118, e2023301118 (2021): the
// Pearson correlation ρ(x, x^N) between each user's leaning x_i and the
// mean leaning x_i^N of the accounts i receives content from, its
// out-neighbours (for an undirected graph, its neighbours). Density on the
// diagonal of P(x, x^N), i.e. ρ near 1, signals echo chambers.
#pragma once

#include <span>
#include <vector>

#include "microcosm/graph/csr_graph.hpp"

namespace microcosm::metrics {

// x_i^N = Σ_j A_ij x_j / Σ_j A_ij over i's out-neighbours j (weighted by the
// edge weights when the graph has them; a self-loop counts like any arc).
// Neighbours whose x is NaN are skipped; x_i^N is NaN when none is left.
// O(N + E). ParameterError unless x has num_nodes() entries.
std::vector<double> neighbour_means(const CsrGraph& graph, std::span<const double> x);

// ρ(x, x^N): Pearson over the nodes whose x_i and x_i^N are both defined
// (nodes without out-neighbours are excluded). NaN when fewer than two
// nodes remain or either side has zero variance. O(N + E).
double echo_chamber_index(const CsrGraph& graph, std::span<const double> x);

}  // namespace microcosm::metrics
