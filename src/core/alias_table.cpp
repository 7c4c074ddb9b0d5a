#include "microcosm/core/alias_table.hpp"

namespace microcosm {

void AliasTable::build(std::span<const double> weights) {
  const std::size_t n = weights.size();
  double total = 0.0;
  for (double w : weights) total += w;
  prob_.clear();
  alias_.clear();
  if (n == 0 || !(total > 0.0)) return;
  prob_.resize(n);
  alias_.resize(n);
  small_.clear();
  large_.clear();
  for (std::size_t i = 0; i < n; ++i) {
    prob_[i] = weights[i] * static_cast<double>(n) / total;
    (prob_[i] < 1.0 ? small_ : large_).push_back(static_cast<std::uint32_t>(i));
  }
  while (!small_.empty() && !large_.empty()) {
    const std::uint32_t s = small_.back();
    small_.pop_back();
    const std::uint32_t l = large_.back();
    alias_[s] = l;
    prob_[l] -= 1.0 - prob_[s];
    if (prob_[l] < 1.0) {
      large_.pop_back();
      small_.push_back(l);
    }
  }
  for (std::uint32_t i : large_) {
    prob_[i] = 1.0;
    alias_[i] = i;
  }
  for (std::uint32_t i : small_) {  // leftovers from rounding
    prob_[i] = 1.0;
    alias_[i] = i;
  }
}

}  // namespace microcosm
