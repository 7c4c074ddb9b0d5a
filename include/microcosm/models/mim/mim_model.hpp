// Registry entry of the micro-identity model (MODEL.md). The [network]
// section of a scenario is the online follow graph (mean_field: a directed
// configuration graph of [model] population agents is generated); the
// offline network is a Watts–Strogatz graph generated inside.
#pragma once

#include "microcosm/models/model.hpp"

namespace microcosm {

ModelInfo mim_model_info();

}  // namespace microcosm
