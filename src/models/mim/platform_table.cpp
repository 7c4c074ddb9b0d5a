// platforms.csv of the micro-identity model: one row per platform (0 is the
// mainstream) with its users, settings, communities, radical share and its
// row of the cumulative migration flow matrix (MODEL.md §8, "Platforms").
// Disinformation accounts are not counted as users.
#include <fmt/format.h>

#include "mim.hpp"

namespace microcosm::mim {

AgentTable MimModel::platform_table() const {
  const AgentState& a = agents_;
  const std::size_t P = platforms_.size();
  std::vector<double> users(P, 0.0), affiliated(P, 0.0), radical_n(P, 0.0), hostility(P, 0.0);
  double people = 0.0;
  for (std::size_t i = 0; i < a.n; ++i) {
    if (a.disinformation[i]) continue;
    const auto id = static_cast<NodeId>(i);
    const PlatformId q = a.platform[i];
    people += 1.0;
    users[q] += 1.0;
    affiliated[q] += a.membership_count(id) > 0;
    radical_n[q] += radical(id);
    hostility[q] += a.hostility[i];
  }
  std::vector<double> alive(P, 0.0), micro(P, 0.0);
  const std::vector<std::uint32_t> accounts = account_members();
  for (CommunityId g = 0; g < communities_.size(); ++g) {
    const Community& c = communities_[g];
    if (!c.alive) continue;
    alive[c.platform] += 1.0;
    micro[c.platform] += c.members - accounts[g] >= static_cast<std::uint32_t>(p_.min_size);
  }
  auto flow = [&](std::size_t from, std::size_t to) {
    return static_cast<double>(migration_flow_[from * P + to]);
  };

  AgentTable t;
  auto add = [&](std::string name, auto&& value) {
    std::vector<double> col(P);
    for (std::size_t q = 0; q < P; ++q) col[q] = value(q);
    t.columns.push_back(std::move(name));
    t.values.push_back(std::move(col));
  };
  auto per_user = [&](const std::vector<double>& sum, std::size_t q) {
    return users[q] > 0.0 ? sum[q] / users[q] : 0.0;
  };
  add("users", [&](std::size_t q) { return users[q]; });
  add("share", [&](std::size_t q) { return people > 0.0 ? users[q] / people : 0.0; });
  // Settings in force now (interventions may change them for a window):
  // the feed policy as its index in the schema's list of policies
  // (0 chronological, 1 engagement, 2 personalized, 3 bridging, 4 diverse).
  add("feed_policy", [&](std::size_t q) { return static_cast<double>(platforms_[q].feed_policy); });
  add("moderation", [&](std::size_t q) { return platforms_[q].moderation; });
  // Community recommendation: 0 by size, 1 by recent growth.
  add("community_recommendation",
      [&](std::size_t q) { return static_cast<double>(platforms_[q].communities); });
  add("communities_alive", [&](std::size_t q) { return alive[q]; });
  add("micro_identities", [&](std::size_t q) { return micro[q]; });
  add("affiliated_share", [&](std::size_t q) { return per_user(affiliated, q); });
  add("radical_share", [&](std::size_t q) { return per_user(radical_n, q); });
  add("hostility", [&](std::size_t q) { return per_user(hostility, q); });
  // Cumulative moves since the start; moves_to_<r> is this platform's row
  // of the flow matrix (moves from here to platform r).
  add("moves_in", [&](std::size_t q) {
    double s = 0.0;
    for (std::size_t r = 0; r < P; ++r) s += r == q ? 0.0 : flow(r, q);
    return s;
  });
  add("moves_out", [&](std::size_t q) {
    double s = 0.0;
    for (std::size_t r = 0; r < P; ++r) s += r == q ? 0.0 : flow(q, r);
    return s;
  });
  for (std::size_t r = 0; r < P; ++r) {
    add(fmt::format("moves_to_{}", r), [&](std::size_t q) { return flow(q, r); });
  }
  return t;
}

}  // namespace microcosm::mim
