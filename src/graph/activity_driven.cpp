#include "microcosm/graph/activity_driven.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "microcosm/core/error.hpp"
#include "microcosm/core/rng.hpp"

namespace microcosm {

namespace {
constexpr std::uint64_t kStepPurpose = purpose_id("graph.activity_driven");
}

ActivityDrivenNetwork::ActivityDrivenNetwork(const Params& params, std::uint64_t seed)
    : params_(params), seed_(seed) {
  const Params& p = params_;
  if (p.n < 2 || p.n >= std::numeric_limits<NodeId>::max()) {
    throw ParameterError(fmt::format(
        "activity_driven: n = {} is outside its valid range [2, {}]", p.n,
        std::numeric_limits<NodeId>::max() - 1));
  }
  if (!(p.gamma > 0.0 && p.gamma != 1.0 && std::isfinite(p.gamma))) {
    throw ParameterError(fmt::format(
        "activity_driven: gamma = {} must be positive, finite and != 1", p.gamma));
  }
  if (!(p.epsilon > 0.0 && p.epsilon < 1.0)) {
    throw ParameterError(
        fmt::format("activity_driven: epsilon = {} is outside its valid range (0, 1)", p.epsilon));
  }
  if (!(p.eta > 0.0 && std::isfinite(p.eta))) {
    throw ParameterError(
        fmt::format("activity_driven: eta = {} is outside its valid range (0, inf)", p.eta));
  }
  if (p.m < 1 || p.m >= p.n) {
    throw ParameterError(fmt::format(
        "activity_driven: m = {} is outside its valid range [1, n - 1 = {}]", p.m, p.n - 1));
  }
  activity_.resize(p.n);
  for (std::size_t i = 0; i < p.n; ++i) {
    Rng rng(seed, "graph.activity_driven.activity", i);
    activity_[i] = std::min(1.0, p.eta * rng.power_law(p.epsilon, 1.0, p.gamma));
  }
}

double ActivityDrivenNetwork::expected_links_per_step() const noexcept {
  double sum = 0.0;
  for (double a : activity_) sum += a;
  return sum * static_cast<double>(params_.m);
}

bool ActivityDrivenNetwork::is_active(NodeId i, std::uint64_t step) const noexcept {
  Rng rng(stream_key(seed_, kStepPurpose, i, step));
  return rng.uniform() < activity_[i];
}

void ActivityDrivenNetwork::sample_node(NodeId i, std::uint64_t step,
                                        std::vector<std::pair<NodeId, NodeId>>& out) const {
  Rng rng(stream_key(seed_, kStepPurpose, i, step));
  if (!(rng.uniform() < activity_[i])) return;
  const std::size_t first = out.size();
  const std::uint64_t others = activity_.size() - 1;
  while (out.size() - first < params_.m) {
    // Uniform over the other n - 1 nodes: skip i by shifting ids >= i.
    auto j = static_cast<NodeId>(rng.bounded(others));
    if (j >= i) ++j;
    bool seen = false;
    for (std::size_t k = first; k < out.size(); ++k) seen = seen || out[k].second == j;
    if (!seen) out.emplace_back(i, j);
  }
}

void ActivityDrivenNetwork::sample(std::uint64_t step,
                                   std::vector<std::pair<NodeId, NodeId>>& out) const {
  out.clear();
  const auto n = static_cast<NodeId>(activity_.size());
  for (NodeId i = 0; i < n; ++i) sample_node(i, step, out);
}

}  // namespace microcosm
