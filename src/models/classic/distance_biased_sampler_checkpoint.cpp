// Restoring a DistanceBiasedSampler from a checkpoint (the sorted order of
// the opinions, including the history-dependent order of ties).
#include <algorithm>

#include "microcosm/models/classic/distance_biased_sampler.hpp"

namespace microcosm::classic {

bool DistanceBiasedSampler::restore(std::span<const double> x, std::span<const NodeId> order) {
  reset(x);
  if (!banded_) return order.empty() || order.size() == n_;
  if (order.size() != n_) return false;
  std::vector<std::uint8_t> seen(n_, 0);
  for (std::size_t p = 0; p < n_; ++p) {
    const NodeId id = order[p];
    if (id >= n_ || seen[id]) return false;
    seen[id] = 1;
    if (p > 0 && x_[order[p - 1]] > x_[id]) return false;
    sorted_id_[p] = id;
    sorted_x_[p] = x_[id];
    pos_[id] = static_cast<NodeId>(p);
  }
  return true;
}

}  // namespace microcosm::classic
