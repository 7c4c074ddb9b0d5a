// The engine's exceptions as Python exceptions: ParameterError and
// InputError derive from ValueError (bad values, bad files), OutputError from
// OSError, every other microcosm::Error from RuntimeError. Messages pass
// through unchanged, so Python reports exactly what the CLI prints.
#include <pybind11/pybind11.h>

#include "bindings.hpp"
#include "microcosm/core/error.hpp"

namespace microcosm::python {

void bind_errors(py::module_& m) {
  // pybind11 tries translators newest first: register the base class first.
  py::register_exception<Error>(m, "Error", PyExc_RuntimeError);
  py::register_exception<ParameterError>(m, "ParameterError", PyExc_ValueError);
  py::register_exception<InputError>(m, "InputError", PyExc_ValueError);
  py::register_exception<OutputError>(m, "OutputError", PyExc_OSError);
}

}  // namespace microcosm::python
