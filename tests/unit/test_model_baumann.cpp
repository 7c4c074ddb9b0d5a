// Baumann et al. (PRL 2020) model: exact checks of the integrator, the
// activity distribution, the contact sampler and small fixed points
// (LITERATURE.md §5, "Exact micro-checks", from Seldon's tests), plus
// reproducibility across thread counts.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "../model_test_support.hpp"
#include "microcosm/core/error.hpp"
#include "microcosm/models/classic/baumann.hpp"

namespace {

using namespace microcosm;
using classic::BaumannOde;
using classic::BaumannScratch;
using classic::InfluenceView;

std::unique_ptr<Model> baumann(const std::map<std::string, spec::Value>& p, std::uint64_t seed,
                               int threads = 1) {
  return model_test::make("baumann", nullptr, p, seed, threads);
}

TEST(BaumannModel, RegisteredWithoutNetwork) {
  const ModelInfo& info = find_model("baumann");
  EXPECT_FALSE(info.uses_network);
  EXPECT_FALSE(info.semantics.empty());
  EXPECT_FALSE(info.reference.empty());
  for (const auto& p : info.schema.params()) EXPECT_FALSE(p.description.empty()) << p.name;
  const auto d = info.schema.defaults();
  EXPECT_EQ(d.integer("n"), 1000);
  EXPECT_EQ(d.integer("m"), 10);
  EXPECT_DOUBLE_EQ(d.real("eps"), 0.01);
  EXPECT_DOUBLE_EQ(d.real("gamma"), 2.1);
  EXPECT_DOUBLE_EQ(d.real("r"), 0.5);
  EXPECT_DOUBLE_EQ(d.real("K"), 3.0);
  EXPECT_DOUBLE_EQ(d.real("alpha"), 3.0);
  EXPECT_DOUBLE_EQ(d.real("dt"), 0.01);
  EXPECT_EQ(d.str("integrator"), "rk4");
}

TEST(BaumannModel, RejectsMoreContactsThanAgents) {
  EXPECT_THROW(baumann({{"n", std::int64_t{5}}, {"m", std::int64_t{5}}}, 1), ParameterError);
  EXPECT_NO_THROW(baumann({{"n", std::int64_t{5}}, {"m", std::int64_t{4}}}, 1));
}

// <a> = [(1-γ)/(2-γ)] (1 - ε^(2-γ)) / (1 - ε^(1-γ)) = 0.040852 for ε = 0.01,
// γ = 2.1 (LITERATURE §5, exact), checked also by quadrature.
TEST(BaumannModel, ActivityMomentsAreExact) {
  EXPECT_NEAR(classic::activity_mean(0.01, 2.1), 0.040852, 5e-7);
  auto quad = [](double eps, double gamma, int power) {
    // Midpoint rule in log a (the density is smooth there).
    const int steps = 200000;
    const double lo = std::log(eps);
    double num = 0.0, den = 0.0;
    for (int k = 0; k < steps; ++k) {
      const double a = std::exp(lo * (1.0 - (k + 0.5) / steps));
      const double w = std::pow(a, -gamma) * a;  // density * da/dlog a
      num += w * std::pow(a, power);
      den += w;
    }
    return num / den;
  };
  for (double gamma : {1.5, 2.0, 2.1, 3.0}) {
    EXPECT_NEAR(classic::activity_mean(0.01, gamma), quad(0.01, gamma, 1), 1e-7) << gamma;
    EXPECT_NEAR(classic::activity_second_moment(0.01, gamma), quad(0.01, gamma, 2), 1e-7) << gamma;
  }
  EXPECT_DOUBLE_EQ(classic::activity_mean(1.0, 2.1), 1.0);
}

// One agent driven by a fixed bot at x_b (frozen agent 1):
// x(t) = [x0 - K tanh(α x_b)] e^-t + K tanh(α x_b) (LITERATURE §5).
TEST(BaumannIntegrator, BotSolutionIsExact) {
  const BaumannOde ode{2.0, 1.01, 1, 0.0};
  const std::vector<std::uint32_t> offsets = {0, 1, 1};  // agent 0 hears agent 1
  const std::vector<NodeId> sources = {1};
  const std::vector<std::uint8_t> frozen = {0, 1};
  const InfluenceView in{offsets, sources};
  const double x0 = -0.8, xb = 0.3, dt = 0.01;
  const double target = ode.K * std::tanh(ode.alpha * xb);
  std::vector<double> rk4 = {x0, xb}, euler = {x0, xb};
  BaumannScratch s;
  double worst_rk4 = 0.0, worst_euler = 0.0;
  for (int step = 1; step <= 1000; ++step) {
    classic::baumann_rk4_step(ode, in, rk4, dt, s, frozen);
    classic::baumann_euler_step(ode, in, euler, dt, s, frozen);
    const double exact = (x0 - target) * std::exp(-step * dt) + target;
    worst_rk4 = std::max(worst_rk4, std::fabs(rk4[0] - exact));
    worst_euler = std::max(worst_euler, std::fabs(euler[0] - exact));
    ASSERT_EQ(rk4[1], xb);
  }
  // RK4 global error O(dt^4) ~ 1e-10 here; Euler O(dt) ~ 1e-3.
  EXPECT_LT(worst_rk4, 1e-9);
  EXPECT_GT(worst_euler, 1e-4);
  EXPECT_LT(worst_euler, 1e-2);
}

// Multi-topic derivative by hand: Phi x = (1 - c) x + c sum(x).
TEST(BaumannIntegrator, TopicOverlapDerivative) {
  const BaumannOde ode{1.5, 0.7, 2, 0.5};
  const std::vector<std::uint32_t> offsets = {0, 1, 2};  // 0 hears 1, 1 hears 0
  const std::vector<NodeId> sources = {1, 0};
  const std::vector<double> x = {0.2, -0.4, 1.0, 0.3};
  std::vector<double> out(4), drive(4);
  classic::baumann_derivative(ode, {offsets, sources}, x, out, drive);
  const double d10 = std::tanh(0.7 * (1.0 + 0.5 * 0.3)), d11 = std::tanh(0.7 * (0.3 + 0.5 * 1.0));
  const double d00 = std::tanh(0.7 * (0.2 - 0.5 * 0.4)), d01 = std::tanh(0.7 * (-0.4 + 0.5 * 0.2));
  EXPECT_NEAR(out[0], -0.2 + 1.5 * d10, 1e-15);
  EXPECT_NEAR(out[1], 0.4 + 1.5 * d11, 1e-15);
  EXPECT_NEAR(out[2], -1.0 + 1.5 * d00, 1e-15);
  EXPECT_NEAR(out[3], -0.3 + 1.5 * d01, 1e-15);
}

// Two agents that always interact (m = 1, ε = 1 so a = 1, r = 1): the
// fixed point solves x = K tanh(α x); K = 2, α = 1.01 gives
// x* = 1.9187384098662013 (Seldon's test, to 1e-4). Both agents share the
// sign of the initial sum.
TEST(BaumannModel, TwoAgentFixedPoint) {
  const double x_star = 1.9187384098662013;
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    auto m = baumann({{"n", std::int64_t{2}},
                      {"m", std::int64_t{1}},
                      {"eps", 1.0},
                      {"r", 1.0},
                      {"beta", 0.0},
                      {"K", 2.0},
                      {"alpha", 1.01}},
                     seed);
    const auto x0 = model_test::column(*m, "opinion");
    for (int t = 0; t < 3000; ++t) m->step();
    const auto x = model_test::column(*m, "opinion");
    const double sign = x0[0] + x0[1] > 0 ? 1.0 : -1.0;
    EXPECT_NEAR(x[0], sign * x_star, 1e-4) << "seed " << seed;
    EXPECT_NEAR(x[1], sign * x_star, 1e-4) << "seed " << seed;
    // Every step both are active and contact each other: one edge each way.
    EXPECT_DOUBLE_EQ(model_test::metric(*m, "active_share"), 1.0);
    EXPECT_DOUBLE_EQ(model_test::metric(*m, "mean_in_degree"), 1.0);
  }
}

// Saturation: K = 3, α = 3 pair → x* = 3 tanh(3 x*) = 2.99999991 ≈ K k_in.
TEST(BaumannModel, TwoAgentSaturation) {
  auto m = baumann({{"n", std::int64_t{2}},
                    {"m", std::int64_t{1}},
                    {"eps", 1.0},
                    {"r", 1.0},
                    {"beta", 0.0}},
                   3);
  for (int t = 0; t < 3000; ++t) m->step();
  for (double x : model_test::column(*m, "opinion")) EXPECT_NEAR(std::fabs(x), 2.999999908620073, 1e-8);
}

// Inclusion probabilities of m successive weighted draws without
// replacement: P(j in first draw) = p_j; P(j in two draws) = p_j +
// sum_{k != j} p_k p_j / (1 - p_k).
TEST(BaumannContactSampler, DrawsWithHomophilyWeights) {
  const std::vector<double> x = {0.0, 0.1, 0.3, 1.0, -0.5};
  for (double beta : {1.0, 2.5}) {
    std::vector<double> w(5, 0.0);
    double total = 0.0;
    for (std::size_t j = 1; j < 5; ++j) total += w[j] = std::pow(std::fabs(x[j]), -beta);
    std::vector<double> p(5);
    for (std::size_t j = 0; j < 5; ++j) p[j] = w[j] / total;
    classic::ContactSampler sampler(beta);
    const int draws = 200000;
    for (std::size_t m : {std::size_t{1}, std::size_t{2}}) {
      std::vector<double> hits(5, 0.0);
      std::vector<NodeId> out(m);
      for (int d = 0; d < draws; ++d) {
        Rng rng(7, "test.sampler", m, static_cast<std::uint64_t>(d));
        sampler.sample(x, 1, 0, rng, out);
        if (m == 2) {
          ASSERT_NE(out[0], out[1]);
        }
        for (NodeId j : out) hits[j] += 1.0;
      }
      EXPECT_EQ(hits[0], 0.0);  // never itself
      for (std::size_t j = 1; j < 5; ++j) {
        double expect = p[j];
        if (m == 2) {
          for (std::size_t k = 1; k < 5; ++k) {
            if (k != j) expect += p[k] * p[j] / (1.0 - p[k]);
          }
        }
        const double se = std::sqrt(expect * (1.0 - expect) / draws);
        EXPECT_NEAR(hits[j] / draws, expect, 5.0 * se) << "beta " << beta << " m " << m << " j " << j;
      }
    }
  }
}

// Identical opinions hit the 1e-10 distance floor: large finite weights, and
// m distinct contacts are still returned when the floored agents hold almost
// all the weight.
TEST(BaumannContactSampler, IdenticalOpinionsStayFinite) {
  std::vector<double> x(50, 0.5);
  x[0] = 0.2;
  x[1] = 0.2;  // agent 1 identical to agent 0
  classic::ContactSampler sampler(3.0);
  std::vector<NodeId> out(10);
  int first_is_twin = 0;
  for (int d = 0; d < 2000; ++d) {
    Rng rng(3, "test.twin", 0, static_cast<std::uint64_t>(d));
    sampler.sample(x, 1, 0, rng, out);
    std::vector<NodeId> sorted = out;
    std::sort(sorted.begin(), sorted.end());
    EXPECT_EQ(std::adjacent_find(sorted.begin(), sorted.end()), sorted.end());
    for (NodeId j : out) EXPECT_NE(j, 0u);
    first_is_twin += out[0] == 1;
  }
  EXPECT_EQ(first_is_twin, 2000);  // weight 1e30 against 48 * 0.3^-3
}

// Uniform contacts (β = 0) in both code paths (rejection, Fisher–Yates).
TEST(BaumannContactSampler, UniformWhenBetaIsZero) {
  std::vector<double> x(6, 0.0);
  classic::ContactSampler sampler(0.0);
  for (std::size_t m : {std::size_t{2}, std::size_t{4}}) {
    std::vector<double> hits(6, 0.0);
    std::vector<NodeId> out(m);
    const int draws = 60000;
    for (int d = 0; d < draws; ++d) {
      Rng rng(11, "test.uniform", m, static_cast<std::uint64_t>(d));
      sampler.sample(x, 1, 2, rng, out);
      for (NodeId j : out) hits[j] += 1.0;
    }
    EXPECT_EQ(hits[2], 0.0);
    const double p = static_cast<double>(m) / 5.0;
    for (std::size_t j : {0, 1, 3, 4, 5}) {
      EXPECT_NEAR(hits[j] / draws, p, 5.0 * std::sqrt(p * (1 - p) / draws)) << m << " " << j;
    }
  }
}

// Without reciprocity every edge is an active agent's contact, so the mean
// in-degree is exactly m times the active share; with r = 1 it is at most
// twice that.
TEST(BaumannModel, ReciprocityCountsEdges) {
  auto none = baumann({{"n", std::int64_t{300}}, {"r", 0.0}, {"beta", 2.0}}, 5);
  auto full = baumann({{"n", std::int64_t{300}}, {"r", 1.0}, {"beta", 2.0}}, 5);
  for (int t = 0; t < 20; ++t) {
    none->step();
    full->step();
    EXPECT_DOUBLE_EQ(model_test::metric(*none, "mean_in_degree"),
                     10.0 * model_test::metric(*none, "active_share"));
    const double share = model_test::metric(*full, "active_share");
    const double deg = model_test::metric(*full, "mean_in_degree");
    EXPECT_LE(deg, 20.0 * share + 1e-12);
    EXPECT_GT(deg, 10.0 * share * 1.5);
  }
}

// Same seed, any thread count: identical opinions (contacts are drawn from
// per-agent streams keyed by (seed, agent, step)).
TEST(BaumannModel, ReproducibleAcrossThreadCounts) {
  for (double beta : {0.0, 3.0}) {
    std::vector<std::vector<double>> runs;
    for (int threads : {1, 2, 3}) {
      auto m = baumann({{"n", std::int64_t{2000}}, {"beta", beta}, {"topics", std::int64_t{1}}}, 42,
                       threads);
      for (int t = 0; t < 40; ++t) m->step();
      runs.push_back(model_test::column(*m, "opinion"));
    }
    EXPECT_EQ(runs[0], runs[1]) << beta;
    EXPECT_EQ(runs[0], runs[2]) << beta;
  }
  auto a = baumann({{"n", std::int64_t{100}}}, 9);
  auto b = baumann({{"n", std::int64_t{100}}}, 9);
  auto c = baumann({{"n", std::int64_t{100}}}, 10);
  for (int t = 0; t < 30; ++t) {
    a->step();
    b->step();
    c->step();
  }
  EXPECT_EQ(model_test::column(*a, "opinion"), model_test::column(*b, "opinion"));
  EXPECT_NE(model_test::column(*a, "opinion"), model_test::column(*c, "opinion"));
}

TEST(BaumannModel, TopicsProduceColumnsAndCorrelation) {
  auto m = baumann({{"n", std::int64_t{200}}, {"topics", std::int64_t{2}}, {"cos_delta", 0.5}}, 1);
  for (int t = 0; t < 50; ++t) m->step();
  const auto names = m->metric_names();
  EXPECT_EQ(names.back(), "topic_correlation");
  const double c = model_test::metric(*m, "topic_correlation");
  EXPECT_TRUE(c >= -1.0 && c <= 1.0);
  EXPECT_EQ(model_test::column(*m, "opinion_1").size(), 200u);
}

}  // namespace
