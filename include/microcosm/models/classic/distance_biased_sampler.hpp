// Exact sampler of an interaction partner j != i with probability
// ∝ max(|x_i - x_j|, floor)^-gamma among all N agents (complete mixing), as
// in the Algorithmic Bias model (Sîrbu et al. 2019). The naive draw scans
// all N agents (O(N) per draw, O(N^2) per sweep); this one is O(B log N).
//
// Method: distances are split into geometric bands: band 0 is d < floor
// (weight exactly floor^-gamma), band k >= 1 is [r_{k-1}, r_k) with r_k =
// floor * c^k, c = 2^(1/max(1, gamma)), up to r_K >= 1, plus a last band
// d >= r_K. Within band k >= 1 the weight lies in (bound_k / 2, bound_k]
// with bound_k = r_{k-1}^-gamma. A copy of the opinions is kept sorted, so
// each band is two contiguous index ranges (left and right of i) found by
// binary search. A proposal picks a band with probability ∝ size * bound,
// then a uniform member, and accepts it with probability w / bound (always
// in band 0): exact rejection sampling with acceptance >= 1/2. B = K + 2 ≈
// 2 + log2(1/floor) max(1, gamma) bands. When that is more work than a
// linear scan (small N, huge gamma) the sampler scans linearly instead;
// both draw from the same distribution.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "microcosm/core/rng.hpp"
#include "microcosm/graph/csr_graph.hpp"

namespace microcosm::classic {

class DistanceBiasedSampler {
 public:
  enum class Mode { Auto, Banded, Linear };

  // gamma > 0, floor > 0.
  DistanceBiasedSampler(double gamma, double floor, Mode mode = Mode::Auto);

  // Takes the current opinions (one per agent). O(N log N).
  void reset(std::span<const double> x);
  // Agent id's opinion became `value`. O(number of agents it moved past).
  void update(NodeId id, double value) noexcept;
  // A partner j != i, or kNoNode (interaction.hpp) when N < 2.
  NodeId sample(Rng& rng, NodeId i);

  // Checkpoints: the sorted order (empty when scanning linearly). Ties keep
  // the order updates left them in, and draws depend on it, so a checkpoint
  // stores it; restore() is reset(x) with that order (false when `order` is
  // not a sorted permutation of x). distance_biased_sampler_checkpoint.cpp.
  std::vector<NodeId> sorted_order() const { return sorted_id_; }
  bool restore(std::span<const double> x, std::span<const NodeId> order);

  bool banded() const noexcept { return banded_; }
  std::size_t num_bands() const noexcept { return bounds_.size(); }
  // The unnormalised target weight max(d, floor)^-gamma.
  double weight(double d) const noexcept;

 private:
  NodeId sample_banded(Rng& rng, NodeId i);
  NodeId sample_linear(Rng& rng, NodeId i);

  double gamma_, floor_;
  Mode mode_;
  bool banded_ = false;
  std::size_t n_ = 0;
  std::vector<double> x_;       // opinions by agent id
  std::vector<double> edges_;   // r_0 = floor, ..., r_K >= 1
  std::vector<double> bounds_;  // weight bound of each of the K + 2 bands
  std::vector<std::size_t> left_, right_;
  std::vector<double> mass_;
  std::vector<double> sorted_x_;  // opinions in increasing order
  std::vector<NodeId> sorted_id_, pos_;
  std::vector<double> weights_;  // linear-scan scratch
};

}  // namespace microcosm::classic
