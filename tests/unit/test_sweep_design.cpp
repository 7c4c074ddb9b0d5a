// Sweep files and design expansion: grid/zip/lhs cells, ranges, seeds,
// Latin hypercube stratification, and validation before anything runs.
#include <algorithm>
#include <cmath>
#include <set>

#include "microcosm/sweep/design.hpp"
#include "sweep_test_support.hpp"

using namespace microcosm;
using namespace microcosm::sweep;
using microcosm::test::SweepTest;

namespace {

double real_of(const spec::Value& v) {
  if (const auto* d = std::get_if<double>(&v)) return *d;
  return static_cast<double>(std::get<std::int64_t>(v));
}

}  // namespace

TEST(SweepSeeds, DerivedSeedsAreDistinctStableAndNonNegative) {
  const auto s = derive_seeds(1, 2000);
  ASSERT_EQ(s.size(), 2000u);
  EXPECT_EQ(std::set<std::uint64_t>(s.begin(), s.end()).size(), s.size());
  for (auto x : s) EXPECT_LT(x, std::uint64_t{1} << 63);
  // A longer list extends a shorter one: adding replicates keeps the old seeds.
  const auto first = derive_seeds(1, 5);
  EXPECT_TRUE(std::equal(first.begin(), first.end(), s.begin()));
  EXPECT_NE(derive_seeds(2, 1)[0], s[0]);
}

TEST(SweepLhs, EveryAxisHasExactlyOneSamplePerStratum) {
  for (std::size_t n : {1u, 2u, 7u, 100u, 1000u}) {
    const auto u = latin_hypercube(n, 3, 42);
    ASSERT_EQ(u.size(), n);
    for (std::size_t d = 0; d < 3; ++d) {
      std::vector<std::size_t> strata;
      for (const auto& p : u) {
        ASSERT_GE(p[d], 0.0);
        ASSERT_LT(p[d], 1.0);
        strata.push_back(static_cast<std::size_t>(p[d] * static_cast<double>(n)));
      }
      std::sort(strata.begin(), strata.end());
      for (std::size_t k = 0; k < n; ++k) ASSERT_EQ(strata[k], k) << "n=" << n << " dim " << d;
    }
  }
  EXPECT_EQ(latin_hypercube(10, 2, 1), latin_hypercube(10, 2, 1));
  EXPECT_NE(latin_hypercube(10, 2, 1), latin_hypercube(10, 2, 2));
}

TEST_F(SweepTest, GridIsTheFullFactorialWithTheLastAxisFastest) {
  const Design d = design(R"(replicates = 3
[[axes]]
key = "model.epsilon"
values = [0.1, 0.2]
[[axes]]
key = "model.mu"
range = { from = 0.1, to = 0.5, step = 0.1 }
)");
  ASSERT_EQ(d.cells.size(), 10u);
  ASSERT_EQ(d.runs.size(), 30u);
  // 0.1 + 2 * 0.1 is tidied to exactly 0.3.
  const std::vector<double> mu = {0.1, 0.2, 0.3, 0.4, 0.5};
  for (std::size_t c = 0; c < 10; ++c) {
    EXPECT_EQ(real_of(d.cells[c][0]), c < 5 ? 0.1 : 0.2);
    EXPECT_EQ(real_of(d.cells[c][1]), mu[c % 5]);
  }
  for (const auto& r : d.runs) {
    EXPECT_EQ(r.index, r.cell * 3 + r.replicate);
    EXPECT_EQ(r.seed, d.seeds[r.replicate]);  // common random numbers across cells
  }
  // Seeds derive from the base scenario's seed when base_seed is absent.
  EXPECT_EQ(d.seeds, derive_seeds(7, 3));
  // A run's scenario carries its cell, its seed and threads = 1.
  const Scenario sc = d.scenario(8);  // cell 2, replicate 2
  EXPECT_EQ(sc.model_params.real("epsilon"), 0.1);
  EXPECT_EQ(sc.model_params.real("mu"), 0.3);
  EXPECT_EQ(sc.seed(), d.seeds[2]);
  EXPECT_EQ(sc.network_seed(), d.seeds[2]);  // the network follows the run seed
  EXPECT_EQ(sc.simulation.integer("threads"), 1);
  EXPECT_EQ(sc.simulation.integer("steps"), 20);
}

TEST_F(SweepTest, ZipPairsValuesAndRangesSupportNumAndLog) {
  const Design d = design(R"(seeds = [5, 6]
design = "zip"
[[axes]]
key = "model.epsilon"
range = { from = 0.01, to = 1, num = 3, log = true }
[[axes]]
key = "network.n"
range = { from = 20, to = 40, step = 10 }
)");
  ASSERT_EQ(d.cells.size(), 3u);
  EXPECT_EQ(d.seeds, (std::vector<std::uint64_t>{5, 6}));
  EXPECT_DOUBLE_EQ(real_of(d.cells[1][0]), 0.1);
  EXPECT_TRUE(std::holds_alternative<std::int64_t>(d.cells[2][1]));
  EXPECT_EQ(std::get<std::int64_t>(d.cells[2][1]), 40);
}

TEST_F(SweepTest, LhsDesignStratifiesContinuousAxesWithinTheirBounds) {
  const Design d = design(R"(design = "lhs"
samples = 16
[[axes]]
key = "model.epsilon"
lhs = { min = 0.1, max = 0.5 }
[[axes]]
key = "network.n"
lhs = { min = 20, max = 35 }
)");
  ASSERT_EQ(d.cells.size(), 16u);
  std::vector<std::size_t> eps_strata;
  std::set<std::int64_t> ns;
  for (const auto& c : d.cells) {
    const double e = real_of(c[0]);
    ASSERT_GE(e, 0.1);
    ASSERT_LT(e, 0.5);
    eps_strata.push_back(static_cast<std::size_t>((e - 0.1) / 0.4 * 16));
    ns.insert(std::get<std::int64_t>(c[1]));  // integer parameter: integer values
  }
  std::sort(eps_strata.begin(), eps_strata.end());
  for (std::size_t k = 0; k < 16; ++k) EXPECT_EQ(eps_strata[k], k);
  // 16 integers 20..35, one per stratum of width 1: every integer once.
  EXPECT_EQ(ns.size(), 16u);
  EXPECT_EQ(*ns.begin(), 20);
  EXPECT_EQ(*ns.rbegin(), 35);
}

TEST_F(SweepTest, DesignHashFollowsTheRunSet) {
  const std::string body =
      "replicates = 2\n[[axes]]\nkey = \"model.epsilon\"\nvalues = [0.1, 0.2]\n";
  const Design a = design(body);
  EXPECT_EQ(a.hash, design(body, "other_name.toml").hash);
  EXPECT_EQ(a.hash.size(), 32u);
  EXPECT_NE(
      a.hash,
      design("replicates = 3\n[[axes]]\nkey = \"model.epsilon\"\nvalues = [0.1, 0.2]\n").hash);
  EXPECT_NE(
      a.hash,
      design("replicates = 2\n[[axes]]\nkey = \"model.epsilon\"\nvalues = [0.1, 0.3]\n").hash);
  EXPECT_NE(a.hash, design(body + "[set]\nsimulation.steps = 21\n").hash);
}

TEST_F(SweepTest, ErrorsNameTheFileLineKeyAndValidRange) {
  const auto unknown = error("[[axes]]\nkey = \"model.epsilom\"\nvalues = [0.1]\n");
  EXPECT_NE(unknown.find("s.toml:4"), std::string::npos) << unknown;
  EXPECT_NE(unknown.find("epsilom"), std::string::npos) << unknown;
  EXPECT_NE(unknown.find("valid keys: epsilon"), std::string::npos) << unknown;

  const auto range = error("[[axes]]\nkey = \"model.epsilon\"\nvalues = [0.1, 5.0]\n");
  EXPECT_NE(range.find("s.toml:4: axis model.epsilon = 5"), std::string::npos) << range;
  EXPECT_NE(range.find("valid range"), std::string::npos) << range;

  const auto lhs_range = error(
      "design = \"lhs\"\nsamples = 3\n[[axes]]\nkey = \"model.mu\"\nlhs = {min = 0.1, max = 2}\n");
  EXPECT_NE(lhs_range.find("axis model.mu = 2"), std::string::npos) << lhs_range;

  EXPECT_NE(error("[[axes]]\nkey = \"model.epsilon\"\nrange = {from = 0.5, to = 0.1, step = 0.1}\n")
                .find("empty range"),
            std::string::npos);
  EXPECT_NE(
      error("replicates = 3\nseeds = [1, 2]\n").find("seeds has 2 entries but replicates = 3"),
      std::string::npos);
  EXPECT_NE(error("seeds = [1, 2, 1]\n").find("s.toml:3: duplicate seed 1"), std::string::npos);
  EXPECT_NE(error("design = \"lhs\"\n[[axes]]\nkey = \"model.mu\"\nlhs = {min = 0.1, max = 0.2}\n")
                .find("needs samples"),
            std::string::npos);
  EXPECT_NE(error("[[axes]]\nkey = \"model.mu\"\nlhs = {min = 0.1, max = 0.2}\n")
                .find("needs design = \"lhs\""),
            std::string::npos);
  EXPECT_NE(error("design = \"zip\"\n[[axes]]\nkey = \"model.mu\"\nvalues = [0.1]\n[[axes]]\n"
                  "key = \"model.epsilon\"\nvalues = [0.1, 0.2]\n")
                .find("same number of values"),
            std::string::npos);
  EXPECT_NE(error("[[axes]]\nkey = \"simulation.seed\"\nvalues = [1]\n").find("per replicate"),
            std::string::npos);
  EXPECT_NE(error("[[axes]]\nkey = \"model.mu\"\nvalues = []\n").find("values is empty"),
            std::string::npos);
  EXPECT_NE(error("[set]\nmodel.mu = 7\n").find("s.toml:4: [set] model.mu"), std::string::npos);
  EXPECT_NE(error("replicatez = 2\n").find("unknown key 'replicatez' in [sweep]"),
            std::string::npos);
}
