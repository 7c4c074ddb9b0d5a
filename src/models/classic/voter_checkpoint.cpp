// Voter model checkpoint state: opinions, the running counts kept in step
// with them, the step and the absorption time.
#include <algorithm>

#include "checkpoint_io.hpp"

namespace microcosm::classic {

void save_voter(StateWriter& w, const std::vector<std::int8_t>& s, std::uint64_t n_plus,
                std::uint64_t active, std::uint64_t t, std::uint64_t absorbed_at) {
  w.put("state", s);
  w.put("n_plus", n_plus);
  w.put("active_arcs", active);
  w.put("t", t);
  w.put("absorbed_at", absorbed_at);
}

void load_voter(StateReader& r, std::vector<std::int8_t>& s, std::uint64_t& n_plus,
                std::uint64_t& active, std::uint64_t& t, std::uint64_t& absorbed_at) {
  r.get_same_size("state", s);
  r.get("n_plus", n_plus);
  r.get("active_arcs", active);
  r.get("t", t);
  r.get("absorbed_at", absorbed_at);
  const auto plus = static_cast<std::uint64_t>(std::count(s.begin(), s.end(), std::int8_t{1}));
  if (plus != n_plus || plus + static_cast<std::uint64_t>(std::count(s.begin(), s.end(), std::int8_t{-1})) != s.size()) {
    r.fail("voter state is inconsistent (states must be -1 or +1 and match n_plus)");
  }
}

}  // namespace microcosm::classic
