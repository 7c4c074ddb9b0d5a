// communities.ext_reference (docs/ODD.md, option "§4.8 join gain: extremity
// reference"): under engagement ranking the feed drives narratives to the
// corners, and with extremity measured from the mainstream (MODEL.md's
// form) every corner group offers the frustrated the full significance pull
// beta_ext ||z||_inf, so the established groups absorb the joiners. Measured
// against the groups on the platform ("groups"), a corner group among corner
// groups stands out no more than any other, and the joiners spread over
// more, smaller groups. Six seeds at N = 1000, one year, engagement feeds,
// groups - mainstream at T: median size -31.9 [-39.3, -24.5], micro-identities
// +6.3 [+1.5, +11.1] (with 3 seeds the count's interval still straddled 0);
// the test asks that both 95 % intervals (Student t) exclude 0. Since the
// stop-19 audit fixes it runs twelve seeds: with six the count's interval
// straddled 0 (+4.1 [−2.0, +10.2]).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "metric_windows.hpp"
#include "paired_interval.hpp"
#include "small_mim_runs.hpp"

using namespace microcosm;
using stat_test::at_t;

namespace {

MetricSeries run(std::uint64_t seed, const std::string& reference) {
  return stat_test::run_small_mim("extremity reference test", seed, "communities.ext_reference",
                                  "\"" + reference + "\"",
                                  "platforms.mainstream.feed = \"engagement\"\n");
}

}  // namespace

TEST(MimExtremityReference, RelativeExtremitySpreadsJoinersUnderEngagement) {
  std::vector<double> size_diff, count_diff;
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    const MetricSeries mainstream = run(seed, "mainstream");
    const MetricSeries groups = run(seed, "groups");
    size_diff.push_back(at_t(groups, "size_median") - at_t(mainstream, "size_median"));
    count_diff.push_back(at_t(groups, "micro_identities") - at_t(mainstream, "micro_identities"));
  }
  const stat_test::Interval size = stat_test::mean_ci(size_diff);
  const stat_test::Interval count = stat_test::mean_ci(count_diff);
  EXPECT_LT(size.hi, 0.0) << "median size, groups - mainstream: " << size.mean << " [" << size.lo << ", "
                          << size.hi << "]";
  EXPECT_GT(count.lo, 0.0) << "micro-identities, groups - mainstream: " << count.mean << " [" << count.lo
                           << ", " << count.hi << "]";
}
