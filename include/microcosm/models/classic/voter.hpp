// Voter model with binary states s_i in {-1, +1} (Clifford & Sudbury 1973;
// Holley & Liggett 1975; review: Castellano, Fortunato & Loreto, Rev. Mod.
// Phys. 81, 591, 2009, Sec. III.A).
//
// One step is one sweep: N asynchronous microsteps. Node update: a uniformly
// random node copies a uniformly random neighbour (uniform j != i under mean
// field). Link update: a uniformly random edge is chosen and a random
// endpoint copies the other (Suchecki, Eguíluz & San Miguel 2005). The
// number of +1 states and of discordant ("active") links are kept as running
// counts, so detecting the absorbing state costs O(1) per microstep; the run
// has converged once no active link is left (consensus on connected graphs
// and under mean field).
#pragma once

#include "microcosm/models/model.hpp"

namespace microcosm::classic {

ModelInfo voter_model_info();

}  // namespace microcosm::classic
