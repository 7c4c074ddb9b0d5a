// MODEL.md §7 facts read from the agents' and communities' tables of the
// baseline runs (N = 1000, 730 days, seeds 1–4; snapshots at days 365, 545
// and 730):
// - fact 10: people who first join a community in [365, 455) gain more
//   belonging by day 545 than people who never joined, matched on frustration
//   at day 365 (deciles), as scripts/validate_facts.py measures it (seeds 1–4:
//   +0.022 to +0.033 per seed). Fact 10's second measure, fewer lonely days,
//   rests on 11–31 joiners per seed here (-34 to +13 days, seeds 1–8 at
//   stop 20) and is left to the full protocol (N = 10^4);
// - fact 5's lower end: the 10th percentile of micro-identity sizes (alive
//   communities of at least 5 members) is at least 10. At N = 1000 a seed has
//   19–26 micro-identities, so its own 10th percentile rests on two or three
//   groups (10.0–31.0 in seeds 1–4); the test pools the four seeds' sizes.
//   The full protocol applies it per seed at N = 2·10^4 (about 500
//   micro-identities each). The upper end (99th percentile ≥ 5 % of N,
//   max/median ≥ 30) is not met at any size (docs/validation.md, fact 5).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <numeric>
#include <vector>

#include "mim_fact_runs.hpp"
#include "paired_interval.hpp"

using namespace microcosm;
using stat_test::Interval;
using stat_test::mean_ci;
using stat_test::snapshot_at;
using stat_test::table_column;

namespace {

constexpr int kSeeds = 4;

// Joiners' belonging gain minus matched never-joiners', weighted by the
// joiners in each frustration decile (deciles without both are skipped).
double joiner_belonging_gain(const RunResult& r) {
  const AgentTable& a0 = snapshot_at(r, 365).agents;
  const AgentTable& a1 = snapshot_at(r, 545).agents;
  const auto& accounts = table_column(a0, "disinformation");
  const auto& joined0 = table_column(a0, "first_joined");
  const auto& joined1 = table_column(a1, "first_joined");
  const auto& frustration = table_column(a0, "frustration");
  const auto& b0 = table_column(a0, "belonging");
  const auto& b1 = table_column(a1, "belonging");

  std::vector<std::size_t> people;
  for (std::size_t i = 0; i < accounts.size(); ++i) {
    if (accounts[i] == 0.0) people.push_back(i);
  }
  std::sort(people.begin(), people.end(),
            [&](std::size_t x, std::size_t y) { return frustration[x] < frustration[y]; });
  constexpr int kBins = 10;
  std::vector<double> j_sum(kBins, 0.0), c_sum(kBins, 0.0);
  std::vector<int> j_n(kBins, 0), c_n(kBins, 0);
  for (std::size_t rank = 0; rank < people.size(); ++rank) {
    const std::size_t i = people[rank];
    const auto bin = static_cast<int>(kBins * rank / people.size());
    const double gain = b1[i] - b0[i];
    if (joined0[i] < 0 && joined1[i] >= 365 && joined1[i] < 455) {
      j_sum[bin] += gain;
      ++j_n[bin];
    } else if (joined1[i] < 0) {
      c_sum[bin] += gain;
      ++c_n[bin];
    }
  }
  double weighted = 0.0, weight = 0.0;
  for (int b = 0; b < kBins; ++b) {
    if (j_n[b] == 0 || c_n[b] == 0) continue;
    weighted += j_n[b] * (j_sum[b] / j_n[b] - c_sum[b] / c_n[b]);
    weight += j_n[b];
  }
  return weight > 0.0 ? weighted / weight : NAN;
}

// numpy's default (linear) percentile.
double percentile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  const double pos = q / 100.0 * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  const std::size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (pos - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

}  // namespace

TEST(MimFacts, Fact10JoinersGainBelonging) {
  std::vector<double> gain;
  for (int s = 0; s < kSeeds; ++s) {
    gain.push_back(joiner_belonging_gain(stat_test::baseline_run(static_cast<std::uint64_t>(s + 1))));
    std::printf("[fact 10] seed %d: joiners - matched never-joiners, belonging gained %+.4f\n", s + 1,
                gain.back());
    ASSERT_FALSE(std::isnan(gain.back())) << "seed " << s + 1 << ": no joiners to compare";
  }
  const Interval ci = mean_ci(gain);
  std::printf("[fact 10] belonging gained %+.4f [%+.4f, %+.4f]\n", ci.mean, ci.lo, ci.hi);
  EXPECT_GT(ci.lo, 0.0);
}

TEST(MimFacts, Fact5SmallestMicroIdentitiesHaveTenMembers) {
  std::vector<double> pooled;
  for (int s = 0; s < kSeeds; ++s) {
    const RunResult& run = stat_test::baseline_run(static_cast<std::uint64_t>(s + 1));
    const AgentTable& c = snapshot_at(run, 730).communities;
    const auto& alive = table_column(c, "alive");
    const auto& members = table_column(c, "members");
    std::vector<double> sizes;
    for (std::size_t g = 0; g < alive.size(); ++g) {
      if (alive[g] == 1.0 && members[g] >= 5.0) sizes.push_back(members[g]);
    }
    ASSERT_GE(sizes.size(), 3U) << "seed " << s + 1 << ": fewer than 3 micro-identities";
    std::printf("[fact 5] seed %d: %zu micro-identities, 10th percentile %.1f\n", s + 1, sizes.size(),
                percentile(sizes, 10.0));
    pooled.insert(pooled.end(), sizes.begin(), sizes.end());
  }
  const double p10 = percentile(pooled, 10.0);
  std::printf("[fact 5] %zu micro-identities of %d seeds, 10th percentile %.1f\n", pooled.size(), kSeeds,
              p10);
  EXPECT_GE(p10, 10.0);
}
