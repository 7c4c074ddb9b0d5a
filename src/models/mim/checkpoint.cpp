// Checkpoints of the micro-identity model: everything that persists from one
// step to the next. Saved: the agent arrays (positions, needs, rings,
// memberships, today's tallies and read counts, which the metrics of the
// checkpoint step report), the follow graph with its neighbour-list order,
// the post generations, communities with their statistics and exposure
// lists, platform settings, user counts and migration flows, set-point bases,
// disinformation bans, and the counters (births, deaths, splits, lifetimes,
// memberships begun and ended,
// intervention contacts, quantile cuts, media reach, the step's belonging
// drawn from communities). Not saved: what the constructor derives from the
// scenario (thresholds, salience, offline graph, labels, account campaigns),
// and per-step scratch that a step rebuilds before reading it (reservoirs,
// pools, recommenders, reader logs, timeline effects, drafts). The static_asserts below fail when a state struct gains a field:
// add the field here (and to the test in tests/unit/test_checkpoint.cpp).
#include <fmt/format.h>

#include "microcosm/engine/checkpoint.hpp"
#include "mim.hpp"

namespace microcosm::mim {

static_assert(sizeof(Post) == 64, "Post changed: update src/models/mim/checkpoint.cpp");
static_assert(sizeof(Community) == 112, "Community changed: update src/models/mim/checkpoint.cpp");
static_assert(sizeof(Tallies) == 6 * sizeof(std::vector<std::uint32_t>),
              "Tallies changed: update src/models/mim/checkpoint.cpp");
static_assert(sizeof(ReadCounts) == 14 * sizeof(std::vector<std::uint16_t>),
              "ReadCounts changed: update src/models/mim/checkpoint.cpp");
static_assert(sizeof(AgentState) == 2 * sizeof(std::size_t) + 38 * sizeof(std::vector<double>) +
                                        sizeof(Tallies) + sizeof(ReadCounts),
              "AgentState changed: update src/models/mim/checkpoint.cpp");

namespace {

struct SaveIo {
  StateWriter& w;
  template <class T, class Alloc>
  void same(std::string_view name, const std::vector<T, Alloc>& v) { w.put(name, v); }
};
struct LoadIo {
  StateReader& r;
  template <class T, class Alloc>
  void same(std::string_view name, std::vector<T, Alloc>& v) { r.get_same_size(name, v); }
};

// Agent arrays, all sized by the constructor (n agents); A is AgentState or
// const AgentState.
template <class Io, class A>
void agent_fields(Io& io, A& a) {
  io.same("x", a.x);
  io.same("labour", a.labour);
  io.same("read_mean", a.read_mean);
  io.same("conviction", a.conviction);
  const char* needs[4] = {"need.significance", "need.certainty", "need.belonging", "need.freedom"};
  const char* sets[4] = {"need_set.significance", "need_set.certainty", "need_set.belonging",
                         "need_set.freedom"};
  for (int k = 0; k < 4; ++k) io.same(needs[k], a.need[k]);
  for (int k = 0; k < 4; ++k) io.same(sets[k], a.need_set[k]);
  io.same("activity", a.activity);
  io.same("habit", a.habit);
  io.same("offline", a.offline);
  io.same("media", a.media);
  io.same("trust", a.trust);
  io.same("trust_set", a.trust_set);
  io.same("civic", a.civic);
  io.same("civic_set", a.civic_set);
  io.same("hostility", a.hostility);
  io.same("platform", a.platform);
  io.same("active", a.active);
  io.same("disinformation", a.disinformation);
  io.same("lonely_days", a.lonely_days);
  io.same("first_joined", a.first_joined);
  io.same("member_of", a.member_of);
  io.same("identification", a.identification);
  io.same("partisan_own", a.partisan_own);
  io.same("partisan_other", a.partisan_other);
  io.same("hostile_ring", a.hostile_ring);
  io.same("mainstream_ring", a.mainstream_ring);
  io.same("recent_authors", a.recent_authors);
  io.same("recent_authors_next", a.recent_authors_next);
  io.same("rejected_followee", a.rejected_followee);
  io.same("rejected_when", a.rejected_when);
  io.same("posted_y0_sum", a.posted_y0_sum);
  io.same("posted_weight", a.posted_weight);
  auto& t = a.tallies;
  io.same("tallies.approvals", t.approvals);
  io.same("tallies.approvals_in_group", t.approvals_in_group);
  io.same("tallies.hostile", t.hostile);
  io.same("tallies.hostile_outgroup", t.hostile_outgroup);
  io.same("tallies.prejudice", t.prejudice);
  io.same("tallies.moderated", t.moderated);
  auto& c = a.counts;
  io.same("counts.read", c.read);
  io.same("counts.confirming", c.confirming);
  io.same("counts.contradicting", c.contradicting);
  io.same("counts.upward", c.upward);
  io.same("counts.rejected_hostile_sources", c.rejected_hostile_sources);
  io.same("counts.offline_contact", c.offline_contact);
  io.same("counts.offline_outgroup", c.offline_outgroup);
  io.same("counts.mainstream_read", c.mainstream_read);
  io.same("counts.identity_reads", c.identity_reads);
  io.same("counts.cross_reads", c.cross_reads);
  io.same("counts.identity_approvals", c.identity_approvals);
  io.same("counts.cross_approvals", c.cross_approvals);
  io.same("counts.mainstream_platform_reads", c.mainstream_platform_reads);
  io.same("counts.radical_reads", c.radical_reads);
}

// Out-lists as offsets + concatenated targets (the follow graph keeps no
// in-lists; checkpoints written before that also hold "follow.in", which
// loading skips).
void put_lists(StateWriter& w, const std::string& name, const DynamicDigraph& g) {
  std::vector<std::uint64_t> offsets(g.num_nodes() + 1, 0);
  std::vector<NodeId> targets;
  targets.reserve(g.num_edges());
  for (NodeId u = 0; u < g.num_nodes(); ++u) {
    const auto row = g.out_neighbors(u);
    targets.insert(targets.end(), row.begin(), row.end());
    offsets[u + 1] = targets.size();
  }
  w.put(name + ".offsets", offsets);
  w.put(name + ".targets", targets);
}

std::vector<std::vector<NodeId>> get_lists(StateReader& r, const std::string& name,
                                           std::size_t nodes) {
  std::vector<std::uint64_t> offsets(nodes + 1);
  r.get_same_size(name + ".offsets", offsets);
  std::vector<NodeId> targets;
  r.get(name + ".targets", targets);
  std::vector<std::vector<NodeId>> lists(nodes);
  for (std::size_t u = 0; u < nodes; ++u) {
    if (offsets[u] > offsets[u + 1] || offsets[u + 1] > targets.size()) {
      r.fail(fmt::format("mim: section '{}.offsets' is malformed", name));
    }
    lists[u].assign(targets.begin() + static_cast<std::ptrdiff_t>(offsets[u]),
                    targets.begin() + static_cast<std::ptrdiff_t>(offsets[u + 1]));
  }
  return lists;
}

}  // namespace

void MimModel::save_state(StateWriter& w) const {
  w.put("t", t_);
  // Timeline items by name: a resumed scenario must start with the same ones
  // (their index is the salt of their random draws); it may append more.
  std::vector<std::string> items;
  for (const auto& it : timeline_) items.push_back(it.name);
  w.put_strings("timeline", items);
  w.put("agents", static_cast<std::uint64_t>(agents_.n));
  SaveIo io{w};
  agent_fields(io, agents_);

  put_lists(w, "follow.out", follow_);

  // Platforms: current settings (re-derived from the parameters and active
  // interventions at the start of every step), users and flows.
  std::vector<std::int32_t> feed;
  std::vector<double> moderation, opt_out;
  for (const auto& p : platforms_) {
    feed.push_back(p.feed_policy);
    moderation.push_back(p.moderation);
    opt_out.push_back(p.opt_out);
  }
  w.put("platform.feed_policy", feed);
  w.put("platform.moderation", moderation);
  w.put("platform.opt_out", opt_out);
  w.put("platform_users", platform_users_);
  w.put("migration_flow", migration_flow_);
  w.put("media_reach", media_reach_);

  // Post generations (ring of post_lifetime slots).
  w.put("generations", static_cast<std::uint64_t>(gens_.size()));
  for (std::size_t s = 0; s < gens_.size(); ++s) {
    const Generation& g = gens_[s];
    const std::string p = fmt::format("gen{}.", s);
    w.put(p + "step", g.step);
    std::vector<std::uint32_t> u32;  // author, community, author_primary, step, approvals, approvals_same
    std::vector<std::uint16_t> platform;
    std::vector<std::uint8_t> radical;
    std::vector<float> f32;  // intensity, y[kMaxDims]
    for (const Post& q : g.posts) {
      u32.insert(u32.end(), {q.author, q.community, q.author_primary, q.step, q.approvals,
                             q.approvals_same});
      platform.push_back(q.platform);
      radical.push_back(q.author_radical);
      f32.push_back(q.intensity);
      f32.insert(f32.end(), q.y.begin(), q.y.end());
    }
    w.put(p + "post_u32", u32);
    w.put(p + "post_platform", platform);
    w.put(p + "post_radical", radical);
    w.put(p + "post_f32", f32);
    w.put(p + "by_author", authors_.slot_posts(s));
    w.put(p + "approvals", g.approvals);
    w.put(p + "approvals_same", g.approvals_same);
  }
  w.put("last_posted", authors_.last_posted_steps());
  w.put("last_founded", last_founded_);

  // Communities and their statistics.
  std::vector<std::uint8_t> alive, origin;
  std::vector<std::uint16_t> cplatform;
  std::vector<std::uint32_t> cu32;  // birth, death, small_since, antagonist, members
  std::vector<double> narrative, cohesion, mean, trend;
  std::vector<std::uint32_t> tallied;
  std::vector<CommunityId> exposure_id;
  std::vector<float> exposure_weight;
  for (std::size_t g = 0; g < communities_.size(); ++g) {
    const Community& c = communities_[g];
    trend.push_back(c.trend);
    tallied.push_back(c.tallied);
    alive.push_back(c.alive ? 1 : 0);
    origin.push_back(static_cast<std::uint8_t>(c.origin));
    cplatform.push_back(c.platform);
    cu32.insert(cu32.end(), {c.birth, c.death, c.small_since, c.antagonist, c.members});
    narrative.insert(narrative.end(), c.narrative.begin(), c.narrative.end());
    cohesion.push_back(c.cohesion);
    mean.insert(mean.end(), community_mean_[g].begin(), community_mean_[g].end());
    for (const auto& e : exposure_[g]) {
      exposure_id.push_back(e.id);
      exposure_weight.push_back(e.weight);
    }
  }
  w.put("community.alive", alive);
  w.put("community.platform", cplatform);
  w.put("community.u32", cu32);
  w.put("community.narrative", narrative);
  w.put("community.cohesion", cohesion);
  w.put("community.mean", mean);
  w.put("community.mean_approvals", community_mean_approvals_);
  w.put("community.coherence", community_coherence_);
  w.put("community.origin", origin);
  w.put("community.exposure_id", exposure_id);
  w.put("community.exposure_weight", exposure_weight);
  w.put("community.trend", trend);
  w.put("community.tallied", tallied);
  w.put("member_offsets", member_offsets_);
  w.put("members", members_);
  w.put("births", births_);
  w.put("deaths", deaths_);
  w.put("splits", splits_);
  w.put("lifetimes", lifetimes_);
  w.put("memberships_begun", memberships_begun_);
  w.put("memberships_ended", memberships_ended_);
  w.put("memberships_begun_today", memberships_begun_today_);
  w.put("memberships_ended_today", memberships_ended_today_);

  // Timeline state.
  w.put("need_set_base.significance", need_set_base_[0]);
  w.put("need_set_base.certainty", need_set_base_[1]);
  w.put("set_point_shift.significance", set_point_shift_[0]);
  w.put("set_point_shift.certainty", set_point_shift_[1]);
  w.put("trust_set_base", trust_set_base_);
  w.put("trust_shift", trust_shift_);
  w.put("at_risk_cut", at_risk_cut_);
  w.put("account_banned", account_banned_);
  w.put("intervention_contacts", intervention_contacts_);
  w.put("frustration_q90", founder_cut_);
  w.put("frustration_q75", peer_cut_);
  w.put("belonging_from_groups", belonging_from_groups_sum_);
}

void MimModel::load_state(StateReader& r) {
  r.get("t", t_);
  const auto items = r.get_strings("timeline");
  bool prefix = items.size() <= timeline_.size();
  for (std::size_t k = 0; prefix && k < items.size(); ++k) prefix = timeline_[k].name == items[k];
  if (!prefix) {
    std::string saved, now;
    for (const auto& s : items) saved += (saved.empty() ? "" : ", ") + s;
    for (const auto& it : timeline_) now += (now.empty() ? "" : ", ") + it.name;
    r.fail(fmt::format(
        "mim: the checkpoint's timeline [{}] must be the start of the resumed scenario's "
        "timeline [{}] (entries may only be appended)",
        saved, now));
  }
  for (std::size_t k = items.size(); k < timeline_.size(); ++k) {
    if (timeline_[k].type == TimelineType::DisinformationCampaign) {
      r.fail(fmt::format("{}: a disinformation_campaign cannot be added on resume (its accounts "
                         "exist from the start of a run)",
                         timeline_[k].where));
    }
  }
  if (r.get<std::uint64_t>("agents") != agents_.n) {
    r.fail(fmt::format("mim: the checkpoint has a different number of agents than the resumed "
                       "scenario ({}); population and network cannot change",
                       agents_.n));
  }
  LoadIo io{r};
  agent_fields(io, agents_);

  auto out = get_lists(r, "follow.out", agents_.n);
  if (r.peek_name() == "follow.in.offsets") get_lists(r, "follow.in", agents_.n);
  try {
    follow_.assign_lists(std::move(out), {});
  } catch (const InputError& e) {
    r.fail(e.what());
  }

  std::vector<std::int32_t> feed(platforms_.size());
  std::vector<double> moderation(platforms_.size()), opt_out(platforms_.size());
  r.get_same_size("platform.feed_policy", feed);
  r.get_same_size("platform.moderation", moderation);
  r.get_same_size("platform.opt_out", opt_out);
  for (std::size_t q = 0; q < platforms_.size(); ++q) {
    platforms_[q].feed_policy = feed[q];
    platforms_[q].moderation = moderation[q];
    platforms_[q].opt_out = opt_out[q];
  }
  r.get_same_size("platform_users", platform_users_);
  r.get_same_size("migration_flow", migration_flow_);
  r.get("media_reach", media_reach_);

  if (r.get<std::uint64_t>("generations") != gens_.size()) {
    r.fail("mim: post_lifetime differs from the checkpointed run's");
  }
  for (std::size_t s = 0; s < gens_.size(); ++s) {
    Generation& g = gens_[s];
    const std::string p = fmt::format("gen{}.", s);
    r.get(p + "step", g.step);
    std::vector<std::uint32_t> u32;
    std::vector<std::uint16_t> platform;
    std::vector<std::uint8_t> radical;
    std::vector<float> f32;
    r.get(p + "post_u32", u32);
    r.get(p + "post_platform", platform);
    r.get(p + "post_radical", radical);
    r.get(p + "post_f32", f32);
    const std::size_t count = platform.size();
    if (u32.size() != 6 * count || radical.size() != count || f32.size() != (1 + kMaxDims) * count) {
      r.fail(fmt::format("mim: posts of generation {} are malformed", s));
    }
    g.posts.resize(count);
    for (std::size_t k = 0; k < count; ++k) {
      Post& q = g.posts[k];
      q = Post{};
      const std::uint32_t* u = u32.data() + 6 * k;
      q.author = u[0];
      q.community = u[1];
      q.author_primary = u[2];
      q.step = u[3];
      q.approvals = u[4];
      q.approvals_same = u[5];
      q.platform = platform[k];
      q.author_radical = radical[k];
      const float* f = f32.data() + (1 + kMaxDims) * k;
      q.intensity = f[0];
      std::copy(f + 1, f + 1 + kMaxDims, q.y.begin());
    }
    g.index_spaces();
    std::vector<PostId> by_author(agents_.n);
    r.get_same_size(p + "by_author", by_author);
    authors_.set_slot_posts(s, by_author, g.posts);
    r.get(p + "approvals", g.approvals);
    r.get(p + "approvals_same", g.approvals_same);
  }
  std::vector<std::uint32_t> last_posted(agents_.n);
  r.get_same_size("last_posted", last_posted);
  authors_.set_last_posted(last_posted);
  authors_.set_platforms(agents_.platform);
  r.get_same_size("last_founded", last_founded_);

  std::vector<std::uint8_t> alive, origin;
  std::vector<std::uint16_t> cplatform;
  std::vector<std::uint32_t> cu32;
  std::vector<double> narrative, cohesion, mean;
  std::vector<CommunityId> exposure_id;
  std::vector<float> exposure_weight;
  r.get("community.alive", alive);
  const std::size_t G = alive.size();
  cplatform.resize(G);
  cu32.resize(5 * G);
  narrative.resize(G * kMaxDims);
  cohesion.resize(G);
  mean.resize(G * kMaxDims);
  r.get_same_size("community.platform", cplatform);
  r.get_same_size("community.u32", cu32);
  r.get_same_size("community.narrative", narrative);
  r.get_same_size("community.cohesion", cohesion);
  r.get_same_size("community.mean", mean);
  community_mean_approvals_.resize(G);
  community_coherence_.resize(G);
  r.get_same_size("community.mean_approvals", community_mean_approvals_);
  r.get_same_size("community.coherence", community_coherence_);
  // Checkpoints written before communities had an origin: all founded.
  origin.assign(G, 0);
  if (r.peek_name() == "community.origin") r.get_same_size("community.origin", origin);
  for (std::uint8_t o : origin) {
    if (o > static_cast<std::uint8_t>(CommunityOrigin::SharedSpace)) r.fail("community.origin out of range");
  }
  exposure_id.resize(8 * G);
  exposure_weight.resize(8 * G);
  r.get_same_size("community.exposure_id", exposure_id);
  r.get_same_size("community.exposure_weight", exposure_weight);
  // Checkpoints written before growth scores: none yet, and today's size as
  // the last tally (no gain is counted for the days before).
  std::vector<double> trend(G, 0.0);
  std::vector<std::uint32_t> tallied(G);
  for (std::size_t g = 0; g < G; ++g) tallied[g] = cu32[5 * g + 4];
  if (r.peek_name() == "community.trend") {
    r.get_same_size("community.trend", trend);
    r.get_same_size("community.tallied", tallied);
  }
  communities_.assign(G, Community{});
  community_mean_.assign(G, {});
  exposure_.assign(G, {});
  for (std::size_t g = 0; g < G; ++g) {
    Community& c = communities_[g];
    c.alive = alive[g] != 0;
    c.origin = static_cast<CommunityOrigin>(origin[g]);
    c.platform = cplatform[g];
    c.birth = cu32[5 * g];
    c.death = cu32[5 * g + 1];
    c.small_since = cu32[5 * g + 2];
    c.antagonist = cu32[5 * g + 3];
    c.members = cu32[5 * g + 4];
    c.trend = trend[g];
    c.tallied = tallied[g];
    std::copy(narrative.begin() + static_cast<std::ptrdiff_t>(g * kMaxDims),
              narrative.begin() + static_cast<std::ptrdiff_t>((g + 1) * kMaxDims),
              c.narrative.begin());
    c.cohesion = cohesion[g];
    std::copy(mean.begin() + static_cast<std::ptrdiff_t>(g * kMaxDims),
              mean.begin() + static_cast<std::ptrdiff_t>((g + 1) * kMaxDims),
              community_mean_[g].begin());
    for (std::size_t k = 0; k < 8; ++k) {
      exposure_[g][k] = {exposure_id[8 * g + k], exposure_weight[8 * g + k]};
    }
  }
  member_offsets_.resize(G + 1);
  r.get_same_size("member_offsets", member_offsets_);
  r.get("members", members_);
  if (member_offsets_.back() != members_.size()) r.fail("mim: community members are malformed");
  r.get("births", births_);
  r.get("deaths", deaths_);
  r.get("splits", splits_);
  r.get("lifetimes", lifetimes_);
  r.get("memberships_begun", memberships_begun_);
  r.get("memberships_ended", memberships_ended_);
  r.get("memberships_begun_today", memberships_begun_today_);
  r.get("memberships_ended_today", memberships_ended_today_);

  r.get_same_size("need_set_base.significance", need_set_base_[0]);
  r.get_same_size("need_set_base.certainty", need_set_base_[1]);
  r.get_same_size("set_point_shift.significance", set_point_shift_[0]);
  r.get_same_size("set_point_shift.certainty", set_point_shift_[1]);
  r.get_same_size("trust_set_base", trust_set_base_);
  r.get_same_size("trust_shift", trust_shift_);
  r.get("at_risk_cut", at_risk_cut_);
  r.get_same_size("account_banned", account_banned_);
  r.get("intervention_contacts", intervention_contacts_);
  r.get("frustration_q90", founder_cut_);
  r.get("frustration_q75", peer_cut_);
  r.get("belonging_from_groups", belonging_from_groups_sum_);
}

}  // namespace microcosm::mim
