// Mainstream media (MODEL.md §4.3-4.4) and offline contact (§4.5).
#include <algorithm>
#include <cmath>

#include "microcosm/models/mechanisms/bounded_confidence.hpp"
#include "mim.hpp"

namespace microcosm::mim {

void MimModel::phase_mainstream_and_offline() {
  AgentState& a = agents_;
  const std::size_t n = a.n;
  const int dims = p_.dims;
  // The mainstream pull and each offline contact's bounded-confidence pull
  // are per-target deltas, averaged and applied at the end of the sub-phase
  // (§3 step 5b), so every distance test uses the positions the sub-phase
  // started from and the order of sources does not matter.
  auto& delta = pull_delta_;
  auto& count = pull_count_;
  delta.assign(n * static_cast<std::size_t>(dims), 0.0);
  count.assign(n, 0);

  if (p_.mainstream_on) {
    // Every agent reads one mainstream item with probability m_i R(t),
    // independent of activity. No repulsion from the mainstream.
    #pragma omp parallel for schedule(static)
    for (std::size_t i = 0; i < n; ++i) {
      if (a.disinformation[i]) continue;
      Rng rng(seed_, "mim.mainstream", i, t_);
      if (!(rng.uniform() < a.media[i] * media_reach_)) continue;
      const auto id = static_cast<NodeId>(i);
      std::array<double, kMaxDims> y{};
      for (int d = 0; d < dims; ++d) y[d] = std::clamp(p_.media_spread * rng.normal(), -1.0, 1.0);
      const double* x = a.pos(id);
      const double dist = distance(x, y.data());
      const double eps_i = latitude(id);
      a.counts.mainstream_read[i] = 1;
      if (mechanisms::within_confidence<mechanisms::Bound::Closed>(dist, eps_i)) {
        const double step = p_.mu0 * (1.0 - a.conviction[i]) * a.trust[i];
        for (int d = 0; d < dims; ++d) delta[i * dims + d] += mechanisms::pull(x[d], y[d], step);
        count[i] = 1;
        a.trust[i] += p_.media_trust_gain * (1.0 - a.trust[i]);
        a.civic[i] = std::min(1.0, a.civic[i] + p_.kappa_hm);
      } else {
        // An item the reader rejects from its group's antagonist is a hostile
        // encounter (§4.7 E) when that antagonist is the mainstream.
        const CommunityId g = a.primary(id);
        if (g != kNoCommunity && communities_[g].antagonist == kMainstreamAntagonist &&
            dist >= rejection(id)) {
          a.counts.rejected_hostile_sources[i] += 1;
        }
        const double span = std::max(0.5 - eps_i, 1e-6);
        a.trust[i] -= p_.media_trust_loss * a.trust[i] * std::min(1.0, (dist - eps_i) / span);
        a.trust[i] = std::max(0.0, a.trust[i]);
      }
    }
  }

  if (!p_.offline_on) {
    apply_averaged_pulls();
    return;
  }
  // Offline contact: initiators in id order; both sides accumulate the
  // bounded-confidence pull of each contact.
  const double theta = p_.theta_off;
  // Share of one's offline network in use: o_min + (1 - o_min) o.
  const auto propensity = [&](double o) { return p_.o_min + (1.0 - p_.o_min) * o; };
  for (std::size_t i = 0; i < n; ++i) {
    if (a.disinformation[i]) continue;
    Rng rng(seed_, "mim.offline", i, t_);
    const double fi = effects_.offline_factor_of(i);
    if (!(rng.uniform() < theta * fi * propensity(a.offline[i]))) continue;
    const auto row = offline_.neighbors(static_cast<NodeId>(i));
    if (row.empty()) continue;
    const NodeId j = row[rng.bounded(row.size())];
    // A meeting needs both out: a locked-down neighbour meets with its own
    // factor, so the contact happens with theta min(f_i, f_j) (a draw only
    // when the factors differ: a lockdown of everyone takes none).
    const double fj = effects_.offline_factor_of(j);
    if (fj < fi && !(rng.uniform() * fi < fj)) continue;
    a.counts.offline_contact[i] = 1;
    a.counts.offline_contact[j] = 1;
    const CommunityId pi = a.primary(static_cast<NodeId>(i));
    const CommunityId pj = a.primary(j);
    if (out_group_of(pi, pj)) a.counts.offline_outgroup[i] = 1;
    if (out_group_of(pj, pi)) a.counts.offline_outgroup[j] = 1;
    const double* xi = a.pos(static_cast<NodeId>(i));
    const double* xj = a.pos(j);
    if (!mechanisms::within_confidence<mechanisms::Bound::Closed>(distance(xi, xj), eps_off_)) continue;
    const double mi = p_.mu0 * (1.0 - a.conviction[i]);
    const double mj = p_.mu0 * (1.0 - a.conviction[j]);
    for (int d = 0; d < dims; ++d) {
      delta[i * dims + d] += mechanisms::pull(xi[d], xj[d], mi);
      delta[static_cast<std::size_t>(j) * dims + d] += mechanisms::pull(xj[d], xi[d], mj);
    }
    ++count[i];
    ++count[j];
  }
  apply_averaged_pulls();
  #pragma omp parallel for schedule(static)
  for (std::size_t i = 0; i < n; ++i) {
    const double o = a.offline[i];
    const double contact = a.counts.offline_contact[i];
    // "through_ties": a contact renews ties in proportion to the network in use.
    const double renewal = p_.recovery_through_ties ? propensity(o) : 1.0;
    a.offline[i] = std::clamp(o + p_.r_up * (1.0 - o) * renewal * contact - p_.r_down * o * (1.0 - contact), 0.0, 1.0);
  }
}

void MimModel::apply_averaged_pulls() {
  AgentState& a = agents_;
  const int dims = p_.dims;
  #pragma omp parallel for schedule(static)
  for (std::size_t i = 0; i < a.n; ++i) {
    const std::uint32_t c = pull_count_[i];
    if (c == 0) continue;
    double* x = a.x.data() + i * dims;
    for (int d = 0; d < dims; ++d) x[d] = std::clamp(x[d] + pull_delta_[i * dims + d] / c, -1.0, 1.0);
  }
}

}  // namespace microcosm::mim
