// Parameter dictionary of the micro-identity model (MODEL.md), one schema
// generated into docs/models.md and docs/ODD.md.
#pragma once

#include <string>
#include <vector>

#include "microcosm/spec/schema.hpp"

namespace microcosm::mim {

spec::Schema model_schema();
const std::vector<std::string>& feed_policies();
const std::vector<std::string>& recommendation_policies();

}  // namespace microcosm::mim
