// Needs (MODEL.md §4.6), then hostility, trust, civic identity and media
// reliance (§4.7), for every agent; each agent reads only its own tallies
// and the community aggregates, so the loop is parallel.
#include <algorithm>
#include <array>
#include <cmath>

#include "mim.hpp"

namespace microcosm::mim {

namespace {
double sat(double x, double x0) { return 1.0 - std::exp(-x / x0); }
double clip1(double v) { return std::clamp(v, -1.0, 1.0); }
double clip01(double v) { return std::clamp(v, 0.0, 1.0); }
constexpr double kFixedPointScale = 4294967296.0;  // 2^32
}  // namespace

void MimModel::phase_psychology() {
  AgentState& a = agents_;
  const std::size_t n = a.n;
  const bool has_effects = effects_.any_agent_effects;
  // Summed in fixed point (2^-32) so the parallel sum is exact and the same
  // for any thread count.
  std::uint64_t from_groups_fixed = 0;
  // Relaxation rate per need: belonging has its own (needs.belonging_rate).
  std::array<double, 4> rates{};
  rates.fill(p_.need_rate);
  rates[kBelonging] = p_.belonging_rate;
  #pragma omp parallel for schedule(static) reduction(+ : from_groups_fixed)
  for (std::size_t i = 0; i < n; ++i) {
    if (a.disinformation[i]) continue;
    const auto id = static_cast<NodeId>(i);
    const double A = a.tallies.approvals[i];
    const double O = a.counts.offline_contact[i];
    const double R = a.tallies.hostile[i];
    const double P = a.tallies.prejudice[i];
    const double C = a.counts.upward[i];
    const double M = a.tallies.moderated[i];
    const std::size_t base = i * kMaxMemberships;

    double belonging_groups = 0.0, status = 0.0, coherence = 0.0, u_total = 0.0;
    bool member = false;
    for (int k = 0; k < kMaxMemberships; ++k) {
      const CommunityId g = a.member_of[base + k];
      if (g == kNoCommunity) continue;
      member = true;
      const double u = a.identification[base + k];
      const double engaged = log_.slot_engaged[base + k];
      belonging_groups += u * intimacy(g) * engaged;
      const double ag = log_.slot_approvals[base + k];
      const double abar = community_mean_approvals_[g];
      const double st = ag + abar > 0.0 ? ag / (ag + abar) : 0.5;
      status += u * (st - 0.5);
      coherence += u * community_coherence_[g];
      u_total += u;
    }
    const double kappa_bar = u_total > 0.0 ? coherence / u_total : 0.0;
    const double lonely_day = (A == 0.0 && O == 0.0 && !member) ? 1.0 : 0.0;

    const double from_groups = 0.3 * belonging_groups;
    from_groups_fixed += static_cast<std::uint64_t>(std::llround(from_groups * kFixedPointScale));
    double in_b = 0.3 * sat(A, 3.0) + 0.4 * O + from_groups - 0.2 * lonely_day;
    double in_s = 0.3 * sat(A, 3.0) + 0.2 * status - 0.2 * sat(C, 3.0) - 0.5 * sat(R + P, 1.0);
    const double reads = std::max<double>(1.0, a.counts.read[i]);
    double in_c = 0.3 * (a.counts.confirming[i] - a.counts.contradicting[i]) / reads +
                  0.2 * kappa_bar;
    const Platform& plat = platforms_[a.platform[i]];
    double in_f = -0.5 * sat(M, 1.0) + (a.active[i] && plat.moderation == 0.0 ? 0.1 : 0.0) -
                  0.3 * a.labour[i];
    if (has_effects) {
      in_b += effects_.belonging_input[i];
      in_s += effects_.significance_input[i];
      // −0.3 when a crisis or a lockdown affects i (§4.6), once even if both do.
      in_c += effects_.certainty_input[i] - (effects_.in_crisis[i] ? 0.3 : 0.0);
      in_f += effects_.freedom_input[i];
    }
    if (p_.needs_on) {
      const double inputs[4] = {clip1(in_s), clip1(in_c), clip1(in_b), clip1(in_f)};
      for (int k = 0; k < 4; ++k) {
        double& v = a.need[k][i];
        const double r = rates[k];
        v = clip01(v + r * (a.need_set[k][i] - v) + r * p_.need_gain * inputs[k]);
      }
    }
    a.lonely_days[i] += a.need[kBelonging][i] < 0.3;
    if (!p_.hostility_on) continue;
    // Hostility grows with hostile encounters when frustrated and identified.
    const double u_p = a.primary_identification(id);
    const double phi = frustration(id);
    const double E = std::min(1.0, a.counts.rejected_hostile_sources[i] / 2.0 +
                                       sat(a.tallies.hostile_outgroup[i], 1.0));
    double& H = a.hostility[i];
    // Intergroup contact (Allport 1954; Pettigrew & Tropp 2006): a day with an
    // offline contact across identities adds its own decay.
    const double decay = p_.hostility_decay + p_.contact_decay * a.counts.offline_outgroup[i];
    H = clip01(H + p_.hostility_rate * (1.0 - a.civic[i]) * u_p * phi * E * (1.0 - H) - decay * H);
    a.trust[i] = clip01(a.trust[i] + p_.trust_relax * (a.trust_set[i] - a.trust[i]));
    a.civic[i] = clip01(a.civic[i] + p_.civic_rate * (a.civic_set[i] - a.civic[i]) -
                        p_.kappa_hu * u_p * H * a.civic[i]);
    a.media[i] = clip01(a.media[i] + p_.r_m * (a.trust[i] - a.trust_set[i]));
  }
  belonging_from_groups_sum_ = static_cast<double>(from_groups_fixed) / kFixedPointScale;
}

}  // namespace microcosm::mim
