// Events (MODEL.md §5) and interventions (§6): schemas, validation and the
// effects they have on each step.
#include "microcosm/models/mim/timeline.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "microcosm/core/error.hpp"
#include "microcosm/models/mim/mim_schema.hpp"
#include "mim.hpp"

namespace microcosm::mim {

using namespace spec;

namespace {

ParamSpec unit_interval(std::string name, double def, std::string description) {
  return real_param(std::move(name), def, 0.0, 1.0, std::move(description));
}

struct KindInfo {
  const char* section;
  const char* name;
  TimelineType type;
  const char* description;
  double magnitude;
  const char* magnitude_meaning;  // nullptr: the type has no magnitude
};

const KindInfo kKinds[] = {
    {"events", "lockdown", TimelineType::Lockdown,
     "offline contact x magnitude, platform habit F = `habit` (relaxing back to 1 at `habit_decay` "
     "a step after the window), "
     "certainty and freedom inputs -0.3", 0.2, "factor on offline contact"},
    {"events", "economic_crisis", TimelineType::EconomicCrisis,
     "significance set point -magnitude, certainty set point -2/3 magnitude, restored linearly "
     "over `recovery` steps after the window; certainty input -0.3 during the window (once with "
     "a lockdown)", 0.15, "significance set-point loss"},
    {"events", "humiliation", TimelineType::Humiliation,
     "group-based significance loss: significance input -magnitude", 0.5, "significance input"},
    {"events", "prejudice_wave", TimelineType::PrejudiceWave,
     "each target on the mainstream platform receives a hostile reaction with probability "
     "magnitude a day", 0.2, "daily probability"},
    {"events", "institutional_failure", TimelineType::InstitutionalFailure,
     "trust set point -magnitude during the window", 0.2, "trust set-point loss"},
    {"events", "disinformation_campaign", TimelineType::DisinformationCampaign,
     "`accounts` accounts post `posts_per_day` items a day at fixed extreme positions "
     "(||y||_inf = extremity); each targeted reader finds `magnitude` of their public items "
     "among its feed candidates; with probability `infiltrate` a day an account joins the "
     "nearest community on its platform (up to k_max, identification fixed at `member_u`), posts "
     "a share `member_u` of its items into its communities' spaces and pulls their narratives as "
     "a member; accounts never read and are excluded from every observable; moderation removes "
     "an account (and its memberships) with probability m_p a day",
     2.0, "items injected per targeted reader"},
    {"events", "media_decline", TimelineType::MediaDecline,
     "mainstream reach R <- R (1 - magnitude) a step", 0.001, "relative loss per step"},
    {"interventions", "inclusive_narrative", TimelineType::InclusiveNarrative,
     "targets read a mainstream-like inclusive item: accepted (within the latitude) raises civic "
     "identity and trust; beyond the rejection distance it lowers trust (backfire)", 0.05,
     "civic identity gain"},
    {"interventions", "need_support", TimelineType::NeedSupport,
     "significance, belonging and certainty inputs +magnitude for the targets; each day reached "
     "also closes lasting x magnitude of the gap between their set points and 1", 0.5, "input"},
    {"interventions", "disillusionment", TimelineType::Disillusionment,
     "targets read an in-group dissenter at z_g + 0.3 (y_M - z_g); accepted, identification "
     "falls by the factor (1 - magnitude)", 0.1, "relative identification loss"},
    {"interventions", "bridging_ties", TimelineType::BridgingTies,
     "`budget` new follows a step between members of different communities at moderate "
     "distance (eps_i < d < rho_i)", 0.0, nullptr},
    {"interventions", "feed_policy", TimelineType::FeedPolicyChange,
     "switch a platform's feed ranking (and opt-out share, account and community "
     "recommendation) during the window", 0.0, nullptr},
    {"interventions", "moderation", TimelineType::Moderation,
     "a platform removes posts with |y|_inf >= 0.8 with probability magnitude during the window",
     0.5, "moderation strength"},
};

Schema kind_schema(const KindInfo& k) {
  const bool intervention = std::string(k.section) == "interventions";
  std::vector<ParamSpec> p = {
      int_param("start", 0, 0, 1'000'000'000, "first step of the window", "step"),
      int_param("end", 1, 1, 1'000'000'000, "first step after the window (exclusive)", "step"),
      string_param("target", intervention ? "universal" : "all",
                   {"all", "universal", "share", "label", "half_space", "community", "at_risk",
                    "radical"},
                   "who is affected: all/universal, a random share, a node label, the half-space "
                   "x_0 > threshold, a community, the at-risk (frustration above the threshold "
                   "quantile) or the radical"),
      real_param("share", 1.0, 0.0, 1.0, "target = share: fraction of agents"),
      string_param("label", "", {}, "target = label: node label"),
      real_param("threshold", 0.9, -1.0, 1.0,
                 "target = half_space: x_0 threshold; target = at_risk: frustration quantile"),
      int_param("community", 0, 0, 1'000'000'000, "target = community: community id"),
  };
  // Types without a strength (bridging_ties, feed_policy) take no magnitude.
  if (k.magnitude_meaning != nullptr) {
    p.push_back(real_param("magnitude", k.magnitude, 0.0, 10.0, k.magnitude_meaning));
  }
  if (intervention) {
    p.push_back(int_param("budget", 0, 0, 1'000'000'000,
                          "agent contacts per step (0 = every target); cost is reported"));
    p.push_back(real_param("budget_share", 0.0, 0.0, 1.0,
                           "agent contacts per step as a share of the population, rounded (at least "
                           "1); for scenarios run at several sizes. 0 = use budget; set one of the two"));
  }
  if (k.type == TimelineType::EconomicCrisis) {
    p.push_back(int_param("recovery", 180, 0, 1'000'000, "steps to restore set points", "step"));
  }
  if (k.type == TimelineType::FeedPolicyChange || k.type == TimelineType::Moderation) {
    p.push_back(int_param("platform", 0, 0, 16, "platform id (0 = mainstream)"));
  }
  if (k.type == TimelineType::DisinformationCampaign) {
    p.push_back(int_param("accounts", 50, 1, 10'000'000, "number of accounts"));
    p.push_back(int_param("posts_per_day", 5, 1, 1000, "posts per account a day"));
    p.push_back(unit_interval("extremity", 0.9, "infinity norm of the accounts' positions"));
    p.push_back(unit_interval(
        "infiltrate", 0.1,
        "daily probability that a running account with fewer than communities.k_max "
        "memberships joins the community on its platform whose narrative is nearest its "
        "position (within eps0 + join margin, at least 2 human members); 0 = no infiltration"));
    p.push_back(unit_interval(
        "member_u", 0.5,
        "fixed identification of an account's memberships: its weight in the u-weighted "
        "member mean that the narrative drifts to, and the share of its daily posts that go to "
        "its communities' spaces"));
  }
  if (k.type == TimelineType::BridgingTies) {
    p.push_back(int_param(
        "shared_space", 0, 0, 1'000'000,
        "members of a shared space opened at the window's start: a community seeded with "
        "targeted members of several communities (taken in turn from each), its narrative their "
        "mean; 0 = follows only"));
  }
  if (k.type == TimelineType::Lockdown) {
    p.push_back(real_param("habit", 1.5, 1.0, 10.0,
                           "platform-use factor F of the targeted during the window (activity x F)"));
    p.push_back(real_param(
        "habit_decay", 0.002, 0.0, 1.0,
        "rate at which F relaxes back to 1 after the window: F <- 1 + (F - 1)(1 - habit_decay) a "
        "step, like every other rate of the model; 0.002 is a half-life of a year, as digital "
        "media use was still above its pre-pandemic level a year after lockdowns (Nutley, "
        "Buren & Thorell 2023; MODEL.md's 0.02 is a half-life of 35 days)"));
  }
  if (k.type == TimelineType::NeedSupport) {
    p.push_back(real_param(
        "lasting", 0.002, 0.0, 1.0,
        "share of the support that changes circumstances (a job, a role, a tie that outlives "
        "the programme): each day reached, the significance, certainty and belonging set "
        "points move towards 1 by lasting x magnitude x (1 - set point); 0 = MODEL.md's "
        "support, which ends with the window",
        "", "Webber et al. 2018 (rehabilitation with vocational training: extremism kept falling "
        "after release); Kruglanski et al. 2014"));
  }
  if (k.type == TimelineType::FeedPolicyChange) {
    p.push_back(string_param("policy", "chronological", feed_policies(), "new feed ranking"));
    p.push_back(real_param("opt_out", -1.0, -1.0, 1.0, "new opt-out share (-1: unchanged)"));
    std::vector<std::string> recommendations{"unchanged"};
    for (const auto& name : recommendation_policies()) recommendations.push_back(name);
    p.push_back(string_param("recommendation", "unchanged", std::move(recommendations),
                             "new account recommendation policy (§4.9)"));
    std::vector<std::string> communities{"unchanged"};
    for (const auto& name : community_recommendations()) communities.push_back(name);
    p.push_back(string_param("communities", "unchanged", std::move(communities),
                             "new community recommendation (§4.8): size or growth"));
  }
  return Schema(fmt::format("{} {}", k.section, k.name), std::move(p));
}

TargetKind parse_target(const std::string& s) {
  if (s == "share") return TargetKind::Share;
  if (s == "label") return TargetKind::Label;
  if (s == "half_space") return TargetKind::HalfSpace;
  if (s == "community") return TargetKind::Community;
  if (s == "at_risk") return TargetKind::AtRisk;
  if (s == "radical") return TargetKind::Radical;
  return TargetKind::All;
}

}  // namespace

std::vector<ModelInfo::TimelineKind> timeline_kinds() {
  std::vector<ModelInfo::TimelineKind> out;
  for (const auto& k : kKinds) out.push_back({k.section, k.name, k.description, kind_schema(k)});
  return out;
}

std::vector<TimelineItem> build_timeline(const std::vector<TimelineEntry>& entries) {
  std::vector<TimelineItem> items;
  for (const auto& e : entries) {
    const auto* kind = std::find_if(std::begin(kKinds), std::end(kKinds),
                                    [&](const KindInfo& k) { return e.type == k.name; });
    if (kind == std::end(kKinds)) {
      throw ParameterError(fmt::format("{}: unknown {} type '{}'", e.where, e.section, e.type));
    }
    TimelineItem it;
    it.type = kind->type;
    it.name = e.type;
    it.where = e.where;
    it.start = e.params.integer("start");
    it.end = e.params.integer("end");
    it.target = parse_target(e.params.str("target"));
    it.share = e.params.real("share");
    it.label = e.params.str("label");
    it.threshold = e.params.real("threshold");
    it.community = e.params.integer("community");
    if (e.params.has("magnitude")) it.magnitude = e.params.real("magnitude");
    if (e.params.has("budget")) it.budget = e.params.integer("budget");
    if (e.params.has("budget_share")) it.budget_share = e.params.real("budget_share");
    if (it.budget > 0 && it.budget_share > 0.0) {
      throw ParameterError(fmt::format(
          "{}: {} sets both budget = {} and budget_share = {}; set one (an absolute number of "
          "contacts a step, or a share of the population in (0, 1])",
          e.where, e.type, it.budget, it.budget_share));
    }
    if (e.params.has("recovery")) it.recovery = e.params.integer("recovery");
    if (e.params.has("platform")) it.platform = e.params.integer("platform");
    if (e.params.has("policy")) it.policy = e.params.str("policy");
    if (e.params.has("opt_out")) it.opt_out = e.params.real("opt_out");
    if (e.params.has("recommendation")) it.recommendation = e.params.str("recommendation");
    if (e.params.has("communities")) it.communities = e.params.str("communities");
    if (e.params.has("accounts")) it.accounts = e.params.integer("accounts");
    if (e.params.has("posts_per_day")) it.posts_per_day = e.params.integer("posts_per_day");
    if (e.params.has("extremity")) it.extremity = e.params.real("extremity");
    if (e.params.has("infiltrate")) it.infiltrate = e.params.real("infiltrate");
    if (e.params.has("member_u")) it.member_u = e.params.real("member_u");
    if (e.params.has("shared_space")) it.shared_space = e.params.integer("shared_space");
    if (e.params.has("lasting")) it.lasting = e.params.real("lasting");
    if (e.params.has("habit")) it.habit = e.params.real("habit");
    if (e.params.has("habit_decay")) it.habit_decay = e.params.real("habit_decay");
    if (it.end <= it.start) {
      throw ParameterError(fmt::format("{}: {} end = {} must be after start = {}", e.where, e.type,
                                       it.end, it.start));
    }
    if (it.target == TargetKind::Label && it.label.empty()) {
      throw ParameterError(fmt::format("{}: {} target = \"label\" needs label = \"...\"", e.where, e.type));
    }
    items.push_back(std::move(it));
  }
  return items;
}

std::size_t effective_budget(const TimelineItem& it, std::size_t people) {
  if (it.budget_share > 0.0) {
    const auto share = std::llround(it.budget_share * static_cast<double>(people));
    return std::max<std::size_t>(1, static_cast<std::size_t>(share));
  }
  return static_cast<std::size_t>(it.budget);
}

void TimelineEffects::reset(std::size_t n) {
  offline_factor.clear();
  for (auto* v : {&certainty_input, &freedom_input, &significance_input, &belonging_input}) {
    v->assign(n, 0.0f);
  }
  in_crisis.assign(n, 0);
  any_agent_effects = false;
}

void MimModel::raise_set_points(NodeId i, double step) {
  // Significance and certainty keep a base that events shift each step;
  // belonging's set point has no shifting event and is kept directly.
  for (int k : {kSignificance, kCertainty}) need_set_base_[k][i] += step * (1.0 - need_set_base_[k][i]);
  double& b = agents_.need_set[kBelonging][i];
  b += step * (1.0 - b);
}

// The shared space of bridging_ties (MODEL.md §6): reached members of several
// communities on the mainstream platform, taken in turn from each community
// (communities in id order, their members in id order) so that no group
// dominates it. Its narrative is their mean; from then on it lives by the
// rules of every community (identification, drift, leaving, dissolving).
void MimModel::open_shared_space(const TimelineItem& it, const std::vector<NodeId>& reach) {
  const AgentState& a = agents_;
  std::vector<std::pair<CommunityId, NodeId>> by_group;
  for (NodeId i : reach) {
    const CommunityId g = a.primary(i);
    if (g != kNoCommunity && a.platform[i] == 0) by_group.emplace_back(g, i);
  }
  std::sort(by_group.begin(), by_group.end());
  std::vector<std::size_t> next;  // first unused entry of each group
  for (std::size_t k = 0; k < by_group.size(); ++k) {
    if (k == 0 || by_group[k].first != by_group[k - 1].first) next.push_back(k);
  }
  if (next.size() < 2) return;  // one group or none: nothing to bridge
  std::vector<std::size_t> end(next.begin() + 1, next.end());
  end.push_back(by_group.size());
  const auto cap = static_cast<std::size_t>(it.shared_space);
  std::vector<NodeId> seeds;
  for (bool added = true; added && seeds.size() < cap;) {
    added = false;
    for (std::size_t g = 0; g < next.size() && seeds.size() < cap; ++g) {
      if (next[g] == end[g]) continue;
      seeds.push_back(by_group[next[g]++].second);
      added = true;
    }
  }
  open_community(seeds, 0, CommunityOrigin::SharedSpace);
}

bool MimModel::targeted(const TimelineItem& it, NodeId i, std::uint64_t salt) const {
  const AgentState& a = agents_;
  if (a.disinformation[i]) return false;
  switch (it.target) {
    case TargetKind::All: return true;
    case TargetKind::Share: {
      // A fixed random subset for the whole window (seeded by the item).
      Rng rng(seed_, "mim.target", i, salt);
      return rng.uniform() < it.share;
    }
    case TargetKind::Label: return i < labels_.size() && labels_[i] == it.label;
    case TargetKind::HalfSpace: return a.pos(i)[0] > it.threshold;
    case TargetKind::Community: {
      const std::size_t base = static_cast<std::size_t>(i) * kMaxMemberships;
      for (int k = 0; k < kMaxMemberships; ++k) {
        if (a.member_of[base + k] == static_cast<CommunityId>(it.community)) return true;
      }
      return false;
    }
    case TargetKind::AtRisk: return frustration(i) >= at_risk_cut_;
    case TargetKind::Radical: return radical(i);
  }
  return false;
}

void MimModel::phase_timeline() {
  AgentState& a = agents_;
  const std::size_t n = a.n;
  effects_.reset(n);
  std::fill(disinfo_items_.begin(), disinfo_items_.end(), std::uint8_t{0});
  std::fill(campaign_active_.begin(), campaign_active_.end(), std::uint8_t{0});
  // Platform settings return to their configured values unless an active
  // intervention changes them this step.
  init_platform_settings();
  bool lockdown = false;
  std::vector<double> phi_sorted;
  for (std::size_t idx = 0; idx < timeline_.size(); ++idx) {
    const TimelineItem& it = timeline_[idx];
    const auto t = static_cast<std::int64_t>(t_);
    const bool active = t >= it.start && t < it.end;
    const bool crisis_on = it.type == TimelineType::EconomicCrisis && t >= it.start &&
                           t < it.end + it.recovery;
    if (it.target == TargetKind::AtRisk && (active || crisis_on)) {
      // The quantile of frustration among people (accounts have no needs).
      if (phi_sorted.empty()) {
        for (std::size_t i = 0; i < n; ++i) {
          if (!a.disinformation[i]) phi_sorted.push_back(frustration(static_cast<NodeId>(i)));
        }
        std::sort(phi_sorted.begin(), phi_sorted.end());
      }
      if (!phi_sorted.empty()) {
        at_risk_cut_ = phi_sorted[static_cast<std::size_t>(std::clamp(it.threshold, 0.0, 1.0) *
                                                           static_cast<double>(phi_sorted.size() - 1))];
      }
    }
    if (crisis_on) {
      // Set-point loss, restored linearly over the recovery window.
      const double f = t < it.end ? 1.0
                                  : 1.0 - static_cast<double>(t - it.end + 1) /
                                              static_cast<double>(it.recovery + 1);
      for (std::size_t i = 0; i < n; ++i) {
        if (!targeted(it, static_cast<NodeId>(i), idx)) continue;
        set_point_shift_[kSignificance][i] -= it.magnitude * f;
        set_point_shift_[kCertainty][i] -= it.magnitude * 2.0 / 3.0 * f;
        if (active) effects_.in_crisis[i] = 1;
      }
      effects_.any_agent_effects = true;
      continue;
    }
    if (!active) continue;
    // Interventions with a budget reach at most `budget` targets a step,
    // chosen by a per-step random priority.
    std::vector<NodeId>& reach = timeline_targets_;
    reach.clear();
    // Bridging ties join members of different communities (§6): its budget
    // is spent on members only.
    const bool members_only = it.type == TimelineType::BridgingTies;
    for (std::size_t i = 0; i < n; ++i) {
      const auto id = static_cast<NodeId>(i);
      if (members_only && a.primary(id) == kNoCommunity) continue;
      if (targeted(it, id, idx)) reach.push_back(id);
    }
    const std::size_t budget = effective_budget(it, n_people_);
    if (budget > 0 && reach.size() > budget) {
      Rng rng(seed_, "mim.budget", idx, t_);
      for (std::size_t k = 0; k < budget; ++k) {
        std::swap(reach[k], reach[k + rng.bounded(reach.size() - k)]);
      }
      reach.resize(budget);
      std::sort(reach.begin(), reach.end());
    }
    const bool is_intervention = it.type >= TimelineType::InclusiveNarrative;
    if (is_intervention) intervention_contacts_ += reach.size();
    switch (it.type) {
      case TimelineType::Lockdown:
        lockdown = true;
        if (effects_.offline_factor.empty()) effects_.offline_factor.assign(n, 1.0);
        for (NodeId i : reach) {
          effects_.offline_factor[i] *= it.magnitude;
          a.habit[i] = it.habit;
          effects_.freedom_input[i] -= 0.3f;
          effects_.in_crisis[i] = 1;  // certainty's −0.3 (phase_psychology.cpp)
        }
        effects_.any_agent_effects = true;
        break;
      case TimelineType::Humiliation:
        for (NodeId i : reach) effects_.significance_input[i] -= static_cast<float>(it.magnitude);
        effects_.any_agent_effects = true;
        break;
      case TimelineType::PrejudiceWave:
        for (NodeId i : reach) {
          Rng rng(seed_, "mim.prejudice", i, t_);
          if (a.platform[i] == 0 && rng.uniform() < it.magnitude) a.tallies.prejudice[i] += 1;
        }
        break;
      case TimelineType::InstitutionalFailure:
        for (NodeId i : reach) trust_shift_[i] -= it.magnitude;
        break;
      case TimelineType::MediaDecline:
        media_reach_ *= 1.0 - it.magnitude;
        break;
      case TimelineType::DisinformationCampaign:
        campaign_active_[idx] = 1;
        for (NodeId i : reach) {
          disinfo_items_[i] = static_cast<std::uint8_t>(
              std::min(255.0, disinfo_items_[i] + std::round(it.magnitude)));
        }
        break;
      case TimelineType::NeedSupport:
        for (NodeId i : reach) {
          effects_.significance_input[i] += static_cast<float>(it.magnitude);
          effects_.belonging_input[i] += static_cast<float>(it.magnitude);
          effects_.certainty_input[i] += static_cast<float>(it.magnitude);
          if (it.lasting > 0.0) raise_set_points(i, it.lasting * it.magnitude);
        }
        effects_.any_agent_effects = true;
        break;
      case TimelineType::InclusiveNarrative: {
        const std::array<double, kMaxDims> origin{};
        for (NodeId i : reach) {
          const double d = distance(a.pos(i), origin.data());
          if (d <= latitude(i)) {
            a.civic[i] += it.magnitude * (1.0 - a.civic[i]);
            a.trust[i] += 0.02 * (1.0 - a.trust[i]);
          } else if (d >= rejection(i)) {
            a.trust[i] -= 0.02 * a.trust[i];  // backfire
          }
        }
        break;
      }
      case TimelineType::Disillusionment:
        for (NodeId i : reach) {
          const std::size_t base = static_cast<std::size_t>(i) * kMaxMemberships;
          const CommunityId g = a.primary(i);
          if (g == kNoCommunity) continue;
          std::array<double, kMaxDims> y{};
          for (int d = 0; d < p_.dims; ++d) y[d] = 0.7 * communities_[g].narrative[d];
          if (distance(a.pos(i), y.data()) > latitude(i)) continue;
          for (int k = 0; k < kMaxMemberships; ++k) {
            if (a.member_of[base + k] == g) a.identification[base + k] *= 1.0 - it.magnitude;
          }
        }
        break;
      case TimelineType::BridgingTies: {
        if (it.shared_space > 0 && t == it.start) open_shared_space(it, reach);
        // Each reached agent (in id order) follows one member of another
        // community at moderate distance, from a sample of its own stream.
        for (NodeId i : reach) {
          const CommunityId gi = a.primary(i);
          Rng rng(seed_, "mim.bridging", i, t_);
          for (int tries = 0; tries < 20; ++tries) {
            const NodeId j = members_.empty() ? kNone : members_[rng.bounded(members_.size())];
            if (j == kNone || j == i || a.disinformation[j] || a.platform[j] != a.platform[i]) continue;
            const CommunityId gj = a.primary(j);
            if (gj == kNoCommunity || gj == gi) continue;
            const double d = distance(a.pos(i), a.pos(j));
            if (d > latitude(i) && d < rejection(i) && follow_.add_edge(i, j)) break;
          }
        }
        break;
      }
      case TimelineType::FeedPolicyChange:
        if (static_cast<std::size_t>(it.platform) < platforms_.size()) {
          platforms_[it.platform].feed_policy = static_cast<int>(parse_feed_policy(it.policy));
          if (it.opt_out >= 0.0) platforms_[it.platform].opt_out = it.opt_out;
          if (it.recommendation != "unchanged") {
            platforms_[it.platform].recommendation =
                static_cast<int>(parse_recommendation_policy(it.recommendation));
          }
          if (it.communities != "unchanged") {
            platforms_[it.platform].communities =
                static_cast<int>(parse_community_recommendation(it.communities));
          }
        }
        break;
      case TimelineType::Moderation:
        if (static_cast<std::size_t>(it.platform) < platforms_.size()) {
          platforms_[it.platform].moderation = it.magnitude;
        }
        break;
      case TimelineType::EconomicCrisis:
        break;
    }
  }
  // Habit relaxes back to 1 after a lockdown, at the rate of the latest one
  // begun (read from the timeline, so a checkpoint needs no extra state); set
  // points follow their shifts.
  if (!lockdown) {
    double decay = -1.0;
    std::int64_t latest = -1;
    for (const TimelineItem& it : timeline_) {
      if (it.type == TimelineType::Lockdown && it.start <= static_cast<std::int64_t>(t_) &&
          it.start >= latest) {
        latest = it.start;
        decay = it.habit_decay;
      }
    }
    if (decay >= 0.0) {
      for (std::size_t i = 0; i < n; ++i) {
        if (a.habit[i] > 1.0) {
          const double excess = (a.habit[i] - 1.0) * (1.0 - decay);
          // Below 10^-3 the excess changes activity by less than a tenth of a
          // per cent; snapping it to 0 ends the loop's work after about a year.
          a.habit[i] = excess < 1e-3 ? 1.0 : 1.0 + excess;
        }
      }
    }
  }
  for (int k = 0; k < 2; ++k) {
    for (std::size_t i = 0; i < n; ++i) {
      a.need_set[k][i] = std::clamp(need_set_base_[k][i] + set_point_shift_[k][i], 0.0, 1.0);
      set_point_shift_[k][i] = 0.0;
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    a.trust_set[i] = std::clamp(trust_set_base_[i] + trust_shift_[i], 0.0, 1.0);
    trust_shift_[i] = 0.0;
  }
}

}  // namespace microcosm::mim
