// Deffuant–Weisbuch: invariants (mean conserved by pairwise averaging,
// opinions in [0, 1]), determinism and two-agent cases with known outcomes.
#include <gtest/gtest.h>

#include <cmath>

#include "../model_test_support.hpp"
#include "microcosm/graph/generators.hpp"

namespace mt = microcosm::model_test;

namespace {
double mean_of(const std::vector<double>& v) {
  double s = 0.0;
  for (double x : v) s += x;
  return s / static_cast<double>(v.size());
}
}  // namespace

TEST(DeffuantModel, MeanConservedAndOpinionsInRange) {
  const auto er = mt::on_graph(microcosm::gen::erdos_renyi_gnp(400, 0.025, 3));
  for (const auto& net : {er, mt::mean_field(400)}) {
    for (const char* sel : {"edge", "node"}) {
      for (double mu : {0.5, 0.2}) {
        auto m = mt::make("deffuant", net,
                          {{"epsilon", 0.25}, {"mu", mu}, {"pair_selection", std::string(sel)}}, 9);
        const double m0 = mean_of(mt::column(*m, "opinion"));
        for (int t = 0; t < 50; ++t) m->step();
        const auto x = mt::column(*m, "opinion");
        EXPECT_NEAR(mean_of(x), m0, 1e-13);
        for (double v : x) {
          ASSERT_GE(v, 0.0);
          ASSERT_LE(v, 1.0);
        }
      }
    }
  }
}

TEST(DeffuantModel, TwoAgentsContractByOneMinusTwoMuPerInteraction) {
  // N = 2 under mean field: both microsteps of a sweep pick the same pair,
  // and each interaction scales the difference by (1 - 2 mu).
  for (double mu : {0.5, 0.25, 0.1}) {
    auto m = mt::make("deffuant", mt::mean_field(2), {{"epsilon", 1.0}, {"mu", mu}}, 4);
    const auto x = mt::column(*m, "opinion");
    m->step();
    const auto y = mt::column(*m, "opinion");
    const double shrink = (1.0 - 2.0 * mu) * (1.0 - 2.0 * mu);
    EXPECT_NEAR(y[1] - y[0], shrink * (x[1] - x[0]), 1e-15) << mu;
    EXPECT_NEAR(y[0] + y[1], x[0] + x[1], 1e-15);
  }
}

TEST(DeffuantModel, NoInteractionBeyondEpsilon) {
  auto m = mt::make("deffuant", mt::mean_field(50), {{"epsilon", 1e-9}}, 4);
  const auto x = mt::column(*m, "opinion");
  m->step();
  EXPECT_EQ(mt::column(*m, "opinion"), x);
  EXPECT_TRUE(m->converged());
}

TEST(DeffuantModel, SameSeedSameRun) {
  auto net = mt::on_graph(microcosm::gen::erdos_renyi_gnp(200, 0.05, 2));
  auto a = mt::make("deffuant", net, {}, 5);
  auto b = mt::make("deffuant", net, {}, 5);
  auto c = mt::make("deffuant", net, {}, 6);
  for (int t = 0; t < 10; ++t) {
    a->step();
    b->step();
    c->step();
  }
  EXPECT_EQ(mt::column(*a, "opinion"), mt::column(*b, "opinion"));
  EXPECT_NE(mt::column(*a, "opinion"), mt::column(*c, "opinion"));
}
