// The centre that splits partisan reads into sides (fact 1): the median of
// dimension 0, exact for small populations, from a fixed stride for large.
#include <gtest/gtest.h>

#include <vector>

#include "microcosm/models/mim/partisan_sides.hpp"

using microcosm::mim::kSideSample;
using microcosm::mim::partisan_center;

TEST(MimPartisanSides, CentreIsTheMedianOfDimensionZero) {
  std::vector<double> scratch;
  // Three people in D = 2: x_0 = 0.4, -0.2, 0.9 (dimension 1 is ignored).
  const std::vector<double> x = {0.4, -1.0, -0.2, 1.0, 0.9, 0.0};
  EXPECT_DOUBLE_EQ(partisan_center(x, 2, 3, scratch), 0.4);
  // A population shifted to the right: the centre moves with it, so
  // centrists are not counted as one side's partisans.
  const std::vector<double> shifted = {0.15, 0.2, 0.25, 0.3, 0.35};
  EXPECT_DOUBLE_EQ(partisan_center(shifted, 1, 5, scratch), 0.25);
  // Even count: the upper of the two middle values.
  EXPECT_DOUBLE_EQ(partisan_center(std::vector<double>{-0.5, 0.5}, 1, 2, scratch), 0.5);
  EXPECT_DOUBLE_EQ(partisan_center(std::vector<double>{}, 3, 0, scratch), 0.0);
}

TEST(MimPartisanSides, LargePopulationsUseAFixedStride) {
  // 4 * kSideSample people in D = 1 with x_0 = i / n: the stride-4 sample
  // holds every fourth value, whose upper median is 2 * kSideSample / n = 0.5.
  const std::size_t n = 4 * kSideSample;
  std::vector<double> x(n);
  for (std::size_t i = 0; i < n; ++i) x[i] = static_cast<double>(i) / static_cast<double>(n);
  std::vector<double> scratch;
  EXPECT_DOUBLE_EQ(partisan_center(x, 1, n, scratch), 0.5);
  EXPECT_EQ(scratch.size(), kSideSample);
}
