// The antagonist choice of MODEL.md §4.8 (include/microcosm/models/mim/antagonist.hpp).
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace microcosm::mim
