// Random and regular graph generators. Each is deterministic in its seed
// (each draws from its own purpose stream, "gen.<name>"), runs in O(n + m)
// time (except where noted) and returns a simple graph: no self-loops, no
// duplicate edges. Invalid arguments throw ParameterError naming the
// argument and its valid range.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "microcosm/graph/csr_graph.hpp"

namespace microcosm::gen {

CsrGraph complete(std::size_t n);

// G(n, p) by geometric skipping (Batagelj & Brandes 2005): O(n + m).
CsrGraph erdos_renyi_gnp(std::size_t n, double p, std::uint64_t seed, bool directed = false);

// G(n, m): exactly m distinct edges chosen uniformly.
CsrGraph erdos_renyi_gnm(std::size_t n, std::uint64_t m, std::uint64_t seed,
                         bool directed = false);

// Barabási–Albert linear preferential attachment (Science 286, 509, 1999).
// Node m joins the m seed nodes 0..m-1; every later node t links to m
// distinct earlier nodes drawn with probability proportional to degree (a
// uniform pick from the list of edge endpoints, Batagelj & Brandes 2005).
// m * (n - m) edges; requires 1 <= m < n. O(n m).
CsrGraph barabasi_albert(std::size_t n, std::size_t m, std::uint64_t seed);

// Watts–Strogatz small world (Nature 393, 440, 1998): a ring where each
// node links to its k/2 nearest neighbours on each side, then each edge
// (u, u + j) has its far end moved with probability p to a uniform node
// that is neither u nor already a neighbour of u. k even, 0 <= k < n.
// Edge count n k / 2 is preserved; at p = 0 every degree is k.
CsrGraph watts_strogatz(std::size_t n, std::size_t k, double p, std::uint64_t seed);

// Stochastic block model: block b holds nodes [start_b, start_b + sizes[b])
// in order. `probs` is the B x B symmetric edge-probability matrix, row
// major. Each block pair is sampled by geometric skipping from its own
// stream: O(n + m + B^2).
CsrGraph stochastic_block_model(std::span<const std::size_t> sizes, std::span<const double> probs,
                                std::uint64_t seed);
// Planted partition: p_in inside blocks, p_out between blocks.
CsrGraph stochastic_block_model(std::span<const std::size_t> sizes, double p_in, double p_out,
                                std::uint64_t seed);
// `blocks` sizes that sum to n and differ by at most one (larger ones first).
std::vector<std::size_t> equal_block_sizes(std::size_t n, std::size_t blocks);
// Block index of every node for the given sizes.
std::vector<std::uint32_t> block_membership(std::span<const std::size_t> sizes);

// Periodic 2-D square lattice (torus), node (x, y) = y * width + x.
// von Neumann: 4 nearest neighbours; Moore: also the 4 diagonal ones (8).
// width, height >= 3 so the degree is exactly 4 or 8.
enum class Neighbourhood { VonNeumann, Moore };
CsrGraph lattice_2d(std::size_t width, std::size_t height, Neighbourhood neighbourhood);

// Directed follow graph: every node follows exactly `out_degree` distinct
// others (no self-follows). Node j receives each follow with probability
// proportional to an attractiveness w_j drawn from a power law on [1, n]
// with density ∝ w^(-in_exponent), so in-degrees are heavy tailed with the
// same tail exponent (a Chung–Lu style configuration model on the in side,
// exact on the out side). Targets come from an alias table; per-node
// streams, so it builds in parallel with results independent of the thread
// count. Requires out_degree < n and in_exponent > 1. O(n out_degree)
// expected.
CsrGraph directed_configuration(std::size_t n, std::size_t out_degree, double in_exponent,
                                std::uint64_t seed);

}  // namespace microcosm::gen
