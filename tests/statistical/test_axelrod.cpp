// Axelrod / CMV culture dissemination against LITERATURE.md §6: the
// order–disorder transition for F = 2 Poisson traits on the periodic square
// lattice (q_c = 3.10, Peres & Fontanari 2015) and Axelrod's original
// 10 x 10, F = 5, q = 10 runs ("about 3 stable regions", indicative).
// Every run goes to the absorbing state.
#include <gtest/gtest.h>

#include <vector>

#include "../model_test_support.hpp"
#include "microcosm/graph/generators.hpp"

namespace {

using namespace microcosm;

// Mean and spread of S_max / N over `seeds` absorbing states.
model_test::MeanSe largest_region(const std::shared_ptr<const Network>& net, double q, int seeds) {
  std::vector<double> share;
  for (int s = 1; s <= seeds; ++s) {
    auto m = model_test::make(
        "axelrod", net,
        {{"features", std::int64_t{2}}, {"q", q}, {"trait_distribution", std::string("poisson")}},
        static_cast<std::uint64_t>(s));
    model_test::run(*m, 1'000'000);
    EXPECT_TRUE(m->converged()) << "q " << q << " seed " << s;
    share.push_back(model_test::metric(*m, "largest_region_share"));
  }
  return model_test::mean_se(share);
}

// Order parameter <S_max>/L^2 on a 40 x 40 torus, 10 seeds each. Measured
// (this code): 0.62 (sd 0.13) at q = 1, 0.35 at q = 2, 0.27 at q = 3,
// 0.078 at q = 5, 0.014 at q = 10; at q = 1 it stays ≈ 0.6 from L = 30 to
// 150 while at q = 5 it falls with L (0.11 at L = 20, 0.08 at L = 40): an
// ordered phase with a finite largest domain below q_c and a vanishing one
// above. The order parameter vanishes continuously at q_c (ρ ~ (q_c - q)^β,
// β ≈ 0.25, Reia & Fontanari 2016) with an amplitude near 0.6, so it is not
// close to 1 at q = 2; we test deep in each phase: > 0.5 at q = 1, < 0.2 at
// q = 5, < 0.05 at q = 10 (each more than 3 standard errors from the bound).
TEST(AxelrodStatistics, OrderDisorderTransitionF2Poisson) {
  const auto net = model_test::on_graph(gen::lattice_2d(40, 40, gen::Neighbourhood::VonNeumann));
  const auto ordered = largest_region(net, 1.0, 10);
  const auto disordered = largest_region(net, 5.0, 10);
  const auto deep = largest_region(net, 10.0, 10);
  std::printf("F = 2 Poisson, L = 40: <S_max>/N = %.3f ± %.3f (q = 1), %.3f ± %.3f (q = 5), %.4f ± %.4f (q = 10)\n",
              ordered.mean, ordered.se, disordered.mean, disordered.se, deep.mean, deep.se);
  EXPECT_GT(ordered.mean, 0.5);
  EXPECT_LT(disordered.mean, 0.2);
  EXPECT_LT(deep.mean, 0.05);
  EXPECT_GT(ordered.mean, disordered.mean + 3.0 * (ordered.se + disordered.se));
}

// Axelrod (1997): 10 x 10 grid (not a torus), von Neumann neighbours, F = 5,
// q = 10 uniform: "about 3" stable regions on average (RECALL, indicative).
// Measured here: 4.2 over 40 seeds; accepted band [2, 6].
TEST(AxelrodStatistics, OriginalTenByTenGrid) {
  GraphBuilder b(100, {});
  for (NodeId y = 0; y < 10; ++y) {
    for (NodeId x = 0; x < 10; ++x) {
      if (x < 9) b.add_edge(y * 10 + x, y * 10 + x + 1);
      if (y < 9) b.add_edge(y * 10 + x, (y + 1) * 10 + x);
    }
  }
  const auto net = model_test::on_graph(std::move(b).build());
  std::vector<double> regions;
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    auto m = model_test::make("axelrod", net, {{"features", std::int64_t{5}}, {"q", 10.0}}, seed);
    model_test::run(*m, 1'000'000);
    ASSERT_TRUE(m->converged());
    regions.push_back(model_test::metric(*m, "regions"));
  }
  const auto r = model_test::mean_se(regions);
  std::printf("10 x 10, F = 5, q = 10: %.2f ± %.2f stable regions (40 seeds)\n", r.mean, r.se);
  EXPECT_GE(r.mean, 2.0);
  EXPECT_LE(r.mean, 6.0);
}

}  // namespace
