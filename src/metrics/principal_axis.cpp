#include "microcosm/metrics/principal_axis.hpp"

#include <algorithm>
#include <cmath>

namespace microcosm::metrics {

LeadingAxis leading_axis(std::span<const double> matrix, int dims) {
  const auto n = static_cast<std::size_t>(dims);
  LeadingAxis out;
  std::vector<double>& v = out.axis;
  v.assign(n, 1.0);
  std::vector<double> w(n);
  for (int it = 0; it < 100; ++it) {
    std::fill(w.begin(), w.end(), 0.0);
    for (std::size_t r = 0; r < n; ++r) {
      for (std::size_t s = 0; s < n; ++s) w[r] += matrix[r * n + s] * v[s];
    }
    double norm = 0.0;
    for (std::size_t d = 0; d < n; ++d) norm += w[d] * w[d];
    norm = std::sqrt(norm);
    if (norm == 0.0) break;
    out.lambda = norm;
    for (std::size_t d = 0; d < n; ++d) v[d] = w[d] / norm;
  }
  if (out.lambda == 0.0) {
    std::fill(v.begin(), v.end(), 0.0);
    if (n > 0) v[0] = 1.0;
    return out;
  }
  std::size_t lead = 0;
  while (lead + 1 < n && v[lead] == 0.0) ++lead;
  if (v[lead] < 0.0) {
    for (double& x : v) x = -x;
  }
  return out;
}

double axis_score(std::span<const double> axis, const double* x) noexcept {
  double l1 = 0.0, score = 0.0;
  for (std::size_t d = 0; d < axis.size(); ++d) {
    l1 += std::fabs(axis[d]);
    score += axis[d] * x[d];
  }
  return l1 > 0.0 ? std::clamp(score / l1, -1.0, 1.0) : 0.0;
}

}  // namespace microcosm::metrics
