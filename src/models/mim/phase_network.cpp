// Online rewiring (MODEL.md §4.9) and platform migration (§4.10). Both edit
// shared structures (the follow graph, platform assignments), so they run as
// serial passes in agent-id order; each agent draws from its own stream.
#include <algorithm>
#include <array>
#include <cmath>

#include "mim.hpp"

namespace microcosm::mim {

NodeId MimModel::recommend_account(NodeId i, Rng& rng) {
  const AgentState& a = agents_;
  auto& cand = rec_candidates_;
  cand.clear();
  const auto out = follow_.out_neighbors(i);
  const PlatformId q = a.platform[i];
  auto consider = [&](NodeId c) {
    if (c == i || c == kNone || a.platform[c] != q || a.disinformation[c]) return;
    if (follow_.has_edge(i, c)) return;
    if (std::find(cand.begin(), cand.end(), c) != cand.end()) return;
    cand.push_back(c);
  };
  // Up to 50 candidates: two-hop neighbours, recent authors, random accounts.
  // This pass is serial and bound by cache misses, so the random reads are
  // split from the decisions: the two-hop draws come first (consider() draws
  // no numbers, so the stream is consumed as if they were interleaved), with
  // the followees' rows prefetched; then every drawn and recent candidate's
  // platform and flag are prefetched before they are considered in order.
  constexpr std::size_t kPrefetchRows = 64;
  for (std::size_t f = 0; f < std::min(out.size(), kPrefetchRows); ++f) {
    const auto row = follow_.out_neighbors(out[f]);
    if (!row.empty()) __builtin_prefetch(row.data());
    if (row.size() > 16) __builtin_prefetch(row.data() + 16);
  }
  std::array<NodeId, 30 + kWindow / 3> early{};
  std::size_t drawn = 0;
  for (int k = 0; k < 30 && !out.empty(); ++k) {
    const NodeId f = out[rng.bounded(out.size())];
    const auto out2 = follow_.out_neighbors(f);
    if (!out2.empty()) early[drawn++] = out2[rng.bounded(out2.size())];
  }
  const std::size_t two_hop = drawn;
  for (int k = 0; k < kWindow; k += 3) {
    early[drawn++] = a.recent_authors[static_cast<std::size_t>(i) * kWindow + k];
  }
  for (std::size_t k = 0; k < drawn; ++k) {
    if (early[k] == kNone) continue;
    __builtin_prefetch(&a.platform[early[k]]);
    __builtin_prefetch(&a.disinformation[early[k]]);
    __builtin_prefetch(a.pos(early[k]));
  }
  for (std::size_t k = 0; k < two_hop; ++k) consider(early[k]);
  for (std::size_t k = two_hop; k < drawn && cand.size() < 45; ++k) consider(early[k]);
  const auto policy = static_cast<RecommendationPolicy>(platforms_[q].recommendation);
  // Community-centred discovery also draws people from the reader's own
  // communities (members of the group in a random membership slot).
  if (policy == RecommendationPolicy::Community && a.membership_count(i) > 0) {
    const std::size_t slots = static_cast<std::size_t>(i) * kMaxMemberships;
    for (int k = 0; k < 10 && cand.size() < 50; ++k) {
      const CommunityId g = a.member_of[slots + rng.bounded(kMaxMemberships)];
      if (g == kNoCommunity) continue;
      const std::uint32_t size = member_offsets_[g + 1] - member_offsets_[g];
      if (size > 0) consider(members_[member_offsets_[g] + rng.bounded(size)]);
    }
  }
  for (int k = 0; k < 10 && cand.size() < 50; ++k) consider(static_cast<NodeId>(rng.bounded(n_people_)));
  if (cand.empty()) return kNone;

  auto& w = rec_weights_;
  w.assign(cand.size(), 1.0);
  const double* xi = a.pos(i);
  const auto common = [&](NodeId c) {
    int shared = 0;
    for (NodeId f : out) shared += follow_.has_edge(f, c);
    return shared;
  };
  switch (policy) {
    case RecommendationPolicy::Random: break;
    case RecommendationPolicy::Triadic:
      for (std::size_t k = 0; k < cand.size(); ++k) w[k] = common(cand[k]);
      break;
    case RecommendationPolicy::Structural:
      for (std::size_t k = 0; k < cand.size(); ++k) w[k] = std::pow(common(cand[k]), p_.kappa_struct);
      break;
    case RecommendationPolicy::Similar:
      for (std::size_t k = 0; k < cand.size(); ++k) {
        w[k] = std::pow(std::max(distance(xi, a.pos(cand[k])), 1e-5), -p_.gamma_rec);
      }
      break;
    case RecommendationPolicy::Bridging: {
      const double eps_i = latitude(i), rho_i = rejection(i);
      const CommunityId gi = a.primary(i);
      for (std::size_t k = 0; k < cand.size(); ++k) {
        const CommunityId gc = a.primary(cand[k]);
        const double d = distance(xi, a.pos(cand[k]));
        w[k] = (gc != kNoCommunity && gc != gi && d > eps_i && d < rho_i) ? 1.0 : 0.0;
      }
      break;
    }
    case RecommendationPolicy::Community: {
      // People sharing one of the reader's communities; anyone when none of
      // the candidates does (an unaffiliated reader discovers at random).
      bool any = false;
      for (std::size_t k = 0; k < cand.size(); ++k) {
        const bool shares = a.shares_community(i, cand[k]);
        w[k] = shares ? 1.0 : 0.0;
        any = any || shares;
      }
      if (!any) std::fill(w.begin(), w.end(), 1.0);
      break;
    }
  }
  const std::size_t pick = rng.weighted_choice(w);
  return pick < cand.size() ? cand[pick] : kNone;
}

void MimModel::phase_rewiring() {
  if (!p_.rewiring_on) return;
  AgentState& a = agents_;
  for (std::size_t i = 0; i < a.n; ++i) {
    if (!a.active[i] || a.disinformation[i]) continue;
    const auto id = static_cast<NodeId>(i);
    Rng rng(seed_, "mim.rewire", i, t_);
    // Unfollow a followee rejected in the last 30 steps, follow a
    // recommended account. Friends are not unfollowed over a disagreement
    // (rewiring.keep_strong_ties).
    RejectionMemory memory = rejection_memory(id);
    std::array<NodeId, kRejectedMemory> rejected{};
    const int recent = memory.recent(static_cast<std::uint32_t>(t_), kWindow, rejected);
    int candidates = 0;
    for (int k = 0; k < recent; ++k) {
      const NodeId j = rejected[k];
      // A followee who has moved to another platform is dormant (§4.10).
      if (follow_.has_edge(id, j) && a.platform[j] == a.platform[i] &&
          !(p_.keep_strong_ties && is_strong_tie(id, j))) {
        rejected[candidates++] = j;
      }
    }
    if (candidates > 0 && rng.uniform() < p_.p_rewire) {
      const NodeId unfollow = rejected[rng.bounded(static_cast<std::uint64_t>(candidates))];
      const NodeId rec = recommend_account(id, rng);
      if (rec != kNone) {
        follow_.remove_edge(id, unfollow);
        follow_.add_edge(id, rec);
        memory.forget(unfollow);
      }
    }
    // Follow the author of an approved out-of-network item, drop a random
    // weak tie: out-degree is preserved exactly.
    const NodeId stranger = log_.approved_stranger[i];
    if (stranger != kNone && stranger != id && rng.uniform() < p_.p_follow_author &&
        !follow_.has_edge(id, stranger)) {
      const NodeId drop = random_weak_followee(id, rng);
      if (drop != kNone) {
        follow_.remove_edge(id, drop);
        follow_.add_edge(id, stranger);
      }
    }
  }
}

void MimModel::phase_migration() {
  if (!p_.migration_on || platforms_.size() < 2) return;
  AgentState& a = agents_;
  std::vector<std::uint32_t> moved_to(platforms_.size());
  comember_mark_.resize(a.n, 0);
  // Pass 1: agents decide and move.
  for (std::size_t i = 0; i < a.n; ++i) {
    if (a.disinformation[i]) continue;
    const auto id = static_cast<NodeId>(i);
    Rng rng(seed_, "mim.migrate", i, t_);
    const PlatformId here = a.platform[i];
    const double phi = frustration(id);
    if (here != 0 && phi < p_.return_phi) {
      if (rng.uniform() < p_.p_return) move_agent(id, 0);
      continue;
    }
    if (platforms_[here].moderation <= 0.0) continue;
    // Destination: the platform with most co-members, else platform 1.
    // Co-members are people sharing a group, each counted once however
    // many groups they share (a stamp per decision marks those counted).
    std::fill(moved_to.begin(), moved_to.end(), 0u);
    std::uint32_t co_members = 0;
    ++comember_stamp_;
    const std::size_t base = i * kMaxMemberships;
    for (int k = 0; k < kMaxMemberships; ++k) {
      const CommunityId g = a.member_of[base + k];
      if (g == kNoCommunity) continue;
      for (std::uint32_t m = member_offsets_[g]; m < member_offsets_[g + 1]; ++m) {
        const NodeId j = members_[m];
        if (j == id || a.disinformation[j] || comember_mark_[j] == comember_stamp_) continue;
        comember_mark_[j] = comember_stamp_;
        ++co_members;
        ++moved_to[a.platform[j]];
      }
    }
    PlatformId dest = 1;
    std::uint32_t best = 0;
    for (PlatformId q = 1; q < platforms_.size(); ++q) {
      if (q != here && moved_to[q] > best) {
        best = moved_to[q];
        dest = q;
      }
    }
    if (dest == here) continue;
    const double share = co_members ? static_cast<double>(moved_to[dest]) / co_members : 0.0;
    const double z = p_.beta_migrate * ((1.0 - a.need[kFreedom][i]) + phi - p_.theta_migrate);
    const double prob = p_.p_migrate / (1.0 + std::exp(-z)) * (1.0 + p_.kappa_net * share);
    if (rng.uniform() < prob) move_agent(id, dest);
  }
  // Pass 2: a community follows its members when half of its identification
  // weight is on another platform.
  for (CommunityId g = 0; g < communities_.size(); ++g) {
    Community& c = communities_[g];
    if (!c.alive || c.members == 0) continue;
    std::vector<double>& weight = migration_weight_;
    weight.assign(platforms_.size(), 0.0);
    double total = 0.0;
    for (std::uint32_t m = member_offsets_[g]; m < member_offsets_[g + 1]; ++m) {
      const NodeId j = members_[m];
      const std::size_t base = static_cast<std::size_t>(j) * kMaxMemberships;
      for (int k = 0; k < kMaxMemberships; ++k) {
        if (a.member_of[base + k] == g) {
          weight[a.platform[j]] += a.identification[base + k];
          total += a.identification[base + k];
        }
      }
    }
    for (PlatformId q = 0; q < platforms_.size(); ++q) {
      if (q != c.platform && total > 0.0 && weight[q] >= 0.5 * total) c.platform = q;
    }
  }
}

void MimModel::move_agent(NodeId i, PlatformId dest) {
  AgentState& a = agents_;
  const PlatformId from = a.platform[i];
  a.platform[i] = dest;
  --platform_users_[from];
  ++platform_users_[dest];
  ++migration_flow_[from * platforms_.size() + dest];
  // On arrival, follow up to `follow_on_arrival` co-members already there.
  int followed = 0;
  const std::size_t base = static_cast<std::size_t>(i) * kMaxMemberships;
  for (int k = 0; k < kMaxMemberships && followed < p_.follow_on_arrival; ++k) {
    const CommunityId g = a.member_of[base + k];
    if (g == kNoCommunity) continue;
    for (std::uint32_t m = member_offsets_[g]; m < member_offsets_[g + 1] && followed < p_.follow_on_arrival; ++m) {
      const NodeId j = members_[m];
      if (j != i && a.platform[j] == dest && follow_.add_edge(i, j)) ++followed;
    }
  }
}

}  // namespace microcosm::mim
