// Micro-communities (MODEL.md §4.8): identification, leaving, joining,
// founding, splits and antagonists, narrative drift and dissolution.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>

#include "microcosm/models/mim/antagonist.hpp"
#include "mim.hpp"

namespace microcosm::mim {

namespace {
double sat(double x, double x0) { return 1.0 - std::exp(-x / x0); }

// The q-quantile (an order statistic) of v, which is reordered: the value
// does not depend on the order v comes in, so one buffer serves two calls.
double quantile_of(HugeVector<double>& v, double q) {
  if (v.empty()) return 0.0;
  const auto k = static_cast<std::size_t>(std::clamp(q, 0.0, 1.0) * static_cast<double>(v.size() - 1));
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
  return v[k];
}
}  // namespace

CommunityId MimModel::create_community(const double* narrative, PlatformId platform,
                                       CommunityOrigin origin) {
  Community c;
  c.platform = platform;
  c.origin = origin;
  c.birth = static_cast<std::uint32_t>(t_);
  for (int d = 0; d < p_.dims; ++d) c.narrative[d] = std::clamp(narrative[d], -1.0, 1.0);
  communities_.push_back(c);
  exposure_.emplace_back();
  clear_exposure(exposure_.back());
  community_mean_approvals_.push_back(0.0);
  community_coherence_.push_back(0.0);
  community_mean_.emplace_back();
  ++births_;
  return static_cast<CommunityId>(communities_.size() - 1);
}

CommunityId MimModel::open_community(std::span<const NodeId> people, PlatformId platform,
                                     CommunityOrigin origin) {
  std::array<double, kMaxDims> z{};
  for (NodeId j : people) {
    for (int d = 0; d < p_.dims; ++d) z[d] += agents_.pos(j)[d];
  }
  for (int d = 0; d < p_.dims; ++d) z[d] /= static_cast<double>(people.size());
  const CommunityId g = create_community(z.data(), platform, origin);
  for (NodeId j : people) enrol(j, g, p_.u0);
  return g;
}

int MimModel::slot_for_new_membership(NodeId i, double replace_below) const noexcept {
  const AgentState& a = agents_;
  const std::size_t base = static_cast<std::size_t>(i) * kMaxMemberships;
  int used = 0, free = -1, weakest = -1;
  for (int k = 0; k < kMaxMemberships; ++k) {
    if (a.member_of[base + k] == kNoCommunity) {
      if (free < 0) free = k;
      continue;
    }
    ++used;
    if (weakest < 0 || a.identification[base + k] < a.identification[base + weakest]) weakest = k;
  }
  if (used < membership_limit(i)) return free;
  return weakest >= 0 && a.identification[base + weakest] < replace_below ? weakest : -1;
}

void MimModel::enrol(NodeId i, CommunityId g, double u) {
  AgentState& a = agents_;
  const std::size_t base = static_cast<std::size_t>(i) * kMaxMemberships;
  for (int k = 0; k < kMaxMemberships; ++k) {
    if (a.member_of[base + k] == g) return;
  }
  // A free slot within the membership limit, else replace the weakest.
  const int slot = slot_for_new_membership(i, std::numeric_limits<double>::infinity());
  if (slot < 0) return;
  note_membership_change(i, 1, a.member_of[base + slot] != kNoCommunity ? 1 : 0);
  a.member_of[base + slot] = g;
  a.identification[base + slot] = u;
  communities_[g].members += 1;
  if (a.first_joined[i] == 0) a.first_joined[i] = static_cast<std::uint32_t>(t_ + 1);
}

void MimModel::note_membership_change(NodeId i, int begun, int ended) {
  // Called from parallel per-agent loops: integer sums are the same in any
  // order, so the counts do not depend on the threads.
  if (agents_.disinformation[i]) return;  // accounts are not people
  if (begun) std::atomic_ref<std::uint64_t>(memberships_begun_today_).fetch_add(1, std::memory_order_relaxed);
  if (ended) std::atomic_ref<std::uint64_t>(memberships_ended_today_).fetch_add(1, std::memory_order_relaxed);
}

void MimModel::leave(NodeId i, int slot) {
  AgentState& a = agents_;
  const std::size_t k = static_cast<std::size_t>(i) * kMaxMemberships + slot;
  if (a.member_of[k] != kNoCommunity) note_membership_change(i, 0, 1);
  a.member_of[k] = kNoCommunity;
  a.identification[k] = 0.0;
}

void MimModel::refresh_community_stats() {
  const AgentState& a = agents_;
  const std::size_t G = communities_.size();
  const int dims = p_.dims;
  member_offsets_.assign(G + 1, 0);
  for (std::size_t s = 0; s < a.member_of.size(); ++s) {
    if (a.member_of[s] != kNoCommunity) ++member_offsets_[a.member_of[s] + 1];
  }
  for (std::size_t g = 0; g < G; ++g) member_offsets_[g + 1] += member_offsets_[g];
  members_.resize(member_offsets_[G]);
  member_fill_.assign(member_offsets_.begin(), member_offsets_.end() - 1);
  member_sums_.assign(G, MemberSums{});
  // One pass over the membership slots in agent order fills the member lists
  // and the sums. Each community's terms are added in the order of its list
  // (ascending agent), as a loop over the list would add them, but the agent
  // arrays are read in sequence instead of once per member at random (this
  // runs four times a step, five on split days). It stays serial: splitting
  // the communities between two threads, each passing over all slots, was no
  // faster.
  for (std::size_t s = 0; s < a.member_of.size(); ++s) {
    const CommunityId g = a.member_of[s];
    if (g == kNoCommunity) continue;
    const auto i = static_cast<NodeId>(s / kMaxMemberships);
    members_[member_fill_[g]++] = i;
    MemberSums& sum = member_sums_[g];
    const double u = a.identification[s];
    sum.u += u;
    sum.approvals += log_.slot_approvals[s];
    const double* x = a.pos(i);
    for (int d = 0; d < dims; ++d) sum.mean[d] += u * x[d];
    sum.dist += distance(x, communities_[g].narrative.data());
  }
  for (std::size_t g = 0; g < G; ++g) {
    Community& c = communities_[g];
    const MemberSums& sum = member_sums_[g];
    c.members = member_offsets_[g + 1] - member_offsets_[g];
    const double S = c.members;
    c.cohesion = S > 0 ? sum.u / S : 0.0;
    community_mean_approvals_[g] = S > 0 ? sum.approvals / S : 0.0;
    community_coherence_[g] = S > 0 ? std::clamp(1.0 - sum.dist / S / eps0_, 0.0, 1.0) : 0.0;
    for (int d = 0; d < dims; ++d) {
      community_mean_[g][d] = sum.u > 0 ? sum.mean[d] / sum.u : c.narrative[d];
    }
  }
  // Member-weighted mean narrative extremity per platform: the reference of
  // communities.ext_reference = "groups" (not needed otherwise).
  if (!p_.ext_relative_to_groups) return;
  std::vector<double> members_on(platforms_.size(), 0.0);
  platform_group_extremity_.assign(platforms_.size(), 0.0);
  for (std::size_t g = 0; g < G; ++g) {
    const Community& c = communities_[g];
    if (!c.alive || c.members == 0) continue;
    platform_group_extremity_[c.platform] += extremity(static_cast<CommunityId>(g)) * c.members;
    members_on[c.platform] += c.members;
  }
  for (std::size_t q = 0; q < platforms_.size(); ++q) {
    if (members_on[q] > 0.0) platform_group_extremity_[q] /= members_on[q];
  }
}

void MimModel::identify_and_leave() {
  AgentState& a = agents_;
  #pragma omp parallel for schedule(static)
  for (std::size_t i = 0; i < a.n; ++i) {
    const auto id = static_cast<NodeId>(i);
    const std::size_t base = i * kMaxMemberships;
    // Accounts do not identify or drift away (phase_infiltration.cpp).
    if (a.disinformation[i] || a.membership_count(id) == 0) continue;
    Rng rng(seed_, "mim.leave", i, t_);
    const double phi = frustration(id);
    const double reads = std::max<double>(1.0, a.counts.read[i]);
    const double rho_i = rejection(id);
    for (int k = 0; k < kMaxMemberships; ++k) {
      const CommunityId g = a.member_of[base + k];
      if (g == kNoCommunity) continue;
      if (!communities_[g].alive) {
        leave(id, k);
        continue;
      }
      const double sigma = 0.5 * sat(log_.slot_approvals[base + k], 2.0) +
                           0.3 * log_.slot_confirming[base + k] / reads +
                           0.2 * intimacy(g) * log_.slot_engaged[base + k];
      double& u = a.identification[base + k];
      // A group that no longer meets the member's needs (its value below the
      // cost of belonging) loosens its hold: need support works through it.
      const double decay = p_.delta_u + (need_value(id, g) < join_cost_of(id) ? p_.delta_disengage : 0.0);
      u = std::clamp(u + p_.r_u * (0.5 + phi) * sigma * (1.0 - u) - decay * u, 0.0, 1.0);
      const bool drifted = distance(a.pos(id), communities_[g].narrative.data()) > rho_i;
      if (u < p_.u_min || (drifted && rng.uniform() < p_.p_leave)) leave(id, k);
    }
  }
}

double MimModel::join_gain(NodeId i, CommunityId g) const noexcept {
  const AgentState& a = agents_;
  const Community& com = communities_[g];
  if (!com.alive || com.platform != a.platform[i]) return 0.0;
  if (distance(a.pos(i), com.narrative.data()) > latitude(i) + p_.join_margin) return 0.0;
  return need_value(i, g);
}

double MimModel::need_value(NodeId i, CommunityId g) const noexcept {
  const AgentState& a = agents_;
  const Community& com = communities_[g];
  double ext = extremity(g);
  if (p_.ext_relative_to_groups) ext = std::max(0.0, ext - platform_group_extremity_[com.platform]);
  const double kappa = community_coherence_[g];
  return p_.nu[kBelonging] * (1.0 - a.need[kBelonging][i]) * intimacy(g) +
         p_.nu[kSignificance] * (1.0 - a.need[kSignificance][i]) * (kappa + p_.beta_ext * ext) +
         p_.nu[kCertainty] * (1.0 - a.need[kCertainty][i]) * kappa;
}

void MimModel::join() {
  AgentState& a = agents_;
  #pragma omp parallel for schedule(static)
  for (std::size_t i = 0; i < a.n; ++i) {
    if (!a.active[i] || a.disinformation[i]) continue;
    const auto id = static_cast<NodeId>(i);
    const CommunityId* seen = log_.seen.data() + i * ReaderLog::kSeen;
    CommunityId best = kNoCommunity;
    double best_gain = join_cost_of(id);
    for (int k = 0; k < ReaderLog::kSeen; ++k) {
      const CommunityId g = seen[k];
      if (g == kNoCommunity) break;
      const std::size_t base = i * kMaxMemberships;
      bool already = false;
      for (int l = 0; l < kMaxMemberships; ++l) already |= a.member_of[base + l] == g;
      if (already) continue;
      const double gain = join_gain(id, g);
      if (gain > best_gain) {
        best_gain = gain;
        best = g;
      }
    }
    if (best == kNoCommunity) continue;
    Rng rng(seed_, "mim.join", i, t_);
    if (!(rng.uniform() < p_.p_join)) continue;
    // At the membership limit, replace the weakest only if it is below u0.
    const std::size_t base = i * kMaxMemberships;
    const int slot = slot_for_new_membership(id, p_.u0);
    if (slot < 0) continue;
    note_membership_change(id, 1, a.member_of[base + slot] != kNoCommunity ? 1 : 0);
    a.member_of[base + slot] = best;
    a.identification[base + slot] = p_.u0;
    if (a.first_joined[i] == 0) a.first_joined[i] = static_cast<std::uint32_t>(t_ + 1);
  }
}

void MimModel::found() {
  AgentState& a = agents_;
  if (t_ < static_cast<std::uint64_t>(p_.burn_in)) return;
  // Per-agent frustration and, under the quantile rule, the pool it is
  // ranked in (people only), refilled each step so that their storage is
  // reused (no allocation per step).
  HugeVector<double>& phi = found_phi_;
  HugeVector<double>& pool = found_pool_;
  phi.resize(a.n);
  founded_with_.resize(a.n, 0);
  const auto today = static_cast<std::uint32_t>(t_ + 1);
  pool.clear();
  const bool by_level = p_.found_rule == FoundRule::Level;
  if (!by_level) pool.reserve(a.n);
  for (std::size_t i = 0; i < a.n; ++i) {
    phi[i] = frustration(static_cast<NodeId>(i));
    if (!by_level && !a.disinformation[i]) pool.push_back(phi[i]);
  }
  // MODEL.md ranks founders against everyone else; fixed levels instead let
  // a shock that frustrates everyone raise the number who found.
  if (by_level) {
    founder_cut_ = p_.found_level;
    peer_cut_ = p_.peer_level;
  } else if (p_.found_rule == FoundRule::Adaptive && t_ > static_cast<std::uint64_t>(p_.burn_in)) {
    // The cuts move towards today's quantiles (they start at them on the
    // first day of founding): frustration is judged against what has been
    // usual of late, so a shock lifts people above them until it is usual.
    const double step = 1.0 / p_.found_adapt_days;
    founder_cut_ += step * (quantile_of(pool, p_.found_quantile) - founder_cut_);
    peer_cut_ += step * (quantile_of(pool, p_.peer_quantile) - peer_cut_);
  } else {
    founder_cut_ = quantile_of(pool, p_.found_quantile);
    peer_cut_ = quantile_of(pool, p_.peer_quantile);
  }
  // Room for a new group: a free membership slot, or a membership one does
  // not hold (u < hold_u), which the new group replaces (enrol() replaces
  // the weakest). Without it the most frustrated, who fill their membership
  // limit early, never found a group later.
  auto room = [&](NodeId j) {
    if (a.membership_count(j) < membership_limit(j)) return true;
    for (int k = 0; k < kMaxMemberships; ++k) {
      const std::size_t s = static_cast<std::size_t>(j) * kMaxMemberships + k;
      if (a.member_of[s] != kNoCommunity && a.identification[s] < p_.hold_u) return true;
    }
    return false;
  };
  std::vector<NodeId> peers;
  for (std::size_t i = 0; i < a.n; ++i) {
    const auto id = static_cast<NodeId>(i);
    if (a.disinformation[i] || phi[i] < founder_cut_) continue;
    if (!room(id)) continue;
    // Someone enrolled in a group founded earlier in this pass has just
    // found its group: it does not found an overlapping one.
    if (founded_with_[i] == today) continue;
    // A founder gives a new group time to take hold before founding again.
    if (last_founded_[i] != 0 && t_ + 1 - last_founded_[i] < static_cast<std::uint64_t>(p_.found_cooldown)) {
      continue;
    }
    const double eps_i = latitude(id);
    const double* x = a.pos(id);
    // Founders know only the communities they belong to or saw today
    // (bounded awareness), and a known group counts only if it would meet
    // their needs (its join gain beats the cost): someone who sees no group
    // close to their views, or only groups too large to offer intimacy,
    // founds one, even if a fitting group exists elsewhere on the platform.
    bool near = false;
    const double cost = join_cost_of(id);
    auto fits = [&](CommunityId g) { return join_gain(id, g) > cost; };
    const CommunityId* seen = log_.seen.data() + i * ReaderLog::kSeen;
    auto member = [&](CommunityId g) {
      for (int k = 0; k < kMaxMemberships; ++k) {
        if (a.member_of[i * kMaxMemberships + k] == g) return true;
      }
      return false;
    };
    for (int k = 0; k < ReaderLog::kSeen && seen[k] != kNoCommunity && !near; ++k) {
      near = !member(seen[k]) && fits(seen[k]);
    }
    // A group one already belongs to fits only when it holds one
    // (u >= hold_u): a member who stays among the most frustrated without
    // taking to the group is the typical founder of a splinter group.
    for (int k = 0; k < kMaxMemberships && !near; ++k) {
      const CommunityId g = a.member_of[i * kMaxMemberships + k];
      near = g != kNoCommunity && a.identification[i * kMaxMemberships + k] >= p_.hold_u &&
             fits(g);
    }
    if (near) continue;
    peers.clear();
    for (int k = 0; k < kWindow; ++k) {
      const NodeId j = a.recent_authors[i * kWindow + k];
      if (j == kNone || j == id || a.disinformation[j]) continue;
      if (std::find(peers.begin(), peers.end(), j) != peers.end()) continue;
      if (phi[j] < peer_cut_ || !room(j)) continue;
      if (a.platform[j] != a.platform[i]) continue;
      if (distance(x, a.pos(j)) > eps_i) continue;
      peers.push_back(j);
    }
    if (static_cast<int>(peers.size()) < p_.n_found) continue;
    peers.push_back(id);
    open_community(peers, a.platform[i], CommunityOrigin::Founded);
    for (const NodeId j : peers) founded_with_[j] = today;
    last_founded_[i] = today;
  }
}

void MimModel::update_exposure() {
  // Decayed counts of which other communities members read (30-day memory).
  constexpr float kDecay = 1.0f - 1.0f / kWindow;
  for (auto& list : exposure_) {
    for (auto& e : list) e.weight *= kDecay;
  }
  const AgentState& a = agents_;
  for (std::size_t i = 0; i < a.n; ++i) {
    const CommunityId g = a.primary(static_cast<NodeId>(i));
    if (g == kNoCommunity) continue;
    auto& list = exposure_[g];
    const CommunityId* seen = log_.seen.data() + i * ReaderLog::kSeen;
    for (int k = 0; k < ReaderLog::kSeen && seen[k] != kNoCommunity; ++k) {
      const CommunityId h = seen[k];
      if (h == g) continue;
      note_exposure(list, h);
    }
  }
}

void MimModel::split_and_antagonists() {
  const AgentState& a = agents_;
  const int dims = p_.dims;
  const std::size_t G = communities_.size();
  std::vector<NodeId> part_a, part_b;
  for (CommunityId g = 0; g < G; ++g) {
    Community& c = communities_[g];
    if (!c.alive) continue;
    const std::uint32_t begin = member_offsets_[g], end = member_offsets_[g + 1];
    const std::uint32_t S = end - begin;
    // Antagonist (antagonist.hpp). The exposure list holds decayed daily
    // counts of members who saw a community, i.e. member-days in 30 days;
    // the mainstream's 30-day rings summed over members are the same unit.
    if (S > 0) {
      // As the list counts only members whose primary group g is, so does
      // the mainstream's exposure; accounts read no mainstream news.
      double rho_mean = 0.0, mainstream = 0.0;
      for (std::uint32_t k = begin; k < end; ++k) {
        const NodeId i = members_[k];
        rho_mean += rejection(i);
        if (a.disinformation[i] || a.primary(i) != g) continue;
        for (int w = 0; w < kWindow; ++w) mainstream += a.mainstream_ring[i * kWindow + w];
      }
      AntagonistChoice choice(rho_mean / S);
      const std::array<double, kMaxDims> origin{};
      choice.offer_mainstream(mainstream, distance(c.narrative.data(), origin.data()));
      for (const auto& e : exposure_[g]) {
        if (e.id == kNoCommunity || !communities_[e.id].alive) continue;
        choice.offer(e.id, e.weight,
                     distance(c.narrative.data(), communities_[e.id].narrative.data()));
      }
      c.antagonist = choice.chosen();
    }
    if (S < static_cast<std::uint32_t>(p_.split_min)) continue;
    // 2-means seeded at the extremes of the first principal component.
    std::array<double, kMaxDims> mean{};
    for (std::uint32_t k = begin; k < end; ++k) {
      for (int d = 0; d < dims; ++d) mean[d] += a.pos(members_[k])[d];
    }
    for (int d = 0; d < dims; ++d) mean[d] /= S;
    std::array<double, kMaxDims> v{};
    v.fill(1.0);
    for (int it = 0; it < 20; ++it) {  // power iteration on the covariance
      std::array<double, kMaxDims> w{};
      for (std::uint32_t k = begin; k < end; ++k) {
        const double* x = a.pos(members_[k]);
        double proj = 0.0;
        for (int d = 0; d < dims; ++d) proj += (x[d] - mean[d]) * v[d];
        for (int d = 0; d < dims; ++d) w[d] += proj * (x[d] - mean[d]);
      }
      double norm = 0.0;
      for (int d = 0; d < dims; ++d) norm += w[d] * w[d];
      norm = std::sqrt(norm);
      if (norm == 0.0) break;
      for (int d = 0; d < dims; ++d) v[d] = w[d] / norm;
    }
    NodeId lo = members_[begin], hi = members_[begin];
    double plo = 1e300, phi_ = -1e300;
    for (std::uint32_t k = begin; k < end; ++k) {
      const double* x = a.pos(members_[k]);
      double proj = 0.0;
      for (int d = 0; d < dims; ++d) proj += (x[d] - mean[d]) * v[d];
      if (proj < plo) { plo = proj; lo = members_[k]; }
      if (proj > phi_) { phi_ = proj; hi = members_[k]; }
    }
    std::array<double, kMaxDims> ca{}, cb{};
    for (int d = 0; d < dims; ++d) { ca[d] = a.pos(lo)[d]; cb[d] = a.pos(hi)[d]; }
    for (int it = 0; it < 10; ++it) {
      part_a.clear();
      part_b.clear();
      std::array<double, kMaxDims> sa{}, sb{};
      for (std::uint32_t k = begin; k < end; ++k) {
        const NodeId i = members_[k];
        const double* x = a.pos(i);
        const bool to_a = distance(x, ca.data()) <= distance(x, cb.data());
        (to_a ? part_a : part_b).push_back(i);
        for (int d = 0; d < dims; ++d) (to_a ? sa : sb)[d] += x[d];
      }
      if (part_a.empty() || part_b.empty()) break;
      for (int d = 0; d < dims; ++d) {
        ca[d] = sa[d] / static_cast<double>(part_a.size());
        cb[d] = sb[d] / static_cast<double>(part_b.size());
      }
    }
    if (part_a.size() < static_cast<std::size_t>(p_.split_part_min) ||
        part_b.size() < static_cast<std::size_t>(p_.split_part_min) ||
        distance(ca.data(), cb.data()) <= eps0_) {
      continue;
    }
    // The part farther from the narrative leaves as a schism whose
    // antagonist is the old community.
    const bool a_farther = distance(ca.data(), c.narrative.data()) > distance(cb.data(), c.narrative.data());
    const auto& leavers = a_farther ? part_a : part_b;
    const auto& centre = a_farther ? ca : cb;
    const PlatformId platform = c.platform;
    const CommunityId h = create_community(centre.data(), platform, CommunityOrigin::Split);
    communities_[h].antagonist = g;
    for (NodeId i : leavers) {
      const std::size_t base = static_cast<std::size_t>(i) * kMaxMemberships;
      for (int k = 0; k < kMaxMemberships; ++k) {
        if (agents_.member_of[base + k] != g) continue;
        agents_.member_of[base + k] = h;
        agents_.identification[base + k] *= 0.8;
      }
    }
    ++splits_;
  }
}

void MimModel::drift_and_dissolve() {
  const int dims = p_.dims;
  for (CommunityId g = 0; g < communities_.size(); ++g) {
    Community& c = communities_[g];
    if (!c.alive) continue;
    if (c.members < 2) {
      if (c.small_since == 0) c.small_since = static_cast<std::uint32_t>(t_) + 1;
      // small_since is the first small step + 1, so this counts the small
      // steps including today.
      const std::uint64_t small_steps = t_ + 2 - c.small_since;
      if (small_steps >= static_cast<std::uint64_t>(p_.dissolve_after)) {
        c.alive = false;
        c.death = static_cast<std::uint32_t>(t_);
        ++deaths_;
        lifetimes_.push_back(static_cast<double>(c.death - c.birth));
        for (std::uint32_t k = member_offsets_[g]; k < member_offsets_[g + 1]; ++k) {
          const NodeId i = members_[k];
          const std::size_t base = static_cast<std::size_t>(i) * kMaxMemberships;
          for (int s = 0; s < kMaxMemberships; ++s) {
            if (agents_.member_of[base + s] == g) leave(i, s);
          }
        }
        continue;
      }
    } else {
      c.small_since = 0;
    }
    if (c.members == 0) continue;
    // Drift toward the members, away from the mainstream, and away from the
    // antagonist (MODEL.md §4.8).
    std::array<double, kMaxDims> e{};
    // An antagonist that dissolved since the last antagonist pass no longer
    // pushes (it is replaced at the next pass).
    const bool opposed = c.antagonist == kMainstreamAntagonist ||
                         (c.antagonist != kNoCommunity && communities_[c.antagonist].alive);
    if (opposed) {
      const std::array<double, kMaxDims> origin{};
      const double* za = c.antagonist == kMainstreamAntagonist
                             ? origin.data()
                             : communities_[c.antagonist].narrative.data();
      double norm = 0.0;
      for (int d = 0; d < dims; ++d) {
        e[d] = c.narrative[d] - za[d];
        norm += e[d] * e[d];
      }
      norm = std::sqrt(norm);
      for (int d = 0; d < dims; ++d) e[d] = norm > 0 ? e[d] / norm : 0.0;
    }
    const auto& xbar = community_mean_[g];
    for (int d = 0; d < dims; ++d) {
      // The polarizing pushes saturate at the edge of the opinion space, as
      // repulsion does (§4.4): without this, narratives of cohesive groups
      // stick at ±1 and their members' posts pin agents there.
      double push = p_.pi_pol * c.cohesion * xbar[d] + p_.pi_opp * c.cohesion * e[d];
      if (push * c.narrative[d] > 0.0) push *= 1.0 - c.narrative[d] * c.narrative[d];
      const double move = (xbar[d] - c.narrative[d]) + push;
      c.narrative[d] = std::clamp(c.narrative[d] + p_.r_z * move, -1.0, 1.0);
    }
  }
}

void MimModel::phase_communities() {
  if (!p_.communities_on) return;
  identify_and_leave();
  clock_.lap("identification and leaving");
  join();
  clock_.lap("joining");
  phase_infiltration();
  clock_.lap("infiltration");
  refresh_community_stats();
  clock_.lap("community statistics");
  found();
  clock_.lap("founding");
  update_exposure();
  clock_.lap("exposure");
  refresh_community_stats();
  clock_.lap("community statistics");
  if (t_ % static_cast<std::uint64_t>(p_.split_every) == 0) {
    split_and_antagonists();
    clock_.lap("splits and antagonists");
    refresh_community_stats();
    clock_.lap("community statistics");
  }
  drift_and_dissolve();
  clock_.lap("drift and dissolution");
  refresh_community_stats();
  clock_.lap("community statistics");
}

}  // namespace microcosm::mim
