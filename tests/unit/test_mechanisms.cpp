// The influence rules shared by the classic models and the micro-identity
// model (include/microcosm/models/mechanisms/): their published forms, so a
// change to one of them shows up here and not only as a golden-file diff.
#include <gtest/gtest.h>

#include <array>
#include <cmath>

#include "microcosm/models/mechanisms/algorithmic_bias.hpp"
#include "microcosm/models/mechanisms/bounded_confidence.hpp"

using namespace microcosm::mechanisms;

// Deffuant et al. (2000) interact below the bound, Hegselmann & Krause
// (2002) and MODEL.md §4.4 at it as well; elsewhere the two agree.
TEST(BoundedConfidence, OpenAndClosedBoundsDifferOnlyAtTheBound) {
  EXPECT_FALSE(within_confidence<Bound::Open>(0.2, 0.2));
  EXPECT_TRUE(within_confidence<Bound::Closed>(0.2, 0.2));
  for (double d : {0.0, 0.1, 0.199999, 0.200001, 0.5, 2.0}) {
    EXPECT_EQ(within_confidence<Bound::Open>(d, 0.2), within_confidence<Bound::Closed>(d, 0.2)) << d;
  }
  EXPECT_TRUE(within_confidence<Bound::Open>(0.1, 0.2));
  EXPECT_FALSE(within_confidence<Bound::Closed>(0.3, 0.2));
}

// The pair update moves both from their old values: the sum is kept, and
// mu = 1/2 meets halfway.
TEST(BoundedConfidence, ExchangeMovesBothFromTheirOldValues) {
  double xi = 0.1, xj = 0.7;
  const double delta = exchange(xi, xj, 0.25);
  EXPECT_DOUBLE_EQ(delta, 0.25 * 0.6);
  EXPECT_DOUBLE_EQ(xi, 0.1 + 0.15);
  EXPECT_DOUBLE_EQ(xj, 0.7 - 0.15);
  EXPECT_NEAR(xi + xj, 0.8, 1e-15);
  double a = -0.5, b = 0.25;
  exchange(a, b, 0.5);
  EXPECT_DOUBLE_EQ(a, b);
  EXPECT_DOUBLE_EQ(a, -0.125);
  // What the exchange applies to i is the pull of j on i.
  double c = 0.3, e = -0.6;
  const double pulled = pull(c, e, 0.1);
  EXPECT_DOUBLE_EQ(exchange(c, e, 0.1), pulled);
}

// One-sided assimilation moves only the reader, by mu of the gap in each
// dimension; an item held in single precision counts at its float value.
TEST(BoundedConfidence, AssimilationMovesTheReaderByMuOfTheGap) {
  std::array<double, 3> x = {0.0, 0.5, -1.0};
  const std::array<double, 3> y = {1.0, 0.5, 0.0};
  assimilate(x.data(), y.data(), 3, 0.2);
  EXPECT_DOUBLE_EQ(x[0], 0.2);
  EXPECT_DOUBLE_EQ(x[1], 0.5);
  EXPECT_DOUBLE_EQ(x[2], -0.8);
  assimilate(x.data(), y.data(), 3, 0.0);
  EXPECT_DOUBLE_EQ(x[0], 0.2);
  assimilate(x.data(), y.data(), 3, 1.0);
  EXPECT_DOUBLE_EQ(x[2], 0.0);
  std::array<double, 1> z = {0.0};
  const std::array<float, 1> item = {0.1f};
  assimilate(z.data(), item.data(), 1, 1.0);
  EXPECT_EQ(z[0], static_cast<double>(0.1f));
  EXPECT_NE(z[0], 0.1);
  // Only the given dimensions move.
  std::array<double, 2> w = {0.0, 0.0};
  const std::array<double, 2> target = {1.0, 1.0};
  assimilate(w.data(), target.data(), 1, 0.5);
  EXPECT_DOUBLE_EQ(w[1], 0.0);
}

// Sîrbu et al. (2019): weight max(d, floor)^-gamma; gamma = 0 is no bias.
TEST(AlgorithmicBias, WeightFallsAsAPowerOfDistanceAboveTheFloor) {
  EXPECT_DOUBLE_EQ(algorithmic_bias_weight(0.3, 0.0, 1e-5), 1.0);
  EXPECT_DOUBLE_EQ(algorithmic_bias_weight(0.5, 1.0, 1e-5), 2.0);
  EXPECT_NEAR(algorithmic_bias_weight(0.4, 1.5, 1e-5) / algorithmic_bias_weight(0.2, 1.5, 1e-5),
              std::pow(2.0, -1.5), 1e-12);
  // Below the floor every distance weighs as the floor, identical agents included.
  EXPECT_DOUBLE_EQ(algorithmic_bias_weight(0.0, 2.0, 1e-3), 1e6);
  EXPECT_DOUBLE_EQ(algorithmic_bias_weight(1e-4, 2.0, 1e-3), algorithmic_bias_weight(0.0, 2.0, 1e-3));
  EXPECT_DOUBLE_EQ(algorithmic_bias_weight(0.0, 1.0, kPersonalizedDistanceFloor), 1e5);
}
