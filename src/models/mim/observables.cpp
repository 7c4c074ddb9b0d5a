// Observables of the micro-identity model (MODEL.md §8), computed from the
// state at recorded steps. Disinformation accounts are excluded everywhere.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "microcosm/metrics/opinion.hpp"
#include "microcosm/metrics/partition.hpp"
#include "mim.hpp"

namespace microcosm::mim {

namespace {

// Observables are written as 0 where a statistic is undefined (no edges, no
// variance), so time series stay numeric.
double defined_or_zero(double v) { return std::isnan(v) ? 0.0 : v; }

const std::vector<std::string> kNames = {
    // opinion (dimension 0 unless noted)
    "x0_mean", "x0_variance", "x0_bimodality", "esteban_ray", "major_clusters",
    "effective_clusters", "alignment", "alignment_adjusted", "mean_distance", "extreme_share",
    // exposure
    "echo_chamber", "closed_echo_share", "cross_cutting_share",
    // network
    "modularity_identity", "echo_chamber_exposure", "modularity_exposure",
    // micro-identities
    "micro_identities", "communities_alive", "affiliated_share", "size_median", "size_max",
    "births", "deaths", "splits", "narrative_extremity",
    // psychology
    "significance", "certainty", "belonging", "freedom", "frustration", "needs_pinned_share",
    "lonely_share", "hostility", "affective_polarization", "trust", "civic", "media", "offline",
    "radical_share", "radicalism_score",
    // platforms and disintegration
    "alternative_share", "radical_share_alternative", "d1_identity_over_civic", "d3_eta2",
    "d4_common_space", "d5_cross_identity_reads", "cross_identity_approvals", "d7_radical_reach",
    "migrations_to_alternatives", "returns_to_mainstream", "intervention_contacts"};

}  // namespace

std::vector<std::string> MimModel::metric_names() const { return kNames; }

void MimModel::compute_metrics(std::span<double> out) const {
  const AgentState& a = agents_;
  const std::size_t n = a.n;
  const int dims = p_.dims;
  std::size_t c = 0;
  auto put = [&](double v) { out[c++] = v; };

  std::vector<double> x0;
  x0.reserve(n);
  std::vector<NodeId> people;
  for (std::size_t i = 0; i < n; ++i) {
    if (a.disinformation[i]) continue;
    people.push_back(static_cast<NodeId>(i));
    x0.push_back(a.pos(static_cast<NodeId>(i))[0]);
  }
  const double N = static_cast<double>(people.size());

  // Opinion.
  put(metrics::mean(x0));
  put(metrics::variance(x0));
  put(metrics::bimodality_coefficient(x0));
  put(metrics::esteban_ray(x0, -1.0, 1.0, 20, 1.6));
  const auto sizes = metrics::clusters_by_histogram(x0, -1.0, 1.0, 200);
  put(static_cast<double>(metrics::count_major(sizes, people.size(), 0.01)));
  put(metrics::effective_number(sizes));
  // Alignment: largest eigenvalue share of the covariance (power iteration).
  std::array<double, kMaxDims> mean{};
  for (NodeId i : people) {
    for (int d = 0; d < dims; ++d) mean[d] += a.pos(i)[d];
  }
  for (int d = 0; d < dims; ++d) mean[d] /= N;
  std::array<std::array<double, kMaxDims>, kMaxDims> cov{};
  for (NodeId i : people) {
    const double* x = a.pos(i);
    for (int r = 0; r < dims; ++r) {
      for (int s = 0; s < dims; ++s) cov[r][s] += (x[r] - mean[r]) * (x[s] - mean[s]) / N;
    }
  }
  double trace = 0.0;
  for (int d = 0; d < dims; ++d) trace += cov[d][d];
  std::array<double, kMaxDims> v{};
  v.fill(1.0);
  double lambda = 0.0;
  for (int it = 0; it < 100; ++it) {
    std::array<double, kMaxDims> w{};
    for (int r = 0; r < dims; ++r) {
      for (int s = 0; s < dims; ++s) w[r] += cov[r][s] * v[s];
    }
    double norm = 0.0;
    for (int d = 0; d < dims; ++d) norm += w[d] * w[d];
    norm = std::sqrt(norm);
    if (norm == 0.0) break;
    lambda = norm;
    for (int d = 0; d < dims; ++d) v[d] = w[d] / norm;
  }
  const double share = trace > 0.0 ? lambda / trace : 1.0;
  put(share);
  put(dims > 1 ? (share - 1.0 / dims) / (1.0 - 1.0 / dims) : 1.0);
  {
    Rng rng(seed_, "mim.observe.pairs", 0, t_);
    const auto pairs = static_cast<std::size_t>(std::min<std::int64_t>(
        p_.observe_pairs, static_cast<std::int64_t>(people.size() * (people.size() - 1) / 2)));
    double sum = 0.0;
    for (std::size_t k = 0; k < pairs; ++k) {
      const NodeId i = people[rng.bounded(people.size())];
      const NodeId j = people[rng.bounded(people.size())];
      sum += distance(a.pos(i), a.pos(j));
    }
    put(pairs ? sum / static_cast<double>(pairs) : 0.0);
  }
  {
    std::size_t extreme = 0;
    for (NodeId i : people) {
      double inf = 0.0;
      for (int d = 0; d < dims; ++d) inf = std::max(inf, std::fabs(a.pos(i)[d]));
      extreme += inf >= 0.99;
    }
    put(static_cast<double>(extreme) / N);
  }

  // Exposure: echo-chamber index on the follow graph (same platform), and
  // closed echo chambers from the 30-day partisan reads.
  {
    std::vector<double> reader_x, neighbours;
    for (NodeId i : people) {
      double sum = 0.0;
      int k = 0;
      for (NodeId j : follow_.out_neighbors(i)) {
        if (a.platform[j] != a.platform[i] || a.disinformation[j]) continue;
        sum += a.pos(j)[0];
        ++k;
      }
      if (k == 0) continue;
      reader_x.push_back(a.pos(i)[0]);
      neighbours.push_back(sum / k);
    }
    put(defined_or_zero(metrics::pearson(reader_x, neighbours)));
    std::size_t partisan = 0, closed = 0;
    double cross = 0.0;
    for (NodeId i : people) {
      int own = 0, other = 0;
      for (int w = 0; w < kWindow; ++w) {
        own += a.partisan_own[static_cast<std::size_t>(i) * kWindow + w];
        other += a.partisan_other[static_cast<std::size_t>(i) * kWindow + w];
      }
      if (own + other < 10) continue;
      ++partisan;
      closed += own >= 0.8 * (own + other);
      cross += static_cast<double>(other) / (own + other);
    }
    const auto np = static_cast<double>(partisan);
    put(partisan ? static_cast<double>(closed) / np : 0.0);
    put(partisan ? cross / np : 0.0);
  }

  // Modularity by primary identity (unaffiliated agents are singletons) of
  // the follow graph and of the exposure (reading) graph: i -> j for each
  // of the last 30 items i read, a proxy for the 30-day exposure graph of
  // MODEL.md §8 that needs no extra memory; the exposure echo-chamber index
  // correlates x_0 with the mean x_0 of those authors.
  {
    std::vector<std::uint32_t> membership(n, metrics::kUnassigned);
    for (NodeId i : people) {
      const CommunityId g = a.primary(i);
      if (g != kNoCommunity) membership[i] = g;
    }
    GraphBuilder follows(n, {.directed = true});
    GraphBuilder reads(n, {.directed = true, .allow_self_loops = false, .allow_multi_edges = true});
    std::vector<double> reader_x, authors;
    for (NodeId i : people) {
      for (NodeId j : follow_.out_neighbors(i)) {
        if (!a.disinformation[j]) follows.add_edge(i, j);
      }
      double sum = 0.0;
      int k = 0;
      for (int w = 0; w < kWindow; ++w) {
        const NodeId j = a.recent_authors[static_cast<std::size_t>(i) * kWindow + w];
        if (j == kNone || a.disinformation[j]) continue;
        reads.add_edge(i, j);
        sum += a.pos(j)[0];
        ++k;
      }
      if (k == 0) continue;
      reader_x.push_back(a.pos(i)[0]);
      authors.push_back(sum / k);
    }
    put(defined_or_zero(metrics::modularity(std::move(follows).build(), membership)));
    put(defined_or_zero(metrics::pearson(reader_x, authors)));
    put(defined_or_zero(metrics::modularity(std::move(reads).build(), membership)));
  }

  // Micro-identities.
  std::vector<double> sizes_alive;
  std::size_t alive = 0;
  double extremity = 0.0;
  for (const Community& com : communities_) {
    if (!com.alive) continue;
    ++alive;
    if (com.members < static_cast<std::uint32_t>(p_.min_size)) continue;
    sizes_alive.push_back(com.members);
    double z = 0.0;
    for (int d = 0; d < dims; ++d) z = std::max(z, std::fabs(com.narrative[d]));
    extremity += z;
  }
  std::size_t affiliated = 0;
  for (NodeId i : people) affiliated += a.membership_count(i) > 0;
  put(static_cast<double>(sizes_alive.size()));
  put(static_cast<double>(alive));
  put(static_cast<double>(affiliated) / N);
  std::sort(sizes_alive.begin(), sizes_alive.end());
  put(sizes_alive.empty() ? 0.0 : sizes_alive[sizes_alive.size() / 2]);
  put(sizes_alive.empty() ? 0.0 : sizes_alive.back());
  put(static_cast<double>(births_));
  put(static_cast<double>(deaths_));
  put(static_cast<double>(splits_));
  put(sizes_alive.empty() ? 0.0 : extremity / static_cast<double>(sizes_alive.size()));

  // Psychology.
  std::array<double, 4> need_mean{};
  double phi = 0.0, pinned = 0.0, lonely = 0.0, hostility = 0.0, ap = 0.0, trust = 0.0,
         civic = 0.0, media = 0.0, offline = 0.0, radical_n = 0.0, score = 0.0;
  double alt = 0.0, alt_radical = 0.0, d1 = 0.0, d4 = 0.0;
  for (NodeId i : people) {
    for (int k = 0; k < 4; ++k) {
      const double level = a.need[k][i];
      need_mean[k] += level;
      pinned += (level <= 0.02 || level >= 0.98);
    }
    phi += frustration(i);
    lonely += a.need[kBelonging][i] < 0.3;
    hostility += a.hostility[i];
    const double up = a.primary_identification(i);
    if (a.membership_count(i) > 0) ap += a.hostility[i];
    trust += a.trust[i];
    civic += a.civic[i];
    media += a.media[i];
    offline += a.offline[i];
    const bool rad = radical(i);
    radical_n += rad;
    const CommunityId g = a.primary(i);
    if (g != kNoCommunity) {
      double z = 0.0;
      for (int d = 0; d < dims; ++d) z = std::max(z, std::fabs(communities_[g].narrative[d]));
      score += up * z * a.hostility[i] * (1.0 - a.need[kSignificance][i]);
    }
    if (a.platform[i] != 0) {
      alt += 1.0;
      alt_radical += rad;
    }
    d1 += up > a.civic[i];
    int reads = 0;
    for (int w = 0; w < kWindow; ++w) reads += a.mainstream_ring[static_cast<std::size_t>(i) * kWindow + w];
    d4 += reads > 0;
  }
  for (int k = 0; k < 4; ++k) put(need_mean[k] / N);
  put(phi / N);
  put(pinned / (4.0 * N));
  put(lonely / N);
  put(hostility / N);
  put(affiliated ? ap / static_cast<double>(affiliated) : 0.0);
  put(trust / N);
  put(civic / N);
  put(media / N);
  put(offline / N);
  put(radical_n / N);
  put(score / N);
  put(alt / N);
  put(alt > 0 ? alt_radical / alt : 0.0);
  put(d1 / N);
  // D3: share of the variance of x0 explained by primary identity (eta^2),
  // with the unaffiliated as one group.
  {
    const std::size_t G = communities_.size();
    std::vector<double> s(G + 1, 0.0), cnt(G + 1, 0.0);
    double total = 0.0;
    for (NodeId i : people) {
      const CommunityId g = a.primary(i);
      const std::size_t b = g == kNoCommunity ? G : g;
      s[b] += a.pos(i)[0];
      cnt[b] += 1.0;
      total += a.pos(i)[0];
    }
    const double grand = total / N;
    double between = 0.0;
    for (std::size_t b = 0; b <= G; ++b) {
      if (cnt[b] > 0) between += cnt[b] * (s[b] / cnt[b] - grand) * (s[b] / cnt[b] - grand);
    }
    const double var = metrics::variance(x0) * N;
    put(var > 0 ? between / var : 0.0);
  }
  put(d4 / N);
  // D5 and D7 from today's reads (active readers only).
  {
    double identity_reads = 0, cross_reads = 0, identity_approvals = 0, cross_approvals = 0;
    double mainstream_reads = 0, radical_reads = 0;
    for (NodeId i : people) {
      identity_reads += a.counts.identity_reads[i];
      cross_reads += a.counts.cross_reads[i];
      identity_approvals += a.counts.identity_approvals[i];
      cross_approvals += a.counts.cross_approvals[i];
      mainstream_reads += a.counts.mainstream_platform_reads[i];
      radical_reads += a.counts.radical_reads[i];
    }
    put(identity_reads > 0 ? cross_reads / identity_reads : 0.0);
    put(identity_approvals > 0 ? cross_approvals / identity_approvals : 0.0);
    put(mainstream_reads > 0 ? radical_reads / mainstream_reads : 0.0);
  }
  // Cumulative platform moves: off the mainstream, and back to it.
  {
    const std::size_t P = platforms_.size();
    double moved_out = 0, back = 0;
    for (std::size_t q = 1; q < P; ++q) {
      moved_out += static_cast<double>(migration_flow_[q]);    // 0 -> q
      back += static_cast<double>(migration_flow_[q * P]);     // q -> 0
    }
    put(moved_out);
    put(back);
  }
  put(static_cast<double>(intervention_contacts_));
}

}  // namespace microcosm::mim
