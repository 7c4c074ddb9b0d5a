// Axelrod checkpoint state: cultures (8- or 16-bit traits, as the model was
// built), the active-edge count kept in step with them, and the step.
#include <cstdint>

#include "checkpoint_io.hpp"

namespace microcosm::classic {

template <class Trait>
void save_axelrod(StateWriter& w, const std::vector<Trait>& culture, std::size_t active,
                  std::uint64_t t) {
  w.put("culture", culture);
  w.put("active_edges", static_cast<std::uint64_t>(active));
  w.put("t", t);
}

template <class Trait>
void load_axelrod(StateReader& r, std::vector<Trait>& culture, std::size_t& active,
                  std::uint64_t& t) {
  r.get_same_size("culture", culture);
  active = static_cast<std::size_t>(r.get<std::uint64_t>("active_edges"));
  r.get("t", t);
}

template void save_axelrod(StateWriter&, const std::vector<std::uint8_t>&, std::size_t,
                           std::uint64_t);
template void save_axelrod(StateWriter&, const std::vector<std::uint16_t>&, std::size_t,
                           std::uint64_t);
template void load_axelrod(StateReader&, std::vector<std::uint8_t>&, std::size_t&,
                           std::uint64_t&);
template void load_axelrod(StateReader&, std::vector<std::uint16_t>&, std::size_t&,
                           std::uint64_t&);

}  // namespace microcosm::classic
