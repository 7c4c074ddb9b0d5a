#include "microcosm/models/classic/tornberg.hpp"
#include "checkpoint_io.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "microcosm/core/error.hpp"
#include "microcosm/core/rng.hpp"

namespace microcosm::classic {

namespace {

// Mean share of equal flexible features over same-party pairs (first) and
// cross-party pairs (second), by counting agents per (party, feature,
// value): equal pairs within p on f are sum_v C(count, 2), between p < p'
// sum_v count_p * count_p'. NaN where there are no such pairs.
std::pair<double, double> shared_feature_means(std::span<const std::uint8_t> party,
                                               std::span<const std::uint8_t> flex,
                                               std::size_t parties, std::size_t features,
                                               std::size_t values) {
  const std::size_t n = party.size();
  std::vector<double> count(parties * features * values, 0.0);
  std::vector<double> members(parties, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t p = party[i];
    members[p] += 1.0;
    for (std::size_t f = 0; f < features; ++f) {
      count[(p * features + f) * values + flex[i * features + f]] += 1.0;
    }
  }
  double within_pairs = 0.0, between_pairs = 0.0, within_equal = 0.0, between_equal = 0.0;
  for (std::size_t p = 0; p < parties; ++p) {
    within_pairs += members[p] * (members[p] - 1.0) / 2.0;
    for (std::size_t p2 = p + 1; p2 < parties; ++p2) between_pairs += members[p] * members[p2];
    for (std::size_t f = 0; f < features; ++f) {
      const double* cp = count.data() + (p * features + f) * values;
      for (std::size_t v = 0; v < values; ++v) within_equal += cp[v] * (cp[v] - 1.0) / 2.0;
      for (std::size_t p2 = p + 1; p2 < parties; ++p2) {
        const double* cq = count.data() + (p2 * features + f) * values;
        for (std::size_t v = 0; v < values; ++v) between_equal += cp[v] * cq[v];
      }
    }
  }
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double nf = static_cast<double>(features);
  return {within_pairs > 0.0 ? within_equal / (within_pairs * nf) : nan,
          between_pairs > 0.0 ? between_equal / (between_pairs * nf) : nan};
}

}  // namespace

double partisan_sorting(std::span<const std::uint8_t> party, std::span<const std::uint8_t> flex,
                        std::size_t parties, std::size_t features, std::size_t values) {
  const auto [within, between] = shared_feature_means(party, flex, parties, features, values);
  return within - between;
}

double partisan_sorting_pairwise(std::span<const std::uint8_t> party,
                                 std::span<const std::uint8_t> flex, std::size_t features) {
  const std::size_t n = party.size();
  double within = 0.0, between = 0.0;
  std::size_t nw = 0, nb = 0;
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      std::size_t eq = 0;
      for (std::size_t f = 0; f < features; ++f) eq += flex[i * features + f] == flex[j * features + f];
      const double share = static_cast<double>(eq) / static_cast<double>(features);
      if (party[i] == party[j]) {
        within += share;
        ++nw;
      } else {
        between += share;
        ++nb;
      }
    }
  }
  if (nw == 0 || nb == 0) return std::numeric_limits<double>::quiet_NaN();
  return within / static_cast<double>(nw) - between / static_cast<double>(nb);
}

namespace {

class Tornberg final : public Model {
 public:
  explicit Tornberg(const ModelContext& ctx)
      : net_(ctx.network),
        n_(net_->num_nodes()),
        k_(static_cast<std::size_t>(ctx.params.integer("k"))),
        m_(static_cast<std::size_t>(ctx.params.integer("m"))),
        F_(static_cast<std::size_t>(ctx.params.integer("n"))),
        gamma_(ctx.params.real("gamma")),
        breakat_(static_cast<std::uint64_t>(ctx.params.integer("breakat"))),
        seed_(ctx.seed),
        party_(n_),
        flex_(n_ * F_) {
    if (net_->mean_field) {
      throw ParameterError(
          "tornberg: needs a network with stored edges (the paper uses a periodic lattice with "
          "Moore neighbourhood); network kind mean_field has none. Use gamma = 1 on a lattice for "
          "fully non-local interaction");
    }
    if (n_ < 2) throw ParameterError(fmt::format("tornberg: needs at least 2 agents, got {}", n_));
    // Weight table: sim^h for (same party, equal features).
    const double c = ctx.params.real("c");
    const double h = ctx.params.real("h");
    weight_.resize(2 * (F_ + 1));
    for (std::size_t same = 0; same < 2; ++same) {
      for (std::size_t eq = 0; eq <= F_; ++eq) {
        const double sim = (c * static_cast<double>(same) + static_cast<double>(eq)) /
                           (c + static_cast<double>(F_));
        weight_[same * (F_ + 1) + eq] = std::pow(sim, h);
      }
    }
    for (std::size_t i = 0; i < n_; ++i) {
      Rng rng(seed_, "tornberg.init", i);
      party_[i] = static_cast<std::uint8_t>(rng.bounded(k_));
      for (std::size_t f = 0; f < F_; ++f) flex_[i * F_ + f] = static_cast<std::uint8_t>(rng.bounded(m_));
    }
    std::uint32_t max_degree = 0;
    for (NodeId u = 0; u < n_; ++u) max_degree = std::max(max_degree, net_->graph.degree(u));
    pool_.reserve(max_degree);
    pool_weight_.reserve(max_degree);
  }

  void step() override {
    changes_ = 0;
    if (!converged()) {
      Rng rng(seed_, "tornberg.dynamics", 0, t_);
      for (std::size_t s = 0; s < n_; ++s) {
        if (microstep(rng)) {
          ++changes_;
          quiet_ = 0;
        } else if (++quiet_ > breakat_ * n_ && breakat_ > 0) {
          break;  // the reference code's stopping rule, applied mid-step
        }
      }
    }
    ++t_;
  }

  std::uint64_t time() const override { return t_; }
  bool converged() const override { return breakat_ > 0 && quiet_ > breakat_ * n_; }

  std::vector<std::string> metric_names() const override {
    return {"sorting", "within_shared", "between_shared", "distinct_profiles", "change_rate"};
  }

  void compute_metrics(std::span<double> out) const override {
    const auto [within, between] = shared_feature_means(party_, flex_, k_, F_, m_);
    out[0] = within - between;
    out[1] = within;
    out[2] = between;
    out[3] = static_cast<double>(distinct_profiles());
    out[4] = static_cast<double>(changes_) / static_cast<double>(n_);
  }

  AgentTable agent_table() const override {
    AgentTable t;
    t.columns.push_back("party");
    std::vector<double> p(n_);
    for (std::size_t i = 0; i < n_; ++i) p[i] = party_[i];
    t.values.push_back(std::move(p));
    for (std::size_t f = 0; f < F_; ++f) {
      t.columns.push_back(fmt::format("feature_{}", f));
      std::vector<double> col(n_);
      for (std::size_t i = 0; i < n_; ++i) col[i] = flex_[i * F_ + f];
      t.values.push_back(std::move(col));
    }
    return t;
  }

  std::size_t num_agents() const override { return n_; }
  std::vector<StateView> state_views() const override {
    return {StateView::of("party", party_), StateView::of("features", flex_, F_)};
  }
  // Checkpoints (tornberg_checkpoint.cpp).
  void save_state(StateWriter& w) const override { save_tornberg(w, party_, flex_, quiet_, changes_, t_); }
  void load_state(StateReader& r) override { load_tornberg(r, party_, flex_, quiet_, changes_, t_); }

 private:
  std::size_t equal_features(std::size_t i, std::size_t j) const noexcept {
    std::size_t eq = 0;
    for (std::size_t f = 0; f < F_; ++f) eq += flex_[i * F_ + f] == flex_[j * F_ + f];
    return eq;
  }

  // One microstep; true when i's features changed.
  bool microstep(Rng& rng) {
    const auto i = static_cast<NodeId>(rng.bounded(n_));
    const auto row = net_->graph.neighbors(i);
    const std::size_t deg = row.size();
    // Keep a uniformly random subset of deg - replaced neighbours (partial
    // Fisher–Yates), then add `replaced` distinct uniformly random agents
    // from the whole population (i itself may be among them, as in the
    // reference code's random.sample over all nodes).
    const auto replaced = static_cast<std::size_t>(std::floor(gamma_ * static_cast<double>(deg)));
    pool_.assign(row.begin(), row.end());
    const std::size_t keep = deg - replaced;
    for (std::size_t k = 0; k < keep; ++k) {
      std::swap(pool_[k], pool_[k + rng.bounded(deg - k)]);
    }
    pool_.resize(keep);
    for (std::size_t k = 0; k < replaced;) {
      const auto r = static_cast<NodeId>(rng.bounded(n_));
      if (std::find(pool_.begin() + static_cast<std::ptrdiff_t>(keep), pool_.end(), r) != pool_.end()) {
        continue;
      }
      pool_.push_back(r);
      ++k;
    }
    if (pool_.empty()) return false;
    pool_weight_.resize(pool_.size());
    for (std::size_t k = 0; k < pool_.size(); ++k) {
      const NodeId j = pool_[k];
      const std::size_t same = party_[i] == party_[j];
      pool_weight_[k] = weight_[same * (F_ + 1) + equal_features(i, j)];
    }
    const std::size_t pick = rng.weighted_choice(pool_weight_);
    if (pick == pool_weight_.size()) return false;  // all weights zero
    const NodeId j = pool_[pick];
    const std::size_t differ = F_ - equal_features(i, j);
    if (differ == 0) return false;
    std::size_t d = rng.bounded(differ);
    std::uint8_t* fi = flex_.data() + static_cast<std::size_t>(i) * F_;
    const std::uint8_t* fj = flex_.data() + static_cast<std::size_t>(j) * F_;
    for (std::size_t f = 0; f < F_; ++f) {
      if (fi[f] != fj[f] && d-- == 0) {
        fi[f] = fj[f];
        break;
      }
    }
    return true;
  }

  std::size_t distinct_profiles() const {
    std::vector<std::uint32_t> order(n_);
    for (std::uint32_t i = 0; i < n_; ++i) order[i] = i;
    auto begin = [&](std::uint32_t a) { return flex_.begin() + static_cast<std::ptrdiff_t>(a * F_); };
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
      return std::lexicographical_compare(begin(a), begin(a) + static_cast<std::ptrdiff_t>(F_), begin(b),
                                          begin(b) + static_cast<std::ptrdiff_t>(F_));
    });
    std::size_t count = 0;
    for (std::size_t k = 0; k < n_; ++k) {
      count += k == 0 || equal_features(order[k - 1], order[k]) != F_;
    }
    return count;
  }

  std::shared_ptr<const Network> net_;
  std::size_t n_, k_, m_, F_;
  double gamma_;
  std::uint64_t breakat_;
  std::uint64_t seed_;
  std::vector<std::uint8_t> party_;  // fixed identity
  std::vector<std::uint8_t> flex_;   // agent-major: flex_[i * F + f]
  std::vector<double> weight_;       // sim^h by (same party, equal features)
  std::vector<NodeId> pool_;         // interlocutor pool of the microstep
  std::vector<double> pool_weight_;
  std::uint64_t quiet_ = 0;          // consecutive microsteps without change
  std::uint64_t changes_ = 0;        // changes in the last step
  std::uint64_t t_ = 0;
};

}  // namespace

ModelInfo tornberg_model_info() {
  using namespace spec;
  ModelInfo info;
  info.name = "tornberg";
  info.summary = "partisan sorting by assimilative interaction with non-local (digital) contacts";
  info.semantics =
      "One step = N asynchronous microsteps. A microstep picks a uniformly random agent i; its pool "
      "is its neighbours with floor(gamma * degree) of them replaced: a uniformly random subset of "
      "degree - floor(gamma * degree) neighbours is kept and floor(gamma * degree) distinct "
      "uniformly random agents of the whole population are added (i itself may be drawn, as in the "
      "reference code). j is drawn from the pool with probability ∝ sim(i, j)^h, sim = "
      "(c [same party] + equal features) / (c + n); if every weight is 0 nothing happens, "
      "otherwise i copies j's value on one uniformly random feature where they differ. Runs on "
      "any graph's neighbourhoods; the paper's setting is a periodic square lattice with Moore "
      "neighbourhood (8 neighbours). Converged when more than breakat * N consecutive microsteps "
      "changed nothing (the reference stopping rule; the run stops mid-step and further steps do "
      "nothing).";
  info.reference =
      "Törnberg, PNAS 119(42): e2207159119 (2022); reference code cssmodels/tornberg2022pnas "
      "(sorting_model.py)";
  const std::string src = "Törnberg 2022; sorting_model.py defaults";
  info.schema = Schema(
      "tornberg",
      {
          int_param("k", 2, 1, 255, "number of parties (fixed identities)", "", src),
          int_param("m", 10, 1, 255, "values per flexible feature", "", src),
          int_param("n", 4, 1, 255, "number of flexible features", "", src),
          real_param("gamma", 0.0, 0.0, 1.0,
                     "share of each agent's neighbours replaced by random agents (digital media)",
                     "fraction", src),
          real_param("h", 8.0, 0.0, 100.0, "homophily exponent: partner chosen ∝ similarity^h", "",
                     src),
          real_param("c", 1.0, 0.0, 1000.0, "weight of a shared party in similarity", "features",
                     src),
          int_param("breakat", 10, 0, 1'000'000,
                    "converged after more than breakat * N consecutive microsteps without change "
                    "(0: never)",
                    "sweeps", src),
      });
  info.metrics = {
      {"sorting",
       "partisan sorting: within_shared - between_shared (Törnberg 2022; 0 when flexible features "
       "are independent of party)"},
      {"within_shared", "mean share of equal flexible features over same-party pairs"},
      {"between_shared", "mean share of equal flexible features over cross-party pairs"},
      {"distinct_profiles", "number of distinct flexible-feature profiles"},
      {"change_rate", "feature changes in the last step per agent"},
  };
  info.make = [](const ModelContext& ctx) { return std::make_unique<Tornberg>(ctx); };
  return info;
}

}  // namespace microcosm::classic
