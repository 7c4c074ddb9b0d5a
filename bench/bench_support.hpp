// Shared set-up for the Google Benchmark suites: networks are built once per
// size and cached, models are constructed through the registry exactly as a
// scenario would construct them.
#pragma once

#include <map>
#include <utility>
#include <memory>
#include <string>

#include "microcosm/graph/generators.hpp"
#include "microcosm/graph/network.hpp"
#include "microcosm/models/model.hpp"

namespace microcosm::bench {

// Erdős–Rényi graph with mean degree 10 (cached per n).
inline std::shared_ptr<const Network> er_network(std::size_t n) {
  // One graph at a time: the 1e7-node graph alone takes about 1 GB.
  static std::size_t cached_n = 0;
  static std::shared_ptr<const Network> cached;
  if (cached_n != n) {
    cached.reset();
    auto net = std::make_shared<Network>();
    net->graph = gen::erdos_renyi_gnp(n, 10.0 / static_cast<double>(n - 1), 1);
    cached = std::move(net);
    cached_n = n;
  }
  return cached;
}

inline std::shared_ptr<const Network> mean_field_network(std::size_t n) {
  auto net = std::make_shared<Network>();
  net->graph = std::move(GraphBuilder(n, {})).build();
  net->mean_field = true;
  return net;
}

inline std::unique_ptr<Model> make_model(const std::string& name,
                                         std::shared_ptr<const Network> net,
                                         const std::map<std::string, spec::Value>& params,
                                         int threads = 1) {
  const ModelInfo& info = find_model(name);
  static std::map<std::string, spec::ParamSet> keep;  // ModelContext holds a reference
  auto& set = keep[name] = info.schema.resolve(params, "bench");
  return info.make(ModelContext{std::move(net), set, 1, threads});
}

}  // namespace microcosm::bench
