// MODEL.md §7 stylised facts of the micro-identity model at a test-suite size
// (N = 1000, 730 days, 4 seeds unless a test says otherwise; the full
// protocol, N = 10^4 and 20 seeds, is `make validate-facts` /
// scripts/validate_facts.py). Values "at T" are means over the last 30 days;
// paired differences share seeds (twins), and a fact passes when the 95 %
// confidence interval (Student t, seeds − 1 degrees of freedom) lies beyond
// the stated minimum effect — the protocol of §7, with the wider intervals a
// smaller society gives.
//
// Only the facts the defaults reproduce are tested; docs/validation.md reports
// every fact, including those that fail, with the evidence. Facts 5 and 10
// (tables of agents and communities) and fact 7 (interventions) have files
// of their own; fact 8 is test_mim_reduction.cpp.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "microcosm/engine/simulation.hpp"
#include "metric_windows.hpp"
#include "mim_fact_runs.hpp"
#include "paired_interval.hpp"

using namespace microcosm;
using stat_test::Interval;
using stat_test::mean_ci;
using stat_test::at_t;
using stat_test::window;

namespace {

constexpr int kSeeds = 4;

MetricSeries run(const std::string& scenario, std::uint64_t seed) {
  return stat_test::run_fact_scenario(scenario, seed).metrics;
}

// The baseline runs are shared by several facts.
const MetricSeries& baseline(int s) {
  return stat_test::baseline_run(static_cast<std::uint64_t>(s + 1)).metrics;
}

}  // namespace

// Fact 0: no degenerate regime at the defaults — no consensus, needs not
// pinned, positions not pinned at the edge, a minority affiliated, and
// communities still being founded in the second year.
TEST(MimFacts, Fact0NoDegenerateRegime) {
  for (int s = 0; s < kSeeds; ++s) {
    const MetricSeries& m = baseline(s);
    const double var = at_t(m, "x0_variance");
    const double pinned = at_t(m, "needs_pinned_share");
    const double extreme = at_t(m, "extreme_share");
    const double affiliated = at_t(m, "affiliated_share");
    // `births` is cumulative: the second year's births are its growth.
    const double births_year2 = m.column("births").back() - window(m, "births", 365, 365);
    std::printf("[fact 0] seed %d: variance %.3f, pinned needs %.4f, extreme %.4f, affiliated %.3f, "
                "births in year 2 %.0f\n",
                s + 1, var, pinned, extreme, affiliated, births_year2);
    EXPECT_GE(var, 0.05) << "seed " << s + 1 << ": collapse to consensus";
    EXPECT_LT(pinned, 0.05) << "seed " << s + 1;
    EXPECT_LT(extreme, 0.05) << "seed " << s + 1;
    EXPECT_GE(affiliated, 0.15) << "seed " << s + 1;
    EXPECT_LE(affiliated, 0.6) << "seed " << s + 1;
    EXPECT_GT(births_year2, 0.0) << "seed " << s + 1 << ": founding stopped after the first year";
  }
}

// Fact 6: issues align — adjusted alignment at T exceeds its start by ≥ 0.05.
TEST(MimFacts, Fact6AlignmentRises) {
  std::vector<double> rise;
  for (int s = 0; s < kSeeds; ++s) {
    const MetricSeries& m = baseline(s);
    rise.push_back(at_t(m, "alignment_adjusted") - m.column("alignment_adjusted").front());
  }
  const Interval ci = mean_ci(rise);
  std::printf("[fact 6] alignment rise %+.3f [%+.3f, %+.3f]\n", ci.mean, ci.lo, ci.hi);
  EXPECT_GT(ci.lo, 0.05);
}

// Facts 0 and 2 under engagement ranking (the engagement scenario against its
// chronological twin: feeds ranked by engagement, growing communities
// recommended). Six checks:
// - the ranking serves more items within the reader's latitude in days
//   10–30 (agreeable_read_share), in every seed;
// - calibration of the ranking's filter: in days 10–30, before opinions have
//   moved far, engagement feeds carry fewer cross-cutting reads than
//   chronological ones, but only by a modest share — Bakshy et al. (2015)
//   measured about 15 % less cross-cutting content due to ranking on
//   Facebook; the band [5 %, 30 %] allows the noise of N = 1000 and the
//   model's read-based measure (N = 2000, 8 seeds: 18 %; γ_eng = 2, MODEL.md's
//   value, cut it by 37 % and collapsed opinions to one cluster);
// - no collapse to consensus under engagement (fact 0 in every seed);
// - the echo-chamber index of the reading graph rises (fact 2; its +0.05
//   minimum and fact 1's closed-share rise of +0.2 need the 20 seeds of
//   `make validate-facts`: there +0.14 [+0.11, +0.17] and +0.34
//   [+0.30, +0.38]; with 4 seeds at N = 1000 one seed's closed-share rise is
//   +0.05 and the interval spans 0);
// - the follow graph's echo index and modularity by identity do not fall;
// - more micro-identities, by at least MODEL.md's +10 % (the 4 seeds here:
//   +70 % [+43 %, +97 %]; with the recommendation by size MODEL.md gives,
//   the count falls, −21 % over 20 seeds at N = 10^4).
TEST(MimFacts, Facts0And2EngagementSortsWithoutConsensus) {
  std::vector<double> exposure_rise, follow_echo_change, follow_modularity_change, micro_change;
  for (int s = 0; s < kSeeds; ++s) {
    const MetricSeries& chron = baseline(s);
    const MetricSeries eng = run("engagement.toml", static_cast<std::uint64_t>(s + 1));
    const double cut = 1.0 - window(eng, "cross_cutting_share", 10, 30) /
                                 window(chron, "cross_cutting_share", 10, 30);
    // The ranking's similarity factor (1 - d)^gamma serves more items within
    // the reader's latitude than arrival order does (N = 2000, 3 seeds,
    // days 0-30: 0.18 against 0.14; the N = 1000 seeds here: printed).
    const double agreeable_gain = window(eng, "agreeable_read_share", 10, 30) -
                                  window(chron, "agreeable_read_share", 10, 30);
    EXPECT_GT(agreeable_gain, 0.0) << "seed " << s + 1 << ": ranking serves no more agreeable items";
    const double var = at_t(eng, "x0_variance");
    exposure_rise.push_back(at_t(eng, "echo_chamber_exposure") - at_t(chron, "echo_chamber_exposure"));
    follow_echo_change.push_back(at_t(eng, "echo_chamber") - at_t(chron, "echo_chamber"));
    follow_modularity_change.push_back(at_t(eng, "modularity_identity") - at_t(chron, "modularity_identity"));
    micro_change.push_back(at_t(eng, "micro_identities") / at_t(chron, "micro_identities") - 1.0);
    std::printf("[facts 0-2, engagement] seed %d: cross-cutting cut in days 10-30 %.3f, agreeable reads "
                "%+.3f, variance %.3f, exposure echo rise %+.3f, micro-identities %+.0f %%\n",
                s + 1, cut, agreeable_gain, var, exposure_rise.back(), 100.0 * micro_change.back());
    EXPECT_GE(cut, 0.05) << "seed " << s + 1 << ": ranking does not filter";
    EXPECT_LE(cut, 0.30) << "seed " << s + 1 << ": ranking filters far more than measured on platforms";
    EXPECT_GE(var, 0.05) << "seed " << s + 1 << ": engagement ranking collapses to consensus";
  }
  const Interval exposure = mean_ci(exposure_rise);
  std::printf("[fact 2] exposure echo rise %+.3f [%+.3f, %+.3f]\n", exposure.mean, exposure.lo, exposure.hi);
  EXPECT_GT(exposure.lo, 0.0);
  // Fact 2: more micro-identities (at least +10 %) under the engagement
  // platform, whose recommendation promotes growing communities.
  const Interval micro = mean_ci(micro_change);
  std::printf("[fact 2] micro-identities %+.3f [%+.3f, %+.3f]\n", micro.mean, micro.lo, micro.hi);
  EXPECT_GT(micro.lo, 0.10) << "the engagement platform does not fragment into more micro-identities";
  // Fact 2 also asks that the follow graph's indices do not fall: the
  // protocol's reading, an interval not wholly below 0 (the 4 seeds here:
  // echo index +0.093 [+0.048, +0.139], modularity by identity +0.038
  // [-0.011, +0.087]).
  const Interval follow_echo = mean_ci(follow_echo_change);
  const Interval follow_mod = mean_ci(follow_modularity_change);
  std::printf("[fact 2] follow graph: echo index %+.3f [%+.3f, %+.3f], modularity by identity %+.3f "
              "[%+.3f, %+.3f]\n",
              follow_echo.mean, follow_echo.lo, follow_echo.hi, follow_mod.mean, follow_mod.lo,
              follow_mod.hi);
  EXPECT_GT(follow_echo.hi, 0.0) << "engagement ranking un-sorts the follow graph";
  EXPECT_GT(follow_mod.hi, 0.0) << "engagement ranking un-sorts the follow graph by identity";
}

// Fact 3, during the lockdown [365, 455) against its twin without one: the
// belonging people draw from communities (the community term of the
// belonging input, §4.6) rises by ≥ +0.02 while total belonging falls, the
// lost offline contact outweighing it. Full protocol (N = 10^4, 20 seeds):
// `make validate-facts`. At N = 1000 one seed's paired difference ranges
// 0.018–0.026 (seeds 1–4: +0.023 [+0.017, +0.029]) and the 4-seed
// interval's half-width is about 0.007, so its lower end is held to half the
// minimum, +0.01: a lockdown that drew no belonging from communities fails
// it.
TEST(MimFacts, Fact3LockdownDrawsBelongingFromCommunities) {
  std::vector<double> from_groups, total;
  for (int s = 0; s < kSeeds; ++s) {
    const MetricSeries& none = baseline(s);
    const MetricSeries lock = run("lockdown.toml", static_cast<std::uint64_t>(s + 1));
    from_groups.push_back(window(lock, "belonging_from_communities", 365, 455) -
                          window(none, "belonging_from_communities", 365, 455));
    total.push_back(window(lock, "belonging", 365, 455) - window(none, "belonging", 365, 455));
    std::printf("[fact 3] seed %d: belonging from communities %+.4f, total belonging %+.4f\n", s + 1,
                from_groups.back(), total.back());
  }
  const Interval rise = mean_ci(from_groups);
  const Interval fall = mean_ci(total);
  std::printf("[fact 3] from communities %+.4f [%+.4f, %+.4f], total %+.4f [%+.4f, %+.4f]\n", rise.mean,
              rise.lo, rise.hi, fall.mean, fall.lo, fall.hi);
  EXPECT_GT(rise.lo, 0.01);
  EXPECT_LT(fall.hi, 0.0);
}

// Fact 3, after the lockdown (days 485–635) against its twin without one:
// hostility stays higher once contact across identities returns. MODEL.md's
// minimum is +0.02; the full protocol gives +0.029 [+0.025, +0.033]
// (docs/validation.md). At N = 1000 one seed's paired difference ranges
// 0.013–0.046 (seeds 1–8: +0.030 [+0.019, +0.041]), so this test takes 8
// seeds (7 degrees of freedom) and holds the interval's lower end to half
// the minimum, +0.01: a lockdown whose lost contact left no lasting
// hostility fails it.
TEST(MimFacts, Fact3HostilityOutlastsTheLockdown) {
  constexpr int kAfterSeeds = 8;
  std::vector<double> after;
  for (int s = 0; s < kAfterSeeds; ++s) {
    const MetricSeries& none = baseline(s);
    const MetricSeries lock = run("lockdown.toml", static_cast<std::uint64_t>(s + 1));
    after.push_back(window(lock, "hostility", 485, 635) - window(none, "hostility", 485, 635));
    std::printf("[fact 3] seed %d: hostility after %+.4f\n", s + 1, after.back());
  }
  const Interval ci = mean_ci(after);
  std::printf("[fact 3] hostility after %+.4f [%+.4f, %+.4f]\n", ci.mean, ci.lo, ci.hi);
  EXPECT_GT(ci.lo, 0.01);
}
