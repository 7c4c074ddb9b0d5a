// Observables of the micro-identity model (MODEL.md §8), computed from the
// state at recorded steps, in the column order of metric_dictionary.cpp.
// Disinformation accounts are excluded everywhere.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include <omp.h>

#include "microcosm/metrics/communities.hpp"
#include "microcosm/metrics/opinion.hpp"
#include "microcosm/metrics/partition.hpp"
#include "microcosm/metrics/principal_axis.hpp"
#include "microcosm/models/mim/mim_schema.hpp"
#include "mim.hpp"

namespace microcosm::mim {

namespace {

// Observables are written as 0 where a statistic is undefined (no edges, no
// variance), so time series stay numeric.
double defined_or_zero(double v) { return std::isnan(v) ? 0.0 : v; }

// Newman modularity of a directed, unweighted graph given arc by arc,
// computed as metrics::modularity computes it on the built CsrGraph (same
// group numbering, hence the same floating-point sums): groups numbered by
// first appearance in `membership` (sorted when ids are sparse), every
// kUnassigned node a singleton after them. Counts are integers, so the arc
// order does not matter, and threads may count in parallel (Partial). About
// 8 bytes per node instead of a graph. Per-node arrays live in the model's
// metrics scratch (ModularityBuffers in mim.hpp, HugeVectors), reused from
// row to row, so that filling them at 1e7 agents takes no new page faults.
class DirectedModularity {
 public:
  using Buffers = ModularityBuffers;
  DirectedModularity(std::span<const std::uint32_t> membership, Buffers& buffers)
      : group_(buffers.group), out_node_(buffers.out_node), in_node_(buffers.in_node),
        partial_in_node_(buffers.partial_in_node) {
    const std::size_t n = membership.size();
    group_.assign(n, metrics::kUnassigned);
    // One in-count buffer per thread that may count (see Partial).
    partial_in_node_.resize(static_cast<std::size_t>(std::max(omp_get_max_threads(), 1)));
    std::uint32_t max_id = 0;
    bool any = false;
    for (std::uint32_t c : membership) {
      if (c == metrics::kUnassigned) continue;
      max_id = any ? std::max(max_id, c) : c;
      any = true;
    }
    std::uint32_t next = 0;
    if (any && static_cast<std::size_t>(max_id) <= 4 * n + 64) {
      std::vector<std::uint32_t> remap(static_cast<std::size_t>(max_id) + 1, metrics::kUnassigned);
      for (std::size_t u = 0; u < n; ++u) {
        const std::uint32_t c = membership[u];
        if (c == metrics::kUnassigned) continue;
        if (remap[c] == metrics::kUnassigned) remap[c] = next++;
        group_[u] = remap[c];
      }
    } else if (any) {
      std::vector<std::uint32_t> values;
      for (std::uint32_t c : membership) {
        if (c != metrics::kUnassigned) values.push_back(c);
      }
      std::sort(values.begin(), values.end());
      values.erase(std::unique(values.begin(), values.end()), values.end());
      for (std::size_t u = 0; u < n; ++u) {
        const std::uint32_t c = membership[u];
        if (c == metrics::kUnassigned) continue;
        group_[u] = static_cast<std::uint32_t>(std::lower_bound(values.begin(), values.end(), c) -
                                               values.begin());
      }
      next = static_cast<std::uint32_t>(values.size());
    }
    out_group_.assign(next, 0);
    in_group_.assign(next, 0);
    out_node_.assign(n, 0);
    in_node_.assign(n, 0);
  }

  // Dense group of node u, or kUnassigned for a singleton.
  std::uint32_t group(NodeId u) const noexcept { return group_[u]; }

  // One thread's counts. Arcs are added by their tail u, and each tail by
  // one thread only (its singleton out-count is written directly); heads'
  // singleton in-counts go to the thread's own array (atomic increments
  // would serialise the cache misses). Callers drop self-loops, as
  // GraphBuilder does by default.
  class Partial {
   public:
    // Call inside the parallel region: the thread's own in-count buffer.
    explicit Partial(DirectedModularity& m)
        : m_(m), out_group_(m.out_group_.size(), 0), in_group_(m.in_group_.size(), 0),
          in_node_(m.partial_in_node_[static_cast<std::size_t>(omp_get_thread_num())]) {
      in_node_.assign(m.in_node_.size(), 0);
    }
    void add(NodeId u, std::uint32_t gu, NodeId v, std::uint32_t gv) {
      ++total_;
      if (gu != metrics::kUnassigned && gu == gv) ++internal_;
      if (gu != metrics::kUnassigned && gv != metrics::kUnassigned && gu != gv) ++external_;
      if (gu == metrics::kUnassigned) ++m_.out_node_[u];
      else ++out_group_[gu];
      if (gv == metrics::kUnassigned) ++in_node_[v];
      else ++in_group_[gv];
    }

   private:
    friend class DirectedModularity;
    DirectedModularity& m_;
    std::vector<std::uint64_t> out_group_, in_group_;
    HugeVector<std::uint32_t>& in_node_;
    std::uint64_t internal_ = 0, external_ = 0, total_ = 0;
  };
  void merge(const Partial& part) {
    internal_ += part.internal_;
    external_ += part.external_;
    total_ += part.total_;
    for (std::size_t g = 0; g < out_group_.size(); ++g) {
      out_group_[g] += part.out_group_[g];
      in_group_[g] += part.in_group_[g];
    }
    for (std::size_t u = 0; u < in_node_.size(); ++u) in_node_[u] += part.in_node_[u];
  }

  double value() const {
    const double total = static_cast<double>(total_);
    if (!(total > 0.0)) return std::numeric_limits<double>::quiet_NaN();
    // Groups in their dense order: communities first, then singletons in
    // node order (a singleton without arcs adds +0.0 and is skipped).
    double expected = 0.0;
    for (std::size_t g = 0; g < out_group_.size(); ++g) {
      expected += (static_cast<double>(out_group_[g]) / total) *
                  (static_cast<double>(in_group_[g]) / total);
    }
    for (std::size_t u = 0; u < group_.size(); ++u) {
      if (group_[u] != metrics::kUnassigned || (out_node_[u] == 0 && in_node_[u] == 0)) continue;
      expected += (static_cast<double>(out_node_[u]) / total) *
                  (static_cast<double>(in_node_[u]) / total);
    }
    return static_cast<double>(internal_) / total - expected;
  }

  // Krackhardt-Stern E-I index of the arcs between grouped nodes, as
  // metrics::ei_index: (E - I) / (E + I), NaN when there is none.
  double ei_index() const {
    const double ties = static_cast<double>(external_ + internal_);
    if (!(ties > 0.0)) return std::numeric_limits<double>::quiet_NaN();
    return (static_cast<double>(external_) - static_cast<double>(internal_)) / ties;
  }

 private:
  HugeVector<std::uint32_t>& group_;
  std::vector<std::uint64_t> out_group_, in_group_;
  HugeVector<std::uint32_t>& out_node_;
  HugeVector<std::uint32_t>& in_node_;
  std::vector<HugeVector<std::uint32_t>>& partial_in_node_;
  std::uint64_t internal_ = 0, external_ = 0, total_ = 0;
};

}  // namespace

std::vector<std::string> MimModel::metric_names() const {
  std::vector<std::string> names;
  for (const MetricInfo& m : metric_dictionary()) {
    if (m.name.starts_with("leiden_") && !p_.observe_leiden) continue;
    names.push_back(m.name);
  }
  return names;
}

metrics::Communities MimModel::follow_graph_leiden() const {
  const AgentState& a = agents_;
  GraphBuilder b(a.n, {true, false, false});
  b.reserve(follow_.num_edges());
  for (std::size_t i = 0; i < a.n; ++i) {
    if (a.disinformation[i]) continue;
    for (const NodeId j : follow_.out_neighbors(static_cast<NodeId>(i))) {
      if (!a.disinformation[j] && j != i) b.add_edge(static_cast<NodeId>(i), j);
    }
  }
  const CsrGraph graph = std::move(b).build();
  metrics::LeidenOptions options;
  options.seed = stream_key(seed_, purpose_id("mim.observe.leiden"), 0, t_);
  return metrics::leiden(graph, options);
}

void MimModel::compute_metrics(std::span<double> out) const {
  const AgentState& a = agents_;
  const std::size_t n = a.n;
  const int dims = p_.dims;
  std::size_t c = 0;
  auto put = [&](double v) { out[c++] = v; };

  // Per-agent buffers come from the model's metrics scratch (mim.hpp:
  // reused storage, refilled here; rows are computed from the main thread).
  MetricsScratch& scratch = metrics_scratch_;
  HugeVector<double>& x0 = scratch.x0;
  x0.clear();
  x0.reserve(n);
  HugeVector<NodeId>& people = scratch.people;
  people.clear();
  for (std::size_t i = 0; i < n; ++i) {
    if (a.disinformation[i]) continue;
    people.push_back(static_cast<NodeId>(i));
    x0.push_back(a.pos(static_cast<NodeId>(i))[0]);
  }
  const double N = static_cast<double>(people.size());

  // Opinion: the distribution of a score in [-1, 1] (issue 0, then the
  // first principal component below), as MODEL.md §8 lists its statistics.
  auto put_distribution = [&](std::span<const double> score) {
    put(metrics::mean(score));
    put(metrics::variance(score));
    put(metrics::bimodality_coefficient(score));
    put(metrics::esteban_ray(score, -1.0, 1.0, 20, 1.6));
    const auto sizes = metrics::clusters_by_histogram(score, -1.0, 1.0, 200);
    put(static_cast<double>(metrics::count_major(sizes, score.size(), 0.01)));
    put(metrics::effective_number(sizes));
  };
  put_distribution(x0);
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
  std::vector<double> matrix(static_cast<std::size_t>(dims * dims));
  for (int r = 0; r < dims; ++r) {
    for (int s = 0; s < dims; ++s) matrix[static_cast<std::size_t>(r * dims + s)] = cov[r][s];
  }
  const metrics::LeadingAxis axis = metrics::leading_axis(matrix, dims);
  const double share = trace > 0.0 ? axis.lambda / trace : 1.0;
  put(share);
  put(dims > 1 ? (share - 1.0 / dims) / (1.0 - 1.0 / dims) : 1.0);
  // The opinion statistics again along the first principal component
  // (scores in [-1, 1], metrics/principal_axis.hpp).
  {
    HugeVector<double>& pc1 = scratch.pc1;
    pc1.resize(people.size());
    for (std::size_t p = 0; p < people.size(); ++p) pc1[p] = metrics::axis_score(axis.axis, a.pos(people[p]));
    put_distribution(pc1);
  }
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

  // One parallel pass over every person's follow and reading lists feeds
  // the exposure and network observables below: per person the mean x_0 of
  // its same-platform followees and of the authors it read (NaN: none), and
  // the integer counts of both modularities (order-free, so the values do
  // not depend on the threads). What an arc asks about its head sits in one
  // 16-byte record, one cache miss per arc.
  HugeVector<std::uint32_t>& membership = scratch.membership;
  membership.assign(n, metrics::kUnassigned);
  for (NodeId i : people) {
    const CommunityId g = a.primary(i);
    if (g != kNoCommunity) membership[i] = g;
  }
  DirectedModularity follows(membership, scratch.follows);
  DirectedModularity exposure(membership, scratch.exposure);
  HugeVector<double>& followee_mean = scratch.followee_mean;
  HugeVector<double>& author_mean = scratch.author_mean;
  HugeVector<double>& followee_content = scratch.followee_content;
  followee_mean.resize(people.size());  // every entry is written below
  followee_content.resize(people.size());
  author_mean.resize(people.size());
  {
    using Head = MetricsHead;
    HugeVector<Head>& head = scratch.head;
    head.resize(n);  // every entry is written below
    #pragma omp parallel for schedule(static)
    for (std::size_t j = 0; j < n; ++j) {
      const auto id = static_cast<NodeId>(j);
      head[j] = {a.pos(id)[0], content_leaning(id), follows.group(id), a.platform[j],
                 a.disinformation[j]};
    }
    const auto count = static_cast<std::int64_t>(people.size());
    #pragma omp parallel
    {
      DirectedModularity::Partial f_part(follows), r_part(exposure);
      #pragma omp for schedule(dynamic, 1024)
      for (std::int64_t p = 0; p < count; ++p) {
        const NodeId i = people[static_cast<std::size_t>(p)];
        const Head& hi = head[i];
        double sum = 0.0, content_sum = 0.0;
        int k = 0, content_k = 0;
        const auto row = follow_.out_neighbors(i);
        for (std::size_t e = 0; e < row.size(); ++e) {
          if (e + 8 < row.size()) __builtin_prefetch(&head[row[e + 8]]);
          const NodeId j = row[e];
          const Head& hj = head[j];
          // The active follow graph (§8): arcs to another platform are
          // dormant (§4.10).
          if (hj.disinformation || hj.platform != hi.platform) continue;
          if (j != i) f_part.add(i, hi.group, j, hj.group);
          sum += hj.x0;
          ++k;
          if (!std::isnan(hj.content)) {
            content_sum += hj.content;
            ++content_k;
          }
        }
        constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
        followee_mean[static_cast<std::size_t>(p)] = k == 0 ? kNaN : sum / k;
        // The content version needs the agent's own leaning too.
        followee_content[static_cast<std::size_t>(p)] =
            content_k == 0 || std::isnan(hi.content) ? kNaN : content_sum / content_k;
        sum = 0.0;
        k = 0;
        const NodeId* recent = a.recent_authors.data() + static_cast<std::size_t>(i) * kWindow;
        for (int w = 0; w < kWindow; ++w) {
          if (recent[w] != kNone) __builtin_prefetch(&head[recent[w]]);
        }
        for (int w = 0; w < kWindow; ++w) {
          const NodeId j = recent[w];
          if (j == kNone || head[j].disinformation) continue;
          if (j != i) r_part.add(i, hi.group, j, head[j].group);
          sum += head[j].x0;
          ++k;
        }
        author_mean[static_cast<std::size_t>(p)] =
            k == 0 ? std::numeric_limits<double>::quiet_NaN() : sum / k;
      }
      #pragma omp critical(mim_observables_modularity)
      {
        follows.merge(f_part);
        exposure.merge(r_part);
      }
    }
  }
  // Pearson of each person's own value (x_0, or the content leaning) against
  // a per-person mean over the persons that have one, in id order.
  auto echo_of = [&](auto own, std::span<const double> means) {
    HugeVector<double>& reader_x = scratch.reader_x;
    HugeVector<double>& other = scratch.other;
    reader_x.clear();
    other.clear();
    reader_x.reserve(people.size());
    other.reserve(people.size());
    for (std::size_t p = 0; p < people.size(); ++p) {
      if (std::isnan(means[p])) continue;
      reader_x.push_back(own(people[p]));
      other.push_back(means[p]);
    }
    return defined_or_zero(metrics::pearson(reader_x, other));
  };
  auto echo = [&](std::span<const double> means) {
    return echo_of([&](NodeId i) { return a.pos(i)[0]; }, means);
  };

  // Exposure: echo-chamber index on the follow graph (same platform), and
  // closed echo chambers from the 30-day partisan reads. The closed share is
  // a share of all people, as fact 1 words it and as surveys count people in
  // echo chambers (Fletcher, Robertson & Nielsen 2021): someone who reads
  // little partisan content is not in one. The cross-cutting share is the
  // mean over partisan readers (>= 10 partisan reads), whose share is
  // reported too, so the closed share among them is closed / partisan.
  {
    put(echo(followee_mean));
    // Content version (Cinelli et al. 2021): leanings of what people post.
    put(echo_of([&](NodeId i) { return static_cast<double>(content_leaning(i)); },
                followee_content));
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
    put(N > 0 ? static_cast<double>(closed) / N : 0.0);
    put(partisan ? cross / np : 0.0);
    put(N > 0 ? np / N : 0.0);
    // What the feeds serve, in the reader's own terms (§4.4): agreeable,
    // rejected, and in between ignored.
    double reads = 0.0, agreeable = 0.0, rejected = 0.0;
    for (NodeId i : people) {
      reads += a.counts.read[i];
      agreeable += a.counts.confirming[i];
      rejected += a.counts.contradicting[i];
    }
    put(reads > 0 ? agreeable / reads : 0.0);
    put(reads > 0 ? rejected / reads : 0.0);
  }

  // Modularity by primary identity (unaffiliated agents are singletons) of
  // the follow graph and of the exposure (reading) graph: i -> j for each
  // of the last 30 items i read, a proxy for the 30-day exposure graph of
  // MODEL.md §8 that needs no extra memory; the exposure echo-chamber index
  // correlates x_0 with the mean x_0 of those authors. Both modularities are
  // counted straight from the lists (DirectedModularity, above): the same
  // values as metrics::modularity of the built graphs, without building them.
  put(defined_or_zero(follows.value()));
  put(defined_or_zero(follows.ei_index()));
  if (p_.observe_leiden) {
    // Accounts are isolated nodes here: they join no community with others.
    const metrics::Communities leiden = follow_graph_leiden();
    std::uint32_t groups = 0;
    std::vector<std::uint8_t> seen(leiden.count, 0);
    for (NodeId i : people) {
      const std::uint32_t community = leiden.membership[i];
      if (!seen[community]) ++groups;
      seen[community] = 1;
    }
    put(defined_or_zero(leiden.modularity));
    put(static_cast<double>(groups));
  }
  put(echo(author_mean));
  put(defined_or_zero(exposure.value()));

  // Micro-identities, sized by their human members (infiltrating accounts
  // are excluded, phase_infiltration.cpp).
  std::vector<double> sizes_alive;
  std::size_t alive = 0, alternative_micro = 0;
  double extremity_sum = 0.0, extremity_weighted = 0.0, members_total = 0.0;
  const std::vector<std::uint32_t> account_members_of = account_members();
  for (CommunityId g = 0; g < communities_.size(); ++g) {
    const Community& com = communities_[g];
    if (!com.alive) continue;
    ++alive;
    const std::uint32_t humans = com.members - account_members_of[g];
    if (humans < static_cast<std::uint32_t>(p_.min_size)) continue;
    sizes_alive.push_back(humans);
    alternative_micro += com.platform != 0;
    const double z = extremity(g);
    extremity_sum += z;
    extremity_weighted += z * humans;
    members_total += humans;
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
  put(sizes_alive.empty() ? 0.0 : extremity_sum / static_cast<double>(sizes_alive.size()));
  put(members_total > 0.0 ? extremity_weighted / members_total : 0.0);
  {
    const std::uint64_t begun_today = memberships_begun_today_, ended_today = memberships_ended_today_;
    put(static_cast<double>(memberships_begun_ + begun_today));
    put(static_cast<double>(memberships_ended_ + ended_today));
    double held = 0.0;
    for (NodeId i : people) held += a.membership_count(i);
    put(held > 0.0 ? static_cast<double>(begun_today + ended_today) / held : 0.0);
  }
  put(lifetimes_.empty() ? 0.0
                         : std::accumulate(lifetimes_.begin(), lifetimes_.end(), 0.0) /
                               static_cast<double>(lifetimes_.size()));

  // Psychology.
  std::array<double, 4> need_mean{};
  double phi = 0.0, pinned = 0.0, lonely = 0.0, hostility = 0.0, ap = 0.0, trust = 0.0,
         civic = 0.0, media = 0.0, offline = 0.0, outgroup_contact = 0.0, radical_n = 0.0,
         score = 0.0;
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
    if (a.membership_count(i) > 0) {
      ap += a.hostility[i];
      outgroup_contact += a.counts.offline_outgroup[i];
    }
    trust += a.trust[i];
    civic += a.civic[i];
    media += a.media[i];
    offline += a.offline[i];
    const bool rad = radical(i);
    radical_n += rad;
    const CommunityId g = a.primary(i);
    if (g != kNoCommunity) {
      score += up * extremity(g) * a.hostility[i] * (1.0 - a.need[kSignificance][i]);
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
  put(belonging_from_groups_sum_ / N);
  put(hostility / N);
  put(affiliated ? ap / static_cast<double>(affiliated) : 0.0);
  put(trust / N);
  put(civic / N);
  put(media / N);
  put(offline / N);
  put(affiliated ? outgroup_contact / static_cast<double>(affiliated) : 0.0);
  put(radical_n / N);
  put(score / N);
  put(alt / N);
  put(alt > 0 ? alt_radical / alt : 0.0);
  put(static_cast<double>(alternative_micro));
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
