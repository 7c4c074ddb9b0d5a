// The micro-identity model (MODEL.md) as a Model: state, networks and the
// phases of one step. Each phase lives in its own file (phase_*.cpp); this
// header is private to src/models/mim.
#pragma once

#include <cmath>
#include <memory>
#include <span>
#include <vector>

#include "microcosm/core/alias_table.hpp"
#include "microcosm/core/huge_pages.hpp"
#include "microcosm/core/rng.hpp"
#include "microcosm/graph/dynamic_digraph.hpp"
#include "microcosm/metrics/communities.hpp"
#include "microcosm/models/mim/antagonist.hpp"
#include "microcosm/models/mim/params.hpp"
#include "microcosm/models/mim/rejection_memory.hpp"
#include "microcosm/models/mim/state.hpp"
#include "microcosm/models/mim/timeline.hpp"
#include "microcosm/models/model.hpp"

namespace microcosm::mim {

// A reference to a post: generation slot (step % lifetime) and index.
struct PostRef {
  std::uint32_t slot;
  std::uint32_t index;
  // Set on feed candidates whose author the reader follows, so reading
  // needs no lookup in the follow graph's edge index.
  bool followee = false;
  // Set on a followee's community-space post while a feed is gathered: it
  // stays a candidate only if the reader is a member of that community,
  // checked after the followees are gathered (Generation::space, prefetched
  // meanwhile).
  bool members_only = false;
};

// A reaction of a reader to a post in its feed (MODEL.md §4.4), kept in the
// reader's thread and added to the author's and the post's counters once
// every feed is read (apply_reactions, phase_influence.cpp). Those counters
// are raised by readers on every thread; an atomic increment of a random,
// uncached counter is a full barrier that stalls the reader, while the
// deferred sums are integers, the same in any order and for any thread count.
struct Reaction {
  static constexpr std::uint8_t kApproved = 1;      // approval (A, and the post's count)
  static constexpr std::uint8_t kSamePrimary = 2;   // ... by a reader sharing the author's primary
  static constexpr std::uint8_t kInGroup = 4;       // ... by a co-member (A^g, author_slot)
  static constexpr std::uint8_t kHostile = 8;       // hostile reaction (R)
  static constexpr std::uint8_t kHostileOutgroup = 16;  // ... from the author's out-group
  PostId index;
  NodeId author;
  std::uint8_t slot;         // generation slot of the post
  std::uint8_t flags;
  std::uint8_t author_slot;  // the author's membership slot of the shared community
};

// One generation of posts (all posts made in one step). Which post an
// author made in a generation is in AuthorCards. Feeds read posts at random:
// HugeVectors (core/huge_pages.hpp), like the other per-agent arrays below.
struct Generation {
  std::uint32_t step = 0;  // every post's step
  HugeVector<Post> posts;
  // posts[k].community, packed (index_spaces()): a feed checks a followee's
  // space post against the reader's memberships without loading the post.
  HugeVector<CommunityId> space;
  void index_spaces() {
    space.resize(posts.size());
    for (std::size_t k = 0; k < posts.size(); ++k) space[k] = posts[k].community;
  }
  // Approvals received this step (added by apply_reactions after the feeds).
  HugeVector<std::uint32_t> approvals;
  HugeVector<std::uint32_t> approvals_same;  // from approvers sharing the author's primary
};

// Per author, everything a reader's feed asks about a followee, packed in
// one small record so that a followee costs one cache miss instead of one
// per array (MODEL.md §4.3 candidates): 1 + the step of its last post (0:
// never), its platform, and its post in each generation slot (kNoPost, or
// the index with kCommunityPost set for community-space posts). The
// platform copy is refreshed when a generation slot is cleared (posting),
// and nothing moves agents between posting and feeds. Records are 16 bytes
// for the default post lifetime of 2 (four to a cache line).
class AuthorCards {
 public:
  static constexpr std::uint32_t kCommunityPost = 1u << 31;

  void resize(std::size_t n, std::size_t slots);
  std::size_t slots() const noexcept { return slots_; }
  const std::uint32_t* card(NodeId j) const noexcept { return words_.data() + j * stride_; }
  std::uint32_t last_posted(NodeId j) const noexcept { return card(j)[0]; }
  std::uint32_t platform(NodeId j) const noexcept { return card(j)[1]; }
  // Post index of j in `slot` with the kCommunityPost flag, or kNoPost.
  std::uint32_t entry(NodeId j, std::size_t slot) const noexcept { return card(j)[2 + slot]; }
  PostId post(NodeId j, std::size_t slot) const noexcept {
    const std::uint32_t e = entry(j, slot);
    return e == kNoPost ? kNoPost : e & ~kCommunityPost;
  }
  void prefetch(NodeId j) const noexcept { __builtin_prefetch(card(j)); }

  // Empties `slot` for a new generation and copies every agent's platform.
  void clear_slot(std::size_t slot, std::span<const PlatformId> platform);
  void note_post(NodeId j, std::size_t slot, PostId id, bool community, std::uint32_t step);
  // Checkpoints: one slot's post indices / the last-posted steps as arrays.
  std::vector<PostId> slot_posts(std::size_t slot) const;
  std::vector<std::uint32_t> last_posted_steps() const;
  // Restores one slot from post indices and its posts (for the flags).
  void set_slot_posts(std::size_t slot, const std::vector<PostId>& ids, std::span<const Post> posts);
  void set_last_posted(const std::vector<std::uint32_t>& steps);
  void set_platforms(std::span<const PlatformId> platform);

 private:
  std::uint32_t* card(NodeId j) noexcept { return words_.data() + j * stride_; }
  std::size_t n_ = 0;
  std::size_t slots_ = 0;
  std::size_t stride_ = 4;  // 32-bit words per author (a power of two)
  HugeVector<std::uint32_t> words_;
};

// What a reader saw and did this step, kept for the community, rewiring and
// needs phases (reader-owned, written in the parallel feed/influence phase).
struct ReaderLog {
  static constexpr int kSeen = 12;
  HugeVector<CommunityId> seen;        // n * kSeen communities seen (kNoCommunity pads)
  HugeVector<NodeId> approved_stranger;  // author of an approved out-of-network item, or kNone
  HugeVector<std::uint8_t> slot_engaged;     // n * kMaxMemberships
  HugeVector<std::uint16_t> slot_confirming;  // n * kMaxMemberships (n+^g)
  HugeVector<std::uint32_t> slot_approvals;   // n * kMaxMemberships (A^g, atomic)
  void resize(std::size_t n);
  void clear();
};
inline constexpr NodeId kNone = std::numeric_limits<NodeId>::max();

// Scratch of MimModel::compute_metrics() (observables.cpp), declared here
// because the model keeps it (see metrics_scratch_).
struct MetricsHead {  // what an arc asks about its head, one cache miss
  double x0;
  float content;  // content leaning, NaN without a post in 30 days
  std::uint32_t group;
  PlatformId platform;
  std::uint8_t disinformation;
};
struct ModularityBuffers {  // per node; partial_in_node: per thread
  HugeVector<std::uint32_t> group, out_node, in_node;
  std::vector<HugeVector<std::uint32_t>> partial_in_node;
};
struct MetricsScratch {
  HugeVector<NodeId> people;
  HugeVector<double> x0, pc1, followee_mean, followee_content, author_mean, reader_x, other;
  HugeVector<std::uint32_t> membership;
  HugeVector<MetricsHead> head;
  ModularityBuffers follows, exposure;
};

class MimModel final : public Model {
 public:
  explicit MimModel(const ModelContext& ctx);

  void step() override;
  std::uint64_t time() const override { return t_; }
  std::vector<std::string> metric_names() const override;
  void compute_metrics(std::span<double> out) const override;
  AgentTable agent_table() const override;
  AgentTable community_table() const override;  // community_table.cpp
  AgentTable platform_table() const override;   // platform_table.cpp
  std::size_t num_agents() const override { return agents_.n; }
  // Run-time hooks for the live dashboard (runtime.cpp).
  std::optional<std::vector<std::pair<NodeId, NodeId>>> current_edges() const override;
  bool add_timeline_entry(const TimelineEntry& entry) override;
  PhaseSeconds phase_seconds() const override { return clock_.totals(); }
  // Zero-copy views for Python: the agent arrays are sized once at set-up.
  std::vector<StateView> state_views() const override;
  // Checkpoints (checkpoint.cpp).
  void save_state(StateWriter& writer) const override;
  void load_state(StateReader& reader) override;

  // Read access for tests and observables.
  const AgentState& agents() const noexcept { return agents_; }
  const std::vector<Community>& communities() const noexcept { return communities_; }
  const DynamicDigraph& follow_graph() const noexcept { return follow_; }
  const CsrGraph& offline_graph() const noexcept { return offline_; }
  const Params& params() const noexcept { return p_; }
  double eps0() const noexcept { return eps0_; }
  double rho0() const noexcept { return rho0_; }
  double distance(const double* a, const double* b) const noexcept;
  double distance(const double* a, const float* b) const noexcept;
  double frustration(NodeId i) const noexcept;
  bool radical(NodeId i) const noexcept;
  // Leiden communities of the follow graph among people (observe.leiden).
  metrics::Communities follow_graph_leiden() const;
  // Mean y_0 of i's posts weighted (1 - 1/30)^age, or NaN when i published
  // nothing in the last 30 days (the content echo-chamber index, §8).
  float content_leaning(NodeId i) const noexcept;
  double intimacy(CommunityId g) const noexcept;
  // ||z_g||_inf: how far community g's narrative lies from the mainstream.
  double extremity(CommunityId g) const noexcept;

 private:
  // Timeline helpers (timeline.cpp).
  bool targeted(const TimelineItem& it, NodeId i, std::uint64_t salt) const;
  void open_shared_space(const TimelineItem& it, const std::vector<NodeId>& reach);
  // Need support that changes circumstances: moves agent i's significance,
  // certainty and belonging set points towards 1 by `step` of the gap.
  void raise_set_points(NodeId i, double step);
  void init_platform_settings();

  // Set-up (mim_init.cpp).
  void init_thresholds();
  void init_agents(const Network& net);
  void init_networks(const Network& net);
  void seed_strong_ties();
  // A strong tie is a follow edge that is also an offline tie (the offline
  // graph spans every agent, accounts included, so any id is a valid row).
  bool is_strong_tie(NodeId i, NodeId j) const noexcept { return offline_.has_edge(i, j); }
  // A random followee of i on i's platform who is not an offline neighbour
  // (any such followee when rewiring.keep_strong_ties is off); kNone if none
  // is found.
  NodeId random_weak_followee(NodeId i, Rng& rng) const;
  void init_platforms();
  // Agent i's slots of rejected followees (written by i's reader thread).
  RejectionMemory rejection_memory(NodeId i) noexcept {
    const std::size_t base = static_cast<std::size_t>(i) * kRejectedMemory;
    return {std::span(agents_.rejected_followee).subspan(base, kRejectedMemory),
            std::span(agents_.rejected_when).subspan(base, kRejectedMemory)};
  }

  // Phases, in schedule order.
  void phase_timeline();          // timeline.cpp
  void phase_activation();        // phase_posting.cpp
  void phase_posting();           // phase_posting.cpp
  void post_disinformation(Generation& gen);  // phase_posting.cpp
  void init_disinformation_accounts();        // mim_init.cpp
  void phase_infiltration();                  // phase_infiltration.cpp
  void drop_account_memberships(NodeId i);    // phase_infiltration.cpp
  // Per community: its disinformation-account members in the member lists
  // of the last refresh (observables count only the others).
  std::vector<std::uint32_t> account_members() const;  // phase_infiltration.cpp
  void build_reservoirs();        // phase_posting.cpp
  void phase_feeds_and_influence();  // phase_feed.cpp + phase_influence.cpp
  void phase_mainstream_and_offline();  // phase_contact.cpp
  void apply_averaged_pulls();          // phase_contact.cpp: pull_delta_ / pull_count_ (step 5b)
  void phase_psychology();        // phase_psychology.cpp
  void phase_communities();       // phase_communities.cpp
  void phase_rewiring();          // phase_network.cpp
  void phase_migration();         // phase_network.cpp
  NodeId recommend_account(NodeId i, Rng& rng);
  void move_agent(NodeId i, PlatformId dest);
  void clear_todays_partisan_reads();  // start of a step (mim_model.cpp)
  void end_of_step();             // rings and counters

  // Feed of one reader into `out` (phase_feed.cpp).
  // Per-thread buffers of the feed phase, reused across readers.
  struct FeedScratch {
    std::vector<PostRef> candidates;
    std::vector<double> score;
    std::vector<double> dist;
    std::vector<std::uint32_t> order;
    std::vector<PostRef> feed;
    std::vector<std::uint8_t> pick;
    std::vector<Reaction>* reactions = nullptr;  // this thread's, in reactions_
  };
  void build_feed(NodeId i, Rng& rng, FeedScratch& s) const;
  void read_feed(NodeId i, Rng& rng, FeedScratch& s);
  void apply_reactions();

  // Communities helpers (phase_communities.cpp).
  void refresh_community_stats();
  void update_exposure();
  void identify_and_leave();
  void join();
  void found();
  // Person i's cost of belonging C_join (communities.join_cost_shape): the
  // spread covers people only, so accounts (ids past them) and runs without
  // a spread pay join_cost.
  double join_cost_of(NodeId i) const noexcept {
    return i < join_cost_.size() ? join_cost_[i] : p_.join_cost;
  }
  // How many memberships i can keep up (communities.habit_capacity): k_max,
  // or floor(k_max x F) while a lockdown's habit F > 1 gives more time
  // online, never beyond the slots the state holds.
  int membership_limit(NodeId i) const noexcept {
    if (!p_.habit_capacity) return p_.k_max;
    return std::min(kMaxMemberships, static_cast<int>(p_.k_max * agents_.habit[i] + 1e-9));
  }
  // The slot a new membership of i takes: a free one within the membership
  // limit, else the weakest held if its identification is below
  // `replace_below`; -1 when there is none.
  int slot_for_new_membership(NodeId i, double replace_below) const noexcept;
  // What community g offers agent i (MODEL.md §4.8 join gain); 0 when g is
  // gone, on another platform or beyond i's latitude plus the join margin.
  double join_gain(NodeId i, CommunityId g) const noexcept;
  double need_value(NodeId i, CommunityId g) const noexcept;  // join_gain without the distance test
  void split_and_antagonists();
  void drift_and_dissolve();
  CommunityId create_community(const double* narrative, PlatformId platform,
                               CommunityOrigin origin = CommunityOrigin::Founded);
  // A community of `people` (narrative = their mean position, summed in the
  // order given), each enrolled at u0: founding and shared spaces.
  CommunityId open_community(std::span<const NodeId> people, PlatformId platform,
                             CommunityOrigin origin);
  void enrol(NodeId i, CommunityId g, double u);
  void leave(NodeId i, int slot);
  // Counts a person's memberships begun and ended today (churn, §8); a
  // schism's members keep their bond and are not counted.
  void note_membership_change(NodeId i, int begun, int ended);

  double latitude(NodeId i) const noexcept;  // eps_i
  double rejection(NodeId i) const noexcept;  // rho_i
  const Post& post(PostRef r) const noexcept { return gens_[r.slot].posts[r.index]; }

  std::uint64_t seed_;
  int threads_;
  Params p_;
  std::vector<TimelineItem> timeline_;
  std::uint64_t t_ = 0;

  AgentState agents_;
  CsrGraph offline_;
  DynamicDigraph follow_;
  std::vector<double> salience_;  // per dimension
  double salience_norm_ = 1.0;    // 2 sqrt(sum salience)
  double eps0_ = 0.25, rho0_ = 0.4, eps_off_ = 0.25;

  std::vector<Platform> platforms_;
  std::vector<std::uint32_t> platform_users_;
  std::vector<std::uint64_t> migration_flow_;  // platforms x platforms, cumulative
  std::vector<NodeId> rec_candidates_;         // scratch of the serial rewiring pass
  std::vector<double> rec_weights_;
  std::vector<double> migration_weight_;
  // Scratch of phase_migration(): the stamp of the last decision that
  // counted each agent as a co-member (no clearing, no checkpoint).
  HugeVector<std::uint64_t> comember_mark_;
  std::uint64_t comember_stamp_ = 0;
  double media_reach_ = 1.0;

  std::vector<Generation> gens_;  // ring of post generations
  HugeVector<Post> post_drafts_;          // per agent, reused every step
  // Per author: last post step, platform and posts per generation slot.
  // Feeds skip followees with no live post after one look-up.
  AuthorCards authors_;
  HugeVector<std::uint32_t> last_founded_;  // step + 1 of an agent's last founding (0: never)
  HugeVector<double> found_phi_, found_pool_;  // scratch of found(), reused every step
  // Step + 1 at which an agent was enrolled in a group founded in that
  // step's pass (scratch of found(): only a value equal to the current step
  // + 1 means anything, so it needs no clearing and no checkpoint).
  HugeVector<std::uint32_t> founded_with_;
  HugeVector<std::uint8_t> post_has_;
  std::vector<std::vector<PostRef>> platform_pool_;    // per platform: reservoir + top approved
  std::vector<std::vector<PostRef>> community_pool_;   // per community: this step's posts
  // Scratch of build_reservoirs(), kept so that its storage is reused from
  // step to step: every live post with its reservoir priority, by platform
  // (public posts) and by community (space posts), and the public posts'
  // approvals by platform.
  struct ReservoirKey {
    std::uint64_t key;
    PostRef ref;
  };
  std::vector<std::vector<ReservoirKey>> platform_keys_;
  std::vector<std::vector<ReservoirKey>> community_keys_;
  std::vector<std::vector<std::uint32_t>> platform_approvals_;
  std::vector<AliasTable> community_recommender_;      // per platform
  std::vector<std::vector<CommunityId>> platform_communities_;
  std::vector<double> upward_threshold_;               // per platform: 0.9 approval quantile
  std::vector<double> join_cost_;  // per person when communities.join_cost_shape > 0, else empty

  std::vector<Community> communities_;
  // Members of each community (rebuilt each step): CSR over communities.
  std::vector<std::uint32_t> member_offsets_;
  std::vector<NodeId> members_;
  // Scratch of refresh_community_stats: each list's next free entry, and the
  // sums over a community's members.
  struct MemberSums {
    double u = 0.0, approvals = 0.0, dist = 0.0;
    std::array<double, kMaxDims> mean{};
  };
  std::vector<std::uint32_t> member_fill_;
  std::vector<MemberSums> member_sums_;
  std::vector<double> community_mean_approvals_;  // Ā_g (in-group approvals per member)
  std::vector<double> community_coherence_;       // κ_g
  std::vector<std::array<double, kMaxDims>> community_mean_;  // u-weighted member mean
  std::vector<double> platform_group_extremity_;  // per platform (refresh_community_stats)
  HugeVector<ExposureList> exposure_;  // most-seen other communities (antagonist.hpp)
  std::uint64_t births_ = 0, deaths_ = 0, splits_ = 0;  // cumulative
  std::vector<double> lifetimes_;                     // of dissolved communities
  // People's memberships begun and ended: before today (cumulative) and
  // today (reset at the start of each step).
  std::uint64_t memberships_begun_ = 0, memberships_ended_ = 0;
  std::uint64_t memberships_begun_today_ = 0, memberships_ended_today_ = 0;
  // Sum over agents of the community term of this step's belonging input
  // (§4.6); observables report its mean (fact 3: belonging drawn from
  // communities).
  double belonging_from_groups_sum_ = 0.0;

  ReaderLog log_;
  // Reactions of the feed phase, one list per thread (scratch, reused).
  std::vector<std::vector<Reaction>> reactions_;
  HugeVector<double> pull_delta_;  // mainstream and offline pulls, per agent * dims, reused
  HugeVector<std::uint32_t> pull_count_;
  TimelineEffects effects_;  // what the active events/interventions do this step
  std::vector<std::string> labels_;  // node labels of the network (targets by label)
  double at_risk_cut_ = 1.0;
  std::array<HugeVector<double>, 2> need_set_base_;   // significance, certainty
  std::array<HugeVector<double>, 2> set_point_shift_;  // this step's crisis shifts
  HugeVector<double> trust_set_base_, trust_shift_;
  std::vector<NodeId> timeline_targets_;
  // Disinformation accounts are agents n_people_.. n-1; each belongs to one
  // campaign (a timeline item) and posts only while it runs.
  std::size_t n_people_ = 0;
  std::vector<std::uint32_t> account_campaign_;  // per account: timeline index
  std::vector<std::uint8_t> account_banned_;
  std::vector<std::uint8_t> campaign_active_;    // per timeline item, this step
  HugeVector<std::uint8_t> disinfo_items_;       // per agent: items injected today
  std::vector<PostRef> disinfo_refs_;            // today's disinformation posts
  std::uint64_t intervention_contacts_ = 0;

  // Frustration founders and co-founders need today (a quantile or a level).
  double founder_cut_ = 0.45, peer_cut_ = 0.35;

  // Scratch of compute_metrics() (observables.cpp): the per-agent buffers of
  // a metrics row, kept so that their storage (huge pages at 1e7) is reused
  // from row to row instead of being mapped and faulted in afresh. Scratch,
  // not state: every row refills what it reads, nothing is checkpointed, and
  // results never depend on what a buffer held before. `mutable` because
  // compute_metrics() is const. A model's rows are computed one at a time by
  // one thread (the run loop of engine/simulation.cpp; a live session's
  // worker under its lock), and inside a row each thread of a parallel
  // region writes only its own slice or its own per-thread buffer, so no
  // two threads use the same buffer concurrently.
  mutable MetricsScratch metrics_scratch_;
  // Time spent in each phase (phase_seconds(); not state, not checkpointed).
  PhaseClock clock_;
};

// Called per agent and per feed item in the hot loops of every phase:
// defined here so that they inline.
inline double MimModel::distance(const double* a, const double* b) const noexcept {
  double s = 0.0;
  for (int d = 0; d < p_.dims; ++d) s += salience_[d] * (a[d] - b[d]) * (a[d] - b[d]);
  return std::sqrt(s) / salience_norm_;
}

inline double MimModel::distance(const double* a, const float* b) const noexcept {
  double s = 0.0;
  for (int d = 0; d < p_.dims; ++d) {
    const double diff = a[d] - static_cast<double>(b[d]);
    s += salience_[d] * diff * diff;
  }
  return std::sqrt(s) / salience_norm_;
}

inline double MimModel::latitude(NodeId i) const noexcept {
  const auto& a = agents_;
  const double nu_s = p_.nu[0], nu_c = p_.nu[1];
  const double closure =
      (nu_s * (1.0 - a.need[kSignificance][i]) + nu_c * (1.0 - a.need[kCertainty][i])) /
      (nu_s + nu_c);
  return eps0_ * (1.0 - p_.kappa_eps * closure);
}

inline double MimModel::rejection(NodeId i) const noexcept { return rho0_ - (eps0_ - latitude(i)); }

inline double MimModel::frustration(NodeId i) const noexcept {
  double phi = 0.0;
  for (int k = 0; k < 4; ++k) phi += p_.nu[k] * (1.0 - agents_.need[k][i]);
  return phi;
}

inline double MimModel::intimacy(CommunityId g) const noexcept {
  return 1.0 / (1.0 + static_cast<double>(communities_[g].members) / p_.intimacy_s0);
}

}  // namespace microcosm::mim
