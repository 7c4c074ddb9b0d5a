// Algorithmic-bias checkpoint state: opinions, step, steady-state counter,
// last change and, under mean field with gamma > 0, the sampler's sorted
// order (ties between equal opinions are ordered by update history, and the
// draws depend on that order).
#include "checkpoint_io.hpp"
#include "microcosm/models/classic/distance_biased_sampler.hpp"

namespace microcosm::classic {

void save_algorithmic_bias(StateWriter& w, const std::vector<double>& x, std::uint64_t t,
                           std::uint64_t quiet_steps, double max_change,
                           const DistanceBiasedSampler* sampler) {
  w.put("opinion", x);
  w.put("t", t);
  w.put("quiet_steps", quiet_steps);
  w.put("max_change", max_change);
  w.put("sampler_order", sampler ? sampler->sorted_order() : std::vector<NodeId>{});
}

void load_algorithmic_bias(StateReader& r, std::vector<double>& x, std::uint64_t& t,
                           std::uint64_t& quiet_steps, double& max_change,
                           DistanceBiasedSampler* sampler) {
  r.get_same_size("opinion", x);
  r.get("t", t);
  r.get("quiet_steps", quiet_steps);
  r.get("max_change", max_change);
  std::vector<NodeId> order;
  r.get("sampler_order", order);
  if (sampler && !sampler->restore(x, order)) {
    r.fail("algorithmic_bias: the partner sampler's order does not match the opinions");
  }
}

}  // namespace microcosm::classic
