// microcosm analyze NETWORK_FILE [--labels FILE] [--attribute FILE]
//                  [--directed] [--weighted] [--json] [--seed N] ...
// Network metrics of a network file: size, density, degree assortativity
// and Leiden communities; with a label file the label partition's
// modularity, E–I index, categorical assortativity (and Random Walk
// Controversy for two groups); with a numeric attribute file ("node value"
// per line) numeric assortativity and the echo-chamber index. --json prints
// one JSON object for scripts (tests/python/test_metrics_crosscheck.py).
#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "microcosm/core/error.hpp"
#include "microcosm/io/network_readers.hpp"
#include "microcosm/metrics/assortativity.hpp"
#include "microcosm/metrics/communities.hpp"
#include "microcosm/metrics/controversy.hpp"
#include "microcosm/metrics/echo_chamber.hpp"
#include "microcosm/metrics/partition.hpp"

namespace microcosm::cli {
namespace {

struct AnalyzeArgs {
  std::string network;
  std::string labels;
  std::string attribute;
  std::string label_attribute;  // GraphML node key holding labels
  std::string communities_out;
  bool directed = false;
  bool weighted = false;
  bool integer_ids = false;
  bool json = false;
  std::uint64_t seed = 1;
  double resolution = 1.0;
  std::int64_t leiden_iterations = 2;
  std::uint64_t rwc_walks = 10000;
  std::uint32_t rwc_hubs = 10;
};

struct Attribute {
  std::vector<double> values;  // NaN: no value
  std::size_t with_value = 0;
  std::size_t unknown_nodes = 0;  // lines naming a node not in the network (ignored)
};

// "node value" per line (whitespace or comma separated), '#' / '%'
// comments. Nodes are matched by name when the network has names, else by
// integer id. A node listed twice or a value that is not a number is an
// InputError naming the line.
Attribute read_attribute(const std::string& file, const Network& net) {
  std::ifstream in(file);
  if (!in) throw InputError(fmt::format("{}: cannot open the attribute file", file));
  const std::size_t n = net.num_nodes();
  const bool by_name = n > 0 && net.node_names.size() == n;
  std::unordered_map<std::string, NodeId> index;
  if (by_name) {
    for (std::size_t u = 0; u < n; ++u) index.emplace(net.node_names[u], static_cast<NodeId>(u));
  }
  Attribute a;
  a.values.assign(n, std::numeric_limits<double>::quiet_NaN());
  std::vector<std::size_t> seen_on(n, 0);
  std::string line;
  for (std::size_t line_no = 1; std::getline(in, line); ++line_no) {
    for (char& c : line) {
      if (c == ',' || c == '\t' || c == '\r') c = ' ';
    }
    const std::size_t b = line.find_first_not_of(' ');
    if (b == std::string::npos || line[b] == '#' || line[b] == '%') continue;
    const std::size_t e = line.find(' ', b);
    const std::size_t vb = e == std::string::npos ? e : line.find_first_not_of(' ', e);
    if (vb == std::string::npos) {
      throw InputError(fmt::format("{}:{}: expected 'node value'", file, line_no));
    }
    const std::string node = line.substr(b, e - b);
    const std::size_t ve = line.find(' ', vb);
    const std::string_view text(line.data() + vb,
                                (ve == std::string::npos ? line.size() : ve) - vb);
    double value = 0.0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) {
      throw InputError(fmt::format("{}:{}: value '{}' is not a number", file, line_no, text));
    }
    std::size_t u = n;
    if (by_name) {
      const auto it = index.find(node);
      if (it != index.end()) u = it->second;
    } else {
      std::uint64_t id = 0;
      const auto [iend, iec] = std::from_chars(node.data(), node.data() + node.size(), id);
      if (iec != std::errc() || iend != node.data() + node.size()) {
        throw InputError(
            fmt::format("{}:{}: node id '{}' is not a non-negative integer", file, line_no, node));
      }
      if (id < n) u = static_cast<std::size_t>(id);
    }
    if (u == n) {
      ++a.unknown_nodes;
      continue;
    }
    if (seen_on[u]) {
      throw InputError(fmt::format("{}:{}: node '{}' already has a value (line {})", file, line_no,
                                   node, seen_on[u]));
    }
    seen_on[u] = line_no;
    a.values[u] = value;
    if (!std::isnan(value)) ++a.with_value;
  }
  return a;
}

Network read_network(const AnalyzeArgs& a, ReadStats& stats) {
  if (detect_network_format(a.network) == "graphml") {
    GraphmlOptions o;
    if (a.directed) o.directed = true;
    o.weighted = a.weighted;
    o.label_attribute = a.label_attribute;
    return read_graphml(a.network, o, &stats);
  }
  if (!a.label_attribute.empty()) {
    throw ParameterError("--label-attribute applies to GraphML files only; use --labels FILE");
  }
  return read_edgelist(a.network,
                       {.directed = a.directed,
                        .weighted = a.weighted,
                        .ids = a.integer_ids ? IdMode::Integer : IdMode::Auto},
                       &stats);
}

// NaN and infinities become JSON null.
nlohmann::json number(double x) {
  return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(nullptr);
}

int analyze(const AnalyzeArgs& a) {
  if (!(a.resolution > 0.0)) {
    throw ParameterError(fmt::format("--resolution = {} must be > 0", a.resolution));
  }
  ReadStats stats;
  Network net = read_network(a, stats);
  const std::size_t nodes_in_network_file = net.num_nodes();
  if (!a.labels.empty()) read_labels(a.labels, net);
  const std::size_t added_by_labels = net.num_nodes() - nodes_in_network_file;
  const CsrGraph& g = net.graph;
  const std::size_t n = g.num_nodes();
  const std::size_t m = g.num_edges();
  std::size_t isolated = 0;
  {
    std::vector<bool> touched(n, false);
    for (NodeId u = 0; u < n; ++u) {
      if (g.degree(u) > 0) touched[u] = true;
      for (NodeId v : g.neighbors(u)) touched[v] = true;
    }
    for (bool t : touched) isolated += !t;
  }
  const double pairs = static_cast<double>(n) * (static_cast<double>(n) - 1.0);
  const double density = n < 2 ? std::numeric_limits<double>::quiet_NaN()
                               : (g.directed() ? 1.0 : 2.0) * static_cast<double>(m) / pairs;

  nlohmann::json out;
  out["network"] = a.network;
  out["nodes"] = n;
  out["edges"] = m;
  out["directed"] = g.directed();
  out["weighted"] = g.weighted();
  out["density"] = number(density);
  out["isolated_nodes"] = isolated;
  out["nodes_added_by_labels"] = added_by_labels;
  out["self_loops_dropped"] = stats.self_loops;
  out["duplicates_dropped"] = stats.duplicates;
  out["degree_assortativity"] = number(metrics::degree_assortativity(g));

  const auto communities = metrics::leiden(
      g, {.resolution = a.resolution, .iterations = a.leiden_iterations, .seed = a.seed});
  std::uint32_t largest = 0;
  {
    std::vector<std::uint32_t> sizes(communities.count, 0);
    for (std::uint32_t c : communities.membership) largest = std::max(largest, ++sizes[c]);
  }
  out["leiden"] = {{"communities", communities.count},
                   {"largest", largest},
                   {"modularity", number(communities.modularity)},
                   {"quality", number(communities.quality)},
                   {"resolution", a.resolution},
                   {"iterations", a.leiden_iterations},
                   {"seed", a.seed},
                   {"symmetrised", g.directed()}};
  if (!a.communities_out.empty()) {
    std::ofstream f(a.communities_out);
    for (std::size_t u = 0; u < n; ++u) {
      f << (net.node_names.size() == n ? net.node_names[u] : std::to_string(u)) << ' '
        << communities.membership[u] << '\n';
    }
    if (!f) throw OutputError(fmt::format("{}: cannot write the communities", a.communities_out));
  }

  if (!net.labels.empty()) {
    std::vector<std::string> names;
    const auto membership = metrics::encode_labels(net.labels, &names);
    const auto ties = metrics::count_ties(g, membership);
    nlohmann::json lab{
        {"file", a.labels.empty() ? a.network : a.labels},
        {"groups", names.size()},
        {"modularity", number(metrics::modularity(g, membership))},
        {"ei_index", number(metrics::ei_index(g, membership))},
        {"internal_ties", ties.internal},
        {"external_ties", ties.external},
        {"assortativity", number(metrics::categorical_assortativity(g, membership))}};
    if (names.size() == 2) {
      // An auxiliary metric: when it is undefined (a side too small for its
      // hubs) report why instead of failing the whole analysis.
      try {
        const auto r = metrics::random_walk_controversy(
            g, membership, {.hubs = a.rwc_hubs, .walks = a.rwc_walks, .seed = a.seed});
        lab["rwc"] = {{"value", number(r.rwc)}, {"sides", names},
                      {"hubs", a.rwc_hubs},     {"walks", a.rwc_walks},
                      {"absorbed", r.absorbed}, {"abandoned", r.abandoned}};
      } catch (const ParameterError& e) {
        lab["rwc"] = {{"value", nullptr}, {"sides", names}, {"error", e.what()}};
      }
    }
    out["labels"] = lab;
  }

  if (!a.attribute.empty()) {
    const Attribute attr = read_attribute(a.attribute, net);
    const auto xn = metrics::neighbour_means(g, attr.values);
    std::size_t in_index = 0;
    for (std::size_t u = 0; u < n; ++u)
      in_index += !std::isnan(attr.values[u]) && !std::isnan(xn[u]);
    out["attribute"] = {{"file", a.attribute},
                        {"nodes_with_value", attr.with_value},
                        {"unknown_nodes_ignored", attr.unknown_nodes},
                        {"assortativity", number(metrics::numeric_assortativity(g, attr.values))},
                        {"echo_chamber_index", number(metrics::echo_chamber_index(g, attr.values))},
                        {"echo_chamber_nodes", in_index}};
  }

  if (a.json) {
    fmt::print("{}\n", out.dump(2));
    return 0;
  }
  auto num = [](const nlohmann::json& j) {
    return j.is_null() ? std::string("undefined") : fmt::format("{:.6f}", j.get<double>());
  };
  fmt::print("{}: {} nodes ({} isolated), {} {}edges{}, density {}\n", a.network, n, isolated, m,
             g.directed() ? "directed " : "", g.weighted() ? " (weighted)" : "",
             num(out["density"]));
  if (added_by_labels > 0) {
    fmt::print("  {} nodes appear only in the label file (added as isolated nodes)\n",
               added_by_labels);
  }
  if (stats.self_loops || stats.duplicates) {
    fmt::print("  dropped while reading: {} self-loops, {} repeated edges\n", stats.self_loops,
               stats.duplicates);
  }
  fmt::print("  degree assortativity  {}\n", num(out["degree_assortativity"]));
  fmt::print(
      "  Leiden (modularity, resolution {}, seed {}{}): {} communities, largest {}, "
      "modularity {}\n",
      a.resolution, a.seed, g.directed() ? ", symmetrised" : "", communities.count, largest,
      num(out["leiden"]["modularity"]));
  if (out.contains("labels")) {
    const auto& l = out["labels"];
    fmt::print("  labels ({} groups)\n", l["groups"].get<std::size_t>());
    fmt::print("    modularity            {}\n", num(l["modularity"]));
    fmt::print("    E-I index             {}  ({:g} internal, {:g} external ties)\n",
               num(l["ei_index"]), l["internal_ties"].get<double>(),
               l["external_ties"].get<double>());
    fmt::print("    assortativity         {}\n", num(l["assortativity"]));
    if (l.contains("rwc")) {
      fmt::print("    random walk controversy {}  ({} hubs per side, {} walks per side)\n",
                 num(l["rwc"]["value"]), a.rwc_hubs, a.rwc_walks);
    }
  }
  if (out.contains("attribute")) {
    const auto& at = out["attribute"];
    fmt::print("  attribute ({} nodes with a value{})\n", at["nodes_with_value"].get<std::size_t>(),
               at["unknown_nodes_ignored"].get<std::size_t>() > 0
                   ? fmt::format(", {} unknown nodes ignored",
                                 at["unknown_nodes_ignored"].get<std::size_t>())
                   : std::string());
    fmt::print("    assortativity         {}\n", num(at["assortativity"]));
    fmt::print("    echo-chamber index    {}  (over {} nodes with out-neighbours)\n",
               num(at["echo_chamber_index"]), at["echo_chamber_nodes"].get<std::size_t>());
  }
  return 0;
}

}  // namespace

void add_analyze_command(CLI::App& app, int& status) {
  auto args = std::make_shared<AnalyzeArgs>();
  auto* cmd = app.add_subcommand("analyze", "network metrics of a network file");
  cmd->add_option("network", args->network, "edge list ('u v [w]' per line) or GraphML file")
      ->required();
  cmd->add_option("--labels", args->labels,
                  "node-label file ('node label' per line): metrics of the label partition");
  cmd->add_option("--attribute", args->attribute,
                  "numeric node attribute file ('node value' per line): numeric assortativity "
                  "and echo-chamber index");
  cmd->add_option("--label-attribute", args->label_attribute, "GraphML node key to use as labels");
  cmd->add_flag("--directed", args->directed, "read edges as arcs u -> v");
  cmd->add_flag("--weighted", args->weighted, "read a third column (GraphML: 'weight') as weight");
  cmd->add_flag("--integer-ids", args->integer_ids,
                "node tokens are integer ids (isolated ids below the largest are kept)");
  cmd->add_flag("--json", args->json, "print one JSON object");
  cmd->add_option("--seed", args->seed, "seed of Leiden and Random Walk Controversy")
      ->capture_default_str();
  cmd->add_option("--resolution", args->resolution, "Leiden modularity resolution (> 0)")
      ->capture_default_str();
  cmd->add_option("--leiden-iterations", args->leiden_iterations,
                  "Leiden iterations (negative: until stable)")
      ->capture_default_str();
  cmd->add_option("--rwc-walks", args->rwc_walks, "Random Walk Controversy walks per side")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--rwc-hubs", args->rwc_hubs, "Random Walk Controversy hubs per side")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--communities-out", args->communities_out,
                  "write the Leiden membership ('node community' per line) to this file");
  cmd->callback([args, &status] { status = analyze(*args); });
}

}  // namespace microcosm::cli
