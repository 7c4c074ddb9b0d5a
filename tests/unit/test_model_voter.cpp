// Voter model: schema, initial placement, running counts against a brute
// recount, determinism, and tiny graphs with known outcomes.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "../model_test_support.hpp"
#include "microcosm/core/error.hpp"
#include "microcosm/graph/generators.hpp"

namespace mt = microcosm::model_test;
using microcosm::NodeId;

namespace {

// Fraction of non-loop stored arcs whose endpoints differ, from scratch.
double brute_active_density(const microcosm::CsrGraph& g, const std::vector<double>& s) {
  std::size_t active = 0, arcs = 0;
  for (NodeId u = 0; u < g.num_nodes(); ++u) {
    for (NodeId v : g.neighbors(u)) {
      if (u == v) continue;
      ++arcs;
      active += s[u] != s[v];
    }
  }
  return arcs ? static_cast<double>(active) / static_cast<double>(arcs) : 0.0;
}

}  // namespace

TEST(VoterModel, SchemaDocumentsEveryParameter) {
  const auto& info = microcosm::find_model("voter");
  EXPECT_FALSE(info.semantics.empty());
  EXPECT_FALSE(info.reference.empty());
  for (const auto& p : info.schema.params()) {
    EXPECT_FALSE(p.description.empty()) << p.name;
    EXPECT_FALSE(p.source.empty()) << p.name;
  }
  EXPECT_THROW(info.schema.resolve({{"rho0", 1.5}}, "test"), microcosm::ParameterError);
  EXPECT_THROW(info.schema.resolve({{"update", std::string("edge")}}, "test"),
               microcosm::ParameterError);
}

TEST(VoterModel, ExactInitialCountAndBinaryStates) {
  auto m = mt::make("voter", mt::mean_field(101), {{"rho0", 0.3}}, 5);
  const auto s = mt::column(*m, "state");
  EXPECT_EQ(std::count(s.begin(), s.end(), 1.0), 30);  // round(30.3)
  EXPECT_EQ(std::count(s.begin(), s.end(), -1.0), 71);
  EXPECT_DOUBLE_EQ(mt::metric(*m, "density"), 30.0 / 101.0);
  EXPECT_DOUBLE_EQ(mt::metric(*m, "magnetization"), (30.0 - 71.0) / 101.0);
  // Under mean field the active-link density is the discordant-pair share.
  EXPECT_DOUBLE_EQ(mt::metric(*m, "active_link_density"), 30.0 * 71.0 / (101.0 * 100.0 / 2.0));
  for (int t = 0; t < 20; ++t) m->step();
  for (double v : mt::column(*m, "state")) EXPECT_TRUE(v == 1.0 || v == -1.0);
}

TEST(VoterModel, BernoulliPlacementVariesWithSeed) {
  std::vector<double> counts;
  for (std::uint64_t seed = 0; seed < 10; ++seed) {
    auto m = mt::make("voter", mt::mean_field(200),
                      {{"rho0", 0.5}, {"initial_state", std::string("bernoulli")}}, seed);
    counts.push_back(mt::metric(*m, "density"));
  }
  EXPECT_GT(*std::max_element(counts.begin(), counts.end()),
            *std::min_element(counts.begin(), counts.end()));
}

TEST(VoterModel, HighDegreePlacementPutsPlusOnHub) {
  // Star: hub 0 with 10 leaves; rho0 = 1/11 -> exactly the hub.
  std::vector<std::pair<NodeId, NodeId>> star;
  for (NodeId v = 1; v <= 10; ++v) star.emplace_back(0, v);
  auto m = mt::make("voter", mt::on_graph(mt::edges(11, star)),
                    {{"rho0", 1.0 / 11.0}, {"initial_state", std::string("high_degree")}}, 3);
  const auto s = mt::column(*m, "state");
  EXPECT_EQ(s[0], 1.0);
  EXPECT_EQ(std::count(s.begin(), s.end(), 1.0), 1);
  EXPECT_DOUBLE_EQ(mt::metric(*m, "active_link_density"), 1.0);
  auto low = mt::make("voter", mt::on_graph(mt::edges(11, star)),
                      {{"rho0", 10.0 / 11.0}, {"initial_state", std::string("low_degree")}}, 3);
  EXPECT_EQ(mt::column(*low, "state")[0], -1.0);
}

TEST(VoterModel, RunningCountsMatchRecountOnGraphs) {
  const auto er = microcosm::gen::erdos_renyi_gnp(300, 0.02, 11);
  const auto directed = microcosm::gen::erdos_renyi_gnp(300, 0.02, 12, true);
  for (const auto* g : {&er, &directed}) {
    for (const char* update : {"node", "link"}) {
      auto m = mt::make("voter", mt::on_graph(*g), {{"update", std::string(update)}}, 7);
      for (int t = 0; t < 30 && !m->converged(); ++t) {
        m->step();
        const auto s = mt::column(*m, "state");
        const double plus = static_cast<double>(std::count(s.begin(), s.end(), 1.0));
        ASSERT_DOUBLE_EQ(mt::metric(*m, "density"), plus / 300.0) << update;
        ASSERT_NEAR(mt::metric(*m, "active_link_density"), brute_active_density(*g, s), 1e-15)
            << update << (g->directed() ? " directed" : " undirected");
      }
    }
  }
}

TEST(VoterModel, SameSeedSameRunDifferentSeedDifferentRun) {
  auto net = mt::on_graph(microcosm::gen::erdos_renyi_gnp(200, 0.05, 1));
  auto a = mt::make("voter", net, {}, 42);
  auto b = mt::make("voter", net, {}, 42);
  auto c = mt::make("voter", net, {}, 43);
  for (int t = 0; t < 5; ++t) {
    a->step();
    b->step();
    c->step();
  }
  EXPECT_EQ(mt::column(*a, "state"), mt::column(*b, "state"));
  EXPECT_NE(mt::column(*a, "state"), mt::column(*c, "state"));
}

TEST(VoterModel, TwoNodesReachConsensusInFirstMicrostep) {
  // One edge, opposite states: the first microstep picks a node whose only
  // neighbour disagrees, so consensus comes after 1 microstep = 1/N sweeps.
  for (const char* update : {"node", "link"}) {
    auto m = mt::make("voter", mt::on_graph(mt::edges(2, {{0, 1}})),
                      {{"rho0", 0.5}, {"update", std::string(update)}}, 9);
    EXPECT_FALSE(m->converged());
    EXPECT_TRUE(std::isnan(mt::metric(*m, "consensus_time")));
    m->step();
    EXPECT_TRUE(m->converged());
    EXPECT_EQ(mt::metric(*m, "consensus"), 1.0);
    EXPECT_DOUBLE_EQ(mt::metric(*m, "consensus_time"), 0.5);
    EXPECT_EQ(mt::metric(*m, "active_link_density"), 0.0);
  }
}

TEST(VoterModel, AbsorbingStatesAreConvergedAtOnce) {
  auto all_plus = mt::make("voter", mt::mean_field(50), {{"rho0", 1.0}}, 1);
  EXPECT_TRUE(all_plus->converged());
  EXPECT_EQ(mt::metric(*all_plus, "consensus_time"), 0.0);
  EXPECT_EQ(mt::metric(*all_plus, "magnetization"), 1.0);
  // Two components, each internally agreeing: frozen but not consensus.
  // Exact placement of 2 of 4: check every seed whose placement is frozen.
  const auto g = mt::edges(4, {{0, 1}, {2, 3}});
  int frozen = 0;
  for (std::uint64_t seed = 0; seed < 20; ++seed) {
    auto m = mt::make("voter", mt::on_graph(g), {{"rho0", 0.5}}, seed);
    const auto s = mt::column(*m, "state");
    if (s[0] == s[1] && s[2] == s[3]) {
      ++frozen;
      EXPECT_TRUE(m->converged());
      EXPECT_EQ(mt::metric(*m, "consensus"), 0.0);
      m->step();
      EXPECT_EQ(mt::column(*m, "state"), s);
    } else {
      EXPECT_FALSE(m->converged());
    }
  }
  EXPECT_GT(frozen, 0);
  // Isolated nodes never change.
  auto iso = mt::make("voter", mt::on_graph(mt::edges(5, {})), {{"rho0", 0.4}}, 2);
  EXPECT_TRUE(iso->converged());
}

TEST(VoterModel, MeanFieldReachesConsensus) {
  auto m = mt::make("voter", mt::mean_field(60), {{"rho0", 0.5}}, 17);
  const auto steps = mt::run(*m, 100000);
  EXPECT_TRUE(m->converged());
  EXPECT_EQ(mt::metric(*m, "consensus"), 1.0);
  const double tc = mt::metric(*m, "consensus_time");
  EXPECT_GT(tc, static_cast<double>(steps) - 1.0);
  EXPECT_LE(tc, static_cast<double>(steps));
  EXPECT_EQ(std::fabs(mt::metric(*m, "magnetization")), 1.0);
}
