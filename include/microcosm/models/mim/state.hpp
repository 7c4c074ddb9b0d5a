// State of the micro-identity model (MODEL.md §2): structure-of-arrays agent
// state, the posts of the last few steps, micro-communities and platforms.
// Every phase reads and writes these plain arrays; nothing here allocates per
// agent per step once the run has started (buffers are reused). Per-agent
// arrays are HugeVectors: read at random agents' positions, they sit on 2 MiB
// pages at large populations (core/huge_pages.hpp).
#pragma once

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "microcosm/core/huge_pages.hpp"
#include "microcosm/graph/csr_graph.hpp"

namespace microcosm::mim {

inline constexpr int kMaxDims = 8;
inline constexpr int kMaxMemberships = 4;
inline constexpr int kWindow = 30;  // ring length of 30-day statistics
// Daily weight decay of the 30-day decayed statistics (content leaning).
inline constexpr double kContentDecay = 1.0 - 1.0 / kWindow;

using CommunityId = std::uint32_t;
inline constexpr CommunityId kNoCommunity = std::numeric_limits<CommunityId>::max();
// Whether someone whose primary community is `other` is an out-group to a
// person whose primary is `own`: only the affiliated have out-groups (§4.4
// out-group sources, §4.7 contact across identities).
constexpr bool out_group_of(CommunityId own, CommunityId other) noexcept {
  return own != kNoCommunity && other != own;
}
using PlatformId = std::uint16_t;
using PostId = std::uint32_t;
inline constexpr PostId kNoPost = std::numeric_limits<PostId>::max();

enum Need : int { kSignificance = 0, kCertainty = 1, kBelonging = 2, kFreedom = 3 };

// Per-step tallies an agent receives from others' reading; integer so that
// concurrent increments from parallel readers give the same totals in any
// order (std::atomic_ref).
struct Tallies {
  HugeVector<std::uint32_t> approvals;          // A
  HugeVector<std::uint32_t> approvals_in_group; // A^g (from co-members)
  HugeVector<std::uint32_t> hostile;            // R (hostile reactions received)
  HugeVector<std::uint32_t> hostile_outgroup;   // R from out-group sources
  HugeVector<std::uint32_t> prejudice;          // P
  HugeVector<std::uint32_t> moderated;          // M (own posts moderated)

  void resize(std::size_t n);
  void clear();
};

// Tallies an agent makes while reading its own feed (written only by the
// reader, so no synchronisation).
struct ReadCounts {
  HugeVector<std::uint16_t> read;          // n
  HugeVector<std::uint16_t> confirming;    // n+
  HugeVector<std::uint16_t> contradicting; // n-
  HugeVector<std::uint16_t> upward;        // C (upward comparisons)
  HugeVector<std::uint16_t> rejected_hostile_sources;  // rejected items from out-group/antagonist
  HugeVector<std::uint8_t> offline_contact;            // O
  HugeVector<std::uint8_t> offline_outgroup;           // O with someone outside one's primary community
  HugeVector<std::uint8_t> mainstream_read;            // read a mainstream item today
  // Exposure across identities (D5): reads and approvals by an affiliated
  // reader of items by affiliated authors, and those whose author's primary
  // community differs. Radical reach (D7): reads on the mainstream platform
  // and those authored by radical agents.
  HugeVector<std::uint16_t> identity_reads, cross_reads, identity_approvals, cross_approvals;
  HugeVector<std::uint16_t> mainstream_platform_reads, radical_reads;

  void resize(std::size_t n);
  void clear();
};

struct AgentState {
  std::size_t n = 0;
  int dims = 3;

  HugeVector<double> x;           // positions, n * dims
  // Emotional labour of the step (§4.2, §4.6): d(x~, x) between what the
  // agent dared to say in public and what it thinks; 0 on a day it wrote
  // only to a community space, or did not post.
  HugeVector<double> labour;
  HugeVector<double> read_mean;   // mean position read last step, n * dims
  HugeVector<double> conviction;  // w
  std::array<HugeVector<double>, 4> need;      // s, c, b, f
  std::array<HugeVector<double>, 4> need_set;  // set points
  HugeVector<double> activity;    // a
  HugeVector<double> habit;       // F
  HugeVector<double> offline;     // o
  HugeVector<double> media;       // m
  HugeVector<double> trust;       // tau
  HugeVector<double> trust_set;   // tau*
  HugeVector<double> civic;       // h
  HugeVector<double> civic_set;   // h*
  HugeVector<double> hostility;   // H
  HugeVector<PlatformId> platform;
  HugeVector<std::uint8_t> active;
  HugeVector<std::uint8_t> disinformation;  // 1 for disinformation accounts
  // For fact 10 (communities help their members): days with b < 0.3 so far,
  // and step + 1 of the first membership (0: never joined).
  HugeVector<std::uint32_t> lonely_days;
  HugeVector<std::uint32_t> first_joined;

  // Memberships: up to kMaxMemberships slots per agent.
  HugeVector<CommunityId> member_of;  // n * kMaxMemberships, kNoCommunity when empty
  HugeVector<double> identification;  // u, same layout

  // 30-step rings: partisan reads by side (dimension 0 sign of the source),
  // hostile reactions received, last authors read, mainstream reads.
  HugeVector<std::uint8_t> partisan_own;    // n * kWindow
  HugeVector<std::uint8_t> partisan_other;  // n * kWindow
  HugeVector<std::uint8_t> hostile_ring;    // n * kWindow
  HugeVector<std::uint8_t> mainstream_ring; // n * kWindow
  HugeVector<NodeId> recent_authors;        // n * kWindow (kNoNode-like sentinel)
  HugeVector<std::uint8_t> recent_authors_next;
  // Followees rejected lately, for rewiring (rejection_memory.hpp):
  // n * kRejectedMemory ids and step + 1 of the last rejection.
  HugeVector<NodeId> rejected_followee;
  HugeVector<std::uint32_t> rejected_when;
  // Content leaning (§8, the content echo-chamber index): the mean y_0 of
  // the agent's published posts, each weighted (1 - 1/30)^age in days, kept
  // as a decayed sum and weight (decayed when the agent next posts).
  HugeVector<float> posted_y0_sum;
  HugeVector<float> posted_weight;

  Tallies tallies;
  ReadCounts counts;

  double* pos(NodeId i) noexcept { return x.data() + static_cast<std::size_t>(i) * dims; }
  const double* pos(NodeId i) const noexcept {
    return x.data() + static_cast<std::size_t>(i) * dims;
  }
  // Primary community (largest identification, ties to the lower id), or
  // kNoCommunity.
  CommunityId primary(NodeId i) const noexcept;
  double primary_identification(NodeId i) const noexcept;
  int membership_count(NodeId i) const noexcept;
  // Whether i and j belong to a common community.
  bool shares_community(NodeId i, NodeId j) const noexcept;
};

// One cache line per post (aligned): feeds read random posts.
struct alignas(64) Post {
  NodeId author;
  CommunityId community;  // community space it was posted to, or kNoCommunity (public)
  CommunityId author_primary;
  PlatformId platform;
  std::uint8_t author_radical;  // the author was radical when posting (fills padding)
  std::uint32_t step;
  float intensity;
  std::array<float, kMaxDims> y;
  // Approvals up to the start of the step (ranking inputs): all, and those
  // from approvers sharing the author's primary community.
  std::uint32_t approvals;
  std::uint32_t approvals_same;
};

// How a community came about (communities.csv column `origin`).
enum class CommunityOrigin : std::uint8_t { Founded = 0, Split = 1, SharedSpace = 2 };

struct Community {
  bool alive = true;
  CommunityOrigin origin = CommunityOrigin::Founded;
  PlatformId platform = 0;
  std::uint32_t birth = 0;
  std::uint32_t death = 0;
  std::uint32_t small_since = 0;  // step since which it has had < 2 members
  std::array<double, kMaxDims> narrative{};
  CommunityId antagonist = kNoCommunity;  // kMainstream for the mainstream
  std::uint32_t members = 0;
  double cohesion = 0.0;  // mean identification of its members
  // Growth score for "growth" recommendation: an exponentially weighted sum
  // of daily member gains, tallied once a step against `tallied`, the
  // member count at the previous tally.
  double trend = 0.0;
  std::uint32_t tallied = 0;
};
inline constexpr CommunityId kMainstreamAntagonist = kNoCommunity - 1;

struct Platform {
  int feed_policy = 0;
  int recommendation = 0;  // RecommendationPolicy of §4.9
  int communities = 0;      // CommunityRecommendation of §4.8
  double moderation = 0.0;
  double opt_out = 0.0;
};

// Called per agent in the hot loops: defined here so that they inline.
inline CommunityId AgentState::primary(NodeId i) const noexcept {
  CommunityId best = kNoCommunity;
  double best_u = -1.0;
  const std::size_t base = static_cast<std::size_t>(i) * kMaxMemberships;
  for (int k = 0; k < kMaxMemberships; ++k) {
    const CommunityId g = member_of[base + k];
    if (g == kNoCommunity) continue;
    const double u = identification[base + k];
    if (u > best_u || (u == best_u && g < best)) {
      best = g;
      best_u = u;
    }
  }
  return best;
}

inline double AgentState::primary_identification(NodeId i) const noexcept {
  double best = 0.0;
  const std::size_t base = static_cast<std::size_t>(i) * kMaxMemberships;
  for (int k = 0; k < kMaxMemberships; ++k) {
    if (member_of[base + k] != kNoCommunity) best = std::max(best, identification[base + k]);
  }
  return best;
}

inline int AgentState::membership_count(NodeId i) const noexcept {
  int c = 0;
  const std::size_t base = static_cast<std::size_t>(i) * kMaxMemberships;
  for (int k = 0; k < kMaxMemberships; ++k) c += member_of[base + k] != kNoCommunity;
  return c;
}

}  // namespace microcosm::mim
