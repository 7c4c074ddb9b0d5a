// communities.csv of the micro-identity model: one row per community ever
// born (dead ones included, so lifetimes and size distributions can be
// computed from a snapshot).
#include <fmt/format.h>

#include "mim.hpp"

namespace microcosm::mim {

AgentTable MimModel::community_table() const {
  AgentTable t;
  const std::size_t G = communities_.size();
  auto add = [&](std::string name, auto&& value) {
    std::vector<double> col(G);
    for (std::size_t g = 0; g < G; ++g) col[g] = value(static_cast<CommunityId>(g));
    t.columns.push_back(std::move(name));
    t.values.push_back(std::move(col));
  };
  add("alive", [&](CommunityId g) { return communities_[g].alive ? 1.0 : 0.0; });
  add("platform", [&](CommunityId g) { return static_cast<double>(communities_[g].platform); });
  add("birth", [&](CommunityId g) { return static_cast<double>(communities_[g].birth); });
  // 0 founded by frustrated agents, 1 split off (schism), 2 shared space of a
  // bridging_ties intervention.
  add("origin", [&](CommunityId g) { return static_cast<double>(communities_[g].origin); });
  add("death", [&](CommunityId g) {
    return communities_[g].alive ? -1.0 : static_cast<double>(communities_[g].death);
  });
  // Human members; infiltrating disinformation accounts are listed apart.
  const std::vector<std::uint32_t> accounts = account_members();
  add("members", [&](CommunityId g) {
    return static_cast<double>(communities_[g].members - accounts[g]);
  });
  add("cohesion", [&](CommunityId g) { return communities_[g].cohesion; });
  // Narrative coherence kappa_g = clip(1 - mean member distance to z_g / eps0,
  // 0, 1) (MODEL.md §4.6), which enters the join gain; as of the day's
  // community statistics, 0 for a community without members.
  add("coherence", [&](CommunityId g) { return community_coherence_[g]; });
  add("trend", [&](CommunityId g) { return communities_[g].trend; });
  add("antagonist", [&](CommunityId g) {
    const CommunityId h = communities_[g].antagonist;
    if (h == kNoCommunity) return -1.0;
    if (h == kMainstreamAntagonist) return -2.0;  // the mainstream
    return static_cast<double>(h);
  });
  for (int d = 0; d < p_.dims; ++d) {
    add(fmt::format("z{}", d), [&](CommunityId g) { return communities_[g].narrative[d]; });
  }
  add("accounts", [&](CommunityId g) { return static_cast<double>(accounts[g]); });
  return t;
}

}  // namespace microcosm::mim
