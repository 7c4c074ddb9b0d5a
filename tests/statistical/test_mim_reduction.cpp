// MODEL.md §7 fact 8: with every psychological, community, platform and media
// mechanism off, D = 1, a = 1 and k = 1 chronological item from a followee,
// the micro-identity model is one-sided Deffuant–Weisbuch on the follow
// graph. On the complete graph its major clusters follow ⌊1/(2ε)⌋ like the
// classic Deffuant model (tests/statistical/test_deffuant_clusters.cpp), and
// ε = 0.5 gives one cluster.
//
// Size: N = 500, 5 seeds (the full protocol, N = 1000 and 20 seeds, is the
// job of the larger validation run); ±1 around ⌊1/(2ε)⌋ is the band of the
// Deffuant cluster rule itself (minor clusters of a few per cent can count
// as major at this size).
#include <gtest/gtest.h>

#include <cmath>

#include "microcosm/engine/simulation.hpp"
#include "microcosm/io/scenario.hpp"

using namespace microcosm;

namespace {

const char* kReduction = R"(
[simulation]
model = "mim"
steps = 200
stop_when_converged = false
record_every = 200

[network]
kind = "complete"
n = 500

[model]
dims = 1
mechanisms.needs = false
mechanisms.communities = false
mechanisms.offline = false
mechanisms.mainstream = false
mechanisms.repulsion = false
mechanisms.hostility = false
mechanisms.feeling_rules = false
mechanisms.rewiring = false
mechanisms.migration = false
mechanisms.community_posts = false
activity.a_min = 1.0
feed.k = 1
feed.community_items = 0
feed.platform_items = 0
posting.noise = 0.0
thresholds.kappa_eps = 0.0
thresholds.mu0 = 0.5
platforms.alternatives = 0
)";

double major_clusters(double eps, std::uint64_t seed) {
  Scenario sc = parse_scenario(kReduction, "reduction.toml", ".",
                               {{"model", "thresholds.eps_abs", std::to_string(eps)},
                                {"simulation", "seed", std::to_string(seed)}});
  Simulation sim(std::move(sc));
  return sim.run().metrics.column("major_clusters").back();
}

}  // namespace

TEST(MimReduction, MajorClustersFollowTheDeffuantRule) {
  for (double eps : {0.1, 0.2}) {
    const double expected = std::floor(1.0 / (2.0 * eps));
    int within = 0;
    double sum = 0.0;
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
      const double k = major_clusters(eps, seed);
      sum += k;
      within += std::fabs(k - expected) <= 1.0;
    }
    std::printf("[mim reduction] eps=%.2f: mean major clusters %.2f (rule %.0f), within +-1 in %d/5\n",
                eps, sum / 5.0, expected, within);
    EXPECT_GE(within, 4) << "eps = " << eps;
  }
}

TEST(MimReduction, WideLatitudeGivesConsensus) {
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    EXPECT_EQ(major_clusters(0.5, seed), 1.0) << "seed " << seed;
  }
}
