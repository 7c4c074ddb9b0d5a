// A community's antagonist (MODEL.md §4.8): among the mainstream and the
// communities its members read, the one maximising exposure × distance from
// the community's narrative, counting only those at least the members' mean
// rejection distance away. The mainstream stands for "the majority" a group
// can define itself against.
#pragma once

#include <algorithm>
#include <array>

#include "microcosm/models/mim/state.hpp"

namespace microcosm::mim {

// A community's exposure list: the other communities its members saw most,
// as decayed counts of member-days (factor 1 - 1/30 a step), kept in a
// space-saving list (Metwally, Agrawal & El Abbadi 2005) of 8 entries.
struct Exposure {
  CommunityId id;
  float weight;
};
using ExposureList = std::array<Exposure, 8>;

inline void clear_exposure(ExposureList& list) noexcept { list.fill({kNoCommunity, 0.0f}); }

// One member-day of seeing h. A newcomer takes the smallest entry and
// inherits its weight (an overestimate bounded by it), so a community seen
// often is not evicted by a run of one-off sightings.
inline void note_exposure(ExposureList& list, CommunityId h) noexcept {
  Exposure* it = std::find_if(list.begin(), list.end(), [&](const Exposure& e) { return e.id == h; });
  if (it == list.end()) {
    it = std::min_element(list.begin(), list.end(),
                          [](const Exposure& x, const Exposure& y) { return x.weight < y.weight; });
    it->id = h;
  }
  it->weight += 1.0f;
}

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
