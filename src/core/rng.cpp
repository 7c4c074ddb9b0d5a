#include "microcosm/core/rng.hpp"

namespace microcosm {

double Rng::gamma(double shape) noexcept {
  if (shape < 1.0) {
    // Boost: Gamma(a) = Gamma(a + 1) * U^(1/a).
    const double u = uniform();
    return gamma(shape + 1.0) * std::pow(u > 0.0 ? u : 0x1.0p-53, 1.0 / shape);
  }
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    double x, v;
    do {
      x = normal();
      v = 1.0 + c * x;
    } while (v <= 0.0);
    v = v * v * v;
    const double u = uniform();
    if (u < 1.0 - 0.0331 * (x * x) * (x * x)) return d * v;
    if (std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v))) return d * v;
  }
}

std::size_t Rng::weighted_choice(std::span<const double> weights) noexcept {
  double total = 0.0;
  for (double w : weights) total += w;
  if (!(total > 0.0)) return weights.size();
  const double target = uniform() * total;
  double acc = 0.0;
  std::size_t last_positive = weights.size();
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (weights[i] <= 0.0) continue;
    acc += weights[i];
    last_positive = i;
    if (target < acc) return i;
  }
  return last_positive;  // rounding: target landed at the very top
}

double Rng::power_law(double lo, double hi, double exponent) noexcept {
  const double e = 1.0 - exponent;
  const double a = std::pow(lo, e);
  const double b = std::pow(hi, e);
  return std::pow((b - a) * uniform() + a, 1.0 / e);
}

}  // namespace microcosm
