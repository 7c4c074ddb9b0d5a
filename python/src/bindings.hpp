// Entry points of the binding, one per topic (module.cpp calls them in
// order), and the conversions they share.
#pragma once

#include <pybind11/pybind11.h>

#include <utility>
#include <vector>

#include "microcosm/graph/network.hpp"
#include "microcosm/spec/schema.hpp"

namespace microcosm::python {

namespace py = pybind11;

void bind_errors(py::module_& m);
void bind_registry(py::module_& m);
void bind_network(py::module_& m);
void bind_scenario(py::module_& m);
void bind_simulation(py::module_& m);

// A parameter value as the matching Python object (bool, int, float, str,
// list of str).
py::object to_python(const spec::Value& v);
// Edge lists as a (src, dst) tuple of uint32 numpy arrays.
py::tuple network_edges(const Network& net);
py::tuple edges_to_arrays(const std::vector<std::pair<NodeId, NodeId>>& edges);

}  // namespace microcosm::python
