// The rewiring memory of MODEL.md §4.9 (include/microcosm/models/mim/rejection_memory.hpp):
// followees rejected in the last 30 steps stay candidates for unfollowing.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <vector>

#include "microcosm/models/mim/rejection_memory.hpp"

namespace microcosm::mim {
namespace {

struct Slots {
  std::array<NodeId, kRejectedMemory> who;
  std::array<std::uint32_t, kRejectedMemory> when{};
  Slots() { who.fill(kNoRejected); }
  RejectionMemory memory() { return {who, when}; }
  std::vector<NodeId> recent(std::uint32_t t) {
    std::array<NodeId, kRejectedMemory> out{};
    const int m = memory().recent(t, 30, out);
    return {out.begin(), out.begin() + m};
  }
};

TEST(MimRejectionMemory, EmptyMemoryOffersNothing) {
  Slots s;
  EXPECT_TRUE(s.recent(0).empty());
  EXPECT_TRUE(s.recent(500).empty());
}

// Before stop 20 only the last rejection of the same step counted; a followee
// rejected 29 steps ago is still a candidate, one rejected 30 steps ago is not.
TEST(MimRejectionMemory, ARejectionCountsForThirtySteps) {
  Slots s;
  s.memory().note(7, 100);
  EXPECT_EQ(s.recent(100), std::vector<NodeId>{7});
  EXPECT_EQ(s.recent(129), std::vector<NodeId>{7});
  EXPECT_TRUE(s.recent(130).empty());
}

TEST(MimRejectionMemory, StepZeroIsARealStep) {
  Slots s;
  s.memory().note(3, 0);
  EXPECT_EQ(s.recent(0), std::vector<NodeId>{3});
  EXPECT_EQ(s.recent(29), std::vector<NodeId>{3});
  EXPECT_TRUE(s.recent(30).empty());
}

TEST(MimRejectionMemory, ARepeatedRejectionRefreshesItsSlot) {
  Slots s;
  s.memory().note(7, 10);
  s.memory().note(7, 35);
  EXPECT_EQ(s.recent(60), std::vector<NodeId>{7});
  EXPECT_TRUE(s.recent(65).empty());
  std::array<NodeId, kRejectedMemory> out{};
  EXPECT_EQ(s.memory().recent(35, 30, out), 1);  // one slot, not two
}

TEST(MimRejectionMemory, AFullMemoryForgetsTheOldestRejection) {
  Slots s;
  for (NodeId j = 0; j < kRejectedMemory; ++j) s.memory().note(j, 10 + j);
  s.memory().note(99, 20);
  std::vector<NodeId> got = s.recent(20);
  ASSERT_EQ(got.size(), static_cast<std::size_t>(kRejectedMemory));
  EXPECT_EQ(std::count(got.begin(), got.end(), NodeId{0}), 0);  // rejected first, forgotten
  EXPECT_EQ(std::count(got.begin(), got.end(), NodeId{99}), 1);
}

TEST(MimRejectionMemory, ForgetRemovesAnUnfollowedFollowee) {
  Slots s;
  s.memory().note(4, 5);
  s.memory().note(8, 6);
  s.memory().forget(4);
  EXPECT_EQ(s.recent(6), std::vector<NodeId>{8});
  s.memory().note(9, 7);  // the freed slot is reused before any other
  EXPECT_EQ(s.recent(7).size(), 2u);
}

}  // namespace
}  // namespace microcosm::mim
