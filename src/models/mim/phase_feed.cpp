// Feeds (MODEL.md §4.3) and online influence (§4.4). Each active reader
// builds its own feed from the candidate pools and processes it in order
// against its own running position. A reader writes only its own state and
// a list of its reactions, added to the authors' and posts' integer counters
// once all have read (apply_reactions: totals that do not depend on the
// order), so readers run in parallel and the result is the same for any
// thread count.
#include <algorithm>
#include <cmath>

#include "microcosm/models/mechanisms/algorithmic_bias.hpp"
#include "mim.hpp"

namespace microcosm::mim {

namespace {

// The membership slot of community g in agent i's slots, or -1.
int slot_of(const AgentState& a, NodeId i, CommunityId g) {
  const std::size_t base = static_cast<std::size_t>(i) * kMaxMemberships;
  for (int k = 0; k < kMaxMemberships; ++k) {
    if (a.member_of[base + k] == g) return k;
  }
  return -1;
}

}  // namespace

void MimModel::build_feed(NodeId i, Rng& rng, FeedScratch& s) const {
  const AgentState& a = agents_;
  const PlatformId q = a.platform[i];
  auto& cand = s.candidates;
  cand.clear();
  auto policy = static_cast<FeedPolicy>(platforms_[q].feed_policy);
  // The opt-out share is a share of users (§4.3): each user has one fixed
  // draw for the run, so the same people opt out every day, and a larger
  // share adds users to those already out.
  if (platforms_[q].opt_out > 0.0 && Rng(seed_, "mim.opt_out", i).uniform() < platforms_[q].opt_out) {
    policy = FeedPolicy::Chronological;
  }
  // A chronological feed ranks by the post's step, which is its generation's:
  // it loads only the posts it keeps. The other policies rank by content.
  const bool ranks_content = policy != FeedPolicy::Chronological;
  const auto alive = [&](const Generation& gen) {
    return !gen.posts.empty() && t_ - gen.step < static_cast<std::uint64_t>(p_.post_lifetime);
  };
  // Followees' posts on the reader's platform; community-space posts only
  // when the reader is a member of that community. One author card per
  // followee (prefetched a few followees ahead). A space post's community is
  // checked after the loop (its packed entry prefetched here), and a
  // candidate's post is prefetched for a ranking that reads it.
  const auto lifetime = static_cast<std::uint64_t>(p_.post_lifetime);
  const auto out = follow_.out_neighbors(i);
  const std::size_t slots = authors_.slots();
  constexpr std::size_t kAhead = 8;
  for (std::size_t f = 0; f < std::min(kAhead, out.size()); ++f) authors_.prefetch(out[f]);
  for (std::size_t f = 0; f < out.size(); ++f) {
    if (f + kAhead < out.size()) authors_.prefetch(out[f + kAhead]);
    const NodeId j = out[f];
    const std::uint32_t* card = authors_.card(j);
    const std::uint32_t last = card[0];
    if (last == 0 || t_ + 1 - last >= lifetime) continue;  // no live post
    if (card[1] != q) continue;  // cross-platform follows are dormant
    for (std::uint32_t sl = 0; sl < slots; ++sl) {
      const std::uint32_t entry = card[2 + sl];
      if (entry == kNoPost) continue;
      const Generation& gen = gens_[sl];
      if (!alive(gen)) continue;
      const PostId pid = entry & ~AuthorCards::kCommunityPost;
      const bool members_only = (entry & AuthorCards::kCommunityPost) != 0;
      if (members_only) __builtin_prefetch(&gen.space[pid]);
      if (ranks_content) __builtin_prefetch(&gen.posts[pid]);
      cand.push_back({sl, pid, true, members_only});
    }
  }
  // A few items from each of the reader's communities on its platform: a
  // member left behind when the group moved gets nothing from it (§4.10).
  const std::size_t base = static_cast<std::size_t>(i) * kMaxMemberships;
  for (int k = 0; k < kMaxMemberships; ++k) {
    const CommunityId g = a.member_of[base + k];
    if (g == kNoCommunity || g >= community_pool_.size() || communities_[g].platform != q) continue;
    const auto& pool = community_pool_[g];
    for (int r = 0; r < p_.feed_community_items && !pool.empty(); ++r) {
      cand.push_back(pool[rng.bounded(pool.size())]);
    }
  }
  // A few draws from the platform's pool (strangers' content).
  const auto& pool = platform_pool_[q];
  for (int r = 0; r < p_.feed_platform_items && !pool.empty(); ++r) {
    cand.push_back(pool[rng.bounded(pool.size())]);
  }
  // Items of running disinformation campaigns injected for targeted readers.
  for (int r = 0; r < disinfo_items_[i] && !disinfo_refs_.empty(); ++r) {
    cand.push_back(disinfo_refs_[rng.bounded(disinfo_refs_.size())]);
  }
  // Drop own posts (a person makes at most one post a step: the one on its
  // card), other communities' space posts and duplicates (sort by
  // reference, keep the first).
  cand.erase(std::remove_if(cand.begin(), cand.end(),
                            [&](const PostRef& r) {
                              return r.index == authors_.post(i, r.slot) ||
                                     (r.members_only &&
                                      slot_of(a, i, gens_[r.slot].space[r.index]) < 0);
                            }),
             cand.end());
  // Duplicates keep the followee flag (followee copies sort first).
  std::sort(cand.begin(), cand.end(), [](const PostRef& x, const PostRef& y) {
    if (x.slot != y.slot) return x.slot < y.slot;
    if (x.index != y.index) return x.index < y.index;
    return x.followee > y.followee;
  });
  cand.erase(std::unique(cand.begin(), cand.end(),
                         [](const PostRef& x, const PostRef& y) {
                           return x.slot == y.slot && x.index == y.index;
                         }),
             cand.end());
  // At most c_max candidates: a uniform subsample (partial Fisher–Yates).
  const auto c_max = static_cast<std::size_t>(p_.feed_c_max);
  if (cand.size() > c_max) {
    for (std::size_t k = 0; k < c_max; ++k) {
      std::swap(cand[k], cand[k + rng.bounded(cand.size() - k)]);
    }
    cand.resize(c_max);
  }

  // Ranking (§4.3). Scores are computed from the reader's position at the
  // start of the step.
  const std::size_t m = cand.size();
  const auto k = std::min<std::size_t>(static_cast<std::size_t>(p_.feed_k), m);
  s.score.resize(m);
  s.dist.resize(m);
  s.order.resize(m);
  const double* xi = a.pos(i);
  const double outrage_i = p_.outrage_base + (1.0 - p_.outrage_base) * a.hostility[i];
  // Distances only for the policies that rank by them.
  if (policy == FeedPolicy::Engagement || policy == FeedPolicy::Personalized ||
      policy == FeedPolicy::Diverse) {
    for (std::size_t c = 0; c < m; ++c) s.dist[c] = distance(xi, post(cand[c]).y.data());
  }
  // Ties are broken by a random key so no candidate source is favoured.
  for (std::size_t c = 0; c < m; ++c) {
    const double tie = rng.uniform() * 1e-9;
    switch (policy) {
      case FeedPolicy::Chronological:
      case FeedPolicy::Diverse:
        s.score[c] = static_cast<double>(gens_[cand[c].slot].step) + tie;
        break;
      case FeedPolicy::Engagement: {
        const Post& pc = post(cand[c]);
        // Predicted engagement: agreeing (approval) or, for a hostile
        // reader, outraged (out-group animosity drives engagement, Rathje et
        // al. 2021), so engagement feeds keep showing what a hostile reader
        // rejects instead of hiding it.
        const double react = std::pow(1.0 - s.dist[c], p_.gamma_eng) +
                             p_.outrage * outrage_i * std::pow(s.dist[c], p_.gamma_eng);
        s.score[c] = react * (1.0 + p_.eta * pc.intensity) * std::pow(1.0 + pc.approvals, p_.zeta) +
                     tie;
        break;
      }
      case FeedPolicy::Personalized: {
        // Efraimidis–Spirakis: key u^(1/w), w = max(d, 1e-5)^(-gamma_ab);
        // compared in log space: log(u) / w.
        const double w = mechanisms::algorithmic_bias_weight(
            s.dist[c], p_.gamma_ab, mechanisms::kPersonalizedDistanceFloor);
        const double u = std::max(rng.uniform(), 1e-300);
        s.score[c] = std::log(u) / w;
        break;
      }
      case FeedPolicy::Bridging: {
        const Post& pc = post(cand[c]);
        // Gini–Simpson diversity of the approvers' primary communities,
        // approximated by the share p that shares the author's primary
        // (approvers elsewhere count as spread out): 1 - p^2.
        const double approvals = pc.approvals;
        const double same = approvals > 0 ? pc.approvals_same / approvals : 0.0;
        s.score[c] = (1.0 - same * same) * std::log1p(approvals) + tie;
        break;
      }
    }
    s.order[c] = static_cast<std::uint32_t>(c);
  }
  auto higher = [&](std::uint32_t x, std::uint32_t y) { return s.score[x] > s.score[y]; };
  s.feed.clear();
  if (policy == FeedPolicy::Diverse) {
    // q_div of the slots from beyond the latitude (newest first), the rest
    // newest first from the others; read newest first.
    const double eps_i = latitude(i);
    std::vector<std::uint32_t>& ord = s.order;
    std::sort(ord.begin(), ord.end(), higher);
    const auto want_far = static_cast<std::size_t>(std::lround(p_.q_div * static_cast<double>(k)));
    std::size_t far = 0, taken = 0;
    std::vector<std::uint8_t>& pick = s.pick;
    pick.assign(m, 0);
    for (std::uint32_t c : ord) {
      if (far < want_far && s.dist[c] > eps_i) {
        pick[c] = 1;
        ++far;
        ++taken;
      }
    }
    for (std::uint32_t c : ord) {
      if (taken >= k) break;
      if (!pick[c]) {
        pick[c] = 1;
        ++taken;
      }
    }
    for (std::uint32_t c : ord) {
      if (pick[c]) s.feed.push_back(cand[c]);
    }
  } else {
    std::partial_sort(s.order.begin(), s.order.begin() + static_cast<std::ptrdiff_t>(k),
                      s.order.end(), higher);
    for (std::size_t r = 0; r < k; ++r) s.feed.push_back(cand[s.order[r]]);
  }
  // Start the loads reading needs: the posts (all at once), then each
  // author's memberships (shared communities), which need the post.
  for (const PostRef& r : s.feed) __builtin_prefetch(&post(r));
  if (p_.communities_on) {
    for (const PostRef& r : s.feed) {
      __builtin_prefetch(&a.member_of[static_cast<std::size_t>(post(r).author) * kMaxMemberships]);
    }
  }
}

}  // namespace microcosm::mim
