// Hegselmann–Krause: one synchronous step by hand, the O(N log N) mean-field
// update against a brute-force O(N^2) reference, thread-count independence,
// order preservation and convergence.
#include <gtest/gtest.h>

#include <omp.h>

#include <algorithm>
#include <cmath>

#include "../model_test_support.hpp"
#include "microcosm/graph/generators.hpp"

namespace mt = microcosm::model_test;

namespace {

// x_i' = mean{x_j : |x_i - x_j| <= eps} over all j (including i).
std::vector<double> brute_mean_field_step(const std::vector<double>& x, double eps) {
  std::vector<double> out(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    double sum = 0.0;
    int c = 0;
    for (double v : x) {
      if (std::fabs(x[i] - v) <= eps) {
        sum += v;
        ++c;
      }
    }
    out[i] = sum / c;
  }
  return out;
}

}  // namespace

TEST(HkModel, SchemaDocumentsEveryParameter) {
  const auto& info = microcosm::find_model("hegselmann_krause");
  EXPECT_NE(info.semantics.find("ynchronous"), std::string::npos);
  EXPECT_NE(info.semantics.find("NDlib"), std::string::npos);
  for (const auto& p : info.schema.params()) {
    EXPECT_FALSE(p.description.empty()) << p.name;
    EXPECT_FALSE(p.source.empty()) << p.name;
  }
}

TEST(HkModel, OneStepOnAPathByHand) {
  // Path 0 - 1 - 2 with epsilon = 1 (everyone in range): each agent takes
  // the mean of itself and its neighbours, all from the old values.
  auto m = mt::make("hegselmann_krause", mt::on_graph(mt::edges(3, {{0, 1}, {1, 2}})),
                    {{"epsilon", 1.0}}, 4);
  const auto x = mt::column(*m, "opinion");
  m->step();
  const auto y = mt::column(*m, "opinion");
  EXPECT_DOUBLE_EQ(y[0], (x[0] + x[1]) / 2.0);
  EXPECT_DOUBLE_EQ(y[1], (x[1] + x[0] + x[2]) / 3.0);
  EXPECT_DOUBLE_EQ(y[2], (x[2] + x[1]) / 2.0);
  // With a tiny epsilon nobody listens to anybody: nothing moves, and the
  // run has converged after one step.
  auto still = mt::make("hegselmann_krause", mt::on_graph(mt::edges(3, {{0, 1}, {1, 2}})),
                        {{"epsilon", 1e-12}}, 4);
  still->step();
  EXPECT_EQ(mt::column(*still, "opinion"), x);
  EXPECT_TRUE(still->converged());
  EXPECT_EQ(mt::metric(*still, "max_change"), 0.0);
}

TEST(HkModel, ThreeAgentsMeanFieldByHand) {
  // Mean field, 3 agents, epsilon chosen between the gaps so the window of
  // each agent is known from the initial opinions.
  auto probe = mt::make("hegselmann_krause", mt::mean_field(3), {}, 21);
  auto x = mt::column(*probe, "opinion");
  std::vector<double> s = x;
  std::sort(s.begin(), s.end());
  const double g1 = s[1] - s[0], g2 = s[2] - s[1];
  const double eps = std::min(g1, g2) + 0.5 * std::fabs(g1 - g2);  // between the two gaps
  ASSERT_GT(std::fabs(g1 - g2), 1e-3);
  auto m = mt::make("hegselmann_krause", mt::mean_field(3), {{"epsilon", eps}}, 21);
  m->step();
  const auto y = mt::column(*m, "opinion");
  for (std::size_t i = 0; i < 3; ++i) {
    // The middle agent sees the near extreme; the near extreme sees the
    // middle; the far extreme sees only itself.
    double expect;
    const bool left_close = g1 < g2;
    if (x[i] == s[1]) {
      expect = left_close ? (s[0] + s[1]) / 2 : (s[1] + s[2]) / 2;
    } else if (x[i] == s[0]) {
      expect = left_close ? (s[0] + s[1]) / 2 : s[0];
    } else {
      expect = left_close ? s[2] : (s[1] + s[2]) / 2;
    }
    EXPECT_NEAR(y[i], expect, 1e-15);
  }
}

TEST(HkModel, MeanFieldMatchesBruteForce) {
  for (double eps : {0.05, 0.15, 0.3}) {
    auto m = mt::make("hegselmann_krause", mt::mean_field(400), {{"epsilon", eps}}, 8);
    for (int t = 0; t < 12; ++t) {
      // One step from the model's current state, checked against O(N^2).
      const auto expect = brute_mean_field_step(mt::column(*m, "opinion"), eps);
      m->step();
      const auto x = mt::column(*m, "opinion");
      for (std::size_t i = 0; i < x.size(); ++i) ASSERT_NEAR(x[i], expect[i], 1e-13) << eps;
    }
  }
}

TEST(HkModel, MeanFieldAndStoredCompleteGraphAgree) {
  auto mf = mt::make("hegselmann_krause", mt::mean_field(150), {{"epsilon", 0.12}}, 3);
  auto cg = mt::make("hegselmann_krause", mt::on_graph(microcosm::gen::complete(150)),
                     {{"epsilon", 0.12}}, 3);
  mt::run(*mf, 1000);
  mt::run(*cg, 1000);
  ASSERT_TRUE(mf->converged());
  ASSERT_TRUE(cg->converged());
  const auto a = mt::column(*mf, "opinion");
  const auto b = mt::column(*cg, "opinion");
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_NEAR(a[i], b[i], 1e-9);
  EXPECT_EQ(mt::metric(*mf, "clusters"), mt::metric(*cg, "clusters"));
}

TEST(HkModel, BitIdenticalForAnyThreadCount) {
  // Large enough to take the parallel path (>= 4096 agents).
  const auto er = mt::on_graph(microcosm::gen::erdos_renyi_gnp(6000, 10.0 / 5999.0, 5));
  const auto mf = mt::mean_field(20000);
  for (const auto& net : {er, mf}) {
    std::vector<std::vector<double>> results;
    for (int threads : {1, 2}) {
      omp_set_num_threads(threads);
      auto m = mt::make("hegselmann_krause", net, {{"epsilon", 0.15}}, 77, threads);
      for (int t = 0; t < 6; ++t) m->step();
      results.push_back(mt::column(*m, "opinion"));
    }
    omp_set_num_threads(1);
    EXPECT_EQ(results[0], results[1]);  // exact equality
  }
}

TEST(HkModel, OpinionsStayInRangeAndOrderIsPreserved) {
  auto m = mt::make("hegselmann_krause", mt::mean_field(500), {{"epsilon", 0.1}}, 2);
  const auto x0 = mt::column(*m, "opinion");
  mt::run(*m, 500);
  EXPECT_TRUE(m->converged());
  const auto x = mt::column(*m, "opinion");
  for (std::size_t i = 0; i < x.size(); ++i) {
    EXPECT_GE(x[i], 0.0);
    EXPECT_LE(x[i], 1.0);
  }
  // Order preservation (HK on the complete graph): x_i < x_j => x_i' <= x_j'.
  std::vector<std::size_t> idx(x.size());
  for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
  std::sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return x0[a] < x0[b]; });
  for (std::size_t k = 1; k < idx.size(); ++k) EXPECT_LE(x[idx[k - 1]], x[idx[k]] + 1e-15);
}

TEST(HkModel, FullConfidenceGivesTheMeanInOneStep) {
  auto m = mt::make("hegselmann_krause", mt::mean_field(1000), {{"epsilon", 1.0}}, 6);
  const auto x = mt::column(*m, "opinion");
  double mean = 0.0;
  for (double v : x) mean += v;
  mean /= static_cast<double>(x.size());
  m->step();
  for (double v : mt::column(*m, "opinion")) EXPECT_NEAR(v, mean, 1e-15);
  EXPECT_FALSE(m->converged());
  m->step();
  EXPECT_TRUE(m->converged());
  EXPECT_EQ(mt::metric(*m, "clusters"), 1.0);
}

TEST(HkModel, SameSeedSameRun) {
  auto net = mt::on_graph(microcosm::gen::erdos_renyi_gnp(300, 0.03, 9));
  auto a = mt::make("hegselmann_krause", net, {{"epsilon", 0.2}}, 5);
  auto b = mt::make("hegselmann_krause", net, {{"epsilon", 0.2}}, 5);
  auto c = mt::make("hegselmann_krause", net, {{"epsilon", 0.2}}, 6);
  for (int t = 0; t < 10; ++t) {
    a->step();
    b->step();
    c->step();
  }
  EXPECT_EQ(mt::column(*a, "opinion"), mt::column(*b, "opinion"));
  EXPECT_NE(mt::column(*a, "opinion"), mt::column(*c, "opinion"));
}
