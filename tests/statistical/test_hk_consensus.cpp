// Hegselmann–Krause against published results (LITERATURE.md §3). The
// transitions in epsilon are non-monotone and chaotic (Lorenz 2006), so we
// test consensus probabilities at well-separated epsilon values, not a
// sharp threshold:
//  * complete graph / mean field: eps_c ≈ 0.2 (Fortunato, IJMPC 16, 259,
//    2005), so eps = 0.3 gives consensus with high probability and eps =
//    0.1 fragments (about 1/(2 eps) clusters);
//  * graphs whose mean degree stays finite: eps_c = 1/2 (same paper), so at
//    eps = 0.3 a sparse ER graph (mean degree 10) does not reach complete
//    consensus: agents at the fringes whose few neighbours are all farther
//    than eps stay behind, while the same eps on the stored complete graph
//    does reach it.
// Consensus = complete consensus: one cluster (opinions closer than 1e-3)
// containing every agent, as in Fortunato's S_max / N = 1.
#include <gtest/gtest.h>

#include <cstdio>

#include "../model_test_support.hpp"
#include "microcosm/graph/generators.hpp"

namespace mt = microcosm::model_test;

namespace {

struct HkOutcome {
  double clusters = 0.0;
  double major = 0.0;
};

HkOutcome run_hk(std::shared_ptr<const microcosm::Network> net, double eps, std::uint64_t seed) {
  auto m = mt::make("hegselmann_krause", std::move(net), {{"epsilon", eps}}, seed);
  mt::run(*m, 5000);
  EXPECT_TRUE(m->converged()) << "eps " << eps << " seed " << seed;
  return {mt::metric(*m, "clusters"), mt::metric(*m, "major_clusters")};
}

}  // namespace

TEST(HkStatistics, MeanFieldConsensusAboveAndFragmentationBelowThreshold) {
  // Exploratory runs (N = 500, 20 seeds): eps = 0.3 consensus in 20/20;
  // eps = 0.1 ended with 3-5 major clusters in every seed. We require >= 90%
  // consensus at 0.3 and >= 2 major clusters in every seed at 0.1 (the
  // number itself is not a published target for HK, so it is only printed).
  const int seeds = 40;
  int consensus = 0, fragmented = 0;
  double clusters_low = 0.0;
  for (int s = 0; s < seeds; ++s) {
    const auto seed = 1000 + static_cast<std::uint64_t>(s);
    consensus += run_hk(mt::mean_field(500), 0.3, seed).clusters == 1.0;
    const auto low = run_hk(mt::mean_field(500), 0.1, seed);
    fragmented += low.major >= 2.0;
    clusters_low += low.major / seeds;
  }
  std::printf(
      "[hk] mean field N=500: consensus at eps=0.3 in %d/%d seeds; at eps=0.1 >= 2 major "
      "clusters in %d/%d seeds (mean %.2f)\n",
      consensus, seeds, fragmented, seeds, clusters_low);
  EXPECT_GE(consensus, 36);
  EXPECT_EQ(fragmented, seeds);
}

TEST(HkStatistics, SparseGraphNeedsLargerEpsilon) {
  // N = 500. Exploratory rates over 100 seeds: complete consensus at eps =
  // 0.3 on ER with mean degree 10: 9% (fringe agents are left behind while
  // one major cluster remains); on the complete graph ~100% (and 95% even
  // at eps = 0.25). At eps = 0.6 (> 1/2) the sparse graph reaches
  // consensus too (96%; an isolated node has probability 500 e^-10 = 2%
  // per graph). Bands over 60 seeds, each >= 4 binomial sd from those
  // rates: complete >= 90%, sparse at 0.3 <= 25%, sparse at 0.6 >= 85%.
  const int seeds = 60;
  const auto complete = mt::on_graph(microcosm::gen::complete(500));
  int on_complete = 0, on_sparse = 0, on_sparse_high = 0;
  for (int s = 0; s < seeds; ++s) {
    const auto seed = 2000 + static_cast<std::uint64_t>(s);
    on_complete += run_hk(complete, 0.3, seed).clusters == 1.0;
    const auto er = mt::on_graph(microcosm::gen::erdos_renyi_gnp(500, 10.0 / 499.0, seed));
    const auto sparse = run_hk(er, 0.3, seed);
    EXPECT_EQ(sparse.major, 1.0);  // the bulk still agrees
    on_sparse += sparse.clusters == 1.0;
    on_sparse_high += run_hk(er, 0.6, seed).clusters == 1.0;
  }
  std::printf(
      "[hk] N=500 eps=0.3: complete consensus on the complete graph %d/%d, on ER<k>=10 "
      "%d/%d; ER at eps=0.6: %d/%d\n",
      on_complete, seeds, on_sparse, seeds, on_sparse_high, seeds);
  EXPECT_GE(on_complete, 54);
  EXPECT_LE(on_sparse, 15);
  EXPECT_GE(on_sparse_high, 51);
}
