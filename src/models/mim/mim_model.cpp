// The micro-identity model's step schedule (MODEL.md §3), its per-agent
// output and its registry entry.
#include "microcosm/models/mim/mim_model.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "microcosm/core/error.hpp"
#include "microcosm/models/mim/mim_schema.hpp"
#include "mim.hpp"

namespace microcosm::mim {

MimModel::MimModel(const ModelContext& ctx)
    : seed_(ctx.seed), threads_(ctx.threads), p_(Params::from(ctx.params)),
      timeline_(build_timeline(ctx.timeline)) {
  const Network& net = *ctx.network;
  n_people_ = net.mean_field ? static_cast<std::size_t>(p_.population) : net.num_nodes();
  if (n_people_ < 2) throw ParameterError("[model] the micro-identity model needs at least 2 agents");
  for (std::size_t idx = 0; idx < timeline_.size(); ++idx) {
    if (timeline_[idx].type != TimelineType::DisinformationCampaign) continue;
    account_campaign_.insert(account_campaign_.end(),
                             static_cast<std::size_t>(timeline_[idx].accounts),
                             static_cast<std::uint32_t>(idx));
  }
  agents_.n = n_people_ + account_campaign_.size();
  labels_ = net.labels;
  init_thresholds();
  init_agents(net);
  init_networks(net);
  init_disinformation_accounts();
  init_platforms();
  for (const auto& it : timeline_) {
    const bool platform_item = it.type == TimelineType::FeedPolicyChange || it.type == TimelineType::Moderation;
    if (platform_item && it.platform >= static_cast<std::int64_t>(platforms_.size())) {
      throw ParameterError(fmt::format(
          "{}: {} platform = {} does not exist; valid platforms: 0 (mainstream) to {}", it.where,
          it.name, it.platform, platforms_.size() - 1));
    }
    if (it.target == TargetKind::Label && labels_.empty()) {
      throw ParameterError(fmt::format("{}: {} targets label \"{}\" but the network has no labels",
                                       it.where, it.name, it.label));
    }
  }
  const std::size_t n = agents_.n;
  gens_.resize(static_cast<std::size_t>(p_.post_lifetime));
  for (auto& g : gens_) g.step = 0;
  authors_.resize(n, gens_.size());
  log_.resize(n);
  last_founded_.assign(n, 0);
  disinfo_items_.assign(n, 0);
  campaign_active_.assign(timeline_.size(), 0);
  account_banned_.assign(account_campaign_.size(), 0);
  for (int k = 0; k < 2; ++k) {
    need_set_base_[k] = agents_.need_set[k];
    set_point_shift_[k].assign(n, 0.0);
  }
  trust_set_base_ = agents_.trust_set;
  trust_shift_.assign(n, 0.0);
  migration_flow_.assign(platforms_.size() * platforms_.size(), 0);
  effects_.reset(n);
  refresh_community_stats();
}

void MimModel::init_platform_settings() {
  platforms_[0].recommendation = static_cast<int>(p_.recommendation);
  platforms_[0].feed_policy = static_cast<int>(p_.mainstream_feed);
  platforms_[0].moderation = p_.mainstream_moderation;
  platforms_[0].opt_out = p_.mainstream_opt_out;
  platforms_[0].communities = static_cast<int>(p_.mainstream_communities);
  for (std::size_t q = 1; q < platforms_.size(); ++q) {
    platforms_[q].feed_policy = static_cast<int>(p_.alternative_feed);
    platforms_[q].moderation = p_.alternative_moderation;
    platforms_[q].opt_out = 0.0;
    platforms_[q].recommendation = static_cast<int>(p_.alternative_recommendation);
    platforms_[q].communities = static_cast<int>(p_.alternative_communities);
  }
}

double MimModel::extremity(CommunityId g) const noexcept {
  double z = 0.0;
  for (int d = 0; d < p_.dims; ++d) z = std::max(z, std::fabs(communities_[g].narrative[d]));
  return z;
}

bool MimModel::radical(NodeId i) const noexcept {
  const AgentState& a = agents_;
  const CommunityId g = a.primary(i);
  if (g == kNoCommunity) return false;
  return a.primary_identification(i) >= p_.radical_u && extremity(g) >= p_.radical_z &&
         a.hostility[i] >= p_.radical_h && a.need[kSignificance][i] <= p_.radical_s;
}

float MimModel::content_leaning(NodeId i) const noexcept {
  // Called between steps: a post of the step just run (t_ - 1) is 1 day old.
  const std::uint32_t last = authors_.last_posted(i);  // 1 + step, 0: never
  if (last == 0 || t_ + 1 - last > static_cast<std::uint64_t>(kWindow) ||
      !(agents_.posted_weight[i] > 0.0f)) {
    return std::numeric_limits<float>::quiet_NaN();
  }
  return agents_.posted_y0_sum[i] / agents_.posted_weight[i];
}

void MimModel::step() {
  clock_.start();
  memberships_begun_ += memberships_begun_today_;
  memberships_ended_ += memberships_ended_today_;
  memberships_begun_today_ = memberships_ended_today_ = 0;
  log_.clear();
  agents_.tallies.clear();
  agents_.counts.clear();
  clear_todays_partisan_reads();
  clock_.lap("clear counters");
  phase_timeline();
  clock_.lap("timeline");
  phase_activation();
  clock_.lap("activation");
  phase_posting();
  clock_.lap("posting");
  build_reservoirs();
  clock_.lap("reservoirs");
  phase_feeds_and_influence();  // laps "feeds and influence", "reactions"
  phase_mainstream_and_offline();
  clock_.lap("mainstream and offline");
  refresh_community_stats();  // A^g means and coherence for the needs
  clock_.lap("community statistics");
  phase_psychology();
  clock_.lap("psychology");
  phase_communities();  // laps its own parts
  phase_rewiring();
  clock_.lap("rewiring");
  phase_migration();
  clock_.lap("migration");
  end_of_step();
  clock_.lap("end of step");
  ++t_;
}

void MimModel::clear_todays_partisan_reads() {
  // The 30-day rings hold days t - 29 .. t once day t is written: today's
  // slot still holds day t - 30 until it is cleared here, so the observables
  // after a step and the phases within it both see 30 whole days.
  AgentState& a = agents_;
  const std::size_t slot = t_ % kWindow;
  #pragma omp parallel for schedule(static)
  for (std::size_t i = 0; i < a.n; ++i) {
    a.partisan_own[i * kWindow + slot] = 0;
    a.partisan_other[i * kWindow + slot] = 0;
  }
}

void MimModel::end_of_step() {
  AgentState& a = agents_;
  // Fold today's approvals into the posts' ranking inputs.
  for (auto& gen : gens_) {
    for (std::size_t k = 0; k < gen.posts.size() && k < gen.approvals.size(); ++k) {
      gen.posts[k].approvals += gen.approvals[k];
      gen.posts[k].approvals_same += gen.approvals_same[k];
      gen.approvals[k] = 0;
      gen.approvals_same[k] = 0;
    }
  }
  // Today's slot of the hostile-reaction and mainstream rings replaces day
  // t - 30, which the phases of today still counted among the last 30 days.
  // A prejudice wave's reaction (P) is a hostile reaction received too, so
  // it raises self-censorship (§4.2 σ) like one from a reader.
  #pragma omp parallel for schedule(static)
  for (std::size_t i = 0; i < a.n; ++i) {
    const std::size_t today = i * kWindow + t_ % kWindow;
    a.hostile_ring[today] = static_cast<std::uint8_t>(
        std::min<std::uint32_t>(255, a.tallies.hostile[i] + a.tallies.prejudice[i]));
    a.mainstream_ring[today] = a.counts.mainstream_read[i];
  }
}

AgentTable MimModel::agent_table() const {
  const AgentState& a = agents_;
  AgentTable t;
  auto add = [&](std::string name, auto&& value) {
    std::vector<double> col(a.n);
    for (std::size_t i = 0; i < a.n; ++i) col[i] = value(static_cast<NodeId>(i));
    t.columns.push_back(std::move(name));
    t.values.push_back(std::move(col));
  };
  for (int d = 0; d < p_.dims; ++d) add(fmt::format("x{}", d), [&](NodeId i) { return a.pos(i)[d]; });
  const char* needs[4] = {"significance", "certainty", "belonging", "freedom"};
  for (int k = 0; k < 4; ++k) add(needs[k], [&](NodeId i) { return a.need[k][i]; });
  add("frustration", [&](NodeId i) { return frustration(i); });
  add("hostility", [&](NodeId i) { return a.hostility[i]; });
  add("trust", [&](NodeId i) { return a.trust[i]; });
  add("civic", [&](NodeId i) { return a.civic[i]; });
  add("media", [&](NodeId i) { return a.media[i]; });
  add("offline", [&](NodeId i) { return a.offline[i]; });
  add("activity", [&](NodeId i) { return a.activity[i]; });
  add("habit", [&](NodeId i) { return a.habit[i]; });
  add("platform", [&](NodeId i) { return static_cast<double>(a.platform[i]); });
  add("community", [&](NodeId i) {
    const CommunityId g = a.primary(i);
    return g == kNoCommunity ? -1.0 : static_cast<double>(g);
  });
  add("identification", [&](NodeId i) { return a.primary_identification(i); });
  add("join_cost", [&](NodeId i) { return join_cost_of(i); });
  add("memberships", [&](NodeId i) { return static_cast<double>(a.membership_count(i)); });
  add("radical", [&](NodeId i) { return radical(i) ? 1.0 : 0.0; });
  add("disinformation", [&](NodeId i) { return static_cast<double>(a.disinformation[i]); });
  add("lonely_days", [&](NodeId i) { return static_cast<double>(a.lonely_days[i]); });
  add("first_joined", [&](NodeId i) { return static_cast<double>(a.first_joined[i]) - 1.0; });
  // Followees who are also offline neighbours (online.offline_follows).
  add("strong_ties", [&](NodeId i) {
    double k = 0.0;
    for (NodeId f : follow_.out_neighbors(i)) k += is_strong_tie(i, f);
    return k;
  });
  // Mean y_0 of what the agent posted, weighted (1 - 1/30)^age (the content
  // echo-chamber index); NaN without a post in the last 30 days.
  add("content_leaning", [&](NodeId i) { return static_cast<double>(content_leaning(i)); });
  return t;
}

}  // namespace microcosm::mim

namespace microcosm {

ModelInfo mim_model_info() {
  ModelInfo info;
  info.name = "mim";
  info.summary = "micro-identity model: needs, feeds, micro-communities, platforms (MODEL.md)";
  info.semantics =
      "One step is one day (MODEL.md §3): timeline effects; activation with probability "
      "min(1, a F); posting; feeds built and read in order by every active agent in parallel "
      "(readers write only their own state and integer tallies); mainstream media and offline "
      "contact (averaged per-target deltas); needs, hostility, trust, civic identity and media "
      "reliance for every agent; micro-communities (identify, leave, join, found, split and "
      "antagonist every 7 steps, drift, dissolve); rewiring and migration as serial passes in "
      "agent-id order; observables.";
  info.reference =
      "MODEL.md (this project), formalising the micro-identity framework of the seed paper; "
      "mechanisms from Deffuant et al. 2000, Sîrbu et al. 2019, Perra et al. 2012, Santos et al. "
      "2021, Törnberg 2022";
  info.schema = mim::model_schema();
  info.timeline_kinds = mim::timeline_kinds();
  info.metrics = mim::metric_dictionary();
  info.make = [](const ModelContext& ctx) -> std::unique_ptr<Model> {
    return std::make_unique<mim::MimModel>(ctx);
  };
  return info;
}

}  // namespace microcosm
