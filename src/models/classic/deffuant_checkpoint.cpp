// Deffuant–Weisbuch checkpoint state: opinions, step, last sweep's largest
// change and the convergence flag.
#include "checkpoint_io.hpp"

namespace microcosm::classic {

void save_deffuant(StateWriter& w, const std::vector<double>& x, std::uint64_t t,
                   double max_change, bool converged) {
  w.put("opinion", x);
  w.put("t", t);
  w.put("max_change", max_change);
  w.put("converged", converged);
}

void load_deffuant(StateReader& r, std::vector<double>& x, std::uint64_t& t, double& max_change,
                   bool& converged) {
  r.get_same_size("opinion", x);
  r.get("t", t);
  r.get("max_change", max_change);
  r.get("converged", converged);
}

}  // namespace microcosm::classic
