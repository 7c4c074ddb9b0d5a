// Set-up of the micro-identity model (MODEL.md §4.1 thresholds, §9 initial
// conditions, §2 networks and platforms).
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "microcosm/core/error.hpp"
#include "microcosm/graph/generators.hpp"
#include "mim.hpp"

namespace microcosm::mim {

void Tallies::resize(std::size_t n) {
  for (auto* v : {&approvals, &approvals_in_group, &hostile, &hostile_outgroup, &prejudice,
                  &moderated}) {
    v->assign(n, 0);
  }
}
void Tallies::clear() {
  for (auto* v : {&approvals, &approvals_in_group, &hostile, &hostile_outgroup, &prejudice,
                  &moderated}) {
    std::fill(v->begin(), v->end(), 0u);
  }
}
void ReadCounts::resize(std::size_t n) {
  for (auto* v : {&read, &confirming, &contradicting, &upward, &rejected_hostile_sources,
                  &identity_reads, &cross_reads, &identity_approvals, &cross_approvals,
                  &mainstream_platform_reads, &radical_reads}) {
    v->assign(n, 0);
  }
  offline_contact.assign(n, 0);
  offline_outgroup.assign(n, 0);
  mainstream_read.assign(n, 0);
}
void ReadCounts::clear() {
  for (auto* v : {&read, &confirming, &contradicting, &upward, &rejected_hostile_sources,
                  &identity_reads, &cross_reads, &identity_approvals, &cross_approvals,
                  &mainstream_platform_reads, &radical_reads}) {
    std::fill(v->begin(), v->end(), std::uint16_t{0});
  }
  std::fill(offline_contact.begin(), offline_contact.end(), std::uint8_t{0});
  std::fill(offline_outgroup.begin(), offline_outgroup.end(), std::uint8_t{0});
  std::fill(mainstream_read.begin(), mainstream_read.end(), std::uint8_t{0});
}

void ReaderLog::resize(std::size_t n) {
  seen.assign(n * kSeen, kNoCommunity);
  approved_stranger.assign(n, kNone);
  slot_engaged.assign(n * kMaxMemberships, 0);
  slot_confirming.assign(n * kMaxMemberships, 0);
  slot_approvals.assign(n * kMaxMemberships, 0);
}
void ReaderLog::clear() {
  std::fill(seen.begin(), seen.end(), kNoCommunity);
  std::fill(approved_stranger.begin(), approved_stranger.end(), kNone);
  std::fill(slot_engaged.begin(), slot_engaged.end(), std::uint8_t{0});
  std::fill(slot_confirming.begin(), slot_confirming.end(), std::uint16_t{0});
  std::fill(slot_approvals.begin(), slot_approvals.end(), 0u);
}

bool AgentState::shares_community(NodeId i, NodeId j) const noexcept {
  const std::size_t bi = static_cast<std::size_t>(i) * kMaxMemberships;
  const std::size_t bj = static_cast<std::size_t>(j) * kMaxMemberships;
  for (int k = 0; k < kMaxMemberships; ++k) {
    const CommunityId g = member_of[bi + k];
    if (g == kNoCommunity) continue;
    for (int l = 0; l < kMaxMemberships; ++l) {
      if (member_of[bj + l] == g) return true;
    }
  }
  return false;
}

// The CDF of d for uniform pairs is estimated once from a fixed stream (seed
// independent), so thresholds are the same for every seed of a scenario.
void MimModel::init_thresholds() {
  salience_.assign(static_cast<std::size_t>(p_.dims), p_.salience_other);
  salience_[0] = p_.salience_main;
  double sum = 0.0;
  for (double s : salience_) sum += s;
  if (!(sum > 0.0)) throw ParameterError("[model] salience weights must not all be 0");
  salience_norm_ = 2.0 * std::sqrt(sum);

  constexpr int kPairs = 200'000;
  std::vector<double> d(kPairs);
  Rng rng(0, "mim.thresholds");
  std::array<double, kMaxDims> a{}, b{};
  for (int k = 0; k < kPairs; ++k) {
    for (int j = 0; j < p_.dims; ++j) {
      a[j] = rng.uniform(-1.0, 1.0);
      b[j] = rng.uniform(-1.0, 1.0);
    }
    d[k] = distance(a.data(), b.data());
  }
  std::sort(d.begin(), d.end());
  auto quantile = [&](double q) {
    const auto idx = static_cast<std::size_t>(std::clamp(q, 0.0, 1.0) * (kPairs - 1));
    return d[idx];
  };
  eps0_ = p_.eps_abs > 0.0 ? p_.eps_abs : quantile(p_.p_acc);
  rho0_ = p_.rho_abs > 0.0 ? p_.rho_abs : quantile(1.0 - p_.p_rej);
  eps_off_ = quantile(p_.p_eps_off);
  if (!p_.repulsion_on) rho0_ = 2.0;  // beyond every distance
}

void MimModel::init_agents(const Network& net) {
  AgentState& a = agents_;
  const std::size_t n = a.n;
  a.dims = p_.dims;
  const std::size_t nd = n * static_cast<std::size_t>(p_.dims);
  a.x.assign(nd, 0.0);
  a.read_mean.assign(nd, 0.0);
  for (auto* v : {&a.labour, &a.conviction, &a.activity, &a.habit, &a.offline, &a.media, &a.trust,
                  &a.trust_set, &a.civic, &a.civic_set, &a.hostility}) {
    v->assign(n, 0.0);
  }
  for (int k = 0; k < 4; ++k) {
    a.need[k].assign(n, 0.0);
    a.need_set[k].assign(n, 0.0);
  }
  a.platform.assign(n, 0);
  a.active.assign(n, 0);
  a.disinformation.assign(n, 0);
  a.lonely_days.assign(n, 0);
  a.first_joined.assign(n, 0);
  a.member_of.assign(n * kMaxMemberships, kNoCommunity);
  a.identification.assign(n * kMaxMemberships, 0.0);
  for (auto* v : {&a.partisan_own, &a.partisan_other, &a.hostile_ring, &a.mainstream_ring}) {
    v->assign(n * kWindow, 0);
  }
  a.recent_authors.assign(n * kWindow, kNone);
  a.recent_authors_next.assign(n, 0);
  a.rejected_followee.assign(n * kRejectedMemory, kNoRejected);
  a.rejected_when.assign(n * kRejectedMemory, 0);
  a.posted_y0_sum.assign(n, 0.0f);
  a.posted_weight.assign(n, 0.0f);
  a.tallies.resize(n);
  a.counts.resize(n);

  // Labels give dimension 0 when asked: the label with the lower sorted name
  // maps to -0.5, the other to +0.5 (two-valued labels only).
  std::vector<double> label_pos;
  if (p_.positions_from_labels) {
    if (net.labels.size() != n_people_) {
      throw ParameterError(
          "[model] init.positions = \"labels\" needs a network with a label for every node "
          "([network] labels = FILE)");
    }
    std::vector<std::string> values(net.labels.begin(), net.labels.end());
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    if (values.size() != 2) {
      throw ParameterError(fmt::format(
          "[model] init.positions = \"labels\" needs exactly two label values, found {}",
          values.size()));
    }
    label_pos.resize(n);
    for (std::size_t i = 0; i < n_people_; ++i) label_pos[i] = net.labels[i] == values[0] ? -0.5 : 0.5;
  }

  const double a_min = p_.activity_min;
  #pragma omp parallel for schedule(static)
  for (std::size_t i = 0; i < n; ++i) {
    Rng rng(seed_, "mim.init", i);
    double* x = a.x.data() + i * static_cast<std::size_t>(p_.dims);
    for (int d = 0; d < p_.dims; ++d) x[d] = rng.uniform(-1.0, 1.0);
    if (!label_pos.empty()) x[0] = std::clamp(label_pos[i] + 0.1 * rng.normal(), -1.0, 1.0);
    a.conviction[i] = rng.beta(2, 2);
    a.media[i] = rng.beta(2, 2);
    a.trust_set[i] = rng.beta(4, 2);
    a.trust[i] = a.trust_set[i];
    a.civic_set[i] = rng.beta(3, 3);
    a.civic[i] = a.civic_set[i];
    for (int k = 0; k < 4; ++k) {
      a.need_set[k][i] = k == kBelonging ? rng.beta(p_.belonging_set_alpha, p_.belonging_set_beta)
                                         : rng.beta(p_.set_alpha, p_.set_beta);
      a.need[k][i] = a.need_set[k][i];
    }
    a.activity[i] = a_min < 1.0 ? rng.power_law(a_min, 1.0, p_.activity_gamma) : 1.0;
    a.offline[i] = 1.0;
    a.habit[i] = 1.0;
  }
  // A stream of its own, so that runs without the spread draw what they drew
  // before it existed.
  if (p_.join_cost_shape > 0.0) {
    join_cost_.resize(n_people_);
    for (std::size_t i = 0; i < n_people_; ++i) {
      Rng rng(seed_, "mim.join_cost", i);
      join_cost_[i] = p_.join_cost * rng.gamma(p_.join_cost_shape) / p_.join_cost_shape;
    }
  }
}

// Disinformation accounts sit at fixed extreme positions (a random sign per
// dimension, ||x||_inf = the campaign's extremity), never read, hold no
// memberships and have no offline ties.
void MimModel::init_disinformation_accounts() {
  AgentState& a = agents_;
  for (std::size_t k = 0; k < account_campaign_.size(); ++k) {
    const std::size_t i = n_people_ + k;
    const TimelineItem& campaign = timeline_[account_campaign_[k]];
    Rng rng(seed_, "mim.disinformation", i);
    a.disinformation[i] = 1;
    a.activity[i] = 0.0;
    double* x = a.x.data() + i * static_cast<std::size_t>(p_.dims);
    for (int d = 0; d < p_.dims; ++d) x[d] = (rng.uniform() < 0.5 ? -1.0 : 1.0) * campaign.extremity;
  }
}

void MimModel::init_networks(const Network& net) {
  // Both networks join the people only; accounts are appended as isolated
  // nodes. The model reads only out-lists (feeds, recommendations), so the
  // follow graph keeps no in-lists.
  constexpr DynamicDigraph::Options kFollowOptions{.in_lists = false};
  const std::size_t n = n_people_;
  if (net.mean_field || net.graph.num_arcs() == 0) {
    if (static_cast<std::size_t>(p_.online_out_degree) >= n) {
      throw ParameterError(fmt::format(
          "[model] online.out_degree = {} must be below the number of agents ({})",
          p_.online_out_degree, n));
    }
    follow_ = DynamicDigraph(gen::directed_configuration(
                                 n, static_cast<std::size_t>(p_.online_out_degree), 2.1, seed_),
                             kFollowOptions);
  } else {
    follow_ = DynamicDigraph(net.graph, kFollowOptions);
  }
  if (p_.offline_on) {
    const auto k = static_cast<std::size_t>(p_.offline_k);
    if (k >= n) {
      throw ParameterError(fmt::format("[model] offline.k = {} must be below the number of agents ({})",
                                       k, n));
    }
    offline_ = gen::watts_strogatz(n, k, p_.offline_rewire, seed_ ^ 0x0ff11e5eedULL);
  } else {
    offline_ = std::move(GraphBuilder(n, {})).build();
  }
  const bool generated_follows = net.mean_field || net.graph.num_arcs() == 0;
  if (generated_follows && p_.offline_on && p_.offline_follows > 0) seed_strong_ties();
  const std::size_t accounts = agents_.n - n_people_;
  if (accounts > 0) {
    follow_.add_nodes(accounts);
    GraphBuilder b(agents_.n, {});
    b.reserve(offline_.num_edges());
    for (const auto& [u, v] : offline_.edge_list()) b.add_edge(u, v);
    offline_ = std::move(b).build();
  }
}

// Most of a person's online contacts are people they know offline, whatever
// their views (Bakshy, Messing & Adamic 2015). Each agent follows up to
// online.offline_follows of its offline neighbours (chosen at random), each
// replacing a random followee who is not one, so out-degrees are unchanged.
// A serial pass in id order: every swap edits the shared follow graph.
void MimModel::seed_strong_ties() {
  const std::size_t n = n_people_;
  std::vector<NodeId> friends;
  for (std::size_t i = 0; i < n; ++i) {
    const auto id = static_cast<NodeId>(i);
    Rng rng(seed_, "mim.strong_ties", i);
    const auto nb = offline_.neighbors(id);
    friends.assign(nb.begin(), nb.end());
    const std::size_t want = std::min(friends.size(), static_cast<std::size_t>(p_.offline_follows));
    for (std::size_t k = 0; k < want; ++k) {
      std::swap(friends[k], friends[k + rng.bounded(friends.size() - k)]);
      const NodeId v = friends[k];
      if (follow_.has_edge(id, v)) continue;
      const NodeId drop = random_weak_followee(id, rng);
      if (drop == kNone) break;
      follow_.remove_edge(id, drop);
      follow_.add_edge(id, v);
    }
  }
}

NodeId MimModel::random_weak_followee(NodeId i, Rng& rng) const {
  const auto out = follow_.out_neighbors(i);
  if (out.empty()) return kNone;
  // Follows of people on another platform are dormant and not rewired
  // (§4.10). A few draws find an active weak tie unless nearly all
  // followees are friends or elsewhere.
  const PlatformId here = agents_.platform[i];
  for (int attempt = 0; attempt < 8; ++attempt) {
    const NodeId f = out[rng.bounded(out.size())];
    if (agents_.platform[f] != here) continue;
    if (!p_.keep_strong_ties || !is_strong_tie(i, f)) return f;
  }
  return kNone;
}

void MimModel::init_platforms() {
  platforms_.assign(static_cast<std::size_t>(1 + p_.alternatives), Platform{});
  init_platform_settings();
  platform_users_.assign(platforms_.size(), 0);
  platform_users_[0] = static_cast<std::uint32_t>(agents_.n);
  media_reach_ = p_.media_reach;
}

}  // namespace microcosm::mim
