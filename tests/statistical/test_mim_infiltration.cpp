// Infiltration radicalises narratives (MODEL.md §2 "may join communities",
// src/models/mim/phase_infiltration.cpp): a disinformation campaign whose
// accounts join communities pulls the narratives of the communities they
// infiltrate toward their extreme positions, compared with its paired twin
// in which the same campaign only posts publicly (infiltrate = 0).
//
// Protocol: N = 1000, a campaign of 50 accounts (defaults: 5 items a day at
// ||y||_inf = 0.9, infiltrate = 0.1 a day, member_u = 0.5) over days
// [150, 300), targeting everyone. Twins share every random stream and are
// identical until day 150, so the communities alive on day 149 carry the same
// ids in both. For each seed: the communities alive on day 149 that hold an
// account at some snapshot of the window (every 10 days), and the mean over
// snapshots (both twins alive) of the paired difference in their narrative's
// extremity, measured as the salience-weighted RMS position
// e(z) = sqrt(sum_d s_d z_d^2 / sum_d s_d) (twice d(z, y_M) of §4.1: 0 at
// the mainstream, 0.9 at the accounts' corners). Time-averaging matters:
// by the end of a long window group polarization (§4.8 pi_pol, pi_opp)
// drives most narratives near a corner in both twins, so a difference in
// speed shows during the window, not at its end.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "microcosm/engine/simulation.hpp"
#include "microcosm/io/scenario.hpp"
#include "paired_interval.hpp"

using namespace microcosm;

namespace {

constexpr int kSeeds = 12;
constexpr int kStart = 150, kEnd = 300, kEvery = 10;

std::vector<Snapshot> run(std::uint64_t seed, double infiltrate) {
  std::string snaps;
  for (int t = kStart - 1; t < kEnd; t += kEvery) snaps += fmt::format("{}{}", snaps.empty() ? "" : ", ", t);
  const std::string text = fmt::format(
      "[simulation]\nmodel = \"mim\"\nsteps = {}\nseed = {}\nrecord_every = 50\n"
      "stop_when_converged = false\n[network]\nkind = \"mean_field\"\nn = 1\n"
      "[model]\npopulation = 1000\n"
      "[[events]]\ntype = \"disinformation_campaign\"\nstart = {}\nend = {}\naccounts = 50\n"
      "target = \"all\"\ninfiltrate = {}\n"
      "[output]\nsnapshot_steps = [{}]\n",
      kEnd, seed, kStart, kEnd, infiltrate, snaps);
  Simulation sim(parse_scenario(text, "infiltration.toml", "."));
  return sim.run().snapshots;
}

const std::vector<double>& column(const AgentTable& t, const std::string& name) {
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    if (t.columns[c] == name) return t.values[c];
  }
  throw std::runtime_error("no column " + name);
}

// Salience-weighted RMS narrative position (default salience 1, 0.5, 0.5),
// and ||z||_inf.
double rms_extremity(const AgentTable& t, std::size_t g) {
  const double z0 = column(t, "z0")[g], z1 = column(t, "z1")[g], z2 = column(t, "z2")[g];
  return std::sqrt((z0 * z0 + 0.5 * z1 * z1 + 0.5 * z2 * z2) / 2.0);
}
double inf_extremity(const AgentTable& t, std::size_t g) {
  return std::max({std::fabs(column(t, "z0")[g]), std::fabs(column(t, "z1")[g]),
                   std::fabs(column(t, "z2")[g])});
}

bool alive(const AgentTable& t, std::size_t g) {
  return g < column(t, "alive").size() && column(t, "alive")[g] != 0.0;
}

}  // namespace

// The paired difference must be positive (95 % CI over the seeds with an
// infiltrated community, at least 9 of 12) and its mean must exceed 0.02. Expected
// size from the direct pull alone: a handful of accounts at u = 0.5 among
// some 20–40 members of u ≈ 0.4–0.6 hold 5–15 % of the weight of the
// u-weighted member mean x̄_g, whose gap to the accounts' corner is 0.3–0.4
// at the campaign start, so x̄_g — and z_g, which drifts to it — moves by
// 0.02–0.05; in-group reading of the accounts' items by the members adds to
// it. We ask for the lower end of the direct pull. With 12 seeds at the
// current defaults (belonging set points Beta(2.5, 3), C_join 0.32) the
// differences were -0.15 (one seed whose two infiltrated groups moved the
// other way) and +0.007 to +0.20 in the ten others: mean +0.070
// [+0.010, +0.130]; one seed had no infiltrated community.
TEST(MimInfiltration, InfiltratedNarrativesBecomeMoreExtremeThanInTheirTwin) {
  std::vector<double> rms_diff, inf_diff;
  for (int s = 1; s <= kSeeds; ++s) {
    const auto on = run(static_cast<std::uint64_t>(s), 0.1);
    const auto off = run(static_cast<std::uint64_t>(s), 0.0);
    ASSERT_EQ(on.size(), off.size());
    ASSERT_FALSE(on.empty());
    const AgentTable& first = on.front().communities;
    const std::size_t pre = first.values.empty() ? 0 : column(first, "alive").size();
    std::vector<std::size_t> infiltrated;
    for (std::size_t g = 0; g < pre; ++g) {
      if (!alive(first, g)) continue;
      for (const Snapshot& snap : on) {
        if (alive(snap.communities, g) && column(snap.communities, "accounts")[g] > 0.0) {
          infiltrated.push_back(g);
          break;
        }
      }
    }
    double rms = 0.0, inf = 0.0;
    int pairs = 0;
    for (std::size_t k = 0; k < on.size(); ++k) {
      const AgentTable& a = on[k].communities;
      const AgentTable& b = off[k].communities;
      for (std::size_t g : infiltrated) {
        if (!alive(a, g) || !alive(b, g)) continue;
        rms += rms_extremity(a, g) - rms_extremity(b, g);
        inf += inf_extremity(a, g) - inf_extremity(b, g);
        ++pairs;
      }
    }
    if (pairs == 0) {
      std::printf("[infiltration] seed %d: no infiltrated community\n", s);
      continue;
    }
    rms_diff.push_back(rms / pairs);
    inf_diff.push_back(inf / pairs);
    std::printf("[infiltration] seed %d: %zu infiltrated of %zu, extremity difference rms %+.4f, "
                "inf-norm %+.4f\n",
                s, infiltrated.size(), pre, rms_diff.back(), inf_diff.back());
  }
  const stat_test::Interval rms = stat_test::mean_ci(rms_diff);
  const stat_test::Interval inf = stat_test::mean_ci(inf_diff);
  std::printf("[infiltration] mean paired difference: rms %+.4f [%+.4f, %+.4f], inf-norm %+.4f "
              "[%+.4f, %+.4f]\n",
              rms.mean, rms.lo, rms.hi, inf.mean, inf.lo, inf.hi);
  ASSERT_GE(rms_diff.size(), 9u) << "too few seeds with an infiltrated community";
  EXPECT_GT(rms.lo, 0.0);
  EXPECT_GT(rms.mean, 0.02);
  EXPECT_GT(inf.mean, 0.0);
}
