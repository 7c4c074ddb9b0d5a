// Means of a metric over a window of recorded steps, the measurements of
// MODEL.md §7's protocol ("at T" is the mean over the last 30 days). Header-
// only, for the statistical tests of the micro-identity model.
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "microcosm/engine/simulation.hpp"

namespace microcosm::stat_test {

// Mean of `name` over the recorded steps in [from, to]; NaN if none.
inline double window(const MetricSeries& m, const std::string& name, std::uint64_t from,
                     std::uint64_t to) {
  const std::vector<double> col = m.column(name);
  double sum = 0.0;
  int k = 0;
  for (std::size_t r = 0; r < m.rows(); ++r) {
    if (m.steps[r] < from || m.steps[r] > to) continue;
    sum += col[r];
    ++k;
  }
  return k ? sum / k : NAN;
}

// The value at T: the mean over the last 30 days.
inline double at_t(const MetricSeries& m, const std::string& name) {
  const std::uint64_t last = m.steps.back();
  return window(m, name, last >= 30 ? last - 30 : 0, last);
}

}  // namespace microcosm::stat_test
