#include "microcosm/metrics/opinion.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "microcosm/core/rng.hpp"

namespace microcosm::metrics {

double mean(std::span<const double> x) noexcept {
  if (x.empty()) return std::numeric_limits<double>::quiet_NaN();
  double s = 0.0;
  for (double v : x) s += v;
  return s / static_cast<double>(x.size());
}

double variance(std::span<const double> x) noexcept {
  if (x.empty()) return std::numeric_limits<double>::quiet_NaN();
  const double m = mean(x);
  double s = 0.0;
  for (double v : x) s += (v - m) * (v - m);
  return s / static_cast<double>(x.size());
}

double pearson(std::span<const double> x, std::span<const double> y) noexcept {
  const std::size_t n = std::min(x.size(), y.size());
  if (n < 2) return std::numeric_limits<double>::quiet_NaN();
  const double mx = mean(x.first(n)), my = mean(y.first(n));
  double sxy = 0.0, sxx = 0.0, syy = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double dx = x[i] - mx, dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (!(sxx > 0.0) || !(syy > 0.0)) return std::numeric_limits<double>::quiet_NaN();
  return sxy / std::sqrt(sxx * syy);
}

double bimodality_coefficient(std::span<const double> x) noexcept {
  const double n = static_cast<double>(x.size());
  if (x.size() < 4) return std::numeric_limits<double>::quiet_NaN();
  const double m = mean(x);
  double m2 = 0.0, m3 = 0.0, m4 = 0.0;
  for (double v : x) {
    const double d = v - m, d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  if (!(m2 > 0.0)) return std::numeric_limits<double>::quiet_NaN();
  const double g1 = m3 / std::pow(m2, 1.5);
  const double g2 = m4 / (m2 * m2) - 3.0;
  // Bias-corrected (SAS type 2) sample skewness and excess kurtosis.
  const double skew = g1 * std::sqrt(n * (n - 1.0)) / (n - 2.0);
  const double kurt = (n - 1.0) / ((n - 2.0) * (n - 3.0)) * ((n + 1.0) * g2 + 6.0);
  return (skew * skew + 1.0) / (kurt + 3.0 * (n - 1.0) * (n - 1.0) / ((n - 2.0) * (n - 3.0)));
}

namespace {

// Bin of v among `bins` equal bins of the given width from lo, values
// outside [lo, hi] clamped into the end bins. Clamping happens in double so
// that huge values or infinities never overflow the integer conversion.
std::size_t bin_of(double v, double lo, double width, int bins) noexcept {
  const double b = std::clamp(std::floor((v - lo) / width), 0.0, static_cast<double>(bins - 1));
  return static_cast<std::size_t>(b);
}

}  // namespace

double esteban_ray(std::span<const double> x, double lo, double hi, int bins, double alpha) {
  if (x.empty() || bins < 1 || !(hi > lo)) return std::numeric_limits<double>::quiet_NaN();
  std::vector<double> share(static_cast<std::size_t>(bins), 0.0);
  const double width = (hi - lo) / bins;
  std::size_t counted = 0;
  for (double v : x) {
    if (std::isnan(v)) continue;
    share[bin_of(v, lo, width, bins)] += 1.0;
    ++counted;
  }
  if (counted == 0) return std::numeric_limits<double>::quiet_NaN();
  const double n = static_cast<double>(counted);
  for (double& s : share) s /= n;
  // Bin centres, with distances in units of (hi - lo) and the end bins'
  // centres mapped to 0 and 1, so two poles at lo and hi are distance 1.
  auto centre = [&](int b) { return bins == 1 ? 0.0 : static_cast<double>(b) / (bins - 1); };
  double p = 0.0;
  for (int i = 0; i < bins; ++i) {
    const double si = share[static_cast<std::size_t>(i)];
    if (si == 0.0) continue;
    const double w = std::pow(si, 1.0 + alpha);
    for (int j = 0; j < bins; ++j) {
      const double sj = share[static_cast<std::size_t>(j)];
      if (sj == 0.0) continue;
      p += w * sj * std::fabs(centre(i) - centre(j));
    }
  }
  // Two masses of 1/2 at distance 1: 2 * (1/2)^(1+alpha) * (1/2) = (1/2)^(1+alpha).
  return p / std::pow(0.5, 1.0 + alpha);
}

std::vector<std::uint32_t> clusters_by_gap(std::span<const double> x, double gap) {
  std::vector<std::uint32_t> sizes;
  if (x.empty()) return sizes;
  std::vector<double> s;
  s.reserve(x.size());
  for (double v : x) {
    if (!std::isnan(v)) s.push_back(v);  // NaN would break the sort's ordering
  }
  if (s.empty()) return {};
  std::sort(s.begin(), s.end());
  std::uint32_t run = 1;
  for (std::size_t i = 1; i < s.size(); ++i) {
    if (s[i] - s[i - 1] > gap) {
      sizes.push_back(run);
      run = 0;
    }
    ++run;
  }
  sizes.push_back(run);
  return sizes;
}

std::vector<std::uint32_t> clusters_by_histogram(std::span<const double> x, double lo, double hi,
                                                 int bins) {
  bins = std::max(bins, 1);
  std::vector<std::uint32_t> counts(static_cast<std::size_t>(bins), 0);
  const double width = (hi - lo) / bins;
  for (double v : x) {
    if (!std::isnan(v)) ++counts[bin_of(v, lo, width, bins)];
  }
  std::vector<std::uint32_t> sizes;
  std::uint32_t run = 0;
  for (std::uint32_t c : counts) {
    if (c == 0) {
      if (run) sizes.push_back(run);
      run = 0;
    } else {
      run += c;
    }
  }
  if (run) sizes.push_back(run);
  return sizes;
}

std::size_t count_major(std::span<const std::uint32_t> sizes, std::size_t population,
                        double min_share) noexcept {
  std::size_t k = 0;
  for (std::uint32_t s : sizes) {
    if (static_cast<double>(s) >= min_share * static_cast<double>(population)) ++k;
  }
  return k;
}

double effective_number(std::span<const std::uint32_t> sizes) noexcept {
  double s1 = 0.0, s2 = 0.0;
  for (std::uint32_t s : sizes) {
    s1 += s;
    s2 += static_cast<double>(s) * s;
  }
  return s2 > 0.0 ? s1 * s1 / s2 : 0.0;
}

double mean_pairwise_distance(std::span<const double> x, std::uint64_t pairs, std::uint64_t seed) {
  const std::uint64_t n = x.size();
  if (n < 2) return 0.0;
  if (n * (n - 1) / 2 <= pairs) {
    // Exact: sum over sorted order, sum_i x_(i) (2i - n + 1).
    std::vector<double> s(x.begin(), x.end());
    std::sort(s.begin(), s.end());
    double acc = 0.0;
    for (std::uint64_t i = 0; i < n; ++i) {
      acc += s[i] * (2.0 * static_cast<double>(i) - static_cast<double>(n) + 1.0);
    }
    return acc / (static_cast<double>(n) * static_cast<double>(n - 1) / 2.0);
  }
  Rng rng(seed, "metrics.pairwise");
  double acc = 0.0;
  for (std::uint64_t k = 0; k < pairs; ++k) {
    const std::uint64_t i = rng.bounded(n);
    std::uint64_t j = rng.bounded(n - 1);
    if (j >= i) ++j;
    acc += std::fabs(x[i] - x[j]);
  }
  return acc / static_cast<double>(pairs);
}

std::vector<std::string> opinion_metric_names() {
  return {"mean",     "variance",       "bimodality",        "esteban_ray",
          "clusters", "major_clusters", "effective_clusters"};
}

void opinion_metrics(std::span<const double> x, const OpinionMetricOptions& options,
                     std::span<double> out) {
  const auto sizes = clusters_by_gap(x, options.gap);
  out[0] = mean(x);
  out[1] = variance(x);
  out[2] = bimodality_coefficient(x);
  out[3] = esteban_ray(x, options.lo, options.hi);
  out[4] = static_cast<double>(sizes.size());
  out[5] = static_cast<double>(count_major(sizes, x.size(), options.major_share));
  out[6] = effective_number(sizes);
}

}  // namespace microcosm::metrics
