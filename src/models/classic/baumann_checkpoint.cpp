// Baumann et al. checkpoint state: opinions, activities, step, echo
// accumulators and the temporal network of the last step (metrics report
// its size; the accumulators were fed by it).
#include <limits>

#include "checkpoint_io.hpp"

namespace microcosm::classic {

void save_baumann(StateWriter& w, const std::vector<double>& x, const std::vector<double>& a,
                  std::uint64_t t, const std::vector<double>& nbr_sum,
                  const std::vector<double>& nbr_weight, const BaumannStepNetwork& net) {
  w.put("opinion", x);
  w.put("activity", a);
  w.put("t", t);
  w.put("nbr_sum", nbr_sum);
  w.put("nbr_weight", nbr_weight);
  w.put("active", net.active);
  w.put("contacts", net.contacts);
  w.put("edge_target", net.edge_target);
  w.put("edge_source", net.edge_source);
  w.put("in_offsets", net.in_offsets);
  w.put("in_sources", net.in_sources);
  w.put("distinct_sources", net.distinct_sources);
}

void load_baumann(StateReader& r, std::vector<double>& x, std::vector<double>& a, std::uint64_t& t,
                  std::vector<double>& nbr_sum, std::vector<double>& nbr_weight,
                  const BaumannStepNetwork& net) {
  r.get_same_size("opinion", x);
  r.get_same_size("activity", a);
  r.get("t", t);
  r.get_same_size("nbr_sum", nbr_sum);
  r.get_same_size("nbr_weight", nbr_weight);
  r.get("active", net.active);
  r.get("contacts", net.contacts);
  r.get("edge_target", net.edge_target);
  r.get("edge_source", net.edge_source);
  r.get_same_size("in_offsets", net.in_offsets);
  r.get("in_sources", net.in_sources);
  r.get("distinct_sources", net.distinct_sources);
  const std::size_t n = a.size();
  constexpr auto kInactive = std::numeric_limits<std::uint32_t>::max();
  std::fill(net.active_slot.begin(), net.active_slot.end(), kInactive);
  for (std::size_t k = 0; k < net.active.size(); ++k) {
    if (net.active[k] >= n) r.fail("baumann: active agent id out of range");
    net.active_slot[net.active[k]] = static_cast<std::uint32_t>(k);
  }
  if (net.edge_target.size() != net.edge_source.size() ||
      net.in_sources.size() != net.edge_target.size()) {
    r.fail("baumann: the last step's network is inconsistent");
  }
}

}  // namespace microcosm::classic
