// The 95 % confidence interval of a mean over seeds (Student t), the unit of
// MODEL.md §7's protocol: a fact passes when the interval of the paired
// differences lies beyond its minimum effect. Header-only, for the
// statistical tests of the micro-identity model.
#pragma once

#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <vector>

namespace microcosm::stat_test {

struct Interval {
  double mean, lo, hi;
};

// Two-sided 97.5 % quantile of Student's t for small degrees of freedom.
inline double t975(std::size_t df) {
  static constexpr double kTable[] = {0,     12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365,
                                      2.306, 2.262,  2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
                                      2.120, 2.110,  2.101, 2.093, 2.086};
  if (df == 0 || df >= std::size(kTable)) throw std::invalid_argument("t975: 1 to 20 degrees of freedom");
  return kTable[df];
}

// Mean and 95 % interval of x (at least 2 values).
inline Interval mean_ci(const std::vector<double>& x) {
  const auto n = static_cast<double>(x.size());
  double mean = 0.0;
  for (double v : x) mean += v;
  mean /= n;
  double ss = 0.0;
  for (double v : x) ss += (v - mean) * (v - mean);
  const double half = t975(x.size() - 1) * std::sqrt(ss / (n - 1.0) / n);
  return {mean, mean - half, mean + half};
}

}  // namespace microcosm::stat_test
