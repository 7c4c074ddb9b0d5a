#include "microcosm/models/mim/partisan_sides.hpp"

#include <algorithm>

namespace microcosm::mim {

double partisan_center(std::span<const double> positions, int dims, std::size_t people,
                       std::vector<double>& scratch) {
  scratch.clear();
  const std::size_t stride = std::max<std::size_t>(1, people / kSideSample);
  const auto d = static_cast<std::size_t>(dims);
  for (std::size_t i = 0; i < people; i += stride) scratch.push_back(positions[i * d]);
  if (scratch.empty()) return 0.0;
  const auto mid = scratch.begin() + static_cast<std::ptrdiff_t>(scratch.size() / 2);
  std::nth_element(scratch.begin(), mid, scratch.end());
  return *mid;
}

}  // namespace microcosm::mim
