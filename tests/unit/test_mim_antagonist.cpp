// The antagonist choice of MODEL.md §4.8 (include/microcosm/models/mim/antagonist.hpp).
#include <gtest/gtest.h>

#include <algorithm>

#include "microcosm/models/mim/antagonist.hpp"

namespace microcosm::mim {
namespace {

TEST(MimAntagonist, NothingWithinTheRejectionDistanceIsAnAntagonist) {
  AntagonistChoice choice(0.5);
  choice.offer_mainstream(300.0, 0.49);
  choice.offer(3, 1000.0, 0.2);
  EXPECT_EQ(choice.chosen(), kNoCommunity);
}

TEST(MimAntagonist, ADistantMainstreamIsTheAntagonistEvenUnread) {
  AntagonistChoice choice(0.5);
  choice.offer_mainstream(0.0, 0.8);
  EXPECT_EQ(choice.chosen(), kMainstreamAntagonist);
  choice.offer(7, 0.5, 0.6);  // any read community beyond the distance outscores it
  EXPECT_EQ(choice.chosen(), 7u);
}

// Both exposures are member-days in 30 days: 40 members each reading the
// mainstream every day (1200 member-days) outweigh a community that 10 of
// them saw every day (a decayed count near 300), at equal distance. Scaled to
// member-days per day, as before stop 19, the mainstream (40) lost.
TEST(MimAntagonist, MainstreamAndCommunitiesAreWeighedInTheSameUnit) {
  AntagonistChoice choice(0.5);
  choice.offer_mainstream(1200.0, 0.9);
  choice.offer(2, 300.0, 0.9);
  EXPECT_EQ(choice.chosen(), kMainstreamAntagonist);
}

TEST(MimAntagonist, ExposureTimesDistanceDecidesAndTiesKeepTheFirst) {
  AntagonistChoice choice(0.3);
  choice.offer_mainstream(10.0, 0.2);  // too close
  choice.offer(1, 100.0, 0.4);         // 40
  choice.offer(2, 50.0, 0.9);          // 45: farther wins over more seen
  choice.offer(3, 90.0, 0.5);          // 45: a tie keeps community 2
  EXPECT_EQ(choice.chosen(), 2u);
}

// The exposure list is a space-saving counter: a newcomer inherits the
// evicted minimum, so a run of one-off sightings cannot push out a community
// members see every day. Until stop 20 a newcomer started at 0 + 1 and
// the next newcomer evicted it straight away.
TEST(MimExposureList, ANewcomerInheritsTheEvictedWeight) {
  ExposureList list;
  clear_exposure(list);
  for (CommunityId h = 0; h < 8; ++h) {
    for (CommunityId k = 0; k <= h; ++k) note_exposure(list, h);  // weights 1..8
  }
  note_exposure(list, 100);  // evicts community 0 (weight 1), takes 1 + 1
  note_exposure(list, 101);  // the minimum is now community 1 or 100 (both 2)
  float w100 = -1.0f, w101 = -1.0f;
  int kept = 0;
  for (const Exposure& e : list) {
    if (e.id == 100) w100 = e.weight;
    if (e.id == 101) w101 = e.weight;
    kept += e.id != kNoCommunity && e.id >= 2 && e.id < 8;
  }
  EXPECT_EQ(w101, 3.0f);
  EXPECT_EQ(kept, 6);  // communities 2..7 stay
  EXPECT_TRUE(w100 == 2.0f || w100 < 0.0f);
}

TEST(MimExposureList, RepeatedSightingsAccumulate) {
  ExposureList list;
  clear_exposure(list);
  for (int k = 0; k < 5; ++k) note_exposure(list, 42);
  const auto it = std::find_if(list.begin(), list.end(), [](const Exposure& e) { return e.id == 42; });
  ASSERT_NE(it, list.end());
  EXPECT_EQ(it->weight, 5.0f);
}

}  // namespace
}  // namespace microcosm::mim
