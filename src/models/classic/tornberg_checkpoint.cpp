// Törnberg checkpoint state: party identities, flexible features, the
// quiet-microstep counter of the stopping rule, last step's changes and
// the step.
#include "checkpoint_io.hpp"

namespace microcosm::classic {

void save_tornberg(StateWriter& w, const std::vector<std::uint8_t>& party,
                   const std::vector<std::uint8_t>& flex, std::uint64_t quiet,
                   std::uint64_t changes, std::uint64_t t) {
  w.put("party", party);
  w.put("features", flex);
  w.put("quiet", quiet);
  w.put("changes", changes);
  w.put("t", t);
}

void load_tornberg(StateReader& r, std::vector<std::uint8_t>& party,
                   std::vector<std::uint8_t>& flex, std::uint64_t& quiet, std::uint64_t& changes,
                   std::uint64_t& t) {
  r.get_same_size("party", party);
  r.get_same_size("features", flex);
  r.get("quiet", quiet);
  r.get("changes", changes);
  r.get("t", t);
}

}  // namespace microcosm::classic
