// The registries as plain Python data: model names and descriptions, the
// parameter schemas (one dict per parameter) of models, network kinds,
// timeline entries and the [simulation] / [output] sections.
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "microcosm/graph/network.hpp"
#include "microcosm/io/scenario.hpp"
#include "microcosm/models/model.hpp"

namespace microcosm::python {

py::object to_python(const spec::Value& v) {
  return std::visit(
      [](const auto& x) -> py::object {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, bool>) {
          return py::bool_(x);
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          return py::int_(x);
        } else if constexpr (std::is_same_v<T, double>) {
          return py::float_(x);
        } else if constexpr (std::is_same_v<T, std::string>) {
          return py::str(x);
        } else {
          py::list l;
          for (const auto& s : x) l.append(py::str(s));
          return l;
        }
      },
      v);
}

namespace {

py::list schema_rows(const spec::Schema& schema) {
  py::list rows;
  for (const auto& p : schema.params()) {
    py::dict d;
    d["parameter"] = p.name;
    d["type"] = std::string(spec::type_name(p.type));
    d["default"] = to_python(p.default_value);
    d["range"] = p.range_text();
    d["unit"] = p.unit;
    d["description"] = p.description;
    d["source"] = p.source;
    d["min"] = p.min;
    d["max"] = p.max;
    d["choices"] = p.choices;
    rows.append(std::move(d));
  }
  return rows;
}

// The metrics.csv columns and what they measure (microcosm.metric_info).
py::list metric_rows(const std::vector<MetricInfo>& metrics) {
  py::list rows;
  for (const auto& metric : metrics) {
    py::dict row;
    row["column"] = metric.name;
    row["description"] = metric.description;
    row["always"] = metric.always;
    rows.append(std::move(row));
  }
  return rows;
}

py::dict model_dict(const ModelInfo& info) {
  py::dict d;
  d["name"] = info.name;
  d["summary"] = info.summary;
  d["semantics"] = info.semantics;
  d["reference"] = info.reference;
  d["uses_network"] = info.uses_network;
  d["parameters"] = schema_rows(info.schema);
  py::list timeline;
  for (const auto& k : info.timeline_kinds) {
    py::dict t;
    t["section"] = k.section;
    t["type"] = k.type;
    t["description"] = k.description;
    t["parameters"] = schema_rows(k.schema);
    timeline.append(std::move(t));
  }
  d["timeline"] = std::move(timeline);
  d["metrics"] = metric_rows(info.metrics);
  return d;
}

}  // namespace

void bind_registry(py::module_& m) {
  m.def("models", [] {
    std::vector<std::string> names;
    for (const auto& info : model_registry()) names.push_back(info.name);
    return names;
  }, "Names of the registered models.");
  m.def("model_info", [](const std::string& name) { return model_dict(find_model(name)); },
        py::arg("name"), "Description and parameter schema of a model (ValueError if unknown).");
  m.def("network_kinds", [] {
    py::list out;
    for (const auto& k : network_kinds()) {
      py::dict d;
      d["name"] = k.name;
      d["description"] = k.description;
      d["parameters"] = schema_rows(k.schema);
      out.append(std::move(d));
    }
    return out;
  }, "Network kinds ([network] kind) with their parameter schemas.");
  m.def("section_schema", [](const std::string& section) {
    if (section == "simulation") return schema_rows(simulation_schema());
    if (section == "output") return schema_rows(output_schema());
    throw py::value_error("section_schema: valid sections: simulation, output");
  }, py::arg("section"), "Parameter schema of the [simulation] or [output] section.");
}

}  // namespace microcosm::python
