#include "microcosm/models/classic/deffuant.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "microcosm/core/rng.hpp"
#include "microcosm/metrics/opinion.hpp"
#include "microcosm/models/classic/interaction.hpp"

namespace microcosm::classic {
namespace {

class Deffuant final : public Model {
 public:
  explicit Deffuant(const ModelContext& ctx)
      : net_(ctx.network),
        n_(net_->num_nodes()),
        dims_(static_cast<std::size_t>(ctx.params.integer("dims"))),
        epsilon_(ctx.params.real("epsilon")),
        mu_(ctx.params.real("mu")),
        tolerance_(ctx.params.real("tolerance")),
        edge_selection_(ctx.params.str("pair_selection") == "edge"),
        seed_(ctx.seed),
        x_(n_ * dims_) {
    for (std::size_t i = 0; i < n_; ++i) {
      Rng rng(seed_, "deffuant.init", i);
      for (std::size_t d = 0; d < dims_; ++d) x_[i * dims_ + d] = rng.uniform();
    }
    if (edge_selection_ && !net_->mean_field) {
      // Source node of every stored arc, so a random edge costs O(1).
      const auto& g = net_->graph;
      arc_source_.resize(g.num_arcs());
      for (NodeId u = 0; u < n_; ++u) {
        std::fill(arc_source_.begin() + static_cast<std::ptrdiff_t>(g.offsets()[u]),
                  arc_source_.begin() + static_cast<std::ptrdiff_t>(g.offsets()[u + 1]), u);
      }
    }
  }

  void step() override {
    Rng rng(seed_, "deffuant.dynamics", 0, t_);
    max_change_ = 0.0;
    if (dims_ == 1) {
      sweep_scalar(rng);
    } else {
      sweep_vector(rng);
    }
    ++t_;
  }

  std::uint64_t time() const override { return t_; }
  bool converged() const override { return t_ > 0 && max_change_ <= tolerance_; }

  std::vector<std::string> metric_names() const override {
    auto names = metrics::opinion_metric_names();
    names.push_back("max_change");
    return names;
  }

  void compute_metrics(std::span<double> out) const override {
    const auto first = first_dimension();
    metrics::OpinionMetricOptions opt;
    opt.lo = 0.0;
    opt.hi = 1.0;
    metrics::opinion_metrics(first, opt, out.first(out.size() - 1));
    out.back() = max_change_;
  }

  AgentTable agent_table() const override {
    AgentTable t;
    for (std::size_t d = 0; d < dims_; ++d) {
      t.columns.push_back(dims_ == 1 ? "opinion" : fmt::format("opinion_{}", d));
      std::vector<double> col(n_);
      for (std::size_t i = 0; i < n_; ++i) col[i] = x_[i * dims_ + d];
      t.values.push_back(std::move(col));
    }
    return t;
  }
  std::size_t num_agents() const override { return n_; }

 private:
  // Opinions on dimension 0 (a view for D = 1, a copy otherwise).
  std::vector<double> first_dimension() const {
    std::vector<double> v(n_);
    for (std::size_t i = 0; i < n_; ++i) v[i] = x_[i * dims_];
    return v;
  }

  std::pair<NodeId, NodeId> pick_pair(Rng& rng) const noexcept {
    if (edge_selection_ && !net_->mean_field) {
      if (arc_source_.empty()) return {kNoNode, kNoNode};
      const EdgeIndex e = rng.bounded(arc_source_.size());
      return {arc_source_[e], net_->graph.targets()[e]};
    }
    const auto i = static_cast<NodeId>(rng.bounded(n_));
    return {i, random_neighbor(rng, *net_, i)};
  }

  void sweep_scalar(Rng& rng) {
    double* x = x_.data();
    double max_change = 0.0;
    for (std::size_t k = 0; k < n_; ++k) {
      const auto [i, j] = pick_pair(rng);
      if (j == kNoNode) continue;
      const double diff = x[j] - x[i];
      if (std::fabs(diff) < epsilon_) {
        const double delta = mu_ * diff;
        x[i] += delta;
        x[j] -= delta;
        max_change = std::max(max_change, std::fabs(delta));
      }
    }
    max_change_ = max_change;
  }

  void sweep_vector(Rng& rng) {
    double max_change = 0.0;
    for (std::size_t k = 0; k < n_; ++k) {
      const auto [i, j] = pick_pair(rng);
      if (j == kNoNode) continue;
      double* xi = x_.data() + i * dims_;
      double* xj = x_.data() + j * dims_;
      double d2 = 0.0;
      for (std::size_t d = 0; d < dims_; ++d) d2 += (xj[d] - xi[d]) * (xj[d] - xi[d]);
      if (std::sqrt(d2) < epsilon_) {
        for (std::size_t d = 0; d < dims_; ++d) {
          const double delta = mu_ * (xj[d] - xi[d]);
          xi[d] += delta;
          xj[d] -= delta;
          max_change = std::max(max_change, std::fabs(delta));
        }
      }
    }
    max_change_ = max_change;
  }

  std::shared_ptr<const Network> net_;
  std::size_t n_;
  std::size_t dims_;
  double epsilon_, mu_, tolerance_;
  bool edge_selection_;
  std::uint64_t seed_;
  std::vector<double> x_;  // agent-major: x_[i * dims_ + d]
  std::vector<NodeId> arc_source_;
  std::uint64_t t_ = 0;
  double max_change_ = 0.0;
};

}  // namespace

ModelInfo deffuant_model_info() {
  using namespace spec;
  ModelInfo info;
  info.name = "deffuant";
  info.summary = "Deffuant–Weisbuch bounded confidence, scalar or vector opinions";
  info.semantics =
      "One step = one sweep of N asynchronous pair updates in random sequential order. A pair is "
      "a uniformly random edge (pair_selection = edge) or a random node and a random neighbour "
      "(node); any two agents under mean field. If |x_i - x_j| < epsilon (Euclidean distance for "
      "D > 1) both move mu of the way toward each other, from the old values. Converged when a "
      "sweep moved no opinion by more than tolerance.";
  info.reference = "Deffuant, Neau, Amblard & Weisbuch, Adv. Complex Syst. 3, 87 (2000)";
  info.schema = Schema(
      "deffuant",
      {
          open_min(real_param("epsilon", 0.2, 0.0, 1.8,
                              "confidence bound: pairs closer than this interact", "opinion",
                              "Deffuant et al. 2000")),
          open_min(real_param("mu", 0.5, 0.0, 0.5, "convergence parameter (0.5 = meet halfway)",
                              "", "Deffuant et al. 2000")),
          int_param("dims", 1, 1, 64, "number of opinion dimensions D (vector model when > 1)"),
          string_param("pair_selection", "edge", {"edge", "node"},
                       "edge: uniformly random edge; node: random node then random neighbour"),
          real_param("tolerance", 1e-6, 0.0, 1.0,
                     "convergence: largest opinion change in a sweep at or below this"),
      });
  info.make = [](const ModelContext& ctx) { return std::make_unique<Deffuant>(ctx); };
  return info;
}

}  // namespace microcosm::classic
