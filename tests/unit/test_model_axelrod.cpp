// Axelrod / CMV culture model: absorbing-state invariants, the incremental
// active-edge count against a brute-force recount, parameter checks,
// trait storage widths and the Poisson trait sampler.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "../model_test_support.hpp"
#include "microcosm/core/error.hpp"
#include "microcosm/graph/generators.hpp"
#include "microcosm/models/classic/axelrod.hpp"

namespace {

using namespace microcosm;

std::shared_ptr<const Network> lattice(std::size_t side) {
  return model_test::on_graph(gen::lattice_2d(side, side, gen::Neighbourhood::VonNeumann));
}

std::vector<std::vector<double>> cultures(const Model& m, std::size_t features) {
  std::vector<std::vector<double>> c;
  for (std::size_t f = 0; f < features; ++f) c.push_back(model_test::column(m, "feature_" + std::to_string(f)));
  return c;
}

std::size_t equal_features(const std::vector<std::vector<double>>& c, NodeId u, NodeId v) {
  std::size_t eq = 0;
  for (const auto& col : c) eq += col[u] == col[v];
  return eq;
}

// Edges (arcs for directed graphs) with 0 < overlap < 1, by brute force.
std::size_t active_edges(const Network& net, const std::vector<std::vector<double>>& c) {
  std::size_t active = 0, F = c.size();
  for (const auto& [u, v] : net.graph.edge_list()) {
    const std::size_t eq = equal_features(c, u, v);
    active += eq > 0 && eq < F;
  }
  return active;
}

TEST(AxelrodModel, Registered) {
  const ModelInfo& info = find_model("axelrod");
  EXPECT_TRUE(info.uses_network);
  EXPECT_FALSE(info.semantics.empty());
  const auto d = info.schema.defaults();
  EXPECT_EQ(d.integer("features"), 5);
  EXPECT_DOUBLE_EQ(d.real("q"), 10.0);
  EXPECT_EQ(d.str("trait_distribution"), "uniform");
}

TEST(AxelrodModel, RejectsInvalidTraitCounts) {
  const auto net = lattice(5);
  EXPECT_THROW(model_test::make("axelrod", net, {{"q", 2.5}}, 1), ParameterError);
  EXPECT_THROW(model_test::make("axelrod", net, {{"q", 1500.0}, {"trait_distribution", std::string("poisson")}}, 1),
               ParameterError);
  EXPECT_NO_THROW(model_test::make("axelrod", net, {{"q", 2.5}, {"trait_distribution", std::string("poisson")}}, 1));
  EXPECT_THROW(model_test::make("axelrod", model_test::mean_field(20000), {}, 1), ParameterError);
}

// The incremental count of active edges equals a recount at every step, on
// an undirected lattice, a directed random graph and under complete mixing;
// converged() holds exactly when no edge is active, and then every edge has
// overlap 0 or 1.
TEST(AxelrodModel, ActiveEdgeCountAndAbsorbingState) {
  struct Case {
    std::shared_ptr<const Network> net;
    std::map<std::string, spec::Value> params;
  };
  const std::vector<Case> cases = {
      {lattice(12), {{"features", std::int64_t{3}}, {"q", 3.0}}},
      {lattice(12), {{"features", std::int64_t{2}}, {"q", 2.0}, {"trait_distribution", std::string("poisson")}}},
      {model_test::on_graph(gen::erdos_renyi_gnp(150, 0.03, 7, true)), {{"features", std::int64_t{3}}, {"q", 4.0}}},
      {model_test::mean_field(60), {{"features", std::int64_t{4}}, {"q", 6.0}}},
  };
  for (std::size_t k = 0; k < cases.size(); ++k) {
    const Network& net = *cases[k].net;
    const auto F = static_cast<std::size_t>(std::get<std::int64_t>(cases[k].params.at("features")));
    auto m = model_test::make("axelrod", cases[k].net, cases[k].params, 11 + k);
    const double total = net.mean_field ? 60.0 * 59.0 / 2.0 : static_cast<double>(net.graph.num_edges());
    for (int step = 0; step < 5000 && !m->converged(); ++step) {
      m->step();
      if (net.mean_field) continue;
      const double counted = model_test::metric(*m, "active_edge_density") * total;
      ASSERT_NEAR(counted, static_cast<double>(active_edges(net, cultures(*m, F))), 1e-6)
          << "case " << k << " step " << step;
    }
    ASSERT_TRUE(m->converged()) << "case " << k;
    EXPECT_EQ(model_test::metric(*m, "active_edge_density"), 0.0);
    const auto c = cultures(*m, F);
    if (net.mean_field) {
      for (NodeId u = 0; u < 60; ++u) {
        for (NodeId v = u + 1; v < 60; ++v) {
          const std::size_t eq = equal_features(c, u, v);
          EXPECT_TRUE(eq == 0 || eq == F);
        }
      }
      // Under complete mixing a region is a culture.
      EXPECT_EQ(model_test::metric(*m, "regions"), model_test::metric(*m, "distinct_cultures"));
    } else {
      EXPECT_EQ(active_edges(net, c), 0u) << "case " << k;
    }
    // An absorbed state stays put.
    const auto before = cultures(*m, F);
    m->step();
    EXPECT_EQ(cultures(*m, F), before);
  }
}

// Regions are components of identical-culture edges: recount them with a
// flood fill on the final lattice state.
TEST(AxelrodModel, RegionsAreIdenticalCultureComponents) {
  const auto net = lattice(15);
  auto m = model_test::make("axelrod", net, {{"features", std::int64_t{3}}, {"q", 4.0}}, 5);
  model_test::run(*m, 100000);
  const auto c = cultures(*m, 3);
  std::vector<int> label(225, -1);
  int regions = 0;
  std::size_t largest = 0;
  for (NodeId s = 0; s < 225; ++s) {
    if (label[s] >= 0) continue;
    std::vector<NodeId> stack = {s};
    label[s] = regions;
    std::size_t size = 0;
    while (!stack.empty()) {
      const NodeId u = stack.back();
      stack.pop_back();
      ++size;
      for (NodeId v : net->graph.neighbors(u)) {
        if (label[v] < 0 && equal_features(c, u, v) == 3) {
          label[v] = regions;
          stack.push_back(v);
        }
      }
    }
    largest = std::max(largest, size);
    ++regions;
  }
  EXPECT_EQ(model_test::metric(*m, "regions"), regions);
  EXPECT_DOUBLE_EQ(model_test::metric(*m, "largest_region_share"), static_cast<double>(largest) / 225.0);
  const auto region = model_test::column(*m, "region");
  const auto size = model_test::column(*m, "region_size");
  for (NodeId u = 0; u < 225; ++u) {
    for (NodeId v : net->graph.neighbors(u)) {
      EXPECT_EQ(region[u] == region[v], label[u] == label[v]);
    }
    EXPECT_GE(size[u], 1.0);
  }
}

TEST(AxelrodModel, TrivialCases) {
  const auto net = lattice(6);
  // q = 1: one culture, nothing to do.
  auto one = model_test::make("axelrod", net, {{"q", 1.0}}, 1);
  EXPECT_TRUE(one->converged());
  EXPECT_EQ(model_test::metric(*one, "regions"), 1.0);
  EXPECT_EQ(model_test::metric(*one, "largest_region_share"), 1.0);
  // F = 1: overlaps are 0 or 1 from the start.
  auto single = model_test::make("axelrod", net, {{"features", std::int64_t{1}}}, 1);
  EXPECT_TRUE(single->converged());
  // Wide traits (q > 256 uses 16-bit storage) behave the same way.
  auto wide = model_test::make("axelrod", net, {{"features", std::int64_t{3}}, {"q", 300.0}}, 2);
  double largest = 0.0;
  for (double v : model_test::column(*wide, "feature_0")) largest = std::max(largest, v);
  EXPECT_GE(largest, 256.0);
  EXPECT_LT(largest, 300.0);
  model_test::run(*wide, 1000);
  EXPECT_TRUE(wide->converged());
}

TEST(AxelrodModel, Reproducible) {
  const auto net = lattice(10);
  auto a = model_test::make("axelrod", net, {}, 3);
  auto b = model_test::make("axelrod", net, {}, 3);
  for (int t = 0; t < 20; ++t) {
    a->step();
    b->step();
  }
  EXPECT_EQ(model_test::column(*a, "feature_2"), model_test::column(*b, "feature_2"));
}

// Poisson(q) traits: mean and variance q (the sampler sums chunks of mean
// <= 16, so q = 40 exercises the sum).
TEST(AxelrodPoisson, MeanAndVarianceEqualQ) {
  for (double q : {0.5, 3.1, 40.0}) {
    const int draws = 100000;
    double s = 0.0, s2 = 0.0;
    for (int d = 0; d < draws; ++d) {
      Rng rng(1, "test.poisson", static_cast<std::uint64_t>(d));
      const double v = classic::poisson_variate(rng, q);
      s += v;
      s2 += v * v;
    }
    const double mean = s / draws, var = s2 / draws - mean * mean;
    EXPECT_NEAR(mean, q, 5.0 * std::sqrt(q / draws)) << q;
    // sd of the sample variance ≈ sqrt((2 q^2 + q) / draws).
    EXPECT_NEAR(var, q, 5.0 * std::sqrt((2 * q * q + q) / draws)) << q;
  }
  Rng rng(2, "test.poisson.zero");
  EXPECT_EQ(classic::poisson_variate(rng, 0.0), 0u);
}

}  // namespace
