// The columns of the micro-identity model's metrics.csv (MODEL.md §8), in
// recording order, with what each measures. observables.cpp writes them in
// this order; MimModel::metric_names() is read from here, so a column cannot
// go undescribed.
#include "microcosm/models/mim/mim_schema.hpp"

namespace microcosm::mim {

const std::vector<MetricInfo>& metric_dictionary() {
  static const std::vector<MetricInfo> metrics = {
      // Opinion: dimension 0 (the main cleavage) unless noted.
      {"x0_mean", "mean position on issue 0, in [-1, 1]"},
      {"x0_variance",
       "variance of positions on issue 0 (1/3 at the uniform start; fact 0 asks >= 0.05: below, "
       "opinions collapsed to consensus)"},
      {"x0_bimodality",
       "bimodality coefficient of issue 0 (SAS type-2 skewness and excess kurtosis; above 5/9 "
       "suggests two modes)"},
      {"esteban_ray",
       "Esteban-Ray polarisation of issue 0 (20 bins on [-1, 1], alpha = 1.6; 0 for one mass, 1 for "
       "two equal masses at -1 and +1)"},
      {"major_clusters",
       "opinion clusters on issue 0 holding >= 1 % of agents (runs of occupied bins of a 200-bin "
       "histogram)"},
      {"effective_clusters", "effective number of those clusters, (sum of sizes)^2 / sum of sizes^2"},
      {"alignment",
       "largest eigenvalue's share of the covariance of positions, lambda_1 / tr(Sigma) (1/D: "
       "issues independent; 1: all on one line)"},
      {"alignment_adjusted",
       "issue alignment rescaled to [0, 1], (lambda_1 / tr(Sigma) - 1/D) / (1 - 1/D) (fact 6)"},
      // The same statistics along the first principal component of positions.
      {"pc1_mean",
       "mean position along the first principal component (the covariance's leading eigenvector "
       "v, oriented so that its first nonzero entry is positive), scored v.x / ||v||_1 in [-1, 1]: "
       "x_0 itself when issue 0 is the main axis"},
      {"pc1_variance", "variance of the first-principal-component scores"},
      {"pc1_bimodality", "bimodality coefficient of the first-principal-component scores"},
      {"pc1_esteban_ray",
       "Esteban-Ray polarisation of the first-principal-component scores (as esteban_ray)"},
      {"pc1_major_clusters",
       "clusters of first-principal-component scores holding >= 1 % of agents (as major_clusters)"},
      {"pc1_effective_clusters", "effective number of those clusters"},
      {"mean_distance",
       "mean salience-weighted distance d in [0, 1] (MODEL.md §4.1) between random pairs of agents "
       "(`observe.pairs` pairs)"},
      {"extreme_share", "share of agents with a position at +-0.99 or beyond on some issue"},
      // Exposure.
      {"echo_chamber",
       "echo-chamber index of the follow graph: Pearson correlation of an agent's issue-0 position "
       "with the mean of its followees' on the same platform"},
      {"echo_chamber_content",
       "content version of echo_chamber (Cinelli et al. 2021): Pearson correlation of an agent's "
       "content leaning (mean y_0 of its posts, weighted (1 - 1/30)^age in days) with the mean "
       "leaning of its same-platform followees; only agents and followees who posted in the last "
       "30 days count"},
      {"closed_echo_share",
       "share of all agents in a closed echo chamber: >= 10 partisan reads (|y_0| > 0.1) in 30 days, "
       ">= 80 % of them from their own side of issue 0 (fact 1)"},
      {"cross_cutting_share",
       "mean share of other-side items among the partisan reads of partisan readers (>= 10 partisan "
       "reads in 30 days); Bakshy et al. (2015) measured 24-35 % on Facebook"},
      {"partisan_reader_share",
       "share of agents with >= 10 partisan reads in 30 days (closed_echo_share / this is the closed "
       "share among partisan readers)"},
      {"agreeable_read_share",
       "share of today's feed reads within the reader's latitude (d <= eps_i: assimilated and "
       "approved)"},
      {"rejected_read_share",
       "share of today's feed reads at or beyond the reader's rejection threshold (d >= rho_i: "
       "repelled); the rest are ignored"},
      // Network.
      {"modularity_identity",
       "Newman modularity of the active follow graph (arcs between people on the same platform) by "
       "primary identity, unaffiliated agents as singletons"},
      {"ei_index",
       "Krackhardt-Stern E-I index of the active follow graph between affiliated agents by primary "
       "identity, (external - internal) / (external + internal) arcs: -1 all within identities, +1 "
       "all across "
       "(0 when no arc joins two affiliated agents)"},
      {"leiden_modularity",
       "modularity of the Leiden communities of the follow graph (symmetrised, accounts left out; "
       "igraph, resolution 1): how modular the network is whatever the identities; only with "
       "`observe.leiden`",
       false},
      {"leiden_communities", "number of those Leiden communities; only with `observe.leiden`", false},
      {"echo_chamber_exposure",
       "echo-chamber index of the exposure graph: Pearson correlation of an agent's issue-0 position "
       "with the mean of the last 30 authors it read (fact 2)"},
      {"modularity_exposure",
       "modularity by primary identity of the exposure graph (an arc to each of the last 30 authors "
       "read; fact 2)"},
      // Micro-identities (human members only; infiltrating accounts excluded).
      {"micro_identities", "communities with >= `communities.min_size` (5) members"},
      {"communities_alive", "communities alive, any size"},
      {"affiliated_share", "share of agents with at least one membership"},
      {"size_median", "median members of a micro-identity (0 when there is none)"},
      {"size_max", "members of the largest micro-identity"},
      {"births",
       "communities created since the start: founded, split off or opened as a shared space by "
       "bridging_ties (cumulative)"},
      {"deaths", "communities dissolved since the start (cumulative)"},
      {"splits", "schisms since the start (cumulative; each is also a birth)"},
      {"narrative_extremity", "mean ||z_g||_inf of micro-identities' narratives, each counted once"},
      {"narrative_extremity_weighted",
       "mean ||z_g||_inf of micro-identities' narratives weighted by members: the narrative the "
       "average member holds"},
      {"memberships_begun",
       "memberships people took up since the start: joins, foundings, shared spaces (cumulative; a "
       "schism moves its members' bonds and counts neither here nor below)"},
      {"memberships_ended",
       "memberships people gave up since the start: leaving, replacement by a new group, "
       "dissolution (cumulative)"},
      {"membership_churn",
       "today's memberships begun plus ended per membership held at the end of the day (daily "
       "turnover of micro-identity bonds)"},
      {"community_lifetime_mean",
       "mean lifetime in days of the communities dissolved so far (0 before the first dissolves)"},
      // Psychology.
      {"significance", "mean satisfaction of the need for significance, in [0, 1]"},
      {"certainty", "mean satisfaction of the need for certainty"},
      {"belonging", "mean satisfaction of the need for belonging"},
      {"freedom", "mean satisfaction of the need for freedom"},
      {"frustration",
       "mean need frustration phi = 0.4 (1 - s) + 0.2 (1 - c) + 0.25 (1 - b) + 0.15 (1 - f)"},
      {"needs_pinned_share",
       "share of need values within 0.02 of 0 or 1 (fact 0 asks < 5 %: more means the needs "
       "saturate)"},
      {"lonely_share", "share of agents with belonging below 0.3"},
      {"belonging_from_communities",
       "mean over agents of the community term of the day's belonging input, 0.3 sum_g u_ig "
       "intimacy(S_g) engaged_ig (MODEL.md §4.6; 0 for the unaffiliated; fact 3)"},
      {"hostility", "mean hostility toward out-groups H, in [0, 1]"},
      {"affective_polarization", "mean hostility of affiliated agents (D6)"},
      {"trust", "mean trust in institutions and mainstream media"},
      {"civic", "mean inclusive civic identity h"},
      {"media", "mean reliance on mainstream media m"},
      {"offline", "mean offline embeddedness o"},
      {"outgroup_contact_share",
       "share of affiliated agents with an offline contact outside their primary community today "
       "(intergroup contact: the days hostility.contact_decay acts on)"},
      {"radical_share",
       "share of agents in the radical state: u_p >= 0.5, ||z_p||_inf >= 0.7, H >= 0.4 and s <= 0.5 "
       "(MODEL.md §4.7; fact 0 asks 0.1-5 % at baseline)"},
      {"radicalism_score", "mean graded radicalism u_p ||z_p||_inf H (1 - s), 0 for the unaffiliated"},
      // Platforms and societal disintegration (D1-D7 of MODEL.md §8).
      {"alternative_share", "share of agents on an alternative platform (id >= 1)"},
      {"radical_share_alternative", "radical share among agents on alternative platforms"},
      {"micro_identities_alternative",
       "micro-identities on alternative platforms (platforms.csv has every platform's count, users, "
       "radical share and row of the migration flow matrix)"},
      {"d1_identity_over_civic", "D1: share whose primary identification exceeds their civic identity"},
      {"d3_eta2",
       "D3 epistemic fragmentation: share of the variance of issue 0 explained by primary identity "
       "(eta^2, the unaffiliated as one group)"},
      {"d4_common_space", "D4 common-space reach: share who read >= 1 mainstream-media item in 30 days"},
      {"d5_cross_identity_reads",
       "D5: share of today's reads crossing identities, among reads whose reader and author both have "
       "a primary community"},
      {"cross_identity_approvals", "the same share for today's approvals"},
      {"d7_radical_reach",
       "D7: share of today's reads on the mainstream platform whose author is radical"},
      {"migrations_to_alternatives",
       "moves from the mainstream to an alternative platform (cumulative; platforms.csv has the "
       "flow matrix)"},
      {"returns_to_mainstream", "moves back to the mainstream (cumulative)"},
      {"intervention_contacts", "agent-contacts spent by interventions since the start (their cost)"},
  };
  return metrics;
}

}  // namespace microcosm::mim
