// HugePageAllocator / HugeVector: large blocks are 2 MiB aligned where the
// huge-page path is taken, every block honours its element alignment, and
// contents survive growth, copies and moves across the size threshold.
#include <gtest/gtest.h>

#include <cstdint>
#include <numeric>
#include <utility>

#include "microcosm/core/huge_pages.hpp"

using namespace microcosm;

namespace {

std::uintptr_t address(const void* p) { return reinterpret_cast<std::uintptr_t>(p); }

struct alignas(64) Line {
  std::uint32_t value = 0;
};

}  // namespace

TEST(HugePages, LargeBlocksAreHugePageAligned) {
  const std::size_t n = kHugePageMinBytes / sizeof(double) + 12345;  // not a whole huge page
  HugeVector<double> v(n, 1.5);
  ASSERT_EQ(v.size(), n);
  if (huge_pages_requested(n * sizeof(double))) {
    EXPECT_EQ(address(v.data()) % kHugePageBytes, 0u);
  }
  EXPECT_EQ(v.front(), 1.5);
  EXPECT_EQ(v.back(), 1.5);  // the partial last huge page is mapped
}

TEST(HugePages, SmallBlocksUseTheOrdinaryAllocator) {
  EXPECT_FALSE(huge_pages_requested(kHugePageMinBytes - 1));
  HugeVector<std::uint8_t> v(1000, 7);
  EXPECT_EQ(v[999], 7);
}

TEST(HugePages, OverAlignedElementsKeepTheirAlignment) {
  HugeVector<Line> small(3);
  EXPECT_EQ(address(small.data()) % alignof(Line), 0u);
  HugeVector<Line> large(kHugePageMinBytes / sizeof(Line) + 1);
  EXPECT_EQ(address(large.data()) % alignof(Line), 0u);
}

TEST(HugePages, ContentsSurviveGrowthCopiesAndMoves) {
  HugeVector<std::uint32_t> v;
  const std::size_t n = 3 * kHugePageMinBytes / sizeof(std::uint32_t);
  for (std::size_t k = 0; k < n; ++k) v.push_back(static_cast<std::uint32_t>(k));  // crosses the threshold
  ASSERT_EQ(v.size(), n);
  HugeVector<std::uint32_t> copy = v;
  HugeVector<std::uint32_t> moved = std::move(v);
  for (std::size_t k = 0; k < n; k += 4099) {
    ASSERT_EQ(copy[k], k);
    ASSERT_EQ(moved[k], k);
  }
  copy.resize(10);
  copy.shrink_to_fit();  // large block freed, small one allocated
  EXPECT_EQ(std::accumulate(copy.begin(), copy.end(), 0u), 45u);
  moved.clear();
  moved.shrink_to_fit();
  EXPECT_TRUE(moved.empty());
}
