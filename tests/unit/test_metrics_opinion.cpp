// Opinion-distribution metrics (metrics/opinion.hpp) on hand-computed
// samples; the formulas are those of LITERATURE.md §11.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "microcosm/core/rng.hpp"
#include "microcosm/metrics/opinion.hpp"
#include "microcosm/metrics/principal_axis.hpp"

namespace m = microcosm::metrics;

TEST(MetricsOpinion, MeanAndPopulationVariance) {
  const std::vector<double> x{1.0, 2.0, 4.0, 9.0};
  EXPECT_DOUBLE_EQ(m::mean(x), 4.0);
  // Deviations -3, -2, 0, 5: (9 + 4 + 0 + 25) / 4.
  EXPECT_DOUBLE_EQ(m::variance(x), 38.0 / 4.0);
  EXPECT_TRUE(std::isnan(m::mean(std::vector<double>{})));
  EXPECT_TRUE(std::isnan(m::variance(std::vector<double>{})));
  EXPECT_DOUBLE_EQ(m::variance(std::vector<double>{3.0}), 0.0);
}

TEST(MetricsOpinion, Pearson) {
  const std::vector<double> x{1, 2, 3, 4}, y{2, 4, 6, 8}, z{4, 3, 2, 1}, c{5, 5, 5, 5};
  EXPECT_NEAR(m::pearson(x, y), 1.0, 1e-15);
  EXPECT_NEAR(m::pearson(x, z), -1.0, 1e-15);
  EXPECT_TRUE(std::isnan(m::pearson(x, c)));
  // x = (0, 1, 2), y = (0, 2, 1): centred (-1, 0, 1) and (-1, 1, 0) -> 1 / 2.
  EXPECT_NEAR(m::pearson(std::vector<double>{0, 1, 2}, std::vector<double>{0, 2, 1}), 0.5, 1e-15);
  EXPECT_TRUE(std::isnan(m::pearson(std::vector<double>{1}, std::vector<double>{1})));
}

TEST(MetricsOpinion, BimodalityHandComputedSample) {
  // x = (0, 0, 1, 3): mean 1, central moments m2 = 1.5, m3 = 1.5, m4 = 4.5,
  // so g1^2 = 2/3 and g2 = -1. Type-2: G1^2 = g1^2 n(n-1)/(n-2)^2 = 2,
  // G2 = (n-1)/((n-2)(n-3)) ((n+1) g2 + 6) = 1.5, and the denominator is
  // 1.5 + 3 * 9 / 2 = 15: BC = (2 + 1) / 15 = 0.2.
  EXPECT_NEAR(m::bimodality_coefficient(std::vector<double>{0, 0, 1, 3}), 0.2, 1e-14);
  // Location and scale invariant.
  EXPECT_NEAR(m::bimodality_coefficient(std::vector<double>{5, 5, 7, 11}), 0.2, 1e-14);
}

TEST(MetricsOpinion, BimodalityUniformIsFiveNinths) {
  // A fine uniform grid: skewness 0, excess kurtosis -> -6/5, so
  // BC -> 1 / (-6/5 + 3) = 5/9, the usual bimodality threshold.
  std::vector<double> x(100001);
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = static_cast<double>(i) / 100000.0;
  EXPECT_NEAR(m::bimodality_coefficient(x), 5.0 / 9.0, 1e-4);
  // A random uniform sample agrees within its sampling error (sd of the
  // kurtosis estimate ~ sqrt(0.34 / n) ≈ 0.006 -> BC within ~0.003).
  microcosm::Rng rng(3, "test.bimodality");
  for (double& v : x) v = rng.uniform();
  EXPECT_NEAR(m::bimodality_coefficient(x), 5.0 / 9.0, 0.01);
}

TEST(MetricsOpinion, BimodalityTwoPointSymmetric) {
  // n/2 zeros and n/2 ones: g1 = 0, g2 = -2, which gives
  // BC = (n-2)(n-3) / ((n-1)(n+1)) -> 1 for large n.
  for (std::size_t n : {4u, 10u, 100u}) {
    std::vector<double> x(n, 0.0);
    for (std::size_t i = n / 2; i < n; ++i) x[i] = 1.0;
    const double nd = static_cast<double>(n);
    EXPECT_NEAR(m::bimodality_coefficient(x), (nd - 2) * (nd - 3) / ((nd - 1) * (nd + 1)), 1e-13)
        << n;
  }
  EXPECT_TRUE(std::isnan(m::bimodality_coefficient(std::vector<double>(50, 1.0))));
  EXPECT_TRUE(std::isnan(m::bimodality_coefficient(std::vector<double>{0, 1, 2})));
}

TEST(MetricsOpinion, EstebanRayLimits) {
  // Two equal masses at the ends: normalised to 1, for any alpha.
  const std::vector<double> poles{0, 0, 0, 1, 1, 1};
  EXPECT_NEAR(m::esteban_ray(poles, 0.0, 1.0), 1.0, 1e-12);
  EXPECT_NEAR(m::esteban_ray(poles, 0.0, 1.0, 10, 1.0), 1.0, 1e-12);
  // The MODEL.md convention: 20 bins on [-1, 1], poles at +-1.
  EXPECT_NEAR(m::esteban_ray(std::vector<double>{-1, 1, -1, 1}, -1.0, 1.0, 20, 1.6), 1.0, 1e-12);
  // A single mass: 0.
  EXPECT_DOUBLE_EQ(m::esteban_ray(std::vector<double>{0.32, 0.32, 0.33}, 0.0, 1.0), 0.0);
  EXPECT_TRUE(std::isnan(m::esteban_ray(std::vector<double>{}, 0.0, 1.0)));
}

TEST(MetricsOpinion, EstebanRayThreeBins) {
  // 3 bins on [0, 1] (centres mapped to 0, 1/2, 1), alpha = 1.
  // x -> bins 0, 0, 1, 2: shares (1/2, 1/4, 1/4).
  //   i=0: (1/2)^2 (1/4 * 1/2 + 1/4 * 1)   = 3/32
  //   i=1: (1/4)^2 (1/2 * 1/2 + 1/4 * 1/2) = 3/128
  //   i=2: (1/4)^2 (1/2 * 1   + 1/4 * 1/2) = 5/128
  // sum 5/32, divided by the two-pole value (1/2)^2: 5/8.
  EXPECT_NEAR(m::esteban_ray(std::vector<double>{0.1, 0.1, 0.5, 0.9}, 0.0, 1.0, 3, 1.0), 0.625,
              1e-14);
  // alpha = 0: sum over ordered pairs of s_i s_j |c_i - c_j| (the Gini mean
  // difference of the bins), normalised by the two-pole value 1/2.
  // (0,1/2): 2 * 1/2 * 1/4 * 1/2 = 1/8; (0,1): 2 * 1/2 * 1/4 * 1 = 1/4;
  // (1/2,1): 2 * 1/4 * 1/4 * 1/2 = 1/16; total 7/16, / (1/2) = 7/8.
  EXPECT_NEAR(m::esteban_ray(std::vector<double>{0.1, 0.1, 0.5, 0.9}, 0.0, 1.0, 3, 0.0), 0.875,
              1e-14);
}

TEST(MetricsOpinion, ClustersByGap) {
  const std::vector<double> x{0.9, 0.1, 0.5, 0.1005, 0.9002};
  const auto sizes = m::clusters_by_gap(x, 1e-3);
  EXPECT_EQ(sizes, (std::vector<std::uint32_t>{2, 1, 2}));
  EXPECT_EQ(m::clusters_by_gap(x, 0.5), (std::vector<std::uint32_t>{5}));
  EXPECT_TRUE(m::clusters_by_gap(std::vector<double>{}, 0.1).empty());
  // A gap exactly equal to the threshold joins.
  EXPECT_EQ(m::clusters_by_gap(std::vector<double>{0.0, 0.25, 0.5}, 0.25).size(), 1u);
}

TEST(MetricsOpinion, ClustersByHistogram) {
  // 10 bins on [0, 1]: bins 0, 1, 5, 5, 9, 9 (1.0 is clamped into the last
  // bin) -> runs {0,1}, {5}, {9}.
  const std::vector<double> x{0.05, 0.15, 0.55, 0.56, 0.95, 1.0};
  EXPECT_EQ(m::clusters_by_histogram(x, 0.0, 1.0, 10), (std::vector<std::uint32_t>{2, 2, 2}));
  EXPECT_EQ(m::clusters_by_histogram(x, 0.0, 1.0, 2), (std::vector<std::uint32_t>{6}));
}

TEST(MetricsOpinion, CountMajorAndEffectiveNumber) {
  const std::vector<std::uint32_t> sizes{50, 45, 4, 1};
  EXPECT_EQ(m::count_major(sizes, 100, 0.05), 2u);
  EXPECT_EQ(m::count_major(sizes, 100, 0.01), 4u);
  EXPECT_DOUBLE_EQ(m::effective_number(std::vector<std::uint32_t>{2, 2}), 2.0);
  // (3 + 1)^2 / (9 + 1) = 1.6.
  EXPECT_DOUBLE_EQ(m::effective_number(std::vector<std::uint32_t>{3, 1}), 1.6);
  EXPECT_DOUBLE_EQ(m::effective_number(std::vector<std::uint32_t>{}), 0.0);
}

TEST(MetricsOpinion, MeanPairwiseDistanceExact) {
  // Pairs of (0, 1, 3): 1, 3, 2 -> mean 2.
  EXPECT_DOUBLE_EQ(m::mean_pairwise_distance(std::vector<double>{3, 0, 1}, 100, 1), 2.0);
  EXPECT_DOUBLE_EQ(m::mean_pairwise_distance(std::vector<double>{3}, 100, 1), 0.0);
}

TEST(MetricsOpinion, MeanPairwiseDistanceSampledAgreesWithExact) {
  microcosm::Rng rng(11, "test.pairwise");
  std::vector<double> x(1000);
  for (double& v : x) v = rng.uniform();
  const double exact = m::mean_pairwise_distance(x, 1000 * 999 / 2, 5);
  const double sampled = m::mean_pairwise_distance(x, 200000, 5);
  // |x - y| of uniforms has sd sqrt(1/18) ≈ 0.236: the sampled mean's
  // standard error is 0.236 / sqrt(2e5) ≈ 5.3e-4, so 3e-3 is ~6 sigma.
  EXPECT_NEAR(sampled, exact, 3e-3);
  EXPECT_NEAR(exact, 1.0 / 3.0, 0.02);                          // E|U - V| = 1/3
  EXPECT_EQ(sampled, m::mean_pairwise_distance(x, 200000, 5));  // seeded
}

TEST(MetricsOpinion, MetricBlock) {
  const std::vector<double> x{0.0, 0.0, 1.0, 1.0};
  std::vector<double> out(m::opinion_metric_names().size());
  m::opinion_metrics(x, {}, out);
  EXPECT_DOUBLE_EQ(out[0], 0.5);
  EXPECT_DOUBLE_EQ(out[1], 0.25);
  EXPECT_NEAR(out[2], 2.0 / 15.0, 1e-14);
  EXPECT_NEAR(out[3], 1.0, 1e-12);
  EXPECT_EQ(out[4], 2.0);
  EXPECT_EQ(out[5], 2.0);
  EXPECT_EQ(out[6], 2.0);
}

TEST(MetricsOpinion, OutOfRangeAndNanValues) {
  const double nan = std::nan("");
  const double inf = std::numeric_limits<double>::infinity();
  // Out-of-range values (even infinite) fall into the end bins; NaN is skipped.
  EXPECT_NEAR(m::esteban_ray(std::vector<double>{0.0, nan, 1.0}, 0.0, 1.0), 1.0, 1e-12);
  EXPECT_NEAR(m::esteban_ray(std::vector<double>{-5.0, 7.0}, 0.0, 1.0), 1.0, 1e-12);
  EXPECT_NEAR(m::esteban_ray(std::vector<double>{-inf, inf}, 0.0, 1.0), 1.0, 1e-12);
  EXPECT_TRUE(std::isnan(m::esteban_ray(std::vector<double>{nan}, 0.0, 1.0)));
  EXPECT_EQ(m::clusters_by_histogram(std::vector<double>{nan, 0.05, 1e300}, 0.0, 1.0, 10),
            (std::vector<std::uint32_t>{1, 1}));
  EXPECT_EQ(m::clusters_by_gap(std::vector<double>{nan, 0.1, 0.1}, 1e-3),
            (std::vector<std::uint32_t>{2}));
  EXPECT_TRUE(m::clusters_by_gap(std::vector<double>{nan}, 1e-3).empty());
}

// The leading principal axis and the scores along it
// (metrics/principal_axis.hpp).
TEST(PrincipalAxis, FindsTheLeadingEigenvectorWithAFixedSign) {
  // diag(0.1, 0.5, 0.2): the axis is issue 1.
  auto axis = m::leading_axis(std::vector<double>{0.1, 0, 0, 0, 0.5, 0, 0, 0, 0.2}, 3);
  EXPECT_NEAR(axis.lambda, 0.5, 1e-9);
  EXPECT_NEAR(axis.axis[0], 0.0, 1e-9);
  EXPECT_NEAR(axis.axis[1], 1.0, 1e-9);
  // Rank one, u = (-1, 2, 2) / 3 scaled by 0.9: the sign makes the first
  // entry positive.
  const std::array<double, 3> u = {-1.0 / 3, 2.0 / 3, 2.0 / 3};
  std::vector<double> m(9);
  for (int r = 0; r < 3; ++r) {
    for (int s = 0; s < 3; ++s) m[r * 3 + s] = 0.9 * u[r] * u[s];
  }
  axis = m::leading_axis(m, 3);
  EXPECT_NEAR(axis.lambda, 0.9, 1e-9);
  for (int d = 0; d < 3; ++d) EXPECT_NEAR(axis.axis[d], -u[d], 1e-9);
  // No variance: issue 0 by convention.
  axis = m::leading_axis(std::vector<double>(4, 0.0), 2);
  EXPECT_EQ(axis.lambda, 0.0);
  EXPECT_EQ(axis.axis, (std::vector<double>{1.0, 0.0}));
}

TEST(PrincipalAxis, ScoresMapTheCubeOntoTheUnitInterval) {
  const double c = 1.0 / std::sqrt(3.0);
  const std::vector<double> diagonal = {c, c, c};
  const double corner[3] = {1, 1, 1}, opposite[3] = {-1, -1, -1}, across[3] = {1, -1, 0};
  EXPECT_NEAR(m::axis_score(diagonal, corner), 1.0, 1e-12);
  EXPECT_NEAR(m::axis_score(diagonal, opposite), -1.0, 1e-12);
  EXPECT_NEAR(m::axis_score(diagonal, across), 0.0, 1e-12);
  const std::vector<double> issue0 = {1.0, 0.0, 0.0};
  const double x[3] = {0.37, -0.9, 0.2};
  EXPECT_EQ(m::axis_score(issue0, x), 0.37);
}
