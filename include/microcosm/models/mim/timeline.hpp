// Events (MODEL.md §5) and interventions (§6) of the micro-identity model:
// their schemas, the validated timeline items and the per-step effects they
// produce. An item applies on steps [start, end); its target picks agents.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "microcosm/models/model.hpp"

namespace microcosm::mim {

enum class TimelineType {
  // events
  Lockdown,
  EconomicCrisis,
  Humiliation,
  PrejudiceWave,
  InstitutionalFailure,
  MediaDecline,
  DisinformationCampaign,
  // interventions
  InclusiveNarrative,
  NeedSupport,
  Disillusionment,
  BridgingTies,
  FeedPolicyChange,
  Moderation,
};

enum class TargetKind { All, Share, Label, HalfSpace, Community, AtRisk, Radical };

struct TimelineItem {
  TimelineType type;
  std::string name;
  std::string where;  // file:line
  std::int64_t start = 0;
  std::int64_t end = 0;  // exclusive
  TargetKind target = TargetKind::All;
  double share = 1.0;        // Share: fraction of agents at random
  std::string label;         // Label: node label
  double threshold = 0.0;    // HalfSpace: x_0 > threshold; AtRisk: frustration quantile
  std::int64_t community = -1;
  double magnitude = 0.0;    // type-specific strength (see schema)
  std::int64_t budget = 0;   // interventions: agent contacts per step (0 = unlimited)
  double budget_share = 0.0; // interventions: the budget as a share of the population (0 = use budget)
  std::int64_t recovery = 0; // economic_crisis: steps to restore set points
  std::int64_t platform = 0; // feed_policy, moderation
  std::string policy;        // feed_policy: new ranking
  double opt_out = -1.0;     // feed_policy: new opt-out share (-1: unchanged)
  std::string recommendation = "unchanged";  // feed_policy: new account recommendation
  std::string communities = "unchanged";     // feed_policy: new community recommendation
  std::int64_t accounts = 0;       // disinformation_campaign: number of accounts
  std::int64_t posts_per_day = 0;  // disinformation_campaign: posts per account a day
  double extremity = 0.0;          // disinformation_campaign: ||y||_inf of their posts
  double infiltrate = 0.0;         // disinformation_campaign: daily join probability
  double member_u = 0.0;           // disinformation_campaign: fixed u of account memberships
  std::int64_t shared_space = 0;   // bridging_ties: members of a shared space (0 = none)
  double lasting = 0.0;            // need_support: daily set-point gain for the reached
  double habit = 1.5;              // lockdown: platform-use factor F during the window
  double habit_decay = 0.002;      // lockdown: F's relaxation rate back to 1 after it
};

// The kinds the model registers with the scenario loader.
std::vector<ModelInfo::TimelineKind> timeline_kinds();
// Converts validated entries; throws ParameterError naming the entry on
// inconsistencies the schemas cannot see (end <= start, ...).
std::vector<TimelineItem> build_timeline(const std::vector<TimelineEntry>& entries);

// Contacts an intervention may make a step among `people` agents: budget_share
// × people rounded (at least 1) when a share is given, else budget (0 = every
// target).
std::size_t effective_budget(const TimelineItem& it, std::size_t people);

// Aggregated effects for one step, per agent where they are targeted.
struct TimelineEffects {
  // Per agent, multiplies theta_off; empty when no lockdown is on (1 for all).
  std::vector<double> offline_factor;
  double offline_factor_of(std::size_t i) const { return offline_factor.empty() ? 1.0 : offline_factor[i]; }
  std::vector<float> certainty_input;  // extra I_c per agent
  std::vector<float> freedom_input;
  std::vector<float> significance_input;
  std::vector<float> belonging_input;
  std::vector<std::uint8_t> in_crisis;       // crisis or lockdown affects the agent
  void reset(std::size_t n);
  bool any_agent_effects = false;
};

}  // namespace microcosm::mim
