// Hegselmann–Krause: synchronous bounded-confidence averaging, O(N log N) per
// step under mean field, O(N + m) on a graph, parallel and thread-count
// independent (each agent's new opinion is computed from the old opinions
// in a fixed order, and max() reductions do not depend on the order).
#include "microcosm/models/classic/hegselmann_krause.hpp"
#include "checkpoint_io.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "microcosm/core/rng.hpp"
#include "microcosm/metrics/opinion.hpp"
#include "microcosm/models/classic/opinion_output.hpp"
#include "microcosm/models/mechanisms/bounded_confidence.hpp"

namespace microcosm::classic {
namespace {

using mechanisms::Bound;
using mechanisms::within_confidence;

// Error-free transformation a + b = s + e (Knuth's TwoSum).
inline void two_sum(double a, double b, double& s, double& e) noexcept {
  s = a + b;
  const double bb = s - a;
  e = (a - (s - bb)) + (b - bb);
}

// Agents per parallel block in the mean-field update: each block finds its
// first window by binary search, then moves two pointers.
constexpr std::size_t kBlock = 1024;
// Below this many agents a step runs on one thread (a parallel region costs
// more than it saves).
constexpr std::size_t kParallelMin = 4096;

class HegselmannKrause final : public Model {
 public:
  explicit HegselmannKrause(const ModelContext& ctx)
      : net_(ctx.network),
        n_(net_->num_nodes()),
        epsilon_(ctx.params.real("epsilon")),
        tolerance_(ctx.params.real("tolerance")),
        x_(n_),
        next_(n_) {
    for (std::size_t i = 0; i < n_; ++i) x_[i] = Rng(ctx.seed, "hk.init", i).uniform();
    if (net_->mean_field) {
      order_.resize(n_);
      std::iota(order_.begin(), order_.end(), NodeId{0});
      sorted_.resize(n_);
      prefix_hi_.resize(n_ + 1);
      prefix_lo_.resize(n_ + 1);
    }
  }

  void step() override {
    if (net_->mean_field) {
      step_mean_field();
    } else {
      step_graph();
    }
    double max_change = 0.0;
    const auto n = static_cast<std::ptrdiff_t>(n_);
#pragma omp parallel for schedule(static) reduction(max : max_change) if (n_ >= kParallelMin)
    for (std::ptrdiff_t i = 0; i < n; ++i) {
      max_change = std::max(max_change, std::fabs(next_[i] - x_[i]));
    }
    max_change_ = max_change;
    x_.swap(next_);
    ++t_;
  }

  std::uint64_t time() const override { return t_; }
  bool converged() const override { return t_ > 0 && max_change_ <= tolerance_; }

  std::vector<std::string> metric_names() const override { return opinion_output_names(); }
  void compute_metrics(std::span<double> out) const override {
    opinion_output(x_, max_change_, out);
  }
  AgentTable agent_table() const override { return scalar_opinion_table(x_); }
  std::size_t num_agents() const override { return n_; }
  // x_ is swapped with next_ every step: not a stable address.
  std::vector<StateView> state_views() const override {
    return {StateView::of("opinion", x_, 1, false)};
  }
  // Checkpoints (hegselmann_krause_checkpoint.cpp).
  void save_state(StateWriter& w) const override { save_hegselmann_krause(w, x_, t_, max_change_); }
  void load_state(StateReader& r) override { load_hegselmann_krause(r, x_, t_, max_change_); }

 private:
  // x_i' = mean of x_j over {j : |x_i - x_j| <= eps} ∪ {i} on the stored
  // graph, neighbours in row order after i itself: O(deg(i)) per agent.
  void step_graph() {
    const auto& g = net_->graph;
    const double* x = x_.data();
    double* next = next_.data();
    const double eps = epsilon_;
    const auto n = static_cast<std::ptrdiff_t>(n_);
#pragma omp parallel for schedule(dynamic, 256) if (n_ >= kParallelMin)
    for (std::ptrdiff_t ii = 0; ii < n; ++ii) {
      const auto i = static_cast<NodeId>(ii);
      const double xi = x[i];
      double sum = xi;
      std::uint32_t count = 1;
      for (NodeId j : g.neighbors(i)) {
        if (j != i && within_confidence<Bound::Closed>(std::fabs(xi - x[j]), eps)) {
          sum += x[j];
          ++count;
        }
      }
      next[i] = sum / count;
    }
  }

  // Mean field: sort the opinions (O(N) when the order from the previous
  // step still holds, which HK preserves; O(N log N) otherwise), build
  // compensated prefix sums, and give every agent the mean of its window
  // [lo, hi) of sorted positions, found by two pointers. The window sum is a
  // difference of double-double prefix sums, accurate to about one ulp of
  // the window sum, so clusters of equal opinions stay equal.
  void step_mean_field() {
    const double* x = x_.data();
    auto less = [x](NodeId a, NodeId b) { return x[a] < x[b] || (x[a] == x[b] && a < b); };
    if (!std::is_sorted(order_.begin(), order_.end(), less)) {
      std::sort(order_.begin(), order_.end(), less);
    }
    prefix_hi_[0] = 0.0;
    prefix_lo_[0] = 0.0;
    for (std::size_t k = 0; k < n_; ++k) {
      const double v = x[order_[k]];
      sorted_[k] = v;
      double e;
      two_sum(prefix_hi_[k], v, prefix_hi_[k + 1], e);
      prefix_lo_[k + 1] = prefix_lo_[k] + e;
    }
    const double eps = epsilon_;
    const double* s = sorted_.data();
    const double* ph = prefix_hi_.data();
    const double* pl = prefix_lo_.data();
    const NodeId* order = order_.data();
    double* next = next_.data();
    const std::size_t n = n_;
    const auto blocks = static_cast<std::ptrdiff_t>((n + kBlock - 1) / kBlock);
#pragma omp parallel for schedule(static) if (n_ >= kParallelMin)
    for (std::ptrdiff_t b = 0; b < blocks; ++b) {
      const std::size_t first = static_cast<std::size_t>(b) * kBlock;
      const std::size_t last = std::min(n, first + kBlock);
      // Window of sorted position k: lo = first p with s[k] - s[p] <= eps,
      // hi = first p with s[p] - s[k] > eps. Both predicates use the same
      // floating-point difference as the graph update and are monotone in
      // p and k, so the pointers only move forward.
      const auto outside = [&](double v) { return !within_confidence<Bound::Closed>(s[first] - v, eps); };
      std::size_t lo = static_cast<std::size_t>(std::partition_point(s, s + first, outside) - s);
      std::size_t hi = first;
      for (std::size_t k = first; k < last; ++k) {
        const double v = s[k];
        while (!within_confidence<Bound::Closed>(v - s[lo], eps)) ++lo;
        if (hi < k + 1) hi = k + 1;
        while (hi < n && within_confidence<Bound::Closed>(s[hi] - v, eps)) ++hi;
        double d, e;
        two_sum(ph[hi], -ph[lo], d, e);
        const double sum = d + (e + (pl[hi] - pl[lo]));
        next[order[k]] = sum / static_cast<double>(hi - lo);
      }
    }
  }

  std::shared_ptr<const Network> net_;
  std::size_t n_;
  double epsilon_, tolerance_;
  std::vector<double> x_, next_;
  // Mean-field scratch: agents by opinion, their opinions, prefix sums.
  std::vector<NodeId> order_;
  std::vector<double> sorted_, prefix_hi_, prefix_lo_;
  std::uint64_t t_ = 0;
  double max_change_ = 0.0;
};

}  // namespace

ModelInfo hegselmann_krause_model_info() {
  using namespace spec;
  ModelInfo info;
  info.name = "hegselmann_krause";
  info.summary = "Hegselmann–Krause bounded confidence, synchronous averaging";
  info.semantics =
      "Synchronous. One step updates every agent at once from the previous opinions: x_i <- "
      "mean{x_j : |x_i - x_j| <= epsilon}, over i's (out-)neighbours plus i itself on a graph and "
      "over all agents under mean field. Opinions start i.i.d. uniform on [0, 1]. Cost per step: "
      "O(N log N) under mean field (sorted opinions, prefix sums, two pointers), O(N + m) on a "
      "graph; parallel and identical for any thread count. Converged when a step moved no "
      "opinion by more than tolerance (under mean field HK reaches a fixed point in finitely "
      "many steps; on a graph the approach can be asymptotic). Differs from NDlib's HKModel, "
      "which changes one randomly chosen agent per iteration, excludes the agent itself, uses "
      "a strict < epsilon and opinions in [-1, 1].";
  info.reference = "Hegselmann & Krause, JASSS 5(3), 2 (2002); Fortunato, IJMPC 16, 259 (2005)";
  info.schema = Schema(
      "hegselmann_krause",
      {
          open_min(real_param("epsilon", 0.2, 0.0, 1.0,
                              "confidence bound: agents within this distance (inclusive) are "
                              "averaged; consensus threshold about 0.2 on the complete graph, 0.5 "
                              "on sparse graphs",
                              "opinion", "Hegselmann & Krause 2002; Fortunato 2005")),
          real_param("tolerance", 1e-9, 0.0, 1.0,
                     "convergence: largest opinion change in a step at or below this", "opinion",
                     "Hegselmann & Krause 2002 (finite-time convergence)"),
      });
  info.metrics = opinion_output_metrics();
  info.make = [](const ModelContext& ctx) { return std::make_unique<HegselmannKrause>(ctx); };
  return info;
}

}  // namespace microcosm::classic
