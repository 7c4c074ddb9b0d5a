// A community's antagonist (MODEL.md §4.8): among the mainstream and the
// communities its members read, the one maximising exposure × distance from
// the community's narrative, counting only those at least the members' mean
// rejection distance away. The mainstream stands for "the majority" a group
// can define itself against.
#pragma once

#include "microcosm/models/mim/state.hpp"

namespace microcosm::mim {

// Every exposure offered must be in one unit, member-days of reading in the
// last 30 days, or the mainstream and the communities are not comparable.
class AntagonistChoice {
 public:
  explicit AntagonistChoice(double rho_mean) noexcept : rho_(rho_mean) {}

  // Offered first: a distant mainstream is the antagonist even when no member
  // read it lately, unless a community scores more.
  void offer_mainstream(double member_days, double distance) noexcept {
    if (distance < rho_) return;
    best_ = member_days * distance;
    chosen_ = kMainstreamAntagonist;
  }

  // Ties keep the earlier candidate.
  void offer(CommunityId h, double member_days, double distance) noexcept {
    if (distance < rho_ || member_days * distance <= best_) return;
    best_ = member_days * distance;
    chosen_ = h;
  }

  CommunityId chosen() const noexcept { return chosen_; }

 private:
  double rho_;
  double best_ = 0.0;
  CommunityId chosen_ = kNoCommunity;
};

}  // namespace microcosm::mim
