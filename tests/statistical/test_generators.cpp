// Generators against analytic results, over several fixed seeds:
// Barabási–Albert degree tail, Watts–Strogatz clustering (Barrat & Weigt
// 2000), stochastic-block-model densities, Erdős–Rényi degree moments, the
// follow graph's in-degree tail and activity-driven contact rates (Perra et
// al. 2012). Each band is justified next to its check.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "microcosm/graph/activity_driven.hpp"
#include "microcosm/graph/generators.hpp"

using namespace microcosm;

namespace {

std::vector<std::uint32_t> degrees(const CsrGraph& g) {
  std::vector<std::uint32_t> d(g.num_nodes());
  for (NodeId u = 0; u < g.num_nodes(); ++u) d[u] = g.degree(u);
  return d;
}

// Fraction of nodes with degree >= k.
double ccdf(const std::vector<std::uint32_t>& deg, double k) {
  const auto c = std::count_if(deg.begin(), deg.end(), [&](std::uint32_t d) { return d >= k; });
  return static_cast<double>(c) / static_cast<double>(deg.size());
}

// Least-squares slope of log ccdf(k) against log k at `points` integer k
// spaced geometrically in [k0, k1].
double ccdf_slope(const std::vector<std::uint32_t>& deg, double k0, double k1, int points) {
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (int i = 0; i < points; ++i) {
    const double k = std::ceil(k0 * std::pow(k1 / k0, static_cast<double>(i) / (points - 1)));
    const double x = std::log(k), y = std::log(ccdf(deg, k));
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
  }
  return (points * sxy - sx * sy) / (points * sxx - sx * sx);
}

// Transitivity 3 * triangles / connected triples (the C' of Barrat & Weigt).
double transitivity(const CsrGraph& g) {
  double triangles = 0, triples = 0;
  for (NodeId u = 0; u < g.num_nodes(); ++u) {
    const auto nu = g.neighbors(u);
    const double d = static_cast<double>(nu.size());
    triples += d * (d - 1) / 2;
    for (NodeId v : nu) {
      if (v <= u) continue;
      const auto nv = g.neighbors(v);
      std::size_t i = 0, j = 0;
      while (i < nu.size() && j < nv.size()) {
        if (nu[i] < nv[j]) {
          ++i;
        } else if (nu[i] > nv[j]) {
          ++j;
        } else {
          triangles += nu[i] > v;
          ++i;
          ++j;
        }
      }
    }
  }
  return triples > 0 ? 3 * triangles / triples : 0.0;
}

}  // namespace

// BA: P(K >= k) = m (m + 1) / (k (k + 1)) asymptotically (Dorogovtsev,
// Mendes & Samukhin 2000; Bollobás et al. 2001), a k^-2 tail. Its local
// log-slope runs from -1.91 at k = 10 to -1.99 at k = 100, so the fitted
// slope lies near -1.95. With n = 1e5, m = 3 about 120 nodes have k >= 100
// (relative sd ~9%), giving a slope sd ~0.04: the band +-0.15 is ~3.5 sd.
// The ccdf at k = 10 and 30 (~11000 and ~1300 nodes) must match the formula
// within 10% (> 3 sd including BA's degree correlations).
TEST(GeneratorStatistics, BarabasiAlbertHasAPowerLawTail) {
  const std::size_t n = 100000, m = 3;
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    const auto deg = degrees(gen::barabasi_albert(n, m, seed));
    const double slope = ccdf_slope(deg, 10, 100, 8);
    EXPECT_GT(slope, -2.10) << "seed " << seed;
    EXPECT_LT(slope, -1.80) << "seed " << seed;
    for (double k : {10.0, 30.0}) {
      const double theory = static_cast<double>(m * (m + 1)) / (k * (k + 1));
      EXPECT_NEAR(ccdf(deg, k) / theory, 1.0, 0.10) << "k = " << k << ", seed " << seed;
    }
  }
}

// WS: Barrat & Weigt (Eur. Phys. J. B 13, 547, 2000): C'(p) = C(0)(1-p)^3
// with C(0) = 3(k-2)/(4(k-1)) exactly. The formula neglects the growth of
// sum d(d-1) as rewiring spreads the degrees (a relative O(p/k) effect,
// ~0.01 here) and O(k/n) triangles made by rewiring, so the band is 0.025
// for p <= 0.5; at p = 1 the graph is random and C' ~ k/n = 0.005.
TEST(GeneratorStatistics, WattsStrogatzClusteringFallsWithRewiring) {
  const std::size_t n = 2000, k = 10;
  const double c0 = 3.0 * (k - 2) / (4.0 * (k - 1));
  const std::vector<double> ps{0.0, 0.01, 0.03, 0.1, 0.3, 0.5, 1.0};
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    double previous = 1.0;
    for (double p : ps) {
      const double c = transitivity(gen::watts_strogatz(n, k, p, seed));
      EXPECT_LT(c, previous) << "p = " << p << ", seed " << seed;
      previous = c;
      if (p == 0.0) {
        EXPECT_NEAR(c, c0, 1e-12);
      } else if (p <= 0.5) {
        EXPECT_NEAR(c, c0 * std::pow(1 - p, 3), 0.025) << "p = " << p << ", seed " << seed;
      } else {
        EXPECT_LT(c, 0.01) << "seed " << seed;
      }
    }
  }
}

// SBM: each block pair's edge count is Binomial(pairs, p); 4 sd bands.
TEST(GeneratorStatistics, StochasticBlockModelDensities) {
  const std::vector<std::size_t> sizes{1500, 2500};
  const double p_in = 0.02, p_out = 0.004;
  const auto block = gen::block_membership(sizes);
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    const CsrGraph g = gen::stochastic_block_model(sizes, p_in, p_out, seed);
    double count[2][2] = {{0, 0}, {0, 0}};
    for (const auto& [u, v] : g.edge_list()) ++count[block[u]][block[v]];
    const double pairs[3] = {1500.0 * 1499 / 2, 2500.0 * 2499 / 2, 1500.0 * 2500};
    const double observed[3] = {count[0][0], count[1][1], count[0][1] + count[1][0]};
    const double p[3] = {p_in, p_in, p_out};
    for (int b = 0; b < 3; ++b) {
      const double mean = pairs[b] * p[b], sd = std::sqrt(pairs[b] * p[b] * (1 - p[b]));
      EXPECT_NEAR(observed[b], mean, 4 * sd) << "block pair " << b << ", seed " << seed;
    }
  }
}

// G(n, p) with n = 1e5, mean degree 10: the mean degree 2m/n has sd
// 2 sqrt(m)/n = 0.014 (band 0.06, ~4 sd); the degree variance is
// (n-1)p(1-p) = 10.0 with sampling sd ~0.05 (band 0.25).
TEST(GeneratorStatistics, ErdosRenyiDegreeMoments) {
  const std::size_t n = 100000;
  const double p = 10.0 / (n - 1);
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    const auto deg = degrees(gen::erdos_renyi_gnp(n, p, seed));
    double sum = 0, sq = 0;
    for (auto d : deg) {
      sum += d;
      sq += static_cast<double>(d) * d;
    }
    const double mean = sum / n, var = sq / n - mean * mean;
    EXPECT_NEAR(mean, 10.0, 0.06) << "seed " << seed;
    EXPECT_NEAR(var, 10.0 * (1 - p), 0.25) << "seed " << seed;
  }
}

// Follow graph: node j's expected in-degree is n k w_j / sum(w), w ~ w^-2.5
// on [1, n], so for k_in >> 1 the in-degree ccdf falls as k^-(2.5-1) =
// k^-1.5. Between k = 100 and 3000 the tail holds tens to thousands of
// nodes; seed-to-seed spread of the fitted slope is ~0.07, band +-0.25.
TEST(GeneratorStatistics, FollowGraphInDegreeTail) {
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    const CsrGraph in = gen::directed_configuration(100000, 30, 2.5, seed).transpose();
    const double slope = ccdf_slope(degrees(in), 100, 3000, 8);
    EXPECT_NEAR(slope, -1.5, 0.25) << "seed " << seed;
  }
}

// Activity-driven network: links per step = m * (number of active nodes),
// a sum of Bernoulli(a_i), so its mean over T steps has sd
// m sqrt(sum a(1-a) / T) (band 4 sd). Over T steps node i takes part in
// T m (a_i + sum_{j != i} a_j / (n - 1)) link events on average (Perra et
// al. 2012, eq. 2 before the large-n limit); the most and least active 10%
// of nodes must match that within 4% (each decile has ~20000 events
// or more: sd < 1%).
TEST(GeneratorStatistics, ActivityDrivenContactRates) {
  ActivityDrivenNetwork::Params p;
  p.n = 20000;
  p.gamma = 2.1;
  p.epsilon = 0.01;
  p.eta = 5.0;
  p.m = 2;
  const std::uint64_t steps = 100;
  for (std::uint64_t seed : {1u, 2u}) {
    const ActivityDrivenNetwork net(p, seed);
    const auto a = net.activities();
    std::vector<double> events(p.n, 0.0);
    std::vector<std::pair<NodeId, NodeId>> links;
    double total = 0;
    for (std::uint64_t t = 0; t < steps; ++t) {
      net.sample(t, links);
      total += static_cast<double>(links.size());
      for (const auto& [i, j] : links) {
        ++events[i];
        ++events[j];
      }
    }
    double var = 0, sum_a = 0;
    for (double x : a) {
      var += x * (1 - x);
      sum_a += x;
    }
    const double sd = static_cast<double>(p.m) * std::sqrt(var / steps);
    EXPECT_NEAR(total / steps, net.expected_links_per_step(), 4 * sd) << "seed " << seed;

    std::vector<NodeId> order(p.n);
    std::iota(order.begin(), order.end(), NodeId{0});
    std::sort(order.begin(), order.end(), [&](NodeId x, NodeId y) { return a[x] < a[y]; });
    const std::size_t decile = p.n / 10;
    for (bool top : {false, true}) {
      double observed = 0, expected = 0;
      for (std::size_t r = 0; r < decile; ++r) {
        const NodeId i = order[top ? p.n - 1 - r : r];
        observed += events[i];
        const double others = (sum_a - a[i]) / static_cast<double>(p.n - 1);
        expected += static_cast<double>(steps * p.m) * (a[i] + others);
      }
      EXPECT_NEAR(observed / expected, 1.0, 0.04) << (top ? "top" : "bottom") << " decile";
    }
  }
}
