// Helpers for the classic-model tests: build a network, construct a model
// through its registry entry (ModelInfo) exactly as the engine does, run it,
// and read metrics and agent columns by name. Header-only; used by
// tests/unit/test_model_*.cpp and tests/statistical/test_*.cpp.
#pragma once

#include <cmath>
#include <cstdint>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "microcosm/graph/csr_graph.hpp"
#include "microcosm/graph/network.hpp"
#include "microcosm/models/model.hpp"
#include "microcosm/spec/schema.hpp"

namespace microcosm::model_test {

inline std::shared_ptr<const Network> mean_field(std::size_t n) {
  auto net = std::make_shared<Network>();
  net->graph = std::move(GraphBuilder(n, {})).build();
  net->mean_field = true;
  return net;
}

inline std::shared_ptr<const Network> on_graph(CsrGraph g) {
  auto net = std::make_shared<Network>();
  net->graph = std::move(g);
  return net;
}

// Undirected graph from an edge list.
inline CsrGraph edges(std::size_t n, const std::vector<std::pair<NodeId, NodeId>>& list,
                      bool directed = false, bool self_loops = false) {
  GraphBuilder b(n, {.directed = directed, .allow_self_loops = self_loops});
  for (const auto& [u, v] : list) b.add_edge(u, v);
  return std::move(b).build();
}

// Constructs `model` through find_model(): parameters are validated by the
// model's schema, as for a scenario file.
inline std::unique_ptr<Model> make(std::string_view model, std::shared_ptr<const Network> net,
                                   const std::map<std::string, spec::Value>& params,
                                   std::uint64_t seed, int threads = 1) {
  const ModelInfo& info = find_model(model);
  const spec::ParamSet ps = info.schema.resolve(params, "test");
  ModelContext ctx{std::move(net), ps, seed, threads};
  return info.make(ctx);
}

// Steps until converged() or max_steps; returns the steps taken.
inline std::uint64_t run(Model& m, std::uint64_t max_steps) {
  std::uint64_t k = 0;
  while (k < max_steps && !m.converged()) {
    m.step();
    ++k;
  }
  return k;
}

inline double metric(const Model& m, std::string_view name) {
  const auto names = m.metric_names();
  std::vector<double> out(names.size());
  m.compute_metrics(out);
  for (std::size_t c = 0; c < names.size(); ++c) {
    if (names[c] == name) return out[c];
  }
  throw std::runtime_error("no metric " + std::string(name));
}

inline std::vector<double> column(const Model& m, std::string_view name) {
  auto t = m.agent_table();
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    if (t.columns[c] == name) return std::move(t.values[c]);
  }
  throw std::runtime_error("no agent column " + std::string(name));
}

struct MeanSe {
  double mean = 0.0;
  double se = 0.0;  // standard error of the mean
  double sd = 0.0;
};

inline MeanSe mean_se(const std::vector<double>& v) {
  MeanSe r;
  if (v.empty()) return r;
  for (double x : v) r.mean += x;
  r.mean /= static_cast<double>(v.size());
  if (v.size() > 1) {
    double ss = 0.0;
    for (double x : v) ss += (x - r.mean) * (x - r.mean);
    r.sd = std::sqrt(ss / static_cast<double>(v.size() - 1));
    r.se = r.sd / std::sqrt(static_cast<double>(v.size()));
  }
  return r;
}

}  // namespace microcosm::model_test
