// microcosm._core: the compiled half of the `microcosm` Python package. The
// pure-Python package (python/microcosm) builds the user-facing API on top.
#include "bindings.hpp"

PYBIND11_MODULE(_core, m) {
  m.doc() = "microcosm engine bindings (use the `microcosm` package, not this module)";
  m.attr("__version__") = MICROCOSM_VERSION;
  using namespace microcosm::python;
  bind_errors(m);
  bind_registry(m);
  bind_network(m);
  bind_scenario(m);
  bind_simulation(m);
}
