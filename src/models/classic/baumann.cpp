#include "microcosm/models/classic/baumann.hpp"
#include "checkpoint_io.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>
#include <omp.h>

#include "microcosm/core/error.hpp"
#include "microcosm/core/rng.hpp"
#include "microcosm/metrics/opinion.hpp"

namespace microcosm::classic {

double activity_mean(double eps, double gamma) noexcept {
  // <a> = ∫ a F(a) da with F(a) = c a^-gamma on [eps, 1].
  if (eps >= 1.0) return 1.0;
  const double l = std::log(eps);
  const double norm = std::fabs(gamma - 1.0) < 1e-12 ? -l : (1.0 - std::pow(eps, 1.0 - gamma)) / (1.0 - gamma);
  const double first = std::fabs(gamma - 2.0) < 1e-12 ? -l : (1.0 - std::pow(eps, 2.0 - gamma)) / (2.0 - gamma);
  return first / norm;
}

double activity_second_moment(double eps, double gamma) noexcept {
  if (eps >= 1.0) return 1.0;
  const double l = std::log(eps);
  const double norm = std::fabs(gamma - 1.0) < 1e-12 ? -l : (1.0 - std::pow(eps, 1.0 - gamma)) / (1.0 - gamma);
  const double second = std::fabs(gamma - 3.0) < 1e-12 ? -l : (1.0 - std::pow(eps, 3.0 - gamma)) / (3.0 - gamma);
  return second / norm;
}

void baumann_derivative(const BaumannOde& ode, InfluenceView in, std::span<const double> x,
                        std::span<double> out, std::span<double> drive,
                        std::span<const std::uint8_t> frozen) {
  const std::size_t T = ode.topics;
  const std::size_t n = x.size() / T;
  const auto sn = static_cast<std::ptrdiff_t>(n);
  // drive_j = tanh(alpha Phi x_j): Phi x = (1 - c) x + c (sum of x) for
  // Phi_uv = c off the diagonal and 1 on it.
  const double c = ode.cos_delta;
  const bool all = in.distinct_sources.empty();
  const auto count = all ? sn : static_cast<std::ptrdiff_t>(in.distinct_sources.size());
#pragma omp parallel for schedule(static) if (static_cast<std::size_t>(count) * T >= 32768)
  for (std::ptrdiff_t sj = 0; sj < count; ++sj) {
    const std::size_t j = all ? static_cast<std::size_t>(sj) : in.distinct_sources[static_cast<std::size_t>(sj)];
    const double* xj = x.data() + j * T;
    double* dj = drive.data() + j * T;
    if (T == 1) {
      dj[0] = std::tanh(ode.alpha * xj[0]);
      continue;
    }
    double total = 0.0;
    for (std::size_t u = 0; u < T; ++u) total += xj[u];
    for (std::size_t u = 0; u < T; ++u) dj[u] = std::tanh(ode.alpha * ((1.0 - c) * xj[u] + c * total));
  }
#pragma omp parallel for schedule(static) if (n * T >= 32768)
  for (std::ptrdiff_t si = 0; si < sn; ++si) {
    const auto i = static_cast<std::size_t>(si);
    double* oi = out.data() + i * T;
    if (!frozen.empty() && frozen[i]) {
      for (std::size_t u = 0; u < T; ++u) oi[u] = 0.0;
      continue;
    }
    const double* xi = x.data() + i * T;
    for (std::size_t u = 0; u < T; ++u) oi[u] = 0.0;
    for (std::uint32_t e = in.offsets[i]; e < in.offsets[i + 1]; ++e) {
      const double* ds = drive.data() + static_cast<std::size_t>(in.sources[e]) * T;
      for (std::size_t u = 0; u < T; ++u) oi[u] += ds[u];
    }
    for (std::size_t u = 0; u < T; ++u) oi[u] = -xi[u] + ode.K * oi[u];
  }
}

namespace {

void ensure_size(BaumannScratch& s, std::size_t size) {
  for (auto* v : {&s.k1, &s.k2, &s.k3, &s.k4, &s.stage, &s.drive}) {
    if (v->size() != size) v->assign(size, 0.0);
  }
}

}  // namespace

void baumann_rk4_step(const BaumannOde& ode, InfluenceView in, std::span<double> x, double dt,
                      BaumannScratch& s, std::span<const std::uint8_t> frozen) {
  const std::size_t size = x.size();
  ensure_size(s, size);
  baumann_derivative(ode, in, x, s.k1, s.drive, frozen);
  for (std::size_t k = 0; k < size; ++k) s.stage[k] = x[k] + 0.5 * dt * s.k1[k];
  baumann_derivative(ode, in, s.stage, s.k2, s.drive, frozen);
  for (std::size_t k = 0; k < size; ++k) s.stage[k] = x[k] + 0.5 * dt * s.k2[k];
  baumann_derivative(ode, in, s.stage, s.k3, s.drive, frozen);
  for (std::size_t k = 0; k < size; ++k) s.stage[k] = x[k] + dt * s.k3[k];
  baumann_derivative(ode, in, s.stage, s.k4, s.drive, frozen);
  for (std::size_t k = 0; k < size; ++k) {
    x[k] += dt / 6.0 * (s.k1[k] + 2.0 * s.k2[k] + 2.0 * s.k3[k] + s.k4[k]);
  }
}

void baumann_euler_step(const BaumannOde& ode, InfluenceView in, std::span<double> x, double dt,
                        BaumannScratch& s, std::span<const std::uint8_t> frozen) {
  ensure_size(s, x.size());
  baumann_derivative(ode, in, x, s.k1, s.drive, frozen);
  for (std::size_t k = 0; k < x.size(); ++k) x[k] += dt * s.k1[k];
}

ContactSampler::ContactSampler(double beta)
    : beta_(beta),
      kind_(beta == 0.0   ? 0
            : beta == 1.0 ? 1
            : beta == 2.0 ? 2
            : beta == 3.0 ? 3
            : beta == 4.0 ? 4
                          : 5) {}

namespace {

// d^-beta for d >= kMinDistance; the common integer exponents avoid
// exp/log.
template <int Kind>
inline double distance_weight(double d, double beta) noexcept {
  if constexpr (Kind == 1) return 1.0 / d;
  if constexpr (Kind == 2) return 1.0 / (d * d);
  if constexpr (Kind == 3) return 1.0 / (d * d * d);
  if constexpr (Kind == 4) return 1.0 / ((d * d) * (d * d));
  return std::exp(-beta * std::log(d));
}

}  // namespace

template <int Kind>
void ContactSampler::fill_weights(std::span<const double> x, std::size_t topics, NodeId i) noexcept {
  const std::size_t n = x.size() / topics;
  double* w = node_.data() + leaves_;
  const double* xi = x.data() + static_cast<std::size_t>(i) * topics;
  if (topics == 1) {
    const double xv = xi[0];
    for (std::size_t j = 0; j < n; ++j) {
      w[j] = distance_weight<Kind>(std::max(std::fabs(xv - x[j]), kMinDistance), beta_);
    }
  } else {
    for (std::size_t j = 0; j < n; ++j) {
      const double* xj = x.data() + j * topics;
      double d2 = 0.0;
      for (std::size_t u = 0; u < topics; ++u) d2 += (xi[u] - xj[u]) * (xi[u] - xj[u]);
      w[j] = distance_weight<Kind>(std::max(std::sqrt(d2), kMinDistance), beta_);
    }
  }
  w[i] = 0.0;
}

std::size_t ContactSampler::draw(Rng& rng) const noexcept {
  double target = rng.uniform() * node_[1];
  std::size_t k = 1;
  while (k < leaves_) {
    const double left = node_[2 * k];
    // Rounding can leave target >= left with an empty right subtree.
    if ((target < left && left > 0.0) || node_[2 * k + 1] == 0.0) {
      k = 2 * k;
    } else {
      target -= left;
      k = 2 * k + 1;
    }
  }
  return k - leaves_;
}

void ContactSampler::remove(std::size_t leaf) noexcept {
  std::size_t k = leaf + leaves_;
  node_[k] = 0.0;
  for (k /= 2; k >= 1; k /= 2) node_[k] = node_[2 * k] + node_[2 * k + 1];
}

void ContactSampler::sample(std::span<const double> x, std::size_t topics, NodeId i, Rng& rng,
                            std::span<NodeId> out) {
  const std::size_t n = x.size() / topics;
  const std::size_t m = out.size();
  if (kind_ == 0) {
    if (2 * m <= n - 1) {
      // Rejection: few collisions when m is small against N.
      for (std::size_t k = 0; k < m;) {
        auto j = static_cast<NodeId>(rng.bounded(n - 1));
        if (j >= i) ++j;
        const auto end = out.begin() + static_cast<std::ptrdiff_t>(k);
        if (std::find(out.begin(), end, j) == end) out[k++] = j;
      }
    } else {
      // Partial Fisher–Yates over the N - 1 other agents.
      index_.resize(n - 1);
      for (std::size_t j = 0, k = 0; j < n; ++j) {
        if (j != i) index_[k++] = static_cast<NodeId>(j);
      }
      for (std::size_t k = 0; k < m; ++k) {
        std::swap(index_[k], index_[k + rng.bounded(n - 1 - k)]);
        out[k] = index_[k];
      }
    }
    return;
  }
  leaves_ = 1;
  while (leaves_ < n) leaves_ *= 2;
  node_.assign(2 * leaves_, 0.0);
  switch (kind_) {
    case 1: fill_weights<1>(x, topics, i); break;
    case 2: fill_weights<2>(x, topics, i); break;
    case 3: fill_weights<3>(x, topics, i); break;
    case 4: fill_weights<4>(x, topics, i); break;
    default: fill_weights<5>(x, topics, i); break;
  }
  for (std::size_t k = leaves_ - 1; k >= 1; --k) node_[k] = node_[2 * k] + node_[2 * k + 1];
  for (std::size_t k = 0; k < m; ++k) {
    const std::size_t j = draw(rng);
    out[k] = static_cast<NodeId>(j);
    remove(j);
  }
}

namespace {

double pearson(std::span<const double> a, std::span<const double> b) noexcept {
  const std::size_t n = a.size();
  if (n < 2) return std::numeric_limits<double>::quiet_NaN();
  double ma = 0.0, mb = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    ma += a[i];
    mb += b[i];
  }
  ma /= static_cast<double>(n);
  mb /= static_cast<double>(n);
  double sab = 0.0, saa = 0.0, sbb = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) * (a[i] - ma);
    sbb += (b[i] - mb) * (b[i] - mb);
  }
  if (!(saa > 0.0) || !(sbb > 0.0)) return std::numeric_limits<double>::quiet_NaN();
  return sab / std::sqrt(saa * sbb);
}

// The model: SoA state (opinions, activities), the network of the current
// step as a CSR by receiver, and the echo-chamber accumulators. Scalar
// metrics are computed on topic 0.
class Baumann final : public Model {
 public:
  explicit Baumann(const ModelContext& ctx)
      : n_(static_cast<std::size_t>(ctx.params.integer("n"))),
        m_(static_cast<std::size_t>(ctx.params.integer("m"))),
        eps_(ctx.params.real("eps")),
        gamma_(ctx.params.real("gamma")),
        r_(ctx.params.real("r")),
        beta_(ctx.params.real("beta")),
        dt_(ctx.params.real("dt")),
        rk4_(ctx.params.str("integrator") == "rk4"),
        seed_(ctx.seed),
        threads_(std::max(1, ctx.threads)) {
    ode_.K = ctx.params.real("K");
    ode_.alpha = ctx.params.real("alpha");
    ode_.topics = static_cast<std::size_t>(ctx.params.integer("topics"));
    ode_.cos_delta = ctx.params.real("cos_delta");
    if (m_ > n_ - 1) {
      throw ParameterError(fmt::format(
          "baumann: m = {} is outside its valid range [1, n - 1 = {}] (an active agent contacts m "
          "distinct other agents)",
          m_, n_ - 1));
    }
    const double memory = ctx.params.real("echo_memory");
    echo_decay_ = memory > 0.0 ? std::exp(-dt_ / memory) : 0.0;

    const bool mean_activities = ctx.params.boolean("mean_activities");
    const std::size_t T = ode_.topics;
    x_.resize(n_ * T);
    a_.resize(n_);
    for (std::size_t i = 0; i < n_; ++i) {
      Rng init(seed_, "baumann.init", i);
      for (std::size_t u = 0; u < T; ++u) x_[i * T + u] = init.uniform(-1.0, 1.0);
      Rng act(seed_, "baumann.activity", i);
      a_[i] = mean_activities ? activity_mean(eps_, gamma_)
              : eps_ >= 1.0   ? 1.0
                              : act.power_law(eps_, 1.0, gamma_);
    }
    active_slot_.assign(n_, kInactive);
    in_offsets_.assign(n_ + 1, 0);
    in_fill_.assign(n_, 0);
    is_source_.assign(n_, 0);
    nbr_sum_.assign(n_, 0.0);
    nbr_weight_.assign(n_, 0.0);
    samplers_.assign(static_cast<std::size_t>(threads_), ContactSampler(beta_));
  }

  void step() override {
    build_network();
    accumulate_neighbourhood();
    const InfluenceView in{in_offsets_, in_sources_, distinct_sources_};
    if (rk4_) {
      baumann_rk4_step(ode_, in, x_, dt_, ode_scratch_);
    } else {
      baumann_euler_step(ode_, in, x_, dt_, ode_scratch_);
    }
    ++t_;
  }

  std::uint64_t time() const override { return t_; }

  std::vector<std::string> metric_names() const override {
    std::vector<std::string> names = {"mean",
                                      "variance",
                                      "mean_abs",
                                      "share_positive",
                                      "bimodality",
                                      "bimodality_bounded",
                                      "extreme_share",
                                      "echo_correlation",
                                      "activity_extremity_correlation",
                                      "active_share",
                                      "mean_in_degree"};
    if (ode_.topics >= 2) names.push_back("topic_correlation");
    return names;
  }

  void compute_metrics(std::span<double> out) const override {
    const std::vector<double> x0 = topic(0);
    double abs_sum = 0.0;
    std::size_t positive = 0, extreme = 0;
    std::vector<double> absx(n_);
    for (std::size_t i = 0; i < n_; ++i) {
      absx[i] = std::fabs(x0[i]);
      abs_sum += absx[i];
      positive += x0[i] > 0.0;
      extreme += absx[i] > 1.0;
    }
    const double n = static_cast<double>(n_);
    out[0] = metrics::mean(x0);
    out[1] = metrics::variance(x0);
    out[2] = abs_sum / n;
    out[3] = static_cast<double>(positive) / n;
    out[4] = metrics::bimodality_coefficient(x0);
    // The same on tanh(x): very active agents reach x ≈ K * in-degree, a
    // heavy tail whose kurtosis hides two clear modes from the raw BC.
    std::vector<double> bounded(n_);
    for (std::size_t i = 0; i < n_; ++i) bounded[i] = std::tanh(x0[i]);
    out[5] = metrics::bimodality_coefficient(bounded);
    out[6] = static_cast<double>(extreme) / n;
    out[7] = echo_correlation(x0);
    out[8] = pearson(a_, absx);
    out[9] = static_cast<double>(active_.size()) / n;
    out[10] = static_cast<double>(in_sources_.size()) / n;
    if (ode_.topics >= 2) out[11] = pearson(x0, topic(1));
  }

  AgentTable agent_table() const override {
    AgentTable t;
    const std::size_t T = ode_.topics;
    for (std::size_t u = 0; u < T; ++u) {
      t.columns.push_back(T == 1 ? "opinion" : fmt::format("opinion_{}", u));
      t.values.push_back(topic(u));
    }
    t.columns.push_back("activity");
    t.values.push_back(a_);
    t.columns.push_back("neighbour_opinion");
    std::vector<double> nbr(n_, std::numeric_limits<double>::quiet_NaN());
    for (std::size_t i = 0; i < n_; ++i) {
      if (nbr_weight_[i] > 0.0) nbr[i] = nbr_sum_[i] / nbr_weight_[i];
    }
    t.values.push_back(std::move(nbr));
    return t;
  }

  std::size_t num_agents() const override { return n_; }
  std::vector<StateView> state_views() const override {
    return {StateView::of("opinion", x_, ode_.topics), StateView::of("activity", a_)};
  }
  // Checkpoints (baumann_checkpoint.cpp).
  void save_state(StateWriter& w) const override {
    auto& self = const_cast<Baumann&>(*this);  // the view is only read while saving
    save_baumann(w, x_, a_, t_, nbr_sum_, nbr_weight_, self.step_network());
  }
  void load_state(StateReader& r) override {
    load_baumann(r, x_, a_, t_, nbr_sum_, nbr_weight_, step_network());
  }
  BaumannStepNetwork step_network() {
    return {active_, active_slot_, contacts_, edge_target_, edge_source_, in_offsets_, in_sources_,
            distinct_sources_};
  }

 private:
  static constexpr std::uint32_t kInactive = std::numeric_limits<std::uint32_t>::max();

  std::vector<double> topic(std::size_t u) const {
    const std::size_t T = ode_.topics;
    std::vector<double> v(n_);
    for (std::size_t i = 0; i < n_; ++i) v[i] = x_[i * T + u];
    return v;
  }

  // Pearson correlation between x_i and the mean opinion of the agents that
  // influenced i, accumulated with exponential memory (echo_memory).
  double echo_correlation(std::span<const double> x0) const {
    std::vector<double> own, nbr;
    own.reserve(n_);
    nbr.reserve(n_);
    for (std::size_t i = 0; i < n_; ++i) {
      if (!(nbr_weight_[i] > 0.0)) continue;
      own.push_back(x0[i]);
      nbr.push_back(nbr_sum_[i] / nbr_weight_[i]);
    }
    return pearson(own, nbr);
  }

  // Activation, contacts (in parallel over active agents), reciprocation,
  // then the influence CSR by receiving agent.
  void build_network() {
    for (NodeId i : active_) active_slot_[i] = kInactive;
    active_.clear();
    {
      Rng rng(seed_, "baumann.activation", 0, t_);
      for (std::size_t i = 0; i < n_; ++i) {
        if (rng.uniform() < a_[i]) {
          active_slot_[i] = static_cast<std::uint32_t>(active_.size());
          active_.push_back(static_cast<NodeId>(i));
        }
      }
    }
    const std::size_t na = active_.size();
    contacts_.resize(na * m_);
    const auto sna = static_cast<std::ptrdiff_t>(na);
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads_) if (threads_ > 1 && na > 1)
    for (std::ptrdiff_t k = 0; k < sna; ++k) {
      const auto uk = static_cast<std::size_t>(k);
      auto tid = static_cast<std::size_t>(omp_get_thread_num());
      const NodeId i = active_[uk];
      Rng rng(seed_, "baumann.contacts", i, t_);
      samplers_[std::min(tid, samplers_.size() - 1)].sample(
          x_, ode_.topics, i, rng, std::span<NodeId>(contacts_).subspan(uk * m_, m_));
    }

    // Edges (receiver, source): a contact i -> c lets i influence c; c
    // influences i back with probability r unless c itself contacted i
    // (then that edge exists already; A is 0/1, as in Seldon).
    edge_target_.clear();
    edge_source_.clear();
    for (std::size_t k = 0; k < na; ++k) {
      const NodeId i = active_[k];
      Rng rng(seed_, "baumann.reciprocity", i, t_);
      for (std::size_t e = 0; e < m_; ++e) {
        const NodeId c = contacts_[k * m_ + e];
        edge_target_.push_back(c);
        edge_source_.push_back(i);
        const bool reciprocate = rng.uniform() < r_;
        const std::uint32_t slot = active_slot_[c];
        if (slot != kInactive) {
          const NodeId* cc = contacts_.data() + static_cast<std::size_t>(slot) * m_;
          if (std::find(cc, cc + m_, i) != cc + m_) continue;  // mutual contact
        }
        if (reciprocate) {
          edge_target_.push_back(i);
          edge_source_.push_back(c);
        }
      }
    }
    // Counting sort into CSR by receiver.
    std::fill(in_offsets_.begin(), in_offsets_.end(), 0u);
    for (NodeId v : edge_target_) ++in_offsets_[v + 1];
    for (std::size_t i = 0; i < n_; ++i) in_offsets_[i + 1] += in_offsets_[i];
    in_sources_.resize(edge_target_.size());
    std::copy(in_offsets_.begin(), in_offsets_.end() - 1, in_fill_.begin());
    for (std::size_t e = 0; e < edge_target_.size(); ++e) {
      in_sources_[in_fill_[edge_target_[e]]++] = edge_source_[e];
    }
    // Agents influencing someone: active agents and reciprocators.
    distinct_sources_.clear();
    for (NodeId v : edge_source_) {
      if (is_source_[v]) continue;
      is_source_[v] = 1;
      distinct_sources_.push_back(v);
    }
    for (NodeId v : distinct_sources_) is_source_[v] = 0;
  }

  void accumulate_neighbourhood() {
    const std::size_t T = ode_.topics;
    if (echo_decay_ != 1.0) {
      for (std::size_t i = 0; i < n_; ++i) {
        nbr_sum_[i] *= echo_decay_;
        nbr_weight_[i] *= echo_decay_;
      }
    }
    for (std::size_t e = 0; e < edge_target_.size(); ++e) {
      nbr_sum_[edge_target_[e]] += x_[static_cast<std::size_t>(edge_source_[e]) * T];
      nbr_weight_[edge_target_[e]] += 1.0;
    }
  }

  std::size_t n_, m_;
  double eps_, gamma_, r_, beta_, dt_;
  bool rk4_;
  std::uint64_t seed_;
  int threads_;
  BaumannOde ode_;
  double echo_decay_ = 0.0;

  std::vector<double> x_;  // agent-major x_[i * T + u]
  std::vector<double> a_;  // activities
  // Network of the current step.
  std::vector<NodeId> active_;
  std::vector<std::uint32_t> active_slot_;  // index in active_, or kInactive
  std::vector<NodeId> contacts_;            // m per active agent
  std::vector<NodeId> edge_target_, edge_source_;
  std::vector<std::uint32_t> in_offsets_, in_fill_;
  std::vector<NodeId> in_sources_;
  std::vector<NodeId> distinct_sources_;
  std::vector<std::uint8_t> is_source_;  // all 0 between steps
  // Exponentially weighted sum and count of influencers' opinions (topic 0).
  std::vector<double> nbr_sum_, nbr_weight_;
  std::vector<ContactSampler> samplers_;  // one per thread
  BaumannScratch ode_scratch_;
  std::uint64_t t_ = 0;
};

}  // namespace

ModelInfo baumann_model_info() {
  using namespace spec;
  ModelInfo info;
  info.name = "baumann";
  info.summary = "radicalization on a homophilic activity-driven temporal network (echo chambers)";
  info.semantics =
      "One step = one interval dt of model time (time t = steps * dt). In each step: every agent "
      "activates with probability a_i (a_i ~ a^-gamma on [eps, 1], fixed); each active agent i "
      "contacts m distinct others, j with probability proportional to |x_i - x_j|^-beta "
      "(distances below 1e-10 count as 1e-10, as in Seldon; Euclidean distance for topics > 1); "
      "a contacted j is influenced by i (Seldon's edge direction) and influences i back with "
      "probability r unless j itself contacted i (A is 0/1). Then dx_i/dt = -x_i + K sum_j "
      "A_ij tanh(alpha Phi x_j) is "
      "integrated over dt with this network fixed (RK4 by default). The relaxation time is 1 "
      "time unit: at dt = 0.01, 1000 steps is t = 10; in our tests the three regimes are settled "
      "by t = 20 (2000 steps). The scenario's [network] is not used. The model has no "
      "absorbing state and never reports convergence. Cost per step: O(N + E) for the ODE, plus "
      "O(N) per active agent when beta > 0 (O(N^2 <a>) per step; contacts are drawn in parallel "
      "with per-agent streams, so results do not depend on the thread count). Scalar metrics "
      "use topic 0.";
  info.reference =
      "Baumann, Lorenz-Spreen, Sokolov & Starnini, Phys. Rev. Lett. 124, 048301 (2020); "
      "topics > 1: Baumann et al., Phys. Rev. X 11, 011012 (2021); semantics of the reference "
      "implementation Seldon (seldon-code/seldon, ActivityDrivenModel)";
  const std::string prl = "Baumann et al. PRL 2020; Seldon examples/ActivityDriven/conf.toml";
  info.schema = Schema(
      "baumann",
      {
          int_param("n", 1000, 2, 100'000'000, "number of agents N (the model builds its own network)",
                    "agents", prl),
          int_param("m", 10, 1, 1'000'000, "distinct agents contacted by an active agent (<= n - 1)",
                    "contacts", prl),
          open_min(real_param("eps", 0.01, 0.0, 1.0, "minimum activity (activities lie in [eps, 1])",
                              "probability per step", prl)),
          open_min(real_param("gamma", 2.1, 1.0, 10.0,
                              "exponent of the activity distribution F(a) ∝ a^-gamma", "", prl)),
          with_source(bool_param("mean_activities", false,
                             "give every agent the exact mean activity <a> instead of a power-law "
                             "draw (the homogeneous case of the mean-field threshold)"),
                  "Seldon ActivityDriven option mean_activities"),
          real_param("r", 0.5, 0.0, 1.0, "reciprocity: probability a contacted agent influences back",
                     "probability", prl),
          real_param("beta", 0.5, 0.0, 10.0,
                     "homophily: contact probability ∝ |x_i - x_j|^-beta (0: uniform)", "",
                     "Seldon conf.toml (0.5); PRL regimes use 0, 2, 3"),
          open_min(real_param("K", 3.0, 0.0, 1000.0, "social influence strength", "", prl)),
          open_min(real_param("alpha", 3.0, 0.0, 1000.0,
                              "controversialness (steepness of tanh)", "", prl)),
          open_min(real_param("dt", 0.01, 0.0, 1.0, "integration interval = length of one step",
                              "time units", prl)),
          with_source(string_param("integrator", "rk4", {"rk4", "euler"},
                               "ODE integrator over one step (network fixed)"),
                  "Seldon ActivityDrivenModel::iteration (RK4)"),
          int_param("topics", 1, 1, 64,
                    "number of topics T (opinion dimensions); > 1 gives the PRX 2021 model", "",
                    "Baumann et al. PRX 2021"),
          real_param("cos_delta", 0.0, -1.0, 1.0,
                     "topic overlap: Phi_uv = cos_delta between distinct topics (topics > 1)", "",
                     "Baumann et al. PRX 2021"),
          real_param("echo_memory", 1.0, 0.0, 1e9,
                     "memory of the echo-chamber measure: influencers' opinions are averaged with "
                     "weight exp(-age / echo_memory); 0 = last step only",
                     "time units",
                     "x_i^N of Cinelli et al. PNAS 2021 (LITERATURE §11.3), aggregated over time"),
      });
  info.uses_network = false;
  info.metrics = {
      {"mean", "mean opinion on topic 0 (unbounded; 0 is neutral)"},
      {"variance", "variance of opinions on topic 0"},
      {"mean_abs", "mean |x| on topic 0: how far from neutral opinions are"},
      {"share_positive", "share of agents with a positive opinion on topic 0"},
      {"bimodality", "bimodality coefficient of topic 0 (above 5/9 suggests two modes)"},
      {"bimodality_bounded",
       "bimodality coefficient of tanh(x): very active agents reach |x| near K times their in-degree, "
       "a heavy tail that hides two clear modes from the raw coefficient"},
      {"extreme_share", "share of agents with |x| > 1 on topic 0"},
      {"echo_correlation",
       "Pearson correlation of an agent's opinion with the weighted mean opinion of those who "
       "influenced it this step (the echo-chamber signature of Baumann et al. 2020)"},
      {"activity_extremity_correlation", "Pearson correlation of activity with |x| on topic 0"},
      {"active_share", "share of agents active this step"},
      {"mean_in_degree", "influence links received per agent this step"},
      {"topic_correlation",
       "Pearson correlation of topics 0 and 1 (only when topics >= 2: issue alignment, Baumann et "
       "al. 2021)",
       false},
  };
  info.make = [](const ModelContext& ctx) { return std::make_unique<Baumann>(ctx); };
  return info;
}

}  // namespace microcosm::classic
