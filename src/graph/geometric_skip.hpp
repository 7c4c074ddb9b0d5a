// Internal: visit the indices of a Bernoulli(p) subset of [0, total) in
// increasing order, jumping geometric gaps (Batagelj & Brandes 2005), so the
// cost is O(1 + selected) instead of O(total).
#pragma once

#include <cmath>
#include <cstdint>

#include "microcosm/core/rng.hpp"

namespace microcosm::gen::detail {

template <class Visit>
void geometric_skip(Rng& rng, std::uint64_t total, double p, Visit&& visit) {
  if (total == 0 || !(p > 0.0)) return;
  if (p >= 1.0) {
    for (std::uint64_t i = 0; i < total; ++i) visit(i);
    return;
  }
  const double log_q = std::log1p(-p);
  const double limit = static_cast<double>(total);
  double next = -1.0;  // double arithmetic: gaps for tiny p can exceed 2^64
  for (;;) {
    const double r = 1.0 - rng.uniform();  // (0, 1]
    next += 1.0 + std::floor(std::log(r) / log_q);
    if (!(next < limit)) return;
    visit(static_cast<std::uint64_t>(next));
  }
}

}  // namespace microcosm::gen::detail
