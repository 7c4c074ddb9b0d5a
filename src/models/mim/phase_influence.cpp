// Online influence, reactions and the reader's tallies (MODEL.md §4.4).
#include <algorithm>
#include <cmath>

#include <omp.h>

#include "microcosm/models/mechanisms/bounded_confidence.hpp"
#include "mim.hpp"

namespace microcosm::mim {

namespace {

double sat(double x, double x0) { return 1.0 - std::exp(-x / x0); }

// Shared community of i and j with the largest identification of i, as
// (community, i's slot, j's slot); community kNoCommunity when none.
struct Shared {
  CommunityId g = kNoCommunity;
  int slot_i = -1;
  int slot_j = -1;
};

Shared shared_community(const AgentState& a, NodeId i, NodeId j) {
  Shared best;
  double best_u = -1.0;
  const std::size_t bi = static_cast<std::size_t>(i) * kMaxMemberships;
  const std::size_t bj = static_cast<std::size_t>(j) * kMaxMemberships;
  for (int k = 0; k < kMaxMemberships; ++k) {
    const CommunityId g = a.member_of[bi + k];
    if (g == kNoCommunity) continue;
    for (int l = 0; l < kMaxMemberships; ++l) {
      if (a.member_of[bj + l] != g) continue;
      if (a.identification[bi + k] > best_u) {
        best_u = a.identification[bi + k];
        best = {g, k, l};
      }
    }
  }
  return best;
}

}  // namespace

void MimModel::phase_feeds_and_influence() {
  const std::size_t n = agents_.n;
  reactions_.resize(static_cast<std::size_t>(std::max(omp_get_max_threads(), 1)));
  for (auto& list : reactions_) list.clear();
  #pragma omp parallel
  {
    FeedScratch scratch;
    scratch.reactions = &reactions_[static_cast<std::size_t>(omp_get_thread_num())];
    #pragma omp for schedule(dynamic, 256)
    for (std::size_t i = 0; i < n; ++i) {
      if (!agents_.active[i] || agents_.disinformation[i]) continue;
      // The next reader's first followee cards load while this one reads
      // (build_feed prefetches the rest a few followees ahead).
      if (i + 1 < n) {
        const auto next = follow_.out_neighbors(static_cast<NodeId>(i + 1));
        for (std::size_t f = 0; f < std::min<std::size_t>(8, next.size()); ++f) authors_.prefetch(next[f]);
      }
      Rng rng(seed_, "mim.feed", i, t_);
      const auto id = static_cast<NodeId>(i);
      build_feed(id, rng, scratch);
      read_feed(id, rng, scratch);
    }
  }
  clock_.lap("feeds and influence");
  apply_reactions();
  clock_.lap("reactions");
}

void MimModel::apply_reactions() {
  // Each thread owns a block of authors and a block of post indices (in
  // every generation) and adds the reactions that fall in its blocks, so no
  // counter is written by two threads.
  std::size_t posts = 0;
  for (const auto& gen : gens_) posts = std::max(posts, gen.approvals.size());
  const std::size_t authors = agents_.n;
  Tallies& tallies = agents_.tallies;
  #pragma omp parallel
  {
    const auto threads = static_cast<std::size_t>(omp_get_num_threads());
    const auto t = static_cast<std::size_t>(omp_get_thread_num());
    const std::size_t author_block = (authors + threads - 1) / threads;
    const std::size_t post_block = (posts + threads - 1) / threads;
    const std::size_t author_lo = t * author_block, author_hi = author_lo + author_block;
    const std::size_t post_lo = t * post_block, post_hi = post_lo + post_block;
    for (const auto& list : reactions_) {
      for (const Reaction& r : list) {
        if (r.author >= author_lo && r.author < author_hi) {
          if (r.flags & Reaction::kApproved) {
            ++tallies.approvals[r.author];
            if (r.flags & Reaction::kInGroup) {
              ++tallies.approvals_in_group[r.author];
              ++log_.slot_approvals[static_cast<std::size_t>(r.author) * kMaxMemberships + r.author_slot];
            }
          }
          if (r.flags & Reaction::kHostile) {
            ++tallies.hostile[r.author];
            if (r.flags & Reaction::kHostileOutgroup) ++tallies.hostile_outgroup[r.author];
          }
        }
        if ((r.flags & Reaction::kApproved) && r.index >= post_lo && r.index < post_hi) {
          Generation& gen = gens_[r.slot];
          ++gen.approvals[r.index];
          if (r.flags & Reaction::kSamePrimary) ++gen.approvals_same[r.index];
        }
      }
    }
  }
}

void MimModel::read_feed(NodeId i, Rng& rng, FeedScratch& s) {
  AgentState& a = agents_;
  const int dims = p_.dims;
  double* x = a.pos(i);
  const double eps_i = latitude(i);
  const double rho_i = rejection(i);
  const double mu_i = p_.mu0 * (1.0 - a.conviction[i]);
  const double h_i = a.civic[i];
  const double hostility = a.hostility[i];
  const CommunityId primary_i = a.primary(i);
  const PlatformId q = a.platform[i];
  const std::size_t ring = static_cast<std::size_t>(i) * kWindow + t_ % kWindow;
  std::array<double, kMaxDims> y_sum{};
  int n_read = 0;
  std::size_t seen_count = 0;
  CommunityId* seen = log_.seen.data() + static_cast<std::size_t>(i) * ReaderLog::kSeen;
  auto note_seen = [&](CommunityId g) {
    if (g == kNoCommunity) return;
    for (std::size_t k = 0; k < seen_count; ++k) {
      if (seen[k] == g) return;
    }
    if (seen_count < ReaderLog::kSeen) seen[seen_count++] = g;
  };

  for (const PostRef ref : s.feed) {
    const Generation& gen = gens_[ref.slot];
    const Post& item = gen.posts[ref.index];
    const NodeId j = item.author;
    const double d = distance(x, item.y.data());
    const CommunityId primary_j = item.author_primary;
    const bool out_group = out_group_of(primary_i, primary_j);
    const Shared shared = p_.communities_on ? shared_community(a, i, j) : Shared{};
    const bool followee = ref.followee;
    Reaction reaction{ref.index, j, static_cast<std::uint8_t>(ref.slot), 0, 0};
    ++n_read;
    for (int k = 0; k < dims; ++k) y_sum[k] += item.y[k];
    const bool identity_pair = primary_i != kNoCommunity && primary_j != kNoCommunity;
    if (identity_pair) {
      ++a.counts.identity_reads[i];
      if (primary_j != primary_i) ++a.counts.cross_reads[i];
    }
    if (q == 0) {
      ++a.counts.mainstream_platform_reads[i];
      if (item.author_radical) ++a.counts.radical_reads[i];
    }
    if (mechanisms::within_confidence<mechanisms::Bound::Closed>(d, eps_i)) {
      double omega = 1.0;
      if (shared.g != kNoCommunity) {
        const double u = a.identification[static_cast<std::size_t>(i) * kMaxMemberships + shared.slot_i];
        omega += p_.omega_in * (1.0 - h_i) * u * (0.5 + 0.5 * intimacy(shared.g));
      }
      const double step = std::min(1.0, mu_i * omega);
      mechanisms::assimilate(x, item.y.data(), dims, step);
      // Approval.
      reaction.flags |= Reaction::kApproved;
      if (primary_i != kNoCommunity && primary_i == primary_j) reaction.flags |= Reaction::kSamePrimary;
      if (shared.g != kNoCommunity) {
        reaction.flags |= Reaction::kInGroup;
        reaction.author_slot = static_cast<std::uint8_t>(shared.slot_j);
        log_.slot_confirming[static_cast<std::size_t>(i) * kMaxMemberships + shared.slot_i] += 1;
        log_.slot_engaged[static_cast<std::size_t>(i) * kMaxMemberships + shared.slot_i] = 1;
      }
      a.counts.confirming[i] += 1;
      if (identity_pair) {
        ++a.counts.identity_approvals[i];
        if (primary_j != primary_i) ++a.counts.cross_approvals[i];
      }
      if (!followee && (item.community == kNoCommunity || p_.follow_space_authors) &&
          !a.disinformation[j]) {
        log_.approved_stranger[i] = j;
      }
    } else if (d >= rho_i) {
      // Repulsion: the baseline H0 plus hostility toward out-groups; outward
      // moves shrink near the edge so positions do not pile up at ±1.
      const double coef = mu_i * p_.psi * (p_.h0 + (1.0 - p_.h0) * hostility * (out_group ? 1.0 : 0.0));
      for (int k = 0; k < dims; ++k) {
        double delta = -coef * (item.y[k] - x[k]);
        if (delta * x[k] > 0.0) delta *= 1.0 - x[k] * x[k];
        x[k] = std::clamp(x[k] + delta, -1.0, 1.0);
      }
      a.counts.contradicting[i] += 1;
      if (followee) rejection_memory(i).note(j, static_cast<std::uint32_t>(t_));
      if (out_group) a.counts.rejected_hostile_sources[i] += 1;
      // No hostile reaction reaches a community space (§4.2: a safe space).
      const bool in_space = item.community != kNoCommunity;
      const double p_hostile = in_space ? 0.0
                                        : hostility * (out_group ? 1.0 : 0.0) *
                                              (0.5 + sat(item.approvals, 20.0)) / 1.5;
      if (p_hostile > 0.0 && rng.uniform() < p_hostile) {
        reaction.flags |= Reaction::kHostile;
        if (out_group_of(primary_j, primary_i)) reaction.flags |= Reaction::kHostileOutgroup;
      }
    }
    if (reaction.flags != 0) s.reactions->push_back(reaction);
    if (shared.g != kNoCommunity) {
      log_.slot_engaged[static_cast<std::size_t>(i) * kMaxMemberships + shared.slot_i] = 1;
    }
    // Exposure statistics.
    if (std::fabs(item.y[0]) > 0.1) {
      const bool own_side = (item.y[0] > 0.0) == (x[0] > 0.0);
      auto& ring_counter = own_side ? a.partisan_own[ring] : a.partisan_other[ring];
      if (ring_counter < 255) ++ring_counter;
    }
    if (!followee && item.approvals >= upward_threshold_[q]) a.counts.upward[i] += 1;
    a.recent_authors[static_cast<std::size_t>(i) * kWindow + a.recent_authors_next[i]] = j;
    a.recent_authors_next[i] = static_cast<std::uint8_t>((a.recent_authors_next[i] + 1) % kWindow);
    note_seen(item.community != kNoCommunity ? item.community : primary_j);
  }
  a.counts.read[i] = static_cast<std::uint16_t>(n_read);
  if (n_read > 0) {
    double* ybar = a.read_mean.data() + static_cast<std::size_t>(i) * dims;
    for (int k = 0; k < dims; ++k) ybar[k] = y_sum[k] / n_read;
  }
  // The platform's community recommendation is also a join candidate.
  const AliasTable& rec = community_recommender_[q];
  if (!rec.empty()) note_seen(platform_communities_[q][rec.sample(rng)]);
}

}  // namespace microcosm::mim
