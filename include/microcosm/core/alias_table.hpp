// Walker/Vose alias table: O(n) build, O(1) weighted draws. Used wherever one
// distribution is sampled many times (degree-proportional choice, community
// recommendation).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "microcosm/core/huge_pages.hpp"
#include "microcosm/core/rng.hpp"

namespace microcosm {

class AliasTable {
 public:
  AliasTable() = default;
  explicit AliasTable(std::span<const double> weights) { build(weights); }

  // Rebuilds from non-negative weights; reuses storage. An all-zero or empty
  // table makes empty() true.
  void build(std::span<const double> weights);

  std::size_t sample(Rng& rng) const noexcept {
    const std::size_t i = rng.bounded(prob_.size());
    return rng.uniform() < prob_[i] ? i : alias_[i];
  }
  bool empty() const noexcept { return prob_.empty(); }
  std::size_t size() const noexcept { return prob_.size(); }

 private:
  // Draws read prob_ and alias_ at random entries: on huge pages when large
  // (the follow graph's generator samples a table of every agent).
  HugeVector<double> prob_;
  HugeVector<std::uint32_t> alias_;
  std::vector<std::uint32_t> small_, large_;
};

}  // namespace microcosm
