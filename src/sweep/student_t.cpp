// Student t quantiles for confidence intervals: the CDF through the
// regularized incomplete beta function (continued fraction evaluated by
// the modified Lentz method), inverted by bisection. Accurate to ~1e-10,
// which is plenty for printing intervals.
#include <cmath>
#include <limits>

#include "microcosm/core/error.hpp"
#include "microcosm/sweep/summary.hpp"

namespace microcosm::sweep {

namespace {

// Continued fraction for I_x(a, b), valid for x < (a + 1) / (a + b + 2).
double beta_fraction(double a, double b, double x) {
  const double tiny = 1e-300;
  double c = 1.0;
  double d = 1.0 - (a + b) * x / (a + 1.0);
  if (std::fabs(d) < tiny) d = tiny;
  d = 1.0 / d;
  double h = d;
  for (int m = 1; m <= 300; ++m) {
    const double mm = m;
    const double a2 = mm * (b - mm) * x / ((a + 2 * mm - 1) * (a + 2 * mm));
    d = 1.0 + a2 * d;
    if (std::fabs(d) < tiny) d = tiny;
    c = 1.0 + a2 / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1.0 / d;
    h *= d * c;
    const double a1 = -(a + mm) * (a + b + mm) * x / ((a + 2 * mm) * (a + 2 * mm + 1));
    d = 1.0 + a1 * d;
    if (std::fabs(d) < tiny) d = tiny;
    c = 1.0 + a1 / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1.0 / d;
    const double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1.0) < 1e-15) break;
  }
  return h;
}

double incomplete_beta(double a, double b, double x) {
  if (x <= 0.0) return 0.0;
  if (x >= 1.0) return 1.0;
  const double lfront =
      std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
  if (x < (a + 1.0) / (a + b + 2.0)) return std::exp(lfront) * beta_fraction(a, b, x) / a;
  return 1.0 - std::exp(lfront) * beta_fraction(b, a, 1.0 - x) / b;
}

// P(T <= t) for t >= 0.
double t_cdf(double t, double df) {
  const double x = df / (df + t * t);
  return 1.0 - 0.5 * incomplete_beta(df / 2.0, 0.5, x);
}

}  // namespace

double student_t_quantile(double p, double df) {
  if (!(p > 0.0 && p < 1.0) || !(df > 0.0)) {
    throw ParameterError("student_t_quantile: needs 0 < p < 1 and df > 0");
  }
  if (p < 0.5) return -student_t_quantile(1.0 - p, df);
  if (p == 0.5) return 0.0;
  double lo = 0.0, hi = 1.0;
  while (t_cdf(hi, df) < p) hi *= 2.0;
  for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; ++i) {
    const double mid = 0.5 * (lo + hi);
    (t_cdf(mid, df) < p ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

}  // namespace microcosm::sweep
