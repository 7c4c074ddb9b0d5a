// Assortative mixing (Newman, PRE 67, 026126, 2003): do linked nodes have
// similar values or the same category?
//
// Every coefficient is computed over the graph's arcs: an undirected edge
// contributes both (u, v) and (v, u) (so r is symmetric), a self-loop once
// (the networkx convention), a directed arc u -> v once as (source, target).
// Edge weights are used as arc multiplicities when the graph has them,
// except by degree_assortativity, which is purely topological. O(N + E)
// time; deterministic (sums in node order). A value span whose length is
// not num_nodes() is a ParameterError.
#pragma once

#include <cstdint>
#include <span>

#include "microcosm/graph/csr_graph.hpp"

namespace microcosm::metrics {

// Newman's r for a scalar node value: the Pearson correlation of
// (x_source, x_target) over arcs. Arcs touching a node whose value is NaN
// are skipped (a node without a value). NaN when fewer than two arcs remain
// or either end's values have zero variance.
double numeric_assortativity(const CsrGraph& graph, std::span<const double> x);

// Newman's r for discrete labels (eq. 2 of Newman 2003):
//   r = (Σ_g e_gg − Σ_g a_g b_g) / (1 − Σ_g a_g b_g),
// e_gh the fraction of arc weight from group g to group h, a_g, b_g its row
// and column sums. Arcs touching a kUnassigned node are skipped. 1: every
// arc inside a group; 0: random mixing. NaN when no arc counts or every arc
// end lies in one group (Σ a_g b_g = 1). O(N + E + number of groups).
double categorical_assortativity(const CsrGraph& graph, std::span<const std::uint32_t> membership);

// Degree assortativity: numeric_assortativity of the degree, unweighted.
// Undirected: the degree, a self-loop counting 2 (networkx). Directed:
// out-degree of the source against in-degree of the target of each arc
// (networkx's default x="out", y="in"). NaN for a regular graph.
double degree_assortativity(const CsrGraph& graph);

}  // namespace microcosm::metrics
