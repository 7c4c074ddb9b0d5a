// Network exports: edge list, GraphML and GEXF (Gephi). Labels and names of
// the Network are written as node attributes where the format allows.
#pragma once

#include <filesystem>
#include <string>

#include "microcosm/graph/network.hpp"

namespace microcosm {

// "edgelist" -> "edges.txt"-style extension, "graphml" -> "graphml", "gexf" -> "gexf".
std::string network_format_extension(const std::string& format);

// format: edgelist, graphml or gexf. Throws ParameterError for others,
// OutputError on write failure.
void write_network(const std::filesystem::path& file, const Network& network,
                   const std::string& format);

void write_edgelist(const std::filesystem::path& file, const Network& network);
void write_graphml(const std::filesystem::path& file, const Network& network);
void write_gexf(const std::filesystem::path& file, const Network& network);

}  // namespace microcosm
