// ActivityDrivenNetwork: determinism per (seed, step), order independence of
// per-node sampling, link invariants and parameter checks.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "microcosm/core/error.hpp"
#include "microcosm/graph/activity_driven.hpp"

using namespace microcosm;

TEST(ActivityDriven, ActivitiesFollowTheParameters) {
  ActivityDrivenNetwork::Params p;
  p.n = 5000;
  p.gamma = 2.1;
  p.epsilon = 0.01;
  p.eta = 10.0;
  const ActivityDrivenNetwork net(p, 3);
  ASSERT_EQ(net.activities().size(), p.n);
  for (double a : net.activities()) {
    EXPECT_GE(a, p.eta * p.epsilon - 1e-12);
    EXPECT_LE(a, 1.0);
  }
  // Same seed, same activities; another seed, others.
  const ActivityDrivenNetwork again(p, 3), other(p, 4);
  EXPECT_TRUE(std::ranges::equal(net.activities(), again.activities()));
  EXPECT_FALSE(std::ranges::equal(net.activities(), other.activities()));
}

TEST(ActivityDriven, SamplingIsAPureFunctionOfSeedAndStep) {
  ActivityDrivenNetwork::Params p;
  p.n = 2000;
  p.m = 3;
  p.eta = 5.0;
  const ActivityDrivenNetwork net(p, 11);
  std::vector<std::pair<NodeId, NodeId>> a, b, c;
  net.sample(7, a);
  net.sample(8, b);
  net.sample(7, c);
  EXPECT_EQ(a, c);
  EXPECT_NE(a, b);
  ASSERT_FALSE(a.empty());
  // Nodes sampled in reverse order give the same links.
  std::vector<std::pair<NodeId, NodeId>> reversed;
  for (NodeId i = static_cast<NodeId>(p.n); i-- > 0;) net.sample_node(i, 7, reversed);
  std::sort(reversed.begin(), reversed.end());
  auto sorted = a;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(reversed, sorted);
  // Each active node makes exactly m links to distinct others.
  std::map<NodeId, std::set<NodeId>> partners;
  for (const auto& [i, j] : a) {
    EXPECT_NE(i, j);
    EXPECT_TRUE(partners[i].insert(j).second);
    EXPECT_TRUE(net.is_active(i, 7));
  }
  for (const auto& [i, js] : partners) EXPECT_EQ(js.size(), p.m);
  std::size_t active = 0;
  for (NodeId i = 0; i < p.n; ++i) active += net.is_active(i, 7);
  EXPECT_EQ(active, partners.size());
}

TEST(ActivityDriven, SampleReusesTheOutputVector) {
  ActivityDrivenNetwork::Params p;
  p.n = 100;
  p.m = 99;  // every active node links to everyone else
  p.eta = 100.0;  // a_i = 1 for all
  const ActivityDrivenNetwork net(p, 1);
  std::vector<std::pair<NodeId, NodeId>> out{{5, 5}};
  net.sample(0, out);
  EXPECT_EQ(out.size(), 100u * 99u);
  EXPECT_DOUBLE_EQ(net.expected_links_per_step(), 9900.0);
}

TEST(ActivityDriven, RejectsInvalidParameters) {
  auto make = [](auto edit) {
    ActivityDrivenNetwork::Params p;
    edit(p);
    return ActivityDrivenNetwork(p, 1);
  };
  EXPECT_THROW(make([](auto& p) { p.n = 1; }), ParameterError);
  EXPECT_THROW(make([](auto& p) { p.gamma = 1.0; }), ParameterError);
  EXPECT_THROW(make([](auto& p) { p.epsilon = 0.0; }), ParameterError);
  EXPECT_THROW(make([](auto& p) { p.epsilon = 1.0; }), ParameterError);
  EXPECT_THROW(make([](auto& p) { p.eta = 0.0; }), ParameterError);
  EXPECT_THROW(make([](auto& p) { p.m = 0; }), ParameterError);
  EXPECT_THROW(make([](auto& p) { p.m = p.n; }), ParameterError);
}
