// A network as a scenario uses it: the graph plus optional per-node data
// read from files (labels such as party or faction, and external names).
// Network kinds (generators and the file reader) are listed in a registry,
// each with its parameter schema, so scenario files, `microcosm models` and
// Python share one description.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "microcosm/graph/csr_graph.hpp"
#include "microcosm/spec/schema.hpp"

namespace microcosm {

struct Network {
  CsrGraph graph;
  std::vector<std::string> labels;      // one per node, or empty
  std::vector<std::string> node_names;  // external ids from a file, or empty
  // Periodic lattice side lengths when the graph is a lattice (0 otherwise);
  // lets lattice-native models and plots know the geometry.
  std::uint32_t lattice_width = 0;
  std::uint32_t lattice_height = 0;
  // Complete mixing without stored edges (network kind "mean_field"): every
  // agent may meet every other; `graph` has the nodes and no edges.
  bool mean_field = false;

  std::size_t num_nodes() const noexcept { return graph.num_nodes(); }
};

struct NetworkContext {
  const spec::ParamSet& params;
  std::uint64_t seed;
  // Directory against which relative file paths are resolved (the
  // scenario file's directory).
  std::filesystem::path base_dir;
};

struct NetworkKind {
  std::string name;
  std::string description;
  spec::Schema schema;
  std::function<Network(const NetworkContext&)> make;
};

// Every network kind: generators and "file".
const std::vector<NetworkKind>& network_kinds();
// Throws ParameterError listing the valid names when `name` is unknown.
const NetworkKind& find_network_kind(std::string_view name);

}  // namespace microcosm
