// Random Walk Controversy (Garimella, De Francisci Morales, Gionis &
// Mathioudakis, ACM Trans. Social Computing 1, 3, 2018):
//   RWC = P_XX P_YY − P_XY P_YX,
// P_AB = Pr[a walk started on side A | it was absorbed on side B]. Near 1:
// a walk rarely crosses to the other side before hitting a hub of its own
// (a controversial, two-sided topic); near 0: sides mix.
//
// Pinned definition (implementations differ; see LITERATURE.md §11.4):
// - sides X and Y are groups 0 and 1 of `side` (kUnassigned nodes belong to
//   neither: walks cross them but never start there);
// - the absorbing nodes are the `hubs` nodes of highest degree on each side
//   (in-degree for a directed graph; ties to the lower id);
// - `walks` walks start from each side, each at a uniformly random non-hub
//   node of that side with at least one (out-)neighbour, and step to
//   uniformly random (out-)neighbours, weights ignored, until they reach a
//   hub of either side; a walk that finds no hub within max_steps, or hits a
//   node without out-neighbours, is abandoned and counted apart;
// - with equal walk counts per side, P_AB = C_AB / (C_AB + C_{not A}B) where
//   C_AB counts walks started on A and absorbed on B.
// Walk w uses its own stream Rng(seed, "metrics.rwc", w), so the result does
// not depend on the thread count. Time O(2 walks × mean absorption time).
#pragma once

#include <cstdint>
#include <span>

#include "microcosm/graph/csr_graph.hpp"

namespace microcosm::metrics {

struct RwcOptions {
  std::uint32_t hubs = 10;            // k absorbing nodes per side (10 in the paper)
  std::uint64_t walks = 10000;        // walks started from each side
  std::uint64_t max_steps = 1000000;  // a walk is abandoned after this many steps
  std::uint64_t seed = 1;
};

struct RwcResult {
  double rwc = 0.0;
  double p_xx = 0.0, p_xy = 0.0, p_yx = 0.0, p_yy = 0.0;
  std::uint64_t absorbed = 0;
  std::uint64_t abandoned = 0;
};

// ParameterError if `side` has a length other than num_nodes(), holds a
// value other than 0, 1 or kUnassigned, a side is empty or has no start
// node, or hubs == 0 or walks == 0. NaN probabilities when no walk ends on
// a side.
RwcResult random_walk_controversy(const CsrGraph& graph, std::span<const std::uint32_t> side,
                                  const RwcOptions& options = {});

}  // namespace microcosm::metrics
