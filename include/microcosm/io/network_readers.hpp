// Network readers: edge lists, GraphML and node-label files. The result is
// a Network (graph plus labels / external names). Graphs come out simple:
// self-loops and repeated edges are dropped (the first weight of a repeated
// edge is kept) and counted in ReadStats. Every error is an InputError that
// names the file and, where there is one, the line.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

#include "microcosm/graph/network.hpp"

namespace microcosm {

enum class IdMode {
  // Any token is a node name; names get ids 0..n-1 in order of first
  // appearance and Network::node_names holds them.
  Auto,
  // Tokens are non-negative integers used as ids; n = max id + 1, so
  // isolated nodes keep their numbers. node_names stays empty.
  Integer,
};

struct ReadStats {
  std::size_t records = 0;     // edge lines / <edge> elements read
  std::size_t self_loops = 0;  // dropped
  std::size_t duplicates = 0;  // repeated edges dropped (after symmetrising if undirected)
};

struct EdgeListOptions {
  bool directed = false;
  // Read a third column as the edge weight (required on every line).
  // Otherwise columns after the second are ignored.
  bool weighted = false;
  IdMode ids = IdMode::Auto;
};

// Edge list: one edge "u v" or "u v w" per line, separated by whitespace or
// commas. Blank lines and lines starting with '#' or '%' are skipped. In
// Integer mode a first line "# microcosm edge list: N nodes, ..." (as
// write_edgelist emits) fixes n = N, keeping trailing isolated nodes.
Network read_edgelist(const std::filesystem::path& file, const EdgeListOptions& options,
                      ReadStats* stats = nullptr);

struct GraphmlOptions {
  // nullopt: the graph's edgedefault decides. true: every edge is an arc
  // source -> target. false: edges are symmetrised.
  std::optional<bool> directed = std::nullopt;
  // Read edge weights from the edge key whose attr.name is "weight"
  // (InputError if the file has none; edges without a value get the key's
  // <default>, else 1).
  bool weighted = false;
  // attr.name of a node key whose values become Network::labels (empty: no
  // labels). Every node must have a value or the key a <default>.
  std::string label_attribute = {};
};

// GraphML (graphml.graphdrawing.org): the first <graph>; nodes are numbered
// in declaration order. node_names holds a node key named "name" if the file
// has one, else the node ids, unless those are exactly n0, n1, ... in order
// (then it stays empty). Nested graphs, hyperedges and ports are rejected.
Network read_graphml(const std::filesystem::path& file, const GraphmlOptions& options,
                     ReadStats* stats = nullptr);

// "edgelist" or "graphml" from the extension (.graphml, .xml -> graphml;
// anything else -> edgelist).
std::string detect_network_format(const std::filesystem::path& file);

// Node-label file: "node label" per line (whitespace or comma separated; the
// label is the rest of the line), '#' / '%' comments. Nodes are matched by
// Network::node_names when the network has names, else by integer id. Nodes
// listed in the file but absent from the graph are appended as isolated
// nodes (an edge list cannot mention isolated nodes) when
// add_missing_nodes is true, else they are an error. Every node of the
// network must get exactly one label: InputError names the file and the
// first node without one.
void read_labels(const std::filesystem::path& file, Network& network,
                 bool add_missing_nodes = true);

}  // namespace microcosm
