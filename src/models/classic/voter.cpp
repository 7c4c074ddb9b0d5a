// Voter model: binary states, node or link update, running counts of +1
// states and active links so the absorbing state is detected in O(1).
#include "microcosm/models/classic/voter.hpp"
#include "checkpoint_io.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "microcosm/core/rng.hpp"
#include "microcosm/models/classic/interaction.hpp"

namespace microcosm::classic {
namespace {

enum class InitialState { Exact, Bernoulli, HighDegree, LowDegree };

InitialState parse_initial(const std::string& s) {
  if (s == "bernoulli") return InitialState::Bernoulli;
  if (s == "high_degree") return InitialState::HighDegree;
  if (s == "low_degree") return InitialState::LowDegree;
  return InitialState::Exact;
}

class Voter final : public Model {
 public:
  explicit Voter(const ModelContext& ctx)
      : net_(ctx.network),
        n_(net_->num_nodes()),
        link_update_(ctx.params.str("update") == "link"),
        seed_(ctx.seed),
        s_(n_, std::int8_t{-1}) {
    const auto& g = net_->graph;
    if (!net_->mean_field) {
      if (g.directed()) in_ = g.transpose();
      if (link_update_) arc_source_ = arc_sources(g);
      for (NodeId u = 0; u < n_; ++u) {
        for (NodeId v : g.neighbors(u)) non_loop_arcs_ += (v != u);
      }
    }
    initialise(ctx.params.real("rho0"), parse_initial(ctx.params.str("initial_state")));
    // Active arcs of the initial state, counted once in O(m).
    if (!net_->mean_field) {
      for (NodeId u = 0; u < n_; ++u) {
        for (NodeId v : g.neighbors(u)) active_ += (s_[u] != s_[v]);
      }
    }
    if (absorbed()) absorbed_at_ = 0;
  }

  void step() override {
    if (!absorbed()) {
      Rng rng(seed_, "voter.dynamics", 0, t_);
      for (std::uint64_t k = 0; k < n_; ++k) {
        const auto [i, j] = pick(rng);
        if (j == kNoNode || s_[i] == s_[j]) continue;
        flip(i);
        if (absorbed()) {
          absorbed_at_ = t_ * n_ + k + 1;
          break;
        }
      }
    }
    ++t_;
  }

  std::uint64_t time() const override { return t_; }
  bool converged() const override { return absorbed(); }

  std::vector<std::string> metric_names() const override {
    return {"magnetization", "density", "active_link_density", "consensus", "consensus_time"};
  }

  void compute_metrics(std::span<double> out) const override {
    const double n = static_cast<double>(n_);
    const double plus = static_cast<double>(n_plus_);
    const bool consensus = n_plus_ == 0 || n_plus_ == n_;
    out[0] = n_ ? (2.0 * plus - n) / n : 0.0;
    out[1] = n_ ? plus / n : 0.0;
    if (net_->mean_field) {
      // Discordant unordered pairs over all pairs.
      out[2] = n_ > 1 ? plus * (n - plus) / (n * (n - 1.0) / 2.0) : 0.0;
    } else {
      out[2] =
          non_loop_arcs_ ? static_cast<double>(active_) / static_cast<double>(non_loop_arcs_) : 0.0;
    }
    out[3] = consensus ? 1.0 : 0.0;
    out[4] = consensus && absorbed_at_ != kNever
                 ? static_cast<double>(absorbed_at_) / std::max(n, 1.0)
                 : std::numeric_limits<double>::quiet_NaN();
  }

  AgentTable agent_table() const override {
    AgentTable t;
    t.columns = {"state"};
    t.values.emplace_back(s_.begin(), s_.end());
    return t;
  }
  std::size_t num_agents() const override { return n_; }
  std::vector<StateView> state_views() const override { return {StateView::of("state", s_)}; }
  // Checkpoints (voter_checkpoint.cpp).
  void save_state(StateWriter& w) const override { save_voter(w, s_, n_plus_, active_, t_, absorbed_at_); }
  void load_state(StateReader& r) override { load_voter(r, s_, n_plus_, active_, t_, absorbed_at_); }

 private:
  static constexpr std::uint64_t kNever = std::numeric_limits<std::uint64_t>::max();

  // Places round(rho0 N) (exact, high_degree, low_degree) or Binomial(N,
  // rho0) (bernoulli) +1 states. Ties in degree are broken by a seeded
  // shuffle, so the placement is reproducible and unbiased among equals.
  void initialise(double rho0, InitialState how) {
    if (how == InitialState::Bernoulli) {
      for (NodeId i = 0; i < n_; ++i) {
        if (Rng(seed_, "voter.init", i).bernoulli(rho0)) s_[i] = 1;
      }
    } else {
      std::vector<NodeId> order(n_);
      std::iota(order.begin(), order.end(), NodeId{0});
      Rng rng(seed_, "voter.init");
      for (std::size_t i = n_; i > 1; --i) {
        std::swap(order[i - 1], order[rng.bounded(i)]);
      }
      if (!net_->mean_field && how != InitialState::Exact) {
        const auto& g = net_->graph;
        const bool high = how == InitialState::HighDegree;
        std::stable_sort(order.begin(), order.end(), [&](NodeId a, NodeId b) {
          return high ? g.degree(a) > g.degree(b) : g.degree(a) < g.degree(b);
        });
      }
      const auto k = static_cast<std::size_t>(std::llround(rho0 * static_cast<double>(n_)));
      for (std::size_t r = 0; r < k; ++r) s_[order[r]] = 1;
    }
    n_plus_ = static_cast<std::uint64_t>(std::count(s_.begin(), s_.end(), std::int8_t{1}));
  }

  // (listener, source) of one microstep: the listener copies the source.
  std::pair<NodeId, NodeId> pick(Rng& rng) const noexcept {
    if (link_update_ && !net_->mean_field) {
      if (arc_source_.empty()) return {kNoNode, kNoNode};
      const EdgeIndex e = rng.bounded(arc_source_.size());
      return {arc_source_[e], net_->graph.targets()[e]};
    }
    // Node update; under mean field link update is the same process (a
    // uniformly random ordered pair).
    const auto i = static_cast<NodeId>(rng.bounded(n_));
    return {i, random_neighbor(rng, *net_, i)};
  }

  // Flips s_i and updates the running counts: O(1) under mean field,
  // O(degree) on a graph (arcs at i change between active and inactive).
  void flip(NodeId i) noexcept {
    const std::int8_t old = s_[i];
    if (!net_->mean_field) {
      std::int64_t delta = 0;
      for (NodeId j : net_->graph.neighbors(i)) {
        if (j != i) delta += s_[j] == old ? 1 : -1;
      }
      if (net_->graph.directed()) {
        for (NodeId j : in_.neighbors(i)) {
          if (j != i) delta += s_[j] == old ? 1 : -1;
        }
      } else {
        delta *= 2;  // each undirected edge is stored as two arcs
      }
      active_ = static_cast<std::uint64_t>(static_cast<std::int64_t>(active_) + delta);
    }
    s_[i] = static_cast<std::int8_t>(-old);
    if (old < 0) {
      ++n_plus_;
    } else {
      --n_plus_;
    }
  }

  // No microstep can change the state any more.
  bool absorbed() const noexcept {
    if (net_->mean_field) return n_plus_ == 0 || n_plus_ == n_;
    return active_ == 0;
  }

  std::shared_ptr<const Network> net_;
  std::uint64_t n_;
  bool link_update_;
  std::uint64_t seed_;
  std::vector<std::int8_t> s_;  // -1 or +1
  std::uint64_t n_plus_ = 0;
  std::uint64_t active_ = 0;         // stored arcs u->v, u != v, with s_u != s_v
  std::uint64_t non_loop_arcs_ = 0;  // stored arcs u->v with u != v
  CsrGraph in_;                      // in-neighbours (directed graphs only)
  std::vector<NodeId> arc_source_;   // link update on a stored graph
  std::uint64_t t_ = 0;
  std::uint64_t absorbed_at_ = kNever;  // microstep count at absorption
};

}  // namespace

ModelInfo voter_model_info() {
  using namespace spec;
  ModelInfo info;
  info.name = "voter";
  info.summary = "Voter model: binary states, a node copies a random neighbour";
  info.semantics =
      "Asynchronous. One step = one sweep of N microsteps (random sequential with replacement). "
      "update = node: a uniformly random node i copies the state of a uniformly random "
      "(out-)neighbour j (uniform j != i under mean field); the degree-weighted density "
      "sum k_i s_i / sum k_i is conserved on average. update = link: a uniformly random edge is "
      "chosen with a random orientation and its source copies its target (on directed graphs "
      "the follower copies the followed); the plain density of +1 is conserved on average. "
      "Under mean field both updates are the same process. A sweep stops early once the "
      "absorbing state is reached; consensus_time is then the exact number of microsteps / N. "
      "Converged when no edge joins different states (consensus on connected graphs and mean "
      "field; a frozen mixed state on disconnected graphs). Isolated nodes never change.";
  info.reference =
      "Castellano, Fortunato & Loreto, Rev. Mod. Phys. 81, 591 (2009); Sood & Redner, PRL 94, "
      "178701 (2005); Suchecki, Eguíluz & San Miguel, PRE 72, 036132 (2005)";
  auto initial = string_param(
      "initial_state", "exact", {"exact", "bernoulli", "high_degree", "low_degree"},
      "placement of the +1 states: exact = round(rho0 N) nodes chosen by a seeded shuffle; "
      "bernoulli = each node +1 independently with probability rho0; high_degree / low_degree = "
      "the round(rho0 N) nodes of highest / lowest degree (ties by a seeded shuffle), which makes "
      "the degree-weighted density differ from rho0");
  initial.source = "Sood & Redner 2005 (degree-weighted density)";
  auto update = string_param(
      "update", "node", {"node", "link"},
      "node: random node copies a random neighbour; link: random edge, random endpoint copies "
      "the other");
  update.source = "Sood & Redner 2005 (node); Suchecki, Eguíluz & San Miguel 2005 (link)";
  info.schema =
      Schema("voter", {
                          real_param("rho0", 0.5, 0.0, 1.0, "initial density of +1 states",
                                     "fraction", "Castellano, Fortunato & Loreto 2009, Sec. III.A"),
                          initial,
                          update,
                      });
  info.metrics = {
      {"magnetization", "(N+ - N-) / N, in [-1, 1]"},
      {"density", "share of agents in state +1"},
      {"active_link_density",
       "share of discordant links (under mean field: of all pairs), the order parameter of Vazquez & "
       "Eguiluz 2008"},
      {"consensus", "1 once every agent holds the same state, else 0"},
      {"consensus_time",
       "microsteps to consensus / N (nan until consensus is reached)"},
  };
  info.make = [](const ModelContext& ctx) { return std::make_unique<Voter>(ctx); };
  return info;
}

}  // namespace microcosm::classic
