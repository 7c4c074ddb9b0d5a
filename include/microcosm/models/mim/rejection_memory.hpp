// Which followees an agent rejected lately (MODEL.md §4.9: rewiring unfollows
// "a followee whose items it rejected in the last 30 steps"). Each agent keeps
// its kRejectedMemory most recently rejected distinct followees with the step
// of the last rejection; an older one is forgotten when a newer one needs the
// slot, which matters only to agents rejecting more than kRejectedMemory
// followees within 30 days (docs/ODD.md, "§4.9 rejection memory").
#pragma once

#include <cstdint>
#include <limits>
#include <span>

#include "microcosm/models/mim/state.hpp"

namespace microcosm::mim {

inline constexpr int kRejectedMemory = 4;
inline constexpr NodeId kNoRejected = std::numeric_limits<NodeId>::max();

// One agent's slots: followee ids (kNoRejected when empty) and step + 1 of the
// last rejection, kRejectedMemory of each.
class RejectionMemory {
 public:
  RejectionMemory(std::span<NodeId> who, std::span<std::uint32_t> when) noexcept
      : who_(who), when_(when) {}

  // Records a rejection of followee j at step t: refreshes j's slot, else
  // takes an empty slot, else the slot rejected longest ago.
  void note(NodeId j, std::uint32_t t) noexcept {
    int slot = 0;
    for (int k = 0; k < kRejectedMemory; ++k) {
      if (who_[k] == j) {
        when_[k] = t + 1;
        return;
      }
      if (when_[k] < when_[slot]) slot = k;  // empty slots have when 0
    }
    who_[slot] = j;
    when_[slot] = t + 1;
  }

  // The followees rejected within the window ending at step t (steps
  // t - window + 1 .. t), in slot order, written to out; returns how many.
  int recent(std::uint32_t t, std::uint32_t window, std::span<NodeId, kRejectedMemory> out) const noexcept {
    int m = 0;
    for (int k = 0; k < kRejectedMemory; ++k) {
      // when_ is step + 1, so the age in steps is t + 1 - when_.
      if (who_[k] != kNoRejected && t + 1 - when_[k] < window) {
        out[m++] = who_[k];
      }
    }
    return m;
  }

  // Forgets j (after unfollowing it).
  void forget(NodeId j) noexcept {
    for (int k = 0; k < kRejectedMemory; ++k) {
      if (who_[k] == j) {
        who_[k] = kNoRejected;
        when_[k] = 0;
      }
    }
  }

 private:
  std::span<NodeId> who_;
  std::span<std::uint32_t> when_;
};

}  // namespace microcosm::mim
