// Hegselmann–Krause bounded confidence (Hegselmann & Krause, JASSS 5(3),
// 2002): synchronous averaging over everyone within epsilon.
//
// One step updates every agent at once from the previous opinions:
// x_i <- mean{ x_j : |x_i - x_j| <= epsilon, j in N(i) or j = i }, where
// N(i) is i's (out-)neighbourhood on a graph and everybody under mean
// field. The mean-field step costs O(N log N) (sorted opinions, compensated
// prefix sums and two pointers), the graph step O(N + m); the per-agent
// update runs in parallel with OpenMP and is bit-identical for any thread
// count. Converged when no opinion moved by more than `tolerance`.
#pragma once

#include "microcosm/models/model.hpp"

namespace microcosm::classic {

ModelInfo hegselmann_krause_model_info();

}  // namespace microcosm::classic
