// microcosm::Scenario in Python. The Python Scenario class writes keyword
// arguments and dicts as TOML text and hands it to parse_scenario here, so
// validation and error messages are exactly those of scenario files and the
// CLI's --set.
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <nlohmann/json.hpp>

#include "bindings.hpp"
#include "microcosm/io/scenario.hpp"

namespace microcosm::python {

void bind_scenario(py::module_& m) {
  py::class_<Scenario>(m, "Scenario", "A validated, fully resolved scenario.")
      .def_static(
          "parse",
          [](const std::string& text, const std::string& source,
             const std::filesystem::path& base_dir, const std::vector<std::string>& overrides) {
            std::vector<Override> parsed;
            for (const auto& o : overrides) parsed.push_back(parse_override(o));
            return parse_scenario(text, source, base_dir, parsed);
          },
          py::arg("text"), py::arg("source") = "<python>",
          py::arg("base_dir") = std::filesystem::path("."),
          py::arg("overrides") = std::vector<std::string>{},
          "Parses TOML scenario text; overrides are 'section.key=value' strings (as --set).")
      .def_static(
          "load",
          [](const std::filesystem::path& path, const std::vector<std::string>& overrides) {
            std::vector<Override> parsed;
            for (const auto& o : overrides) parsed.push_back(parse_override(o));
            return load_scenario(path, parsed);
          },
          py::arg("path"), py::arg("overrides") = std::vector<std::string>{},
          "Loads a scenario file, as `microcosm run FILE --set ...` does.")
      .def("to_toml", &Scenario::to_toml, "The resolved scenario as TOML text.")
      .def("to_json", [](const Scenario& s) { return s.to_json().dump(); },
           "The resolved scenario as JSON text.")
      .def_property_readonly("model", [](const Scenario& s) { return s.model; })
      .def_property_readonly("seed", &Scenario::seed)
      .def_property_readonly("network_seed", &Scenario::network_seed)
      .def_property_readonly("steps",
                             [](const Scenario& s) { return s.simulation.integer("steps"); })
      .def_property_readonly("network_kind", [](const Scenario& s) { return s.network_kind; })
      .def_property_readonly("source", [](const Scenario& s) { return s.source; })
      .def_property_readonly("base_dir", [](const Scenario& s) { return s.base_dir; });
}

}  // namespace microcosm::python
