// Axelrod's model of the dissemination of culture (Axelrod, J. Conflict
// Resolut. 41, 203, 1997) with the Poisson trait variant of Castellano,
// Marsili & Vespignani (PRL 85, 3536, 2000).
//
// Each agent has F cultural features. One step is one sweep of N
// asynchronous microsteps: a random agent i and a random neighbour j meet;
// with probability equal to their overlap w (share of equal features), and
// if 0 < w < 1, i copies j's trait on one random feature where they differ.
// The state is absorbing when every edge has overlap 0 or 1; the number of
// such "active" edges is kept up to date at O(degree * F) per trait change,
// so converged() is O(1).
#pragma once

#include <cstdint>
#include <span>

#include "microcosm/core/rng.hpp"
#include "microcosm/models/model.hpp"

namespace microcosm::classic {

ModelInfo axelrod_model_info();

// Poisson(mean) variate (sum of Knuth draws over chunks of mean <= 16):
// exact, O(mean) time; used for the CMV initial traits.
std::uint32_t poisson_variate(Rng& rng, double mean) noexcept;

}  // namespace microcosm::classic
