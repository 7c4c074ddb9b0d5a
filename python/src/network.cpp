// microcosm::Network in Python: built from edge arrays (how networkx and
// igraph graphs become a scenario's network, see microcosm/networks.py) or
// from a scenario's [network] section, and read back as edge arrays.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <fmt/format.h>

#include "bindings.hpp"
#include "microcosm/engine/simulation.hpp"
#include "microcosm/graph/network.hpp"

namespace microcosm::python {
namespace {

using IdArray = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>;
using WeightArray = py::array_t<float, py::array::c_style | py::array::forcecast>;

std::shared_ptr<Network> from_edges(std::int64_t n, const IdArray& src, const IdArray& dst,
                                    const std::optional<WeightArray>& weights, bool directed,
                                    std::vector<std::string> labels,
                                    std::vector<std::string> names, bool self_loops,
                                    bool multi_edges) {
  if (n < 0 || n > std::numeric_limits<NodeId>::max()) {
    throw py::value_error(fmt::format("num_nodes = {} is outside its valid range [0, {}]", n,
                                      std::numeric_limits<NodeId>::max()));
  }
  if (src.ndim() != 1 || dst.ndim() != 1 || src.size() != dst.size()) {
    throw py::value_error("src and dst must be one-dimensional arrays of equal length");
  }
  if (weights && (weights->ndim() != 1 || weights->size() != src.size())) {
    throw py::value_error("weights must be a one-dimensional array as long as src");
  }
  const auto nn = static_cast<std::size_t>(n);
  if (!labels.empty() && labels.size() != nn) {
    throw py::value_error(fmt::format("labels has {} entries; expected one per node ({})",
                                      labels.size(), nn));
  }
  if (!names.empty() && names.size() != nn) {
    throw py::value_error(fmt::format("names has {} entries; expected one per node ({})",
                                      names.size(), nn));
  }
  const std::int64_t* s = src.data();
  const std::int64_t* d = dst.data();
  const float* w = weights ? weights->data() : nullptr;
  const auto m = static_cast<std::size_t>(src.size());
  for (std::size_t e = 0; e < m; ++e) {
    if (s[e] < 0 || s[e] >= n || d[e] < 0 || d[e] >= n) {
      throw py::value_error(fmt::format("edge {} = ({}, {}) names a node outside [0, {})", e,
                                        s[e], d[e], n));
    }
  }
  auto net = std::make_shared<Network>();
  {
    py::gil_scoped_release release;
    GraphBuilder b(nn, {directed, self_loops, multi_edges});
    b.reserve(m);
    for (std::size_t e = 0; e < m; ++e) {
      const auto u = static_cast<NodeId>(s[e]);
      const auto v = static_cast<NodeId>(d[e]);
      if (w) {
        b.add_edge(u, v, w[e]);
      } else {
        b.add_edge(u, v);
      }
    }
    net->graph = std::move(b).build();
  }
  net->labels = std::move(labels);
  net->node_names = std::move(names);
  return net;
}

py::tuple edge_arrays(const std::vector<std::pair<NodeId, NodeId>>& edges) {
  py::array_t<NodeId> src(static_cast<py::ssize_t>(edges.size()));
  py::array_t<NodeId> dst(static_cast<py::ssize_t>(edges.size()));
  NodeId* s = src.mutable_data();
  NodeId* d = dst.mutable_data();
  for (std::size_t e = 0; e < edges.size(); ++e) {
    s[e] = edges[e].first;
    d[e] = edges[e].second;
  }
  return py::make_tuple(std::move(src), std::move(dst));
}

}  // namespace

py::tuple network_edges(const Network& net) { return edge_arrays(net.graph.edge_list()); }
py::tuple edges_to_arrays(const std::vector<std::pair<NodeId, NodeId>>& edges) {
  return edge_arrays(edges);
}

void bind_network(py::module_& m) {
  py::class_<Network, std::shared_ptr<Network>>(m, "Network",
                                                "A scenario's network: graph, labels, names.")
      .def_static("from_edges", &from_edges, py::arg("num_nodes"), py::arg("src"), py::arg("dst"),
                  py::arg("weights") = std::nullopt, py::arg("directed") = false,
                  py::arg("labels") = std::vector<std::string>{},
                  py::arg("names") = std::vector<std::string>{}, py::arg("self_loops") = false,
                  py::arg("multi_edges") = false,
                  "Builds a network from edge arrays (nodes 0..num_nodes-1). Self-loops and "
                  "repeated edges are dropped unless allowed (the first weight is kept).")
      .def_property_readonly("num_nodes", &Network::num_nodes)
      .def_property_readonly("num_edges", [](const Network& n) { return n.graph.num_edges(); })
      .def_property_readonly("directed", [](const Network& n) { return n.graph.directed(); })
      .def_property_readonly("weighted", [](const Network& n) { return n.graph.weighted(); })
      .def_property_readonly("mean_field", [](const Network& n) { return n.mean_field; })
      .def_property_readonly("labels", [](const Network& n) { return n.labels; })
      .def_property_readonly("node_names", [](const Network& n) { return n.node_names; })
      .def_property_readonly("lattice_shape", [](const Network& n) {
        return py::make_tuple(n.lattice_height, n.lattice_width);
      })
      .def("edges", &network_edges, "Each edge once as (src, dst) uint32 arrays.")
      .def("weights", [](const Network& n) {
        // Per edge, in the order of edges(): the weight of the stored arc u->v.
        const auto edges = n.graph.edge_list();
        py::array_t<float> w(static_cast<py::ssize_t>(edges.size()));
        float* out = w.mutable_data();
        for (std::size_t e = 0; e < edges.size(); ++e) {
          const auto [u, v] = edges[e];
          out[e] = 1.0f;
          if (!n.graph.weighted()) continue;
          const auto nb = n.graph.neighbors(u);
          const auto it = std::lower_bound(nb.begin(), nb.end(), v);
          out[e] = n.graph.neighbor_weights(u)[static_cast<std::size_t>(it - nb.begin())];
        }
        return w;
      }, "Edge weights in the order of edges() (1 when unweighted).")
      .def("degrees", [](const Network& n) {
        py::array_t<std::uint32_t> deg(static_cast<py::ssize_t>(n.num_nodes()));
        std::uint32_t* out = deg.mutable_data();
        for (NodeId u = 0; u < n.num_nodes(); ++u) out[u] = n.graph.degree(u);
        return deg;
      }, "Degree (out-degree when directed) of every node.")
      .def("__repr__", [](const Network& n) {
        return fmt::format("<microcosm Network: {} nodes, {} edges{}{}>", n.num_nodes(),
                           n.graph.num_edges(), n.graph.directed() ? ", directed" : "",
                           n.mean_field ? ", mean field" : "");
      });

  m.def("build_network", [](const Scenario& s) {
    py::gil_scoped_release release;
    return build_network(s);
  }, py::arg("scenario"), "The network of a scenario's [network] section.");
}

}  // namespace microcosm::python
