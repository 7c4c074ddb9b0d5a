#pragma once
// The political centre that splits partisan reads into two sides for the
// closed echo-chamber and cross-cutting observables (MODEL.md §7 fact 1, §8).
#include <cstddef>
#include <span>
#include <vector>

namespace microcosm::mim {

// Largest sample the centre is taken from: a fixed stride through the people
// keeps the cost O(1) per step at any population.
inline constexpr std::size_t kSideSample = 4096;

// Median of dimension 0 over people 0, s, 2s, ... (s = max(1, people /
// kSideSample)) of an interleaved people × dims position array: the middle
// value, the upper of the two for an even count (an item exactly at the
// centre is not partisan, so the choice does not bias the sides). Exact for
// populations up to kSideSample. `scratch` is reused between calls; 0 when
// there are no people.
double partisan_center(std::span<const double> positions, int dims, std::size_t people,
                       std::vector<double>& scratch);

}  // namespace microcosm::mim
