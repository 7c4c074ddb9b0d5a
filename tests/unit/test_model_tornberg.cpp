// Törnberg (PNAS 2022) sorting model: the counting form of the sorting
// metric against its O(N^2) definition, the stopping rule, zero-weight and
// h = 0 cases, and reproducibility.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "../model_test_support.hpp"
#include "microcosm/core/error.hpp"
#include "microcosm/core/rng.hpp"
#include "microcosm/graph/generators.hpp"
#include "microcosm/models/classic/tornberg.hpp"

namespace {

using namespace microcosm;

std::shared_ptr<const Network> moore(std::size_t side) {
  return model_test::on_graph(gen::lattice_2d(side, side, gen::Neighbourhood::Moore));
}

TEST(TornbergSorting, CountingEqualsPairwiseDefinition) {
  for (std::uint64_t trial = 0; trial < 40; ++trial) {
    Rng rng(5, "test.sorting", trial);
    const std::size_t n = 2 + rng.bounded(120), k = 1 + rng.bounded(4), F = 1 + rng.bounded(6),
                      m = 1 + rng.bounded(5);
    std::vector<std::uint8_t> party(n), flex(n * F);
    for (auto& p : party) p = static_cast<std::uint8_t>(rng.bounded(k));
    for (auto& v : flex) v = static_cast<std::uint8_t>(rng.bounded(m));
    const double fast = classic::partisan_sorting(party, flex, k, F, m);
    const double slow = classic::partisan_sorting_pairwise(party, flex, F);
    if (std::isnan(slow)) {
      EXPECT_TRUE(std::isnan(fast)) << trial;
    } else {
      EXPECT_NEAR(fast, slow, 1e-12) << "trial " << trial << " n " << n << " k " << k;
    }
  }
}

TEST(TornbergSorting, HandComputedStates) {
  // Parties {0, 0, 1, 1}; two features. Perfect sorting: each party shares
  // a profile, the profiles are disjoint -> S = 1 - 0 = 1.
  const std::vector<std::uint8_t> party = {0, 0, 1, 1};
  EXPECT_DOUBLE_EQ(classic::partisan_sorting(party, std::vector<std::uint8_t>{1, 2, 1, 2, 3, 4, 3, 4}, 2, 2, 5),
                   1.0);
  // Consensus: everyone alike -> S = 1 - 1 = 0.
  EXPECT_DOUBLE_EQ(classic::partisan_sorting(party, std::vector<std::uint8_t>{1, 2, 1, 2, 1, 2, 1, 2}, 2, 2, 5),
                   0.0);
  // One party only: no cross-party pairs -> NaN.
  EXPECT_TRUE(std::isnan(classic::partisan_sorting(std::vector<std::uint8_t>{0, 0, 0},
                                                   std::vector<std::uint8_t>{1, 1, 1}, 2, 1, 2)));
}

TEST(TornbergModel, RegisteredWithReferenceDefaults) {
  const ModelInfo& info = find_model("tornberg");
  EXPECT_TRUE(info.uses_network);
  const auto d = info.schema.defaults();
  EXPECT_EQ(d.integer("k"), 2);
  EXPECT_EQ(d.integer("m"), 10);
  EXPECT_EQ(d.integer("n"), 4);
  EXPECT_DOUBLE_EQ(d.real("gamma"), 0.0);
  EXPECT_DOUBLE_EQ(d.real("h"), 8.0);
  EXPECT_DOUBLE_EQ(d.real("c"), 1.0);
  EXPECT_EQ(d.integer("breakat"), 10);
  EXPECT_THROW(model_test::make("tornberg", model_test::mean_field(100), {}, 1), ParameterError);
}

// Two agents of different parties sharing no feature have similarity 0:
// nothing can ever happen, and the run stops after breakat * N + 1 quiet
// microsteps, i.e. inside the (breakat + 1)-th step.
TEST(TornbergModel, ZeroWeightsChangeNothingAndStop) {
  const auto pair = model_test::on_graph(model_test::edges(2, {{0, 1}}));
  for (std::uint64_t seed = 1; seed < 200; ++seed) {
    auto m = model_test::make("tornberg", pair, {{"m", std::int64_t{255}}, {"n", std::int64_t{1}}}, seed);
    const auto party = model_test::column(*m, "party");
    const auto f = model_test::column(*m, "feature_0");
    if (party[0] == party[1] || f[0] == f[1]) continue;
    for (int t = 0; t < 10; ++t) {
      m->step();
      EXPECT_FALSE(m->converged());
    }
    m->step();
    EXPECT_TRUE(m->converged());
    EXPECT_EQ(model_test::column(*m, "feature_0"), f);
    return;
  }
  FAIL() << "no seed gave a cross-party pair with different features";
}

// With h = 0 every pool member has weight 1, so even cross-party agents
// sharing nothing assimilate: a connected pair always reaches one profile.
TEST(TornbergModel, ZeroExponentIgnoresSimilarity) {
  const auto pair = model_test::on_graph(model_test::edges(2, {{0, 1}}));
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    auto m = model_test::make("tornberg", pair, {{"h", 0.0}}, seed);
    model_test::run(*m, 1000);
    EXPECT_TRUE(m->converged());
    EXPECT_EQ(model_test::metric(*m, "distinct_profiles"), 1.0) << seed;
  }
}

// Copying only moves values that exist: no feature value appears that was
// not present initially, and agents keep their party.
TEST(TornbergModel, CopyingPreservesPartiesAndValueSets) {
  auto m = model_test::make("tornberg", moore(10), {{"gamma", 0.5}}, 3);
  const auto party = model_test::column(*m, "party");
  std::vector<std::vector<bool>> present(4, std::vector<bool>(10, false));
  for (std::size_t f = 0; f < 4; ++f) {
    for (double v : model_test::column(*m, "feature_" + std::to_string(f))) present[f][static_cast<std::size_t>(v)] = true;
  }
  for (int t = 0; t < 50; ++t) m->step();
  EXPECT_EQ(model_test::column(*m, "party"), party);
  for (std::size_t f = 0; f < 4; ++f) {
    for (double v : model_test::column(*m, "feature_" + std::to_string(f))) {
      EXPECT_TRUE(present[f][static_cast<std::size_t>(v)]);
    }
  }
  EXPECT_GE(model_test::metric(*m, "change_rate"), 0.0);
  EXPECT_LE(model_test::metric(*m, "change_rate"), 1.0);
}

TEST(TornbergModel, ReproducibleAndBreakatZeroNeverStops) {
  auto a = model_test::make("tornberg", moore(6), {{"gamma", 0.25}, {"breakat", std::int64_t{0}}}, 8);
  auto b = model_test::make("tornberg", moore(6), {{"gamma", 0.25}, {"breakat", std::int64_t{0}}}, 8);
  for (int t = 0; t < 300; ++t) {
    a->step();
    b->step();
  }
  EXPECT_FALSE(a->converged());
  EXPECT_EQ(model_test::column(*a, "feature_3"), model_test::column(*b, "feature_3"));
  EXPECT_EQ(a->time(), 300u);
}

}  // namespace
