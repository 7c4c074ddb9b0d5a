// Activation and posting (MODEL.md §3 steps 2-3, §4.2) and the candidate
// pools the feeds draw from (§4.3).
#include <algorithm>
#include <array>
#include <cmath>

#include "mim.hpp"

namespace microcosm::mim {

namespace {

double sat(double x, double x0) { return 1.0 - std::exp(-x / x0); }

// A random but reproducible priority for reservoir sampling: the smallest
// priorities win, independent of the order posts were gathered in.
std::uint64_t priority(std::uint64_t seed, std::uint64_t step, std::uint64_t author,
                       std::uint64_t salt) {
  return stream_key(seed, purpose_id("mim.reservoir"), author * 8 + salt, step);
}

}  // namespace

void MimModel::phase_activation() {
  AgentState& a = agents_;
  #pragma omp parallel for schedule(static)
  for (std::size_t i = 0; i < a.n; ++i) {
    if (a.disinformation[i]) {
      a.active[i] = 0;  // accounts never read; they post in post_disinformation()
      continue;
    }
    Rng rng(seed_, "mim.activate", i, t_);
    a.active[i] = rng.uniform() < std::min(1.0, a.activity[i] * a.habit[i]);
  }
}

void MimModel::phase_posting() {
  AgentState& a = agents_;
  const std::size_t n = a.n;
  const int dims = p_.dims;
  Generation& gen = gens_[t_ % gens_.size()];
  gen.step = static_cast<std::uint32_t>(t_);
  gen.posts.clear();
  authors_.clear_slot(t_ % gens_.size(), a.platform);

  // Each agent's post is computed in parallel into a per-agent slot, then
  // compacted in id order so post indices do not depend on threads.
  auto& drafts = post_drafts_;
  auto& has = post_has_;
  drafts.resize(n);
  has.assign(n, 0);

  #pragma omp parallel for schedule(static)
  for (std::size_t i = 0; i < n; ++i) {
    a.labour[i] = 0.0;
    if (!a.active[i] || a.disinformation[i]) continue;
    Rng rng(seed_, "mim.post", i, t_);
    const NodeId id = static_cast<NodeId>(i);
    const CommunityId g = p_.communities_on ? a.primary(id) : kNoCommunity;
    const double u = g == kNoCommunity ? 0.0 : a.primary_identification(id);
    const Platform& plat = platforms_[a.platform[i]];
    double* x = a.x.data() + i * dims;
    std::array<double, kMaxDims> said{};
    // Feeling rules: on the mainstream or a moderated platform people say
    // less than they think, pulled toward what they read (§4.2).
    double sigma = 0.0;
    if (p_.feeling_rules_on && (a.platform[i] == 0 || plat.moderation > 0.0)) {
      int hostile30 = 0;
      for (int k = 0; k < kWindow; ++k) hostile30 += a.hostile_ring[i * kWindow + k];
      sigma = p_.sigma_max * sat(hostile30, 1.0);
    }
    const double* ybar = a.read_mean.data() + i * dims;
    for (int d = 0; d < dims; ++d) said[d] = (1.0 - sigma) * x[d] + sigma * ybar[d];

    // A space is written on its own platform only (§4.10).
    const bool to_space = g != kNoCommunity && p_.community_posts_on &&
                          communities_[g].platform == a.platform[i] && rng.uniform() < u;
    // The bent view costs freedom (§4.6) when the agent speaks in public,
    // or keeps its view to itself under silence; a space is safe (σ = 0).
    if (!to_space) a.labour[i] = distance(x, said.data());
    // Under silence the agent keeps its view to itself on a public post with
    // probability sigma.
    const bool silenced = p_.censor_by_silence && sigma > 0.0 && !to_space &&
                          rng.uniform() < sigma;
    if (silenced) continue;
    const double pull = g == kNoCommunity ? 0.0 : p_.lambda * u;
    Post& post = drafts[i];
    post = Post{};
    post.author = id;
    post.community = to_space ? g : kNoCommunity;
    post.author_primary = g;
    post.platform = a.platform[i];
    post.author_radical = radical(id) ? 1 : 0;
    post.step = static_cast<std::uint32_t>(t_);
    double inf_norm = 0.0;
    for (int d = 0; d < dims; ++d) {
      // A safe space needs no self-censorship; a silent censor posts only
      // what it thinks, when it posts at all.
      const double base = to_space || p_.censor_by_silence ? x[d] : said[d];
      const double z = g == kNoCommunity ? 0.0 : communities_[g].narrative[d];
      const double y = std::clamp((1.0 - pull) * base + pull * z + p_.post_noise * rng.normal(),
                                  -1.0, 1.0);
      post.y[d] = static_cast<float>(y);
      inf_norm = std::max(inf_norm, std::fabs(y));
    }
    post.intensity = static_cast<float>(std::clamp(0.7 * inf_norm + 0.3 * a.hostility[i], 0.0, 1.0));
    // Moderation removes extreme posts with probability m_p (§6).
    if (plat.moderation > 0.0 && inf_norm >= 0.8 && rng.uniform() < plat.moderation) {
      a.tallies.moderated[i] += 1;
      continue;
    }
    has[i] = 1;
    // Content leaning: decay the sum and weight of earlier posts by their
    // age since the last post (authors_ still holds it: it is updated in
    // the serial pass below), then add this one.
    const std::uint32_t last = authors_.last_posted(id);  // 1 + step, 0: never
    const double decay = last == 0 ? 0.0 : std::pow(kContentDecay, static_cast<double>(t_ + 1 - last));
    a.posted_y0_sum[i] = static_cast<float>(a.posted_y0_sum[i] * decay + post.y[0]);
    a.posted_weight[i] = static_cast<float>(a.posted_weight[i] * decay + 1.0);
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (!has[i]) continue;
    authors_.note_post(static_cast<NodeId>(i), t_ % gens_.size(), static_cast<PostId>(gen.posts.size()),
                       drafts[i].community != kNoCommunity, static_cast<std::uint32_t>(t_));
    gen.posts.push_back(drafts[i]);
  }
  post_disinformation(gen);
  gen.index_spaces();
  gen.approvals.assign(gen.posts.size(), 0);
  gen.approvals_same.assign(gen.posts.size(), 0);
}

// Accounts of running campaigns post `posts_per_day` items at their fixed
// position on the mainstream platform; moderation of the mainstream removes
// an account (and its memberships) with probability m_p a day. An account
// that has infiltrated communities (phase_infiltration.cpp) sends a share
// member_u of its items, rounded, to their spaces in turn, posing as a
// member (author_primary = that community); the rest are public items,
// injected into targeted readers' candidates (disinfo_refs_).
void MimModel::post_disinformation(Generation& gen) {
  disinfo_refs_.clear();
  AgentState& a = agents_;
  const auto slot = static_cast<std::uint32_t>(t_ % gens_.size());
  std::array<CommunityId, kMaxMemberships> spaces{};
  for (std::size_t k = 0; k < account_campaign_.size(); ++k) {
    if (account_banned_[k] || !campaign_active_[account_campaign_[k]]) continue;
    const std::size_t i = n_people_ + k;
    Rng rng(seed_, "mim.disinformation.post", i, t_);
    if (platforms_[0].moderation > 0.0 && rng.uniform() < platforms_[0].moderation) {
      account_banned_[k] = 1;
      drop_account_memberships(static_cast<NodeId>(i));
      continue;
    }
    const TimelineItem& campaign = timeline_[account_campaign_[k]];
    int n_spaces = 0;
    for (int s = 0; s < kMaxMemberships; ++s) {
      const CommunityId g = a.member_of[i * kMaxMemberships + s];
      if (g != kNoCommunity && communities_[g].alive && communities_[g].platform == a.platform[i]) {
        spaces[n_spaces++] = g;
      }
    }
    const std::int64_t to_spaces =
        n_spaces == 0 ? 0
                      : std::lround(campaign.member_u * static_cast<double>(campaign.posts_per_day));
    Post post{};
    post.author = static_cast<NodeId>(i);
    post.community = kNoCommunity;
    post.author_primary = kNoCommunity;
    post.platform = 0;
    post.step = static_cast<std::uint32_t>(t_);
    post.intensity = 1.0f;
    for (int d = 0; d < p_.dims; ++d) post.y[d] = static_cast<float>(a.pos(static_cast<NodeId>(i))[d]);
    for (std::int64_t m = 0; m < campaign.posts_per_day; ++m) {
      if (m < to_spaces) {
        Post in_space = post;
        in_space.community = spaces[static_cast<std::size_t>(m % n_spaces)];
        in_space.author_primary = in_space.community;
        gen.posts.push_back(in_space);
        continue;
      }
      disinfo_refs_.push_back({slot, static_cast<std::uint32_t>(gen.posts.size())});
      gen.posts.push_back(post);
    }
  }
}

void MimModel::build_reservoirs() {
  const std::size_t platforms = platforms_.size();
  const auto reservoir = static_cast<std::size_t>(p_.platform_reservoir);
  const auto top = static_cast<std::size_t>(p_.top_approved);
  const auto per_community = static_cast<std::size_t>(p_.community_reservoir);

  // Platform pools: a uniform reservoir of public posts plus the most
  // approved ones (approvals as of the start of the step). The gathering
  // buffers and pools are members, emptied here and refilled, so a step
  // allocates nothing once they have grown.
  using Keyed = ReservoirKey;
  auto refill = [](auto& lists, std::size_t count) {
    lists.resize(count);
    for (auto& list : lists) list.clear();
  };
  auto& by_platform = platform_keys_;
  auto& by_community = community_keys_;
  auto& approvals = platform_approvals_;
  refill(by_platform, platforms);
  refill(by_community, communities_.size());
  refill(approvals, platforms);
  for (std::uint32_t s = 0; s < gens_.size(); ++s) {
    const Generation& gen = gens_[s];
    if (gen.posts.empty() || t_ - gen.step >= static_cast<std::uint64_t>(p_.post_lifetime)) continue;
    for (std::uint32_t k = 0; k < gen.posts.size(); ++k) {
      const Post& post = gen.posts[k];
      const std::uint64_t key = priority(seed_, gen.step, post.author, k);
      if (post.community == kNoCommunity) {
        // A campaign's public posts reach only the readers it targets
        // (injected into their pools, §4.3), not the platform's draws.
        if (agents_.disinformation[post.author]) continue;
        by_platform[post.platform].push_back({key, {s, k}});
        approvals[post.platform].push_back(post.approvals);
      } else if (post.community < by_community.size()) {
        by_community[post.community].push_back({key, {s, k}});
      }
    }
  }
  auto by_key = [](const Keyed& a, const Keyed& b) {
    return a.key < b.key || (a.key == b.key && (a.ref.slot < b.ref.slot ||
                                                 (a.ref.slot == b.ref.slot && a.ref.index < b.ref.index)));
  };
  refill(platform_pool_, platforms);
  upward_threshold_.assign(platforms, 0.0);
  for (std::size_t q = 0; q < platforms; ++q) {
    auto& all = by_platform[q];
    auto& pool = platform_pool_[q];
    if (all.size() > reservoir) {
      std::nth_element(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(reservoir), all.end(), by_key);
    }
    std::sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(std::min(reservoir, all.size())), by_key);
    for (std::size_t k = 0; k < std::min(reservoir, all.size()); ++k) pool.push_back(all[k].ref);
    if (top > 0 && all.size() > reservoir) {
      // The most approved of the rest (ties by key): rich get richer.
      auto rest_begin = all.begin() + static_cast<std::ptrdiff_t>(reservoir);
      auto more_approved = [&](const Keyed& a, const Keyed& b) {
        const auto aa = post(a.ref).approvals, bb = post(b.ref).approvals;
        return aa > bb || (aa == bb && by_key(a, b));
      };
      const std::size_t take = std::min(top, static_cast<std::size_t>(all.end() - rest_begin));
      std::partial_sort(rest_begin, rest_begin + static_cast<std::ptrdiff_t>(take), all.end(), more_approved);
      for (std::size_t k = 0; k < take; ++k) pool.push_back(rest_begin[static_cast<std::ptrdiff_t>(k)].ref);
    }
    // Upward comparisons: approvals at or above the platform's 0.9 quantile.
    auto& ap = approvals[q];
    if (!ap.empty()) {
      const auto idx = static_cast<std::size_t>(0.9 * static_cast<double>(ap.size() - 1));
      std::nth_element(ap.begin(), ap.begin() + static_cast<std::ptrdiff_t>(idx), ap.end());
      upward_threshold_[q] = std::max(1.0, static_cast<double>(ap[idx]));
    }
  }
  refill(community_pool_, communities_.size());
  for (std::size_t g = 0; g < communities_.size(); ++g) {
    auto& all = by_community[g];
    const std::size_t take = std::min(per_community, all.size());
    std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(take), all.end(), by_key);
    for (std::size_t k = 0; k < take; ++k) community_pool_[g].push_back(all[k].ref);
  }

  // Growth scores, tallied once a step whatever the policy, so that a
  // platform switching to "growth" mid-run finds them current.
  const double keep = 1.0 - 1.0 / p_.trend_days;
  for (Community& c : communities_) {
    const double gained = c.members > c.tallied ? static_cast<double>(c.members - c.tallied) : 0.0;
    c.trend = keep * c.trend + gained;
    c.tallied = c.members;
  }

  // Community recommendation per platform (§4.8): ∝ members^alpha_pop, or
  // ∝ (1 + trend)^alpha_pop when the platform promotes growing groups.
  platform_communities_.assign(platforms, {});
  for (CommunityId g = 0; g < communities_.size(); ++g) {
    const Community& c = communities_[g];
    if (c.alive && c.members > 0) platform_communities_[c.platform].push_back(g);
  }
  community_recommender_.resize(platforms);
  std::vector<double> w;
  for (std::size_t q = 0; q < platforms; ++q) {
    const bool by_growth = static_cast<CommunityRecommendation>(platforms_[q].communities) ==
                           CommunityRecommendation::Growth;
    w.clear();
    for (CommunityId g : platform_communities_[q]) {
      const Community& c = communities_[g];
      const double base = by_growth ? 1.0 + c.trend : static_cast<double>(c.members);
      w.push_back(std::pow(base, p_.alpha_pop));
    }
    community_recommender_[q].build(w);
  }
}

}  // namespace microcosm::mim
