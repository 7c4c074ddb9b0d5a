#include "microcosm/io/network_writers.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>

#include <fmt/format.h>

#include "microcosm/core/error.hpp"

namespace microcosm {

namespace {

std::string xml_escape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

std::ofstream open_for_writing(const std::filesystem::path& file) {
  std::ofstream out(file, std::ios::binary);
  if (!out) {
    throw OutputError(fmt::format("{}: cannot create ({})", file.string(), std::strerror(errno)));
  }
  return out;
}

void finish(std::ofstream& out, const std::filesystem::path& file) {
  out.flush();
  if (!out) {
    throw OutputError(fmt::format("{}: cannot write ({})", file.string(), std::strerror(errno)));
  }
}

bool has(const std::vector<std::string>& column, const Network& net) {
  return !column.empty() && column.size() == net.num_nodes();
}

}  // namespace

std::string network_format_extension(const std::string& format) {
  if (format == "edgelist") return "edges.txt";
  if (format == "graphml" || format == "gexf") return format;
  throw ParameterError(fmt::format(
      "unknown network format '{}'; valid formats: edgelist, graphml, gexf", format));
}

void write_network(const std::filesystem::path& file, const Network& network,
                   const std::string& format) {
  if (format == "edgelist") return write_edgelist(file, network);
  if (format == "graphml") return write_graphml(file, network);
  if (format == "gexf") return write_gexf(file, network);
  network_format_extension(format);  // throws the error listing valid formats
}

void write_edgelist(const std::filesystem::path& file, const Network& network) {
  auto out = open_for_writing(file);
  const auto& g = network.graph;
  out << fmt::format("# microcosm edge list: {} nodes, {} edges, {}\n", g.num_nodes(),
                     g.num_edges(), g.directed() ? "directed" : "undirected");
  std::string buf;
  for (NodeId u = 0; u < g.num_nodes(); ++u) {
    const auto row = g.neighbors(u);
    for (std::size_t k = 0; k < row.size(); ++k) {
      const NodeId v = row[k];
      if (!g.directed() && v < u) continue;
      if (g.weighted()) {
        buf += fmt::format("{} {} {}\n", u, v, g.neighbor_weights(u)[k]);
      } else {
        buf += fmt::format("{} {}\n", u, v);
      }
    }
    if (buf.size() > (1 << 20)) {
      out << buf;
      buf.clear();
    }
  }
  out << buf;
  finish(out, file);
}

void write_graphml(const std::filesystem::path& file, const Network& network) {
  auto out = open_for_writing(file);
  const auto& g = network.graph;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n";
  const bool labels = has(network.labels, network), names = has(network.node_names, network);
  if (labels) out << "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n";
  if (names) out << "  <key id=\"name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n";
  if (g.weighted()) {
    out << "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n";
  }
  out << fmt::format("  <graph id=\"G\" edgedefault=\"{}\">\n",
                     g.directed() ? "directed" : "undirected");
  for (NodeId u = 0; u < g.num_nodes(); ++u) {
    if (!labels && !names) {
      out << fmt::format("    <node id=\"n{}\"/>\n", u);
      continue;
    }
    out << fmt::format("    <node id=\"n{}\">", u);
    if (labels) out << "<data key=\"label\">" << xml_escape(network.labels[u]) << "</data>";
    if (names) out << "<data key=\"name\">" << xml_escape(network.node_names[u]) << "</data>";
    out << "</node>\n";
  }
  for (NodeId u = 0; u < g.num_nodes(); ++u) {
    const auto row = g.neighbors(u);
    for (std::size_t k = 0; k < row.size(); ++k) {
      const NodeId v = row[k];
      if (!g.directed() && v < u) continue;
      if (g.weighted()) {
        out << fmt::format("    <edge source=\"n{}\" target=\"n{}\"><data key=\"weight\">{}</data></edge>\n",
                           u, v, g.neighbor_weights(u)[k]);
      } else {
        out << fmt::format("    <edge source=\"n{}\" target=\"n{}\"/>\n", u, v);
      }
    }
  }
  out << "  </graph>\n</graphml>\n";
  finish(out, file);
}

void write_gexf(const std::filesystem::path& file, const Network& network) {
  auto out = open_for_writing(file);
  const auto& g = network.graph;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\">\n"
         "  <meta><creator>microcosm " MICROCOSM_VERSION "</creator></meta>\n";
  out << fmt::format("  <graph mode=\"static\" defaultedgetype=\"{}\">\n",
                     g.directed() ? "directed" : "undirected");
  const bool labels = has(network.labels, network), names = has(network.node_names, network);
  if (labels) {
    out << "    <attributes class=\"node\">\n"
           "      <attribute id=\"0\" title=\"label\" type=\"string\"/>\n"
           "    </attributes>\n";
  }
  out << "    <nodes>\n";
  for (NodeId u = 0; u < g.num_nodes(); ++u) {
    const std::string label = names ? xml_escape(network.node_names[u]) : std::to_string(u);
    if (labels) {
      out << fmt::format(
          "      <node id=\"{}\" label=\"{}\"><attvalues><attvalue for=\"0\" value=\"{}\"/>"
          "</attvalues></node>\n",
          u, label, xml_escape(network.labels[u]));
    } else {
      out << fmt::format("      <node id=\"{}\" label=\"{}\"/>\n", u, label);
    }
  }
  out << "    </nodes>\n    <edges>\n";
  std::uint64_t id = 0;
  for (NodeId u = 0; u < g.num_nodes(); ++u) {
    const auto row = g.neighbors(u);
    for (std::size_t k = 0; k < row.size(); ++k) {
      const NodeId v = row[k];
      if (!g.directed() && v < u) continue;
      if (g.weighted()) {
        out << fmt::format("      <edge id=\"{}\" source=\"{}\" target=\"{}\" weight=\"{}\"/>\n",
                           id++, u, v, g.neighbor_weights(u)[k]);
      } else {
        out << fmt::format("      <edge id=\"{}\" source=\"{}\" target=\"{}\"/>\n", id++, u, v);
      }
    }
  }
  out << "    </edges>\n  </graph>\n</gexf>\n";
  finish(out, file);
}

}  // namespace microcosm
