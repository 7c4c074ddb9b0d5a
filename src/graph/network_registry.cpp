// The network kinds a scenario's [network] section can name. Each entry
// validates its own parameters through its schema; generators draw from the
// stream (seed, "gen.<kind>").
#include <algorithm>

#include <fmt/format.h>

#include "microcosm/core/error.hpp"
#include "microcosm/graph/generators.hpp"
#include "microcosm/graph/network.hpp"

namespace microcosm {
namespace {

using namespace spec;

ParamSpec nodes_param(std::int64_t def = 1000) {
  return int_param("n", def, 1, 2'000'000'000, "number of nodes");
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
