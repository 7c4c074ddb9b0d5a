// Hegselmann–Krause checkpoint state: opinions, step and last change. The
// mean-field sort order is a function of the opinions (ties broken by id)
// and is rebuilt by the next step.
#include "checkpoint_io.hpp"

namespace microcosm::classic {

void save_hegselmann_krause(StateWriter& w, const std::vector<double>& x, std::uint64_t t,
                            double max_change) {
  w.put("opinion", x);
  w.put("t", t);
  w.put("max_change", max_change);
}

void load_hegselmann_krause(StateReader& r, std::vector<double>& x, std::uint64_t& t,
                            double& max_change) {
  r.get_same_size("opinion", x);
  r.get("t", t);
  r.get("max_change", max_change);
}

}  // namespace microcosm::classic
