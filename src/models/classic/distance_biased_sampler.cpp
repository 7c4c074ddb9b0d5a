#include "microcosm/models/classic/distance_biased_sampler.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "microcosm/models/classic/interaction.hpp"
#include "microcosm/models/mechanisms/algorithmic_bias.hpp"

namespace microcosm::classic {

DistanceBiasedSampler::DistanceBiasedSampler(double gamma, double floor, Mode mode)
    : gamma_(gamma), floor_(floor), mode_(mode) {
  const double g = std::max(1.0, gamma_);
  // K: the smallest number of ratio-c steps from floor to >= 1.
  const auto k = static_cast<std::size_t>(std::max(0.0, std::ceil(std::log2(1.0 / floor_) * g)));
  const double ratio = std::exp2(1.0 / g);
  edges_.resize(k + 1);
  for (std::size_t b = 0; b <= k; ++b) edges_[b] = floor_ * std::pow(ratio, static_cast<double>(b));
  bounds_.resize(k + 2);
  bounds_[0] = std::pow(floor_, -gamma_);
  for (std::size_t b = 1; b < bounds_.size(); ++b) bounds_[b] = std::pow(edges_[b - 1], -gamma_);
  left_.resize(edges_.size());
  right_.resize(edges_.size());
  mass_.resize(bounds_.size());
}

double DistanceBiasedSampler::weight(double d) const noexcept {
  return mechanisms::algorithmic_bias_weight(d, gamma_, floor_);
}

void DistanceBiasedSampler::reset(std::span<const double> x) {
  n_ = x.size();
  x_.assign(x.begin(), x.end());
  // Banded cost ~ 2 (K + 1) log2 N comparisons per draw; linear ~ N pow()
  // calls, each worth ~10 comparisons.
  const double log_n = std::log2(static_cast<double>(std::max<std::size_t>(n_, 2)));
  banded_ = mode_ == Mode::Banded ||
            (mode_ == Mode::Auto &&
             2.0 * static_cast<double>(edges_.size()) * log_n < 10.0 * static_cast<double>(n_));
  if (!banded_) {
    weights_.resize(n_);
    return;
  }
  sorted_id_.resize(n_);
  std::iota(sorted_id_.begin(), sorted_id_.end(), NodeId{0});
  std::sort(sorted_id_.begin(), sorted_id_.end(),
            [&](NodeId a, NodeId b) { return x_[a] < x_[b] || (x_[a] == x_[b] && a < b); });
  sorted_x_.resize(n_);
  pos_.resize(n_);
  for (std::size_t p = 0; p < n_; ++p) {
    sorted_x_[p] = x_[sorted_id_[p]];
    pos_[sorted_id_[p]] = static_cast<NodeId>(p);
  }
}

void DistanceBiasedSampler::update(NodeId id, double value) noexcept {
  x_[id] = value;
  if (!banded_) return;
  // Shift the agents the new value jumped past, keeping the copy sorted.
  std::size_t p = pos_[id];
  while (p > 0 && sorted_x_[p - 1] > value) {
    sorted_x_[p] = sorted_x_[p - 1];
    sorted_id_[p] = sorted_id_[p - 1];
    pos_[sorted_id_[p]] = static_cast<NodeId>(p);
    --p;
  }
  while (p + 1 < n_ && sorted_x_[p + 1] < value) {
    sorted_x_[p] = sorted_x_[p + 1];
    sorted_id_[p] = sorted_id_[p + 1];
    pos_[sorted_id_[p]] = static_cast<NodeId>(p);
    ++p;
  }
  sorted_x_[p] = value;
  sorted_id_[p] = id;
  pos_[id] = static_cast<NodeId>(p);
}

NodeId DistanceBiasedSampler::sample(Rng& rng, NodeId i) {
  if (n_ < 2) return kNoNode;
  return banded_ ? sample_banded(rng, i) : sample_linear(rng, i);
}

NodeId DistanceBiasedSampler::sample_linear(Rng& rng, NodeId i) {
  const double xi = x_[i];
  for (std::size_t j = 0; j < n_; ++j) weights_[j] = j == i ? 0.0 : weight(std::fabs(xi - x_[j]));
  const std::size_t c = rng.weighted_choice(weights_);
  return c < n_ ? static_cast<NodeId>(c) : kNoNode;
}

NodeId DistanceBiasedSampler::sample_banded(Rng& rng, NodeId i) {
  const std::size_t p = pos_[i];
  const double xi = sorted_x_[p];
  const double* s = sorted_x_.data();
  const std::size_t edges = edges_.size();
  // left_[k]: first index q < p with xi - s[q] < r_k. Left band 0 is
  // [left_[0], p), band k is [left_[k], left_[k-1]), the last [0, left_[K]).
  // The predicates use the same differences as the weights, and are
  // monotone in q, so band membership guarantees d >= r_{k-1}.
  // Boundaries of consecutive bands are often equal or close (empty bands
  // between opinion clusters), so each is found by galloping outward from
  // the previous one and then bisecting: O(log gap) instead of O(log N).
  std::size_t hi = p;
  for (std::size_t k = 0; k < edges; ++k) {
    const double r = edges_[k];
    auto far = [&](double v) { return xi - v >= r; };  // true, then false
    std::size_t b_hi = hi, b_lo = 0, step = 1;         // boundary in [b_lo, b_hi]
    while (b_hi > 0) {
      const std::size_t q = b_hi >= step ? b_hi - step : 0;
      if (far(s[q])) {
        b_lo = q + 1;
        break;
      }
      b_hi = q;
      step *= 2;
    }
    hi = static_cast<std::size_t>(std::partition_point(s + b_lo, s + b_hi, far) - s);
    left_[k] = hi;
  }
  // right_[k]: first index q > p with s[q] - xi >= r_k. Right band 0 is
  // (p, right_[0]), band k is [right_[k-1], right_[k]), the last
  // [right_[K], N).
  std::size_t lo = p + 1;
  for (std::size_t k = 0; k < edges; ++k) {
    const double r = edges_[k];
    auto near = [&](double v) { return v - xi < r; };  // true, then false
    std::size_t b_lo = lo, b_hi = n_, step = 1;        // boundary in [b_lo, b_hi]
    while (b_lo < n_) {
      const std::size_t q = std::min(n_ - 1, b_lo + step - 1);
      if (!near(s[q])) {
        b_hi = q;
        break;
      }
      b_lo = q + 1;
      step *= 2;
    }
    lo = static_cast<std::size_t>(std::partition_point(s + b_lo, s + b_hi, near) - s);
    right_[k] = lo;
  }
  auto left_range = [&](std::size_t b) -> std::pair<std::size_t, std::size_t> {
    if (b == 0) return {left_[0], p};
    if (b < edges) return {left_[b], left_[b - 1]};
    return {0, left_[edges - 1]};
  };
  auto right_range = [&](std::size_t b) -> std::pair<std::size_t, std::size_t> {
    if (b == 0) return {p + 1, right_[0]};
    if (b < edges) return {right_[b - 1], right_[b]};
    return {right_[edges - 1], n_};
  };
  for (std::size_t b = 0; b < mass_.size(); ++b) {
    const auto [l0, l1] = left_range(b);
    const auto [r0, r1] = right_range(b);
    mass_[b] = static_cast<double>((l1 - l0) + (r1 - r0)) * bounds_[b];
  }
  for (;;) {
    const std::size_t b = rng.weighted_choice(mass_);
    if (b >= mass_.size()) return kNoNode;
    const auto [l0, l1] = left_range(b);
    const auto [r0, r1] = right_range(b);
    const std::size_t r = rng.bounded((l1 - l0) + (r1 - r0));
    const std::size_t q = r < l1 - l0 ? l0 + r : r0 + (r - (l1 - l0));
    if (b == 0) return sorted_id_[q];
    const double d = q < p ? xi - s[q] : s[q] - xi;
    // w(d) / bound_b = (d / r_{b-1})^-gamma <= 1 because d >= r_{b-1}.
    if (rng.uniform() < std::pow(d / edges_[b - 1], -gamma_)) return sorted_id_[q];
  }
}

}  // namespace microcosm::classic
