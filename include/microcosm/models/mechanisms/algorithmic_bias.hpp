// The algorithmic-bias weight of Sîrbu et al. (2019): a partner (or a feed
// item) at distance d is chosen with probability proportional to
// max(d, floor)^-gamma. Shared by the classic algorithmic-bias model, its
// exact sampler, and the micro-identity model's `personalized` feed
// (MODEL.md §4.3), which with a pool of all neighbours' posts and k = 1 is
// the same rule.
#pragma once

#include <algorithm>
#include <cmath>

namespace microcosm::mechanisms {

// The micro-identity model's floor (MODEL.md §4.3); the classic model takes
// its floor as a parameter.
inline constexpr double kPersonalizedDistanceFloor = 1e-5;

inline double algorithmic_bias_weight(double distance, double gamma, double floor) noexcept {
  return std::pow(std::max(distance, floor), -gamma);
}

}  // namespace microcosm::mechanisms
