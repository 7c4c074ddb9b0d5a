// The network kinds a scenario's [network] section can name. Each entry
// validates its own parameters through its schema; generators draw from the
// stream (seed, "gen.<kind>").
#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "microcosm/core/error.hpp"
#include "microcosm/graph/generators.hpp"
#include "microcosm/graph/network.hpp"
#include "microcosm/io/network_readers.hpp"

namespace microcosm {
namespace {

using namespace spec;

ParamSpec nodes_param(std::int64_t def = 1000) {
  return int_param("n", def, 1, 2'000'000'000, "number of nodes");
}

std::size_t count(const NetworkContext& c, std::string_view name) {
  return static_cast<std::size_t>(c.params.integer(name));
}

Network from_graph(CsrGraph graph) {
  Network net;
  net.graph = std::move(graph);
  return net;
}

// Block sizes of the sbm kind: the `sizes` list when given, else `blocks`
// equal blocks of `n` nodes.
std::vector<std::size_t> sbm_sizes(const NetworkContext& c) {
  const auto& list = c.params.list("sizes");
  if (list.empty()) return gen::equal_block_sizes(count(c, "n"), count(c, "blocks"));
  std::vector<std::size_t> sizes;
  std::size_t total = 0;
  for (const auto& item : list) {
    std::size_t v = 0;
    const auto [end, ec] = std::from_chars(item.data(), item.data() + item.size(), v);
    if (ec != std::errc() || end != item.data() + item.size() || v == 0 || v > 2'000'000'000) {
      throw ParameterError(fmt::format(
          "[network] sizes: entry \"{}\" is not a block size in [1, 2000000000]", item));
    }
    sizes.push_back(v);
    total += v;
  }
  if (total > 2'000'000'000) {
    throw ParameterError(fmt::format("[network] sizes add up to {} nodes; the limit is 2000000000",
                                     total));
  }
  return sizes;
}

Network load_file(const NetworkContext& c) {
  const std::string& path_text = c.params.str("path");
  if (path_text.empty()) {
    throw ParameterError("[network] kind = \"file\" needs path = \"<edge list or GraphML file>\"");
  }
  auto resolve = [&](const std::string& p) {
    const std::filesystem::path path(p);
    return path.is_relative() && !c.base_dir.empty() ? c.base_dir / path : path;
  };
  const std::filesystem::path path = resolve(path_text);
  std::string format = c.params.str("format");
  if (format == "auto") format = detect_network_format(path);
  Network net;
  if (format == "graphml") {
    GraphmlOptions opt;
    if (c.params.is_set("directed")) opt.directed = c.params.boolean("directed");
    opt.weighted = c.params.boolean("weighted");
    opt.label_attribute = c.params.str("label_attribute");
    net = read_graphml(path, opt);
  } else {
    if (!c.params.str("label_attribute").empty()) {
      throw ParameterError(
          "[network] label_attribute applies to GraphML only; for an edge list give labels = "
          "\"<label file>\"");
    }
    EdgeListOptions opt;
    opt.directed = c.params.boolean("directed");
    opt.weighted = c.params.boolean("weighted");
    opt.ids = c.params.str("ids") == "integer" ? IdMode::Integer : IdMode::Auto;
    net = read_edgelist(path, opt);
  }
  if (const std::string& labels = c.params.str("labels"); !labels.empty()) {
    read_labels(resolve(labels), net);
  }
  return net;
}

std::vector<NetworkKind> build_kinds() {
  std::vector<NetworkKind> kinds;
  kinds.push_back({"mean_field",
                   "complete mixing without stored edges: any agent may meet any other",
                   Schema("network mean_field", {nodes_param()}),
                   [](const NetworkContext& c) {
                     Network net;
                     net.graph = std::move(GraphBuilder(static_cast<std::size_t>(c.params.integer("n")), {}))
                                     .build();
                     net.mean_field = true;
                     return net;
                   }});
  kinds.push_back({"complete", "complete graph with every edge stored (small n only)",
                   Schema("network complete", {int_param("n", 100, 1, 50'000, "number of nodes")}),
                   [](const NetworkContext& c) {
                     Network net;
                     net.graph = gen::complete(static_cast<std::size_t>(c.params.integer("n")));
                     return net;
                   }});
  kinds.push_back(
      {"erdos_renyi", "Erdős–Rényi random graph G(n, p), or G(n, m) when m is given",
       Schema("network erdos_renyi",
              {nodes_param(),
               real_param("p", 0.01, 0.0, 1.0, "edge probability (ignored when m > 0)"),
               int_param("m", 0, 0, std::numeric_limits<std::int64_t>::max(),
                         "exact number of edges (G(n, m)); 0 uses p"),
               real_param("mean_degree", 0.0, 0.0, 1e6,
                          "if > 0, sets p = mean_degree / (n - 1) (overrides p)"),
               bool_param("directed", false, "generate a directed graph")}),
       [](const NetworkContext& c) {
         Network net;
         const auto n = static_cast<std::size_t>(c.params.integer("n"));
         const bool directed = c.params.boolean("directed");
         const auto m = static_cast<std::uint64_t>(c.params.integer("m"));
         if (m > 0) {
           net.graph = gen::erdos_renyi_gnm(n, m, c.seed, directed);
         } else {
           double p = c.params.real("p");
           const double k = c.params.real("mean_degree");
           if (k > 0.0) {
             if (n < 2 || k > static_cast<double>(n - 1)) {
               throw ParameterError(fmt::format(
                   "[network] mean_degree = {} is outside its valid range [0, n - 1 = {}]", k,
                   n < 1 ? 0 : n - 1));
             }
             p = k / static_cast<double>(n - 1);
           }
           net.graph = gen::erdos_renyi_gnp(n, p, c.seed, directed);
         }
         return net;
       }});
  kinds.push_back(
      {"barabasi_albert",
       "Barabási–Albert preferential attachment: each new node links to m existing nodes with "
       "probability proportional to degree; degree distribution ∝ k^-3",
       Schema("network barabasi_albert",
              {nodes_param(),
               int_param("m", 3, 1, 1'000'000, "edges added by each new node (m < n)", "",
                         "Barabási & Albert, Science 286, 509 (1999)")}),
       [](const NetworkContext& c) {
         return from_graph(gen::barabasi_albert(count(c, "n"), count(c, "m"), c.seed));
       }});
  kinds.push_back(
      {"watts_strogatz",
       "Watts–Strogatz small world: ring lattice of degree k, each edge rewired with "
       "probability p",
       Schema("network watts_strogatz",
              {nodes_param(),
               int_param("k", 10, 0, 1'000'000, "ring-lattice degree (even, < n)", "",
                         "Watts & Strogatz, Nature 393, 440 (1998)"),
               real_param("p", 0.05, 0.0, 1.0, "rewiring probability per edge", "",
                          "Watts & Strogatz, Nature 393, 440 (1998)")}),
       [](const NetworkContext& c) {
         return from_graph(
             gen::watts_strogatz(count(c, "n"), count(c, "k"), c.params.real("p"), c.seed));
       }});
  kinds.push_back(
      {"sbm",
       "stochastic block model (planted partition): edge probability p_in within a block, p_out "
       "between blocks; labels are the block indices",
       Schema("network sbm",
              {nodes_param(),
               int_param("blocks", 2, 1, 1'000'000, "number of equal blocks (ignored when sizes "
                                                    "is given)"),
               list_param("sizes", {}, {},
                          "block sizes as strings, e.g. [\"600\", \"400\"] (overrides n and "
                          "blocks)"),
               real_param("p_in", 0.1, 0.0, 1.0, "edge probability within a block"),
               real_param("p_out", 0.01, 0.0, 1.0, "edge probability between blocks")}),
       [](const NetworkContext& c) {
         const auto sizes = sbm_sizes(c);
         Network net = from_graph(gen::stochastic_block_model(sizes, c.params.real("p_in"),
                                                              c.params.real("p_out"), c.seed));
         for (std::uint32_t b : gen::block_membership(sizes)) net.labels.push_back(std::to_string(b));
         return net;
       }});
  kinds.push_back(
      {"lattice",
       "periodic 2-D square lattice (torus); node (x, y) has id y * width + x",
       Schema("network lattice",
              {int_param("width", 32, 3, 50'000, "nodes per row"),
               int_param("height", 32, 3, 50'000, "number of rows"),
               string_param("neighbourhood", "von_neumann", {"von_neumann", "moore"},
                            "von_neumann: 4 nearest neighbours; moore: 8 including diagonals")}),
       [](const NetworkContext& c) {
         const auto nb = c.params.str("neighbourhood") == "moore" ? gen::Neighbourhood::Moore
                                                                   : gen::Neighbourhood::VonNeumann;
         Network net = from_graph(gen::lattice_2d(count(c, "width"), count(c, "height"), nb));
         net.lattice_width = static_cast<std::uint32_t>(c.params.integer("width"));
         net.lattice_height = static_cast<std::uint32_t>(c.params.integer("height"));
         return net;
       }});
  kinds.push_back(
      {"configuration",
       "directed follow graph: every node follows exactly out_degree others, chosen with "
       "probability proportional to a power-law attractiveness (heavy-tailed in-degree)",
       Schema("network configuration",
              {nodes_param(),
               int_param("out_degree", 30, 0, 1'000'000, "followees per node (< n)"),
               open_min(real_param("in_exponent", 2.5, 1.0, 10.0,
                                   "exponent of the in-degree tail P(k_in) ∝ k_in^-in_exponent"))}),
       [](const NetworkContext& c) {
         return from_graph(gen::directed_configuration(count(c, "n"), count(c, "out_degree"),
                                                       c.params.real("in_exponent"), c.seed));
       }});
  kinds.push_back(
      {"file",
       "a network read from an edge list or GraphML file, optionally with a node-label file; "
       "self-loops and repeated edges are dropped",
       Schema("network file",
              {string_param("path", "", {},
                            "edge list or GraphML file (relative to the scenario file)"),
               string_param("format", "auto", {"auto", "edgelist", "graphml"},
                            "file format; auto: graphml for .graphml / .xml, else edgelist"),
               bool_param("directed", false,
                          "read edges as directed arcs (GraphML: overrides edgedefault when set)"),
               string_param("ids", "auto", {"auto", "integer"},
                            "edge-list node ids: auto numbers names by first appearance; integer "
                            "uses them as ids (n = max id + 1)"),
               string_param("labels", "", {},
                            "node-label file, \"node label\" per line (optional)"),
               bool_param("weighted", false,
                          "read edge weights (edge list: third column; GraphML: key \"weight\")"),
               string_param("label_attribute", "", {},
                            "GraphML node attribute to use as labels (optional)")}),
       load_file});
  return kinds;
}

}  // namespace

const std::vector<NetworkKind>& network_kinds() {
  static const std::vector<NetworkKind> kinds = build_kinds();
  return kinds;
}

const NetworkKind& find_network_kind(std::string_view name) {
  const auto& kinds = network_kinds();
  const auto it = std::find_if(kinds.begin(), kinds.end(),
                               [&](const NetworkKind& k) { return k.name == name; });
  if (it != kinds.end()) return *it;
  std::string names;
  for (const auto& k : kinds) names += (names.empty() ? "" : ", ") + k.name;
  throw ParameterError(fmt::format("unknown network kind '{}'; valid kinds: {}", name, names));
}

}  // namespace microcosm
