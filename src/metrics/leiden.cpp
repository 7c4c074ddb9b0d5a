// Leiden through the igraph C API (0.10: igraph_integer_t is int64). The
// igraph objects live in small RAII holders; igraph's default error handler
// aborts the process, so it is swapped for the ignoring one during the call
// and every return code is checked and turned into microcosm::Error.
#include <algorithm>
#include <cmath>
#include <limits>
#include <mutex>
#include <utility>

#include <fmt/format.h>
#include <igraph.h>

#include "dense_groups.hpp"
#include "microcosm/core/error.hpp"
#include "microcosm/core/rng.hpp"
#include "microcosm/metrics/communities.hpp"
#include "microcosm/metrics/partition.hpp"

namespace microcosm::metrics {
namespace {

// "Iterate until stable" stops when an iteration improves the quality by
// less than kConvergedGain, or after kMaxLeidenIterations. On networks with
// community structure that takes a handful of iterations; on a graph
// without any (a random graph) each iteration still gains ~1e-4 and the cap
// decides.
constexpr int kMaxLeidenIterations = 100;
constexpr double kConvergedGain = 1e-6;

void check(igraph_error_t code, const char* what) {
  if (code != IGRAPH_SUCCESS) {
    throw Error(fmt::format("leiden: igraph {} failed: {}", what, igraph_strerror(code)));
  }
}

class ErrorHandlerGuard {
 public:
  ErrorHandlerGuard() : old_(igraph_set_error_handler(igraph_error_handler_ignore)) {}
  ~ErrorHandlerGuard() { igraph_set_error_handler(old_); }
  ErrorHandlerGuard(const ErrorHandlerGuard&) = delete;
  ErrorHandlerGuard& operator=(const ErrorHandlerGuard&) = delete;

 private:
  igraph_error_handler_t* old_;
};

struct IntVector {
  igraph_vector_int_t v;
  explicit IntVector(igraph_integer_t n) { check(igraph_vector_int_init(&v, n), "vector"); }
  ~IntVector() { igraph_vector_int_destroy(&v); }
  IntVector(const IntVector&) = delete;
  IntVector& operator=(const IntVector&) = delete;
};

struct RealVector {
  igraph_vector_t v;
  explicit RealVector(igraph_integer_t n) { check(igraph_vector_init(&v, n), "vector"); }
  ~RealVector() { igraph_vector_destroy(&v); }
  RealVector(const RealVector&) = delete;
  RealVector& operator=(const RealVector&) = delete;
};

struct Graph {
  igraph_t g;
  Graph(const IntVector& edges, igraph_integer_t n) {
    check(igraph_create(&g, &edges.v, n, IGRAPH_UNDIRECTED), "create");
  }
  ~Graph() { igraph_destroy(&g); }
  Graph(const Graph&) = delete;
  Graph& operator=(const Graph&) = delete;
};

// The undirected edges handed to igraph: each undirected edge once (u <= v),
// each arc of a directed graph once (so A + Aᵀ).
struct EdgeArrays {
  std::vector<NodeId> u, v;
  std::vector<double> w;
};

EdgeArrays undirected_edges(const CsrGraph& graph) {
  EdgeArrays out;
  const std::size_t m = graph.directed() ? graph.num_arcs() : graph.num_edges();
  out.u.reserve(m);
  out.v.reserve(m);
  out.w.reserve(m);
  const bool weighted = graph.weighted();
  for (NodeId a = 0; a < graph.num_nodes(); ++a) {
    const auto nbrs = graph.neighbors(a);
    for (std::size_t e = 0; e < nbrs.size(); ++e) {
      const NodeId b = nbrs[e];
      if (!graph.directed() && b < a) continue;
      out.u.push_back(a);
      out.v.push_back(b);
      out.w.push_back(weighted ? static_cast<double>(graph.neighbor_weights(a)[e]) : 1.0);
    }
  }
  return out;
}

// Modularity of an undirected edge list (self-loop: A_ii = 2w, k_i += 2w).
double edge_list_modularity(const EdgeArrays& edges, std::span<const double> strength,
                            std::span<const std::uint32_t> membership, std::size_t groups,
                            double resolution) {
  double two_m = 0.0;
  std::vector<double> tot(groups, 0.0);
  for (std::size_t u = 0; u < strength.size(); ++u) {
    tot[membership[u]] += strength[u];
    two_m += strength[u];
  }
  if (!(two_m > 0.0)) return std::numeric_limits<double>::quiet_NaN();
  double internal = 0.0;
  for (std::size_t e = 0; e < edges.u.size(); ++e) {
    if (membership[edges.u[e]] == membership[edges.v[e]]) internal += 2.0 * edges.w[e];
  }
  double expected = 0.0;
  for (double t : tot) expected += (t / two_m) * (t / two_m);
  return internal / two_m - resolution * expected;
}

}  // namespace

std::vector<std::uint32_t> canonical_membership(const std::vector<std::uint32_t>& membership) {
  return detail::dense_groups(membership, false).id;
}

Communities leiden(const CsrGraph& graph, const LeidenOptions& options) {
  if (!(options.resolution > 0.0) || !std::isfinite(options.resolution)) {
    throw ParameterError(
        fmt::format("leiden: resolution = {} must be finite and > 0", options.resolution));
  }
  if (!(options.beta > 0.0) || !std::isfinite(options.beta)) {
    throw ParameterError(fmt::format("leiden: beta = {} must be finite and > 0", options.beta));
  }
  if (options.iterations == 0) {
    throw ParameterError("leiden: iterations = 0; use > 0, or < 0 to iterate until stable");
  }
  const std::size_t n = graph.num_nodes();
  const EdgeArrays edges = undirected_edges(graph);
  std::vector<double> strength(n, 0.0);
  double two_m = 0.0;
  for (std::size_t e = 0; e < edges.u.size(); ++e) {
    strength[edges.u[e]] += edges.w[e];
    strength[edges.v[e]] += edges.w[e];
    two_m += 2.0 * edges.w[e];
  }

  Communities out;
  if (!(two_m > 0.0)) {
    out.membership.resize(n);
    for (std::size_t u = 0; u < n; ++u) out.membership[u] = static_cast<std::uint32_t>(u);
    out.count = static_cast<std::uint32_t>(n);
    out.modularity = out.quality = std::numeric_limits<double>::quiet_NaN();
    return out;
  }

  // igraph's default generator is process-global and this build is not
  // thread-safe: concurrent callers (sweep workers whose models record
  // Leiden observables) take turns.
  static std::mutex igraph_mutex;
  const std::lock_guard<std::mutex> lock(igraph_mutex);
  ErrorHandlerGuard guard;
  const auto m = static_cast<igraph_integer_t>(edges.u.size());
  IntVector edge_ids(2 * m);
  RealVector edge_weights(m);
  for (igraph_integer_t e = 0; e < m; ++e) {
    const auto k = static_cast<std::size_t>(e);
    edge_ids.v.stor_begin[2 * e] = edges.u[k];
    edge_ids.v.stor_begin[2 * e + 1] = edges.v[k];
    edge_weights.v.stor_begin[e] = edges.w[k];
  }
  Graph g(edge_ids, static_cast<igraph_integer_t>(n));
  RealVector node_weights(static_cast<igraph_integer_t>(n));
  for (std::size_t u = 0; u < n; ++u) node_weights.v.stor_begin[u] = strength[u];
  IntVector membership(static_cast<igraph_integer_t>(n));
  igraph_integer_t clusters = 0;
  igraph_real_t quality = 0.0;

  // Modularity as igraph expresses it: node weights = strengths and
  // resolution γ / 2m (what python-igraph's community_leiden does for
  // objective_function="modularity").
  check(
      igraph_rng_seed(igraph_rng_default(), stream_key(options.seed, purpose_id("metrics.leiden"))),
      "rng_seed");
  auto run = [&](igraph_integer_t iterations, bool start) {
    check(igraph_community_leiden(&g.g, &edge_weights.v, &node_weights.v,
                                  options.resolution / two_m, options.beta, start, iterations,
                                  &membership.v, &clusters, &quality),
          "community_leiden");
  };
  auto current = [&] {
    std::vector<std::uint32_t> raw(n);
    for (std::size_t u = 0; u < n; ++u) {
      raw[u] = static_cast<std::uint32_t>(membership.v.stor_begin[u]);
    }
    return detail::dense_groups(raw, false);
  };
  detail::DenseGroups groups;
  if (options.iterations > 0) {
    run(static_cast<igraph_integer_t>(options.iterations), false);
    groups = current();
  } else {
    // Until an iteration changes nothing (or gains less than
    // kConvergedGain). igraph's own loop for a negative n_iterations stops
    // after the first iteration that changes anything (igraph issue #2798,
    // fixed after the Debian 0.10.2 we link), so we iterate here: one Leiden
    // iteration at a time, each starting from the previous partition.
    run(1, false);
    groups = current();
    double q = edge_list_modularity(edges, strength, groups.id, groups.count, options.resolution);
    for (int i = 1; i < kMaxLeidenIterations; ++i) {
      run(1, true);
      auto next = current();
      const bool same = next.id == groups.id;
      const double next_q =
          edge_list_modularity(edges, strength, next.id, next.count, options.resolution);
      // Keep the better partition: an iteration may (rarely) lose quality.
      if (next_q >= q) groups = std::move(next);
      const double gain = next_q - q;
      q = std::max(q, next_q);
      if (same || gain < kConvergedGain) break;
    }
  }
  out.membership = std::move(groups.id);
  out.count = static_cast<std::uint32_t>(groups.count);
  out.modularity = edge_list_modularity(edges, strength, out.membership, out.count, 1.0);
  out.quality = options.resolution == 1.0 ? out.modularity
                                          : edge_list_modularity(edges, strength, out.membership,
                                                                 out.count, options.resolution);
  return out;
}

}  // namespace microcosm::metrics
