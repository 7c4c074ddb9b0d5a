// Radicalization dynamics on a homophilic activity-driven temporal network
// (Baumann, Lorenz-Spreen, Sokolov & Starnini, PRL 124, 048301, 2020), with
// the optional multidimensional topic space of Baumann et al., PRX 11,
// 011012 (2021).
//
//   dx_i/dt = -x_i + K sum_j A_ij(t) tanh(alpha Phi x_j)
//
// A_ij(t) = 1 when j influences i during step t. The model builds its own
// network each step (it ignores the scenario's [network]); one step is one
// interval dt: resample the network, then integrate the ODE over dt with the
// network held fixed (RK4 by default, as the reference implementation Seldon
// does). The ODE integrator and the contact sampler are public so tests can
// check them against closed-form results.
//
// Cost per step: O(N + E) for the ODE and O(N) per active agent for
// homophilous contact choice (beta > 0), i.e. O(N^2 <a>); with <a> ≈ 0.04
// that is cheap up to N ~ 10^4. Contact choice runs in parallel (OpenMP)
// with per-agent streams keyed by (seed, agent, step).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "microcosm/core/rng.hpp"
#include "microcosm/graph/csr_graph.hpp"
#include "microcosm/models/model.hpp"

namespace microcosm::classic {

ModelInfo baumann_model_info();

// Exact mean of the activity density F(a) ∝ a^-gamma on [eps, 1]:
// [(1-gamma)/(2-gamma)] (1 - eps^(2-gamma)) / (1 - eps^(1-gamma)), with the
// gamma -> 1 and gamma -> 2 limits handled. 0.040852 for eps = 0.01,
// gamma = 2.1 (LITERATURE §5; not Seldon's mean(), which is wrong).
double activity_mean(double eps, double gamma) noexcept;
// Exact second moment <a^2> of the same density.
double activity_second_moment(double eps, double gamma) noexcept;

// Homophilous contact choice of an active agent: draws distinct agents
// j != i, each successive draw with probability ∝ max(d_ij, 1e-10)^-beta
// among the agents not drawn yet (d_ij the Euclidean opinion distance; the
// floor keeps identical opinions finite, as Seldon's 1e-10 does). This is
// the law of Seldon's weighted reservoir sampling. beta = 0: uniform, O(m)
// expected; beta > 0: O(N + m log N) per call through a binary sum tree
// whose removals recompute sums (no subtraction), so weights spanning many
// orders of magnitude stay exact. One instance per thread.
class ContactSampler {
 public:
  static constexpr double kMinDistance = 1e-10;

  explicit ContactSampler(double beta);
  // x is agent-major with `topics` values per agent; writes out.size()
  // distinct contacts of agent i (out.size() <= N - 1).
  void sample(std::span<const double> x, std::size_t topics, NodeId i, Rng& rng,
              std::span<NodeId> out);

 private:
  template <int Kind>
  void fill_weights(std::span<const double> x, std::size_t topics, NodeId i) noexcept;
  std::size_t draw(Rng& rng) const noexcept;
  void remove(std::size_t leaf) noexcept;

  double beta_;
  int kind_;  // 0: uniform; 1-4: integer exponent; 5: general
  std::size_t leaves_ = 1;
  std::vector<double> node_;  // sum tree: node_[leaves_ + j] = weight of j
  std::vector<NodeId> index_;  // Fisher–Yates scratch for large m, beta = 0
};

// Parameters of the opinion ODE.
struct BaumannOde {
  double K = 3.0;
  double alpha = 3.0;
  std::size_t topics = 1;  // T; opinions are agent-major x[i * T + u]
  double cos_delta = 0.0;  // Phi_uv = cos_delta for u != v, 1 on the diagonal
};

// Influence structure of one step in CSR form by receiving agent: the
// agents influencing i are sources[offsets[i] .. offsets[i+1]).
struct InfluenceView {
  std::span<const std::uint32_t> offsets;  // N + 1 entries
  std::span<const NodeId> sources;
  // Optional: each agent appearing in `sources`, once. When given, tanh is
  // evaluated for these agents only (most agents influence nobody in a
  // step); when empty, for every agent.
  std::span<const NodeId> distinct_sources = {};
};

// Work arrays of the integrator, reused across steps (no allocation after
// the first call with a given size).
struct BaumannScratch {
  std::vector<double> k1, k2, k3, k4, stage, drive;
};

// dx/dt for every agent at state x, written to out (both N*T long).
// Agents with frozen[i] != 0 get derivative 0 (fixed "bots"); frozen may be
// empty.
void baumann_derivative(const BaumannOde& ode, InfluenceView in, std::span<const double> x,
                        std::span<double> out, std::span<double> drive,
                        std::span<const std::uint8_t> frozen = {});

// One classical fourth-order Runge–Kutta step of length dt with the network
// fixed; x is updated in place.
void baumann_rk4_step(const BaumannOde& ode, InfluenceView in, std::span<double> x, double dt,
                      BaumannScratch& scratch, std::span<const std::uint8_t> frozen = {});
// One explicit Euler step (for comparison; first order).
void baumann_euler_step(const BaumannOde& ode, InfluenceView in, std::span<double> x, double dt,
                        BaumannScratch& scratch, std::span<const std::uint8_t> frozen = {});

}  // namespace microcosm::classic
