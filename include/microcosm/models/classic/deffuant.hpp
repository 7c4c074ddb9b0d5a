// Deffuant–Weisbuch bounded confidence (Deffuant et al., Adv. Complex Syst.
// 3, 87, 2000), scalar or vector opinions in [0, 1]^D.
//
// One step is one sweep: N asynchronous pair updates in random sequential
// order. Each update picks a pair of neighbours (a uniformly random edge,
// or a random node then a random neighbour; any pair under mean field); if
// their distance is below epsilon both move a fraction mu toward each other,
// using the old values. The run has converged when a whole sweep changed no
// opinion by more than `tolerance`.
#pragma once

#include "microcosm/models/model.hpp"

namespace microcosm::classic {

ModelInfo deffuant_model_info();

}  // namespace microcosm::classic
