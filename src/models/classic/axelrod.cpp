#include "microcosm/models/classic/axelrod.hpp"
#include "checkpoint_io.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <fmt/format.h>

#include "microcosm/core/error.hpp"
#include "microcosm/models/classic/interaction.hpp"

namespace microcosm::classic {

std::uint32_t poisson_variate(Rng& rng, double mean) noexcept {
  // A sum of independent Poisson variates is Poisson with the summed mean;
  // chunks of mean <= 16 keep exp(-chunk) far from underflow.
  std::uint32_t total = 0;
  while (mean > 0.0) {
    const double chunk = std::min(mean, 16.0);
    mean -= chunk;
    const double limit = std::exp(-chunk);
    double p = rng.uniform();
    while (p > limit) {
      ++total;
      p *= rng.uniform();
    }
  }
  return total;
}

namespace {

// Largest trait value storable; Poisson draws above it are clamped (for the
// allowed q <= 1000 this never happens in practice: P < 1e-300).
constexpr std::uint32_t kMaxTrait = 65535;
// Complete mixing updates every pair after a change: O(N F); keep N modest.
constexpr std::size_t kMaxMeanFieldAgents = 10'000;

struct UnionFind {
  explicit UnionFind(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0u); }
  std::uint32_t find(std::uint32_t a) {
    while (parent[a] != a) {
      parent[a] = parent[parent[a]];
      a = parent[a];
    }
    return a;
  }
  void unite(std::uint32_t a, std::uint32_t b) {
    a = find(a);
    b = find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
  std::vector<std::uint32_t> parent;
};

// Trait is uint8_t when every initial trait is < 256, else uint16_t.
template <typename Trait>
class Axelrod final : public Model {
 public:
  Axelrod(const ModelContext& ctx, std::size_t features, const std::vector<std::uint32_t>& traits)
      : net_(ctx.network),
        n_(net_->num_nodes()),
        F_(features),
        seed_(ctx.seed),
        culture_(traits.size()) {
    for (std::size_t k = 0; k < traits.size(); ++k) culture_[k] = static_cast<Trait>(traits[k]);
    const auto& g = net_->graph;
    if (net_->mean_field) {
      total_edges_ = n_ * (n_ - 1) / 2;
      for (NodeId u = 0; u < n_; ++u) {
        for (NodeId v = u + 1; v < n_; ++v) active_ += is_active(equal_features(u, v));
      }
    } else {
      if (g.directed()) in_graph_ = g.transpose();
      total_edges_ = g.directed() ? g.num_arcs() : g.num_edges();
      for (NodeId u = 0; u < n_; ++u) {
        for (NodeId v : g.neighbors(u)) {
          if (!g.directed() && v < u) continue;  // each undirected edge once
          active_ += is_active(equal_features(u, v));
        }
      }
    }
  }

  void step() override {
    Rng rng(seed_, "axelrod.dynamics", 0, t_);
    for (std::size_t k = 0; k < n_; ++k) {
      const auto i = static_cast<NodeId>(rng.bounded(n_));
      const NodeId j = random_neighbor(rng, *net_, i);
      if (j == kNoNode) continue;
      const std::size_t eq = equal_features(i, j);
      if (eq == 0 || eq == F_) continue;
      // Interact with probability w = eq / F.
      if (!(rng.uniform() * static_cast<double>(F_) < static_cast<double>(eq))) continue;
      // The d-th feature (in order) on which i and j differ.
      std::size_t d = rng.bounded(F_ - eq);
      Trait* ci = culture_.data() + static_cast<std::size_t>(i) * F_;
      const Trait* cj = culture_.data() + static_cast<std::size_t>(j) * F_;
      std::size_t f = 0;
      for (;; ++f) {
        if (ci[f] != cj[f] && d-- == 0) break;
      }
      const Trait old = ci[f];
      ci[f] = cj[f];
      on_change(i, f, old);
    }
    ++t_;
  }

  std::uint64_t time() const override { return t_; }
  bool converged() const override { return active_ == 0; }

  std::vector<std::string> metric_names() const override {
    return {"largest_region_share", "regions", "active_edge_density", "distinct_cultures"};
  }

  void compute_metrics(std::span<double> out) const override {
    const std::vector<std::uint32_t> region = regions();
    std::vector<std::uint32_t> size(n_, 0);
    for (std::uint32_t r : region) ++size[r];
    std::size_t count = 0, largest = 0;
    for (std::uint32_t s : size) {
      count += s > 0;
      largest = std::max<std::size_t>(largest, s);
    }
    const double n = static_cast<double>(n_);
    out[0] = n_ ? static_cast<double>(largest) / n : 0.0;
    out[1] = static_cast<double>(count);
    out[2] = total_edges_ ? static_cast<double>(active_) / static_cast<double>(total_edges_) : 0.0;
    out[3] = static_cast<double>(distinct_cultures());
  }

  AgentTable agent_table() const override {
    AgentTable t;
    for (std::size_t f = 0; f < F_; ++f) {
      t.columns.push_back(fmt::format("feature_{}", f));
      std::vector<double> col(n_);
      for (std::size_t i = 0; i < n_; ++i) col[i] = culture_[i * F_ + f];
      t.values.push_back(std::move(col));
    }
    const std::vector<std::uint32_t> region = regions();
    std::vector<std::uint32_t> size(n_, 0);
    for (std::uint32_t r : region) ++size[r];
    t.columns.push_back("region");
    t.columns.push_back("region_size");
    std::vector<double> id(n_), sz(n_);
    for (std::size_t i = 0; i < n_; ++i) {
      id[i] = region[i];
      sz[i] = size[region[i]];
    }
    t.values.push_back(std::move(id));
    t.values.push_back(std::move(sz));
    return t;
  }

  std::size_t num_agents() const override { return n_; }
  std::vector<StateView> state_views() const override {
    return {StateView::of("culture", culture_, F_)};
  }
  // Checkpoints (axelrod_checkpoint.cpp).
  void save_state(StateWriter& w) const override { save_axelrod(w, culture_, active_, t_); }
  void load_state(StateReader& r) override { load_axelrod(r, culture_, active_, t_); }

 private:
  std::size_t equal_features(NodeId u, NodeId v) const noexcept {
    const Trait* cu = culture_.data() + static_cast<std::size_t>(u) * F_;
    const Trait* cv = culture_.data() + static_cast<std::size_t>(v) * F_;
    std::size_t eq = 0;
    for (std::size_t f = 0; f < F_; ++f) eq += cu[f] == cv[f];
    return eq;
  }
  bool is_active(std::size_t eq) const noexcept { return eq > 0 && eq < F_; }

  // i's feature f changed from `old`: update the active state of every edge
  // at i. Only f changed, so the old overlap follows from the new one.
  void on_change(NodeId i, std::size_t f, Trait old) {
    const Trait nw = culture_[static_cast<std::size_t>(i) * F_ + f];
    auto update = [&](NodeId k) {
      const Trait tk = culture_[static_cast<std::size_t>(k) * F_ + f];
      const std::size_t eq_new = equal_features(i, k);
      const std::size_t eq_old = eq_new - (nw == tk) + (old == tk);
      active_ += is_active(eq_new);
      active_ -= is_active(eq_old);
    };
    if (net_->mean_field) {
      for (NodeId k = 0; k < n_; ++k) {
        if (k != i) update(k);
      }
      return;
    }
    for (NodeId k : net_->graph.neighbors(i)) {
      if (k != i) update(k);
    }
    if (net_->graph.directed()) {
      for (NodeId k : in_graph_.neighbors(i)) {
        if (k != i) update(k);
      }
    }
  }

  // Cultural regions: connected components of the graph restricted to
  // edges between identical cultures (every pair is an edge under mean
  // field). Region ids are the smallest agent id of the region.
  std::vector<std::uint32_t> regions() const {
    std::vector<std::uint32_t> id(n_);
    if (net_->mean_field) {
      const std::vector<std::uint32_t> order = sorted_by_culture();
      for (std::size_t start = 0; start < n_;) {
        std::size_t end = start + 1;
        while (end < n_ && equal_features(order[end - 1], order[end]) == F_) ++end;
        const std::uint32_t lo = *std::min_element(order.begin() + static_cast<std::ptrdiff_t>(start),
                                                   order.begin() + static_cast<std::ptrdiff_t>(end));
        for (std::size_t k = start; k < end; ++k) id[order[k]] = lo;
        start = end;
      }
      return id;
    }
    UnionFind uf(n_);
    for (NodeId u = 0; u < n_; ++u) {
      for (NodeId v : net_->graph.neighbors(u)) {
        if (equal_features(u, v) == F_) uf.unite(u, v);
      }
    }
    for (std::uint32_t i = 0; i < n_; ++i) id[i] = uf.find(i);
    return id;
  }

  std::vector<std::uint32_t> sorted_by_culture() const {
    std::vector<std::uint32_t> order(n_);
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
      return std::lexicographical_compare(culture_.begin() + a * F_, culture_.begin() + (a + 1) * F_,
                                          culture_.begin() + b * F_, culture_.begin() + (b + 1) * F_);
    });
    return order;
  }

  std::size_t distinct_cultures() const {
    const std::vector<std::uint32_t> order = sorted_by_culture();
    std::size_t count = 0;
    for (std::size_t k = 0; k < n_; ++k) {
      count += k == 0 || equal_features(order[k - 1], order[k]) != F_;
    }
    return count;
  }

  std::shared_ptr<const Network> net_;
  std::size_t n_, F_;
  std::uint64_t seed_;
  std::vector<Trait> culture_;  // agent-major: culture_[i * F + f]
  CsrGraph in_graph_;           // transpose, for directed graphs only
  std::size_t total_edges_ = 0;
  std::size_t active_ = 0;      // edges with 0 < overlap < 1
  std::uint64_t t_ = 0;
};

std::unique_ptr<Model> make_axelrod(const ModelContext& ctx) {
  const auto F = static_cast<std::size_t>(ctx.params.integer("features"));
  const double q = ctx.params.real("q");
  const bool poisson = ctx.params.str("trait_distribution") == "poisson";
  if (!poisson && (q != std::floor(q) || q < 1.0 || q > kMaxTrait + 1.0)) {
    throw ParameterError(fmt::format(
        "axelrod: q = {} must be an integer in [1, {}] with trait_distribution = \"uniform\" (use "
        "\"poisson\" for real q)",
        q, kMaxTrait + 1));
  }
  if (poisson && q > 1000.0) {
    throw ParameterError(fmt::format(
        "axelrod: q = {} is outside the valid range (0, 1000] for trait_distribution = \"poisson\"",
        q));
  }
  const Network& net = *ctx.network;
  const std::size_t n = net.num_nodes();
  if (net.mean_field && n > kMaxMeanFieldAgents) {
    throw ParameterError(fmt::format(
        "axelrod: complete mixing (network kind mean_field) supports at most {} agents, got {}; "
        "use a graph (lattice, erdos_renyi, ...)",
        kMaxMeanFieldAgents, n));
  }
  std::vector<std::uint32_t> traits(n * F);
  std::uint32_t largest = 0;
  for (std::size_t i = 0; i < n; ++i) {
    Rng rng(ctx.seed, "axelrod.init", i);
    for (std::size_t f = 0; f < F; ++f) {
      const std::uint32_t v =
          poisson ? std::min(poisson_variate(rng, q), kMaxTrait)
                  : static_cast<std::uint32_t>(rng.bounded(static_cast<std::uint64_t>(q)));
      traits[i * F + f] = v;
      largest = std::max(largest, v);
    }
  }
  if (largest < 256) return std::make_unique<Axelrod<std::uint8_t>>(ctx, F, traits);
  return std::make_unique<Axelrod<std::uint16_t>>(ctx, F, traits);
}

}  // namespace

ModelInfo axelrod_model_info() {
  using namespace spec;
  ModelInfo info;
  info.name = "axelrod";
  info.summary = "Axelrod culture dissemination (F features, q traits; CMV Poisson traits)";
  info.semantics =
      "One step = one sweep of N asynchronous microsteps in random sequential order: a uniformly "
      "random agent i and a uniformly random neighbour j (any other agent under mean field); with "
      "probability w = (features equal)/F, if 0 < w < 1, i copies j's trait on one uniformly "
      "random feature where they differ. Converged (absorbing) when every edge has w = 0 or 1. "
      "Traits are stored as 8-bit integers when all initial traits are < 256, else 16-bit "
      "(Poisson draws above 65535 would be clamped; impossible for q <= 1000). Regions are "
      "connected components of edges joining identical cultures.";
  info.reference =
      "Axelrod, J. Conflict Resolut. 41, 203 (1997); Castellano, Marsili & Vespignani, Phys. Rev. "
      "Lett. 85, 3536 (2000)";
  info.schema = Schema(
      "axelrod",
      {
          int_param("features", 5, 1, 1000, "number of cultural features F", "", "Axelrod 1997"),
          open_min(real_param("q", 10.0, 0.0, 65536.0,
                              "traits per feature (uniform: integer number of values 0..q-1; "
                              "poisson: mean of the Poisson trait distribution, <= 1000)",
                              "", "Axelrod 1997; Castellano et al. 2000")),
          with_source(string_param("trait_distribution", "uniform", {"uniform", "poisson"},
                               "initial traits: uniform on {0..q-1} (Axelrod) or Poisson(q) (CMV)"),
                  "Axelrod 1997; Castellano et al. 2000"),
      });
  info.metrics = {
      {"largest_region_share",
       "share of agents in the largest cultural region (connected agents with identical cultures); "
       "the order parameter of Castellano et al. 2000"},
      {"regions", "number of cultural regions"},
      {"active_edge_density",
       "share of edges whose ends share some but not all features (they can still interact; 0 when "
       "frozen)"},
      {"distinct_cultures", "number of distinct feature vectors"},
  };
  info.make = make_axelrod;
  return info;
}

}  // namespace microcosm::classic
