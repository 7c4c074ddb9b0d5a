// Run-time hooks of the micro-identity model for the live dashboard and the
// run directory: the online follow graph as it is now, and events or
// interventions added while the model runs.
#include <fmt/format.h>

#include "microcosm/core/error.hpp"
#include "mim.hpp"

namespace microcosm::mim {

std::optional<std::vector<std::pair<NodeId, NodeId>>> MimModel::current_edges() const {
  std::vector<std::pair<NodeId, NodeId>> edges;
  edges.reserve(follow_.num_edges());
  for (NodeId u = 0; u < follow_.num_nodes(); ++u) {
    for (const NodeId v : follow_.out_neighbors(u)) edges.emplace_back(u, v);
  }
  return edges;
}

std::vector<StateView> MimModel::state_views() const {
  const AgentState& a = agents_;
  const auto d = static_cast<std::size_t>(p_.dims);
  return {StateView::of("x", a.x, d),
          StateView::of("conviction", a.conviction),
          StateView::of("significance", a.need[kSignificance]),
          StateView::of("certainty", a.need[kCertainty]),
          StateView::of("belonging", a.need[kBelonging]),
          StateView::of("freedom", a.need[kFreedom]),
          StateView::of("activity", a.activity),
          StateView::of("habit", a.habit),
          StateView::of("offline", a.offline),
          StateView::of("media", a.media),
          StateView::of("trust", a.trust),
          StateView::of("civic", a.civic),
          StateView::of("hostility", a.hostility),
          StateView::of("platform", a.platform),
          StateView::of("disinformation", a.disinformation),
          StateView::of("lonely_days", a.lonely_days),
          StateView::of("first_joined", a.first_joined)};
}

// An added item is appended to the timeline, so it takes the next index (the
// salt of its random target subset and budget draws): a scenario that lists
// the same entries in the same order from the start gives the same run.
bool MimModel::add_timeline_entry(const TimelineEntry& entry) {
  std::vector<TimelineItem> items = build_timeline({entry});
  TimelineItem& it = items.front();
  if (it.type == TimelineType::DisinformationCampaign) {
    throw ParameterError(fmt::format(
        "{}: disinformation_campaign adds accounts when the model is built; put it in the "
        "scenario's [[events]] instead of adding it at run time",
        entry.where));
  }
  const bool platform_item =
      it.type == TimelineType::FeedPolicyChange || it.type == TimelineType::Moderation;
  if (platform_item && it.platform >= static_cast<std::int64_t>(platforms_.size())) {
    throw ParameterError(fmt::format(
        "{}: {} platform = {} does not exist; valid platforms: 0 (mainstream) to {}", entry.where,
        it.name, it.platform, platforms_.size() - 1));
  }
  if (it.target == TargetKind::Label && labels_.empty()) {
    throw ParameterError(fmt::format("{}: {} targets label \"{}\" but the network has no labels",
                                     entry.where, it.name, it.label));
  }
  timeline_.push_back(std::move(it));
  campaign_active_.push_back(0);
  return true;
}

}  // namespace microcosm::mim
