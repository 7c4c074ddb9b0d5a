// Infiltration of micro-communities by disinformation accounts (MODEL.md §2
// "may join communities", §4.8). While its campaign runs, an account with
// fewer than k_max memberships joins, with probability `infiltrate` a day,
// the community on its platform whose narrative lies nearest its fixed
// position, within the reach of a person without need for closure (eps0 +
// join margin) and with at least 2 human members. It does not identify: its
// u stays at the campaign's `member_u`. As a member it counts toward the
// community's size (visibility, intimacy), its weight u pulls the u-weighted
// member mean x̄_g the narrative drifts to (this is how infiltration
// radicalises a narrative), and post_disinformation() sends a share u of its
// items into its communities' spaces, where members read them as in-group
// content. An account leaves when its campaign ends, when it is banned, and
// when a community dies, moves to another platform or has fewer than 2 human
// members left. Observables count only human members (account_members()).
//
// Serial pass over the accounts in id order; each draws from its own stream
// (seed, "mim.infiltrate", account, step), so results do not depend on
// threads and a campaign with infiltrate = 0 draws nothing.
#include <algorithm>

#include "mim.hpp"

namespace microcosm::mim {

std::vector<std::uint32_t> MimModel::account_members() const {
  std::vector<std::uint32_t> out(communities_.size(), 0);
  if (account_campaign_.empty()) return out;
  const std::size_t G = std::min<std::size_t>(communities_.size(), member_offsets_.size() - 1);
  for (std::size_t g = 0; g < G; ++g) {
    for (std::uint32_t k = member_offsets_[g]; k < member_offsets_[g + 1]; ++k) {
      out[g] += agents_.disinformation[members_[k]];
    }
  }
  return out;
}

void MimModel::drop_account_memberships(NodeId i) {
  for (int s = 0; s < kMaxMemberships; ++s) {
    if (agents_.member_of[static_cast<std::size_t>(i) * kMaxMemberships + s] != kNoCommunity) {
      leave(i, s);
    }
  }
}

void MimModel::phase_infiltration() {
  if (account_campaign_.empty()) return;
  AgentState& a = agents_;
  // Human members per community, from the member lists of the last refresh.
  const std::vector<std::uint32_t> accounts_in = account_members();
  auto humans = [&](CommunityId g) { return communities_[g].members - accounts_in[g]; };
  const double reach = eps0_ + p_.join_margin;
  for (std::size_t k = 0; k < account_campaign_.size(); ++k) {
    const auto i = static_cast<NodeId>(n_people_ + k);
    const TimelineItem& campaign = timeline_[account_campaign_[k]];
    const bool running = !account_banned_[k] && campaign_active_[account_campaign_[k]];
    const std::size_t base = static_cast<std::size_t>(i) * kMaxMemberships;
    const PlatformId q = a.platform[i];
    int held = 0;
    for (int s = 0; s < kMaxMemberships; ++s) {
      const CommunityId g = a.member_of[base + s];
      if (g == kNoCommunity) continue;
      const Community& c = communities_[g];
      if (!running || !c.alive || c.platform != q || humans(g) < 2) {
        leave(i, s);
        continue;
      }
      a.identification[base + s] = campaign.member_u;  // a split scales u; accounts do not identify
      ++held;
    }
    if (!running || campaign.infiltrate <= 0.0 || held >= p_.k_max) continue;
    Rng rng(seed_, "mim.infiltrate", i, t_);
    if (!(rng.uniform() < campaign.infiltrate)) continue;
    CommunityId best = kNoCommunity;
    double best_d = reach;
    for (CommunityId g = 0; g < communities_.size(); ++g) {
      const Community& c = communities_[g];
      if (!c.alive || c.platform != q || humans(g) < 2) continue;
      bool member = false;
      for (int s = 0; s < kMaxMemberships; ++s) member |= a.member_of[base + s] == g;
      if (member) continue;
      const double d = distance(a.pos(i), c.narrative.data());
      if (d <= best_d) {
        if (d == best_d && best != kNoCommunity) continue;  // ties: the lower id
        best_d = d;
        best = g;
      }
    }
    if (best == kNoCommunity) continue;
    for (int s = 0; s < kMaxMemberships; ++s) {
      if (a.member_of[base + s] != kNoCommunity) continue;
      a.member_of[base + s] = best;
      a.identification[base + s] = campaign.member_u;
      break;
    }
  }
}

}  // namespace microcosm::mim
