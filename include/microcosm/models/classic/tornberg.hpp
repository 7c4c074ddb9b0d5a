// Partisan sorting by assimilative interaction (Törnberg, PNAS 119(42):
// e2207159119, 2022; semantics of the reference code
// cssmodels/tornberg2022pnas, sorting_model.py).
//
// Each agent has a fixed party in {0..k-1} and n flexible features in
// {0..m-1}. A microstep picks a random agent i; its interlocutor pool is its
// neighbours with floor(gamma * degree) of them (a uniformly random subset)
// replaced by uniformly random agents; it picks j from the pool with
// probability ∝ sim(i, j)^h and copies one random feature where they differ.
// One step is N microsteps. Sorting S (within-party minus between-party
// share of equal features) is computed by counting in O(N n + k^2 n m).
#pragma once

#include <cstdint>
#include <span>

#include "microcosm/models/model.hpp"

namespace microcosm::classic {

ModelInfo tornberg_model_info();

// Partisan sorting S = mean over same-party pairs i < j of the share of
// equal flexible features minus the same mean over cross-party pairs.
// party[i] < parties, flex[i * features + f] < values. NaN when there are no
// same-party or no cross-party pairs. By counting agents per (party,
// feature, value): O(N * features + parties^2 * features * values).
double partisan_sorting(std::span<const std::uint8_t> party, std::span<const std::uint8_t> flex,
                        std::size_t parties, std::size_t features, std::size_t values);
// The same by the O(N^2) definition (for tests).
double partisan_sorting_pairwise(std::span<const std::uint8_t> party,
                                 std::span<const std::uint8_t> flex, std::size_t features);

}  // namespace microcosm::classic
