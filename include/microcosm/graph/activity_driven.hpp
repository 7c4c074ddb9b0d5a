// Activity-driven temporal network (Perra, Gonçalves, Pastor-Satorras &
// Vespignani, Sci. Rep. 2, 469, 2012). Node i has an activity potential x_i
// drawn from F(x) ∝ x^(-gamma) on [eps, 1] and an activity rate
// a_i = min(1, eta x_i). At every step each node is active with probability
// a_i and then creates m links to distinct nodes chosen uniformly among the
// others; links last one step. The integrated degree distribution inherits
// the power law of the activities.
//
// Sampling is a pure function of (seed, step): node i's decisions use the
// stream (seed, "graph.activity_driven", i, step), so nodes can be sampled in
// any order or in parallel (sample_node) with identical results. Models with
// biased partner choice (Baumann et al. 2020 homophily) reuse activities()
// and is_active() and draw partners themselves.
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "microcosm/graph/csr_graph.hpp"

namespace microcosm {

class ActivityDrivenNetwork {
 public:
  struct Params {
    std::size_t n = 1000;
    double gamma = 2.1;    // exponent of the activity distribution, != 1
    double epsilon = 0.01; // lower activity cutoff, (0, 1)
    double eta = 1.0;      // activity rescaling, > 0
    std::size_t m = 1;     // links created by an active node, [1, n - 1]
  };

  // Throws ParameterError naming any parameter outside its range.
  ActivityDrivenNetwork(const Params& params, std::uint64_t seed);

  std::size_t num_nodes() const noexcept { return activity_.size(); }
  const Params& params() const noexcept { return params_; }
  // a_i = min(1, eta x_i) for every node: the per-step activation probability.
  std::span<const double> activities() const noexcept { return activity_; }
  // Expected number of links created per step: m * sum_i a_i.
  double expected_links_per_step() const noexcept;

  // Whether node i is active at `step`.
  bool is_active(NodeId i, std::uint64_t step) const noexcept;

  // The links created at `step`, (active node, partner), in node order.
  // `out` is cleared first; its capacity is reused.
  void sample(std::uint64_t step, std::vector<std::pair<NodeId, NodeId>>& out) const;
  // Appends node i's links at `step` (none if inactive). sample() is this
  // for i = 0..n-1.
  void sample_node(NodeId i, std::uint64_t step,
                   std::vector<std::pair<NodeId, NodeId>>& out) const;

 private:
  Params params_;
  std::uint64_t seed_;
  std::vector<double> activity_;
};

}  // namespace microcosm
