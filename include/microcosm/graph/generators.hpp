// Random and regular graph generators. Each is deterministic in its seed,
// runs in O(n + m) time (except where noted) and returns a simple graph.
#pragma once

#include <cstdint>

#include "microcosm/graph/csr_graph.hpp"

namespace microcosm::gen {

CsrGraph complete(std::size_t n);

// G(n, p) by geometric skipping (Batagelj & Brandes 2005): O(n + m).
CsrGraph erdos_renyi_gnp(std::size_t n, double p, std::uint64_t seed, bool directed = false);

// G(n, m): exactly m distinct edges chosen uniformly.
CsrGraph erdos_renyi_gnm(std::size_t n, std::uint64_t m, std::uint64_t seed,
                         bool directed = false);

}  // namespace microcosm::gen
