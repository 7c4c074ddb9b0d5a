// Parameter dictionary of the micro-identity model (MODEL.md), one schema
// generated into docs/models.md and docs/ODD.md, and its metric dictionary.
#pragma once

#include <string>
#include <vector>

#include "microcosm/models/model.hpp"
#include "microcosm/spec/schema.hpp"

namespace microcosm::mim {

spec::Schema model_schema();
const std::vector<std::string>& feed_policies();
const std::vector<std::string>& recommendation_policies();
const std::vector<std::string>& community_recommendations();
const std::vector<std::string>& found_rules();
// The metrics.csv columns in recording order (metric_dictionary.cpp).
const std::vector<MetricInfo>& metric_dictionary();

}  // namespace microcosm::mim
