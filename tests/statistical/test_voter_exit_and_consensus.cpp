// Voter model against exact results (LITERATURE.md §1):
//  * exit probability P+ = rho0 on the complete graph / mean field
//    (magnetization is a martingale);
//  * on a heterogeneous graph P+ = omega0, the degree-weighted density, for
//    node update (Sood & Redner, PRL 94, 178701, 2005) but P+ = rho0 for
//    link update (Suchecki, Eguíluz & San Miguel 2005);
//  * mean consensus time on the complete graph T = -(N-1)[rho ln rho +
//    (1-rho) ln(1-rho)] sweeps (N-1 because j != i), and the exact
//    finite-N value of the same Moran-type chain.
// Every run has its own seed; the outcome of each run is a Bernoulli trial,
// so the tolerance is a binomial confidence band.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "../model_test_support.hpp"
#include "microcosm/graph/generators.hpp"

namespace mt = microcosm::model_test;
using microcosm::NodeId;

namespace {

struct ExitStats {
  double plus_share = 0.0;   // fraction of runs ending in +1 consensus
  double mean_omega0 = 0.0;  // mean initial degree-weighted density
  double mean_rho0 = 0.0;    // mean initial density
};

ExitStats exit_probability(const std::shared_ptr<const microcosm::Network>& net,
                           const std::map<std::string, microcosm::spec::Value>& params, int runs,
                           std::uint64_t seed0) {
  ExitStats st;
  const auto& g = net->graph;
  for (int r = 0; r < runs; ++r) {
    auto m = mt::make("voter", net, params, seed0 + static_cast<std::uint64_t>(r));
    const auto s = mt::column(*m, "state");
    double kw = 0.0, k = 0.0;
    for (NodeId i = 0; i < s.size(); ++i) {
      const double deg = net->mean_field ? 1.0 : g.degree(i);
      k += deg;
      kw += s[i] > 0 ? deg : 0.0;
    }
    st.mean_omega0 += kw / k;
    st.mean_rho0 += mt::metric(*m, "density");
    mt::run(*m, 1'000'000);
    EXPECT_TRUE(m->converged());
    EXPECT_EQ(mt::metric(*m, "consensus"), 1.0);
    st.plus_share += mt::metric(*m, "magnetization") > 0 ? 1.0 : 0.0;
  }
  st.plus_share /= runs;
  st.mean_omega0 /= runs;
  st.mean_rho0 /= runs;
  return st;
}

// Half-width of a binomial band at z standard deviations.
double band(double p, int runs, double z = 4.0) { return z * std::sqrt(p * (1.0 - p) / runs); }

// Exact mean number of sweeps to consensus from k of N in state +1 on the
// complete graph, node update with j != i. The number of +1 states is a
// lazy symmetric random walk with step probability 2 r_j, r_j = j (N-j) /
// (N (N-1)); the expected visits to j from k are 2 min(k,j) (N-max(k,j))/N
// and each lasts 1 / (2 r_j) microsteps on average, so
// T = (N-1)/N * [sum_{j<=k} (N-k)/(N-j) + sum_{j>k} k/j] sweeps.
double exact_consensus_sweeps(int n, int k) {
  double t = 0.0;
  for (int j = 1; j < n; ++j) {
    t += j <= k ? static_cast<double>(n - k) / (n - j) : static_cast<double>(k) / j;
  }
  return t * (n - 1.0) / n;
}

double literature_consensus_sweeps(int n, double rho) {
  return -(n - 1.0) * (rho * std::log(rho) + (1.0 - rho) * std::log(1.0 - rho));
}

}  // namespace

TEST(VoterStatistics, ExitProbabilityEqualsRho0OnCompleteGraph) {
  // P+ = rho0 exactly. 1000 runs: binomial sd = sqrt(0.3 * 0.7 / 1000) =
  // 0.0145; the 4-sd band fails a correct model with probability 6e-5.
  const int runs = 1000;
  const std::map<std::string, microcosm::spec::Value> p{{"rho0", 0.3}};
  const auto mf = exit_probability(mt::mean_field(100), p, runs, 1000);
  const auto kn = exit_probability(mt::on_graph(microcosm::gen::complete(100)), p, runs, 5000);
  std::printf(
      "[voter] exit probability rho0 = 0.3, N = 100, %d runs: mean field %.3f, "
      "complete graph %.3f (band +-%.3f)\n",
      runs, mf.plus_share, kn.plus_share, band(0.3, runs));
  EXPECT_NEAR(mf.plus_share, 0.3, band(0.3, runs));
  EXPECT_NEAR(kn.plus_share, 0.3, band(0.3, runs));
}

TEST(VoterStatistics, HeterogeneousGraphNodeUpdateFollowsDegreeWeightedDensity) {
  // +1 placed on the highest-degree nodes, so omega0 (degree-weighted
  // density) is far above rho0. Node update conserves omega on average
  // (Sood & Redner 2005): P+ = omega0. Link update conserves rho: P+ = rho0.
  const int runs = 1000;
  // (a) Barabási–Albert graph, N = 200, m = 2 (degree-heterogeneous).
  const auto ba = mt::on_graph(microcosm::gen::barabasi_albert(200, 2, 7));
  const std::map<std::string, microcosm::spec::Value> node{
      {"rho0", 0.2},
      {"initial_state", std::string("high_degree")},
      {"update", std::string("node")}};
  auto link = node;
  link["update"] = std::string("link");
  const auto bn = exit_probability(ba, node, runs, 10000);
  const auto bl = exit_probability(ba, link, runs, 20000);
  std::printf(
      "[voter] BA N=200 m=2, rho0 = %.3f, omega0 = %.3f: P+ node update %.3f, "
      "link update %.3f (%d runs each)\n",
      bn.mean_rho0, bn.mean_omega0, bn.plus_share, bl.plus_share, runs);
  EXPECT_GT(bn.mean_omega0 - bn.mean_rho0, 0.15);  // the two predictions differ clearly
  EXPECT_NEAR(bn.plus_share, bn.mean_omega0, band(bn.mean_omega0, runs));
  EXPECT_NEAR(bl.plus_share, bl.mean_rho0, band(bl.mean_rho0, runs));

  // (b) Star with 20 leaves and +1 on the hub only: omega0 = 20/40 = 1/2,
  // rho0 = 1/21. The sharpest contrast between the two update rules.
  std::vector<std::pair<NodeId, NodeId>> edges;
  for (NodeId v = 1; v <= 20; ++v) edges.emplace_back(0, v);
  const auto star = mt::on_graph(mt::edges(21, edges));
  auto sn = node, sl = link;
  sn["rho0"] = sl["rho0"] = 1.0 / 21.0;
  const auto stn = exit_probability(star, sn, runs, 30000);
  const auto stl = exit_probability(star, sl, runs, 40000);
  std::printf(
      "[voter] star K=20, hub +1: P+ node update %.3f (omega0 0.5), link update %.3f "
      "(rho0 %.4f)\n",
      stn.plus_share, stl.plus_share, 1.0 / 21.0);
  EXPECT_NEAR(stn.plus_share, 0.5, band(0.5, runs));
  EXPECT_NEAR(stl.plus_share, 1.0 / 21.0, band(1.0 / 21.0, runs));
}

TEST(VoterStatistics, MeanConsensusTimeOnMeanField) {
  // T_N(rho) = -(N-1)[rho ln rho + (1-rho) ln(1-rho)] sweeps (large-N limit,
  // LITERATURE.md §1). The exact finite-N mean differs from it by O(1/N)
  // (< 2% here); the simulated mean must match the exact value within 4
  // standard errors and the asymptotic formula within 5% + 3 SE.
  const int runs = 600;
  struct Case {
    int n;
    double rho;
  };
  for (const Case c : {Case{100, 0.5}, Case{200, 0.5}, Case{200, 0.2}}) {
    std::vector<double> times;
    for (int r = 0; r < runs; ++r) {
      auto m = mt::make("voter", mt::mean_field(static_cast<std::size_t>(c.n)), {{"rho0", c.rho}},
                        static_cast<std::uint64_t>(60000 + 1000 * c.n + r));
      mt::run(*m, 1'000'000);
      ASSERT_TRUE(m->converged());
      times.push_back(mt::metric(*m, "consensus_time"));
    }
    const auto st = mt::mean_se(times);
    const int k = static_cast<int>(std::lround(c.rho * c.n));
    const double exact = exact_consensus_sweeps(c.n, k);
    const double lit = literature_consensus_sweeps(c.n, c.rho);
    std::printf(
        "[voter] consensus time N=%d rho=%.1f: mean %.2f +- %.2f (SE), exact %.2f, "
        "-(N-1)[...] %.2f, %d runs\n",
        c.n, c.rho, st.mean, st.se, exact, lit, runs);
    EXPECT_LT(std::fabs(exact - lit) / lit, 0.02);
    EXPECT_NEAR(st.mean, exact, 4.0 * st.se);
    EXPECT_NEAR(st.mean, lit, 0.05 * lit + 3.0 * st.se);
  }
}
