// The micro-identity model's parameters as plain fields, resolved once from
// the validated ParamSet (names never looked up in the step loop).
#pragma once

#include <array>
#include <cstdint>

#include "microcosm/spec/schema.hpp"

namespace microcosm::mim {

enum class FeedPolicy : int { Chronological, Engagement, Personalized, Bridging, Diverse };
enum class RecommendationPolicy : int { Random, Triadic, Similar, Structural, Bridging, Community };
// How a platform picks the community it shows each active agent (§4.8).
enum class CommunityRecommendation : int { Size, Growth };
// Who may found a community (communities.found_rule, §4.8).
enum class FoundRule : int { Quantile, Level, Adaptive };

FeedPolicy parse_feed_policy(const std::string& name);
RecommendationPolicy parse_recommendation_policy(const std::string& name);
CommunityRecommendation parse_community_recommendation(const std::string& name);
const char* feed_policy_name(FeedPolicy p) noexcept;

struct Params {
  // Switches.
  bool needs_on, communities_on, offline_on, mainstream_on, repulsion_on, hostility_on,
      feeling_rules_on, rewiring_on, migration_on, community_posts_on;

  std::int64_t population;
  int dims;
  double salience_main, salience_other;
  bool positions_from_labels;

  double p_acc, p_rej, eps_abs, rho_abs, kappa_eps, mu0;
  double activity_gamma, activity_min;

  double lambda, post_noise, sigma_max;
  bool censor_by_silence;  // self-censorship skips posts instead of bending them
  int post_lifetime;

  int feed_k, feed_c_max, feed_community_items, feed_platform_items;
  int platform_reservoir, top_approved, community_reservoir;
  double gamma_eng, eta, zeta, outrage, outrage_base, gamma_ab, q_div;

  double omega_in, psi, h0, intimacy_s0;

  double media_reach, media_spread, media_trust_gain, media_trust_loss, kappa_hm;

  double theta_off, o_min, r_up, r_down, p_eps_off, offline_rewire;
  bool recovery_through_ties;  // offline.recovery = "through_ties"
  int offline_k;

  double need_rate, need_gain;
  double belonging_rate;  // needs.belonging_rate
  std::array<double, 4> nu;  // s, c, b, f
  double set_alpha, set_beta;
  double belonging_set_alpha, belonging_set_beta;  // belonging has its own set-point distribution

  double hostility_rate, hostility_decay, trust_relax, civic_rate, kappa_hu, r_m;
  double contact_decay;  // hostility.contact_decay: extra decay on a day of contact across identities
  double radical_u, radical_z, radical_h, radical_s;

  double alpha_pop, beta_ext, join_cost, p_join, join_margin, u0;
  double join_cost_shape;  // 0: one cost for everyone
  double trend_days;       // time constant of the growth score behind "growth" recommendation
  bool ext_relative_to_groups;  // communities.ext_reference = "groups"
  int k_max;
  bool habit_capacity;  // communities.habit_capacity: the membership limit grows with F
  double r_u, delta_u, u_min, p_leave, delta_disengage, found_quantile, peer_quantile, hold_u;
  int found_cooldown;
  FoundRule found_rule;
  double found_adapt_days;  // FoundRule::Adaptive: time constant of the lagging cuts
  double found_level, peer_level;
  int n_found, burn_in, split_every, split_min, split_part_min;
  double r_z, pi_pol, pi_opp;
  int dissolve_after, min_size;

  double p_rewire, p_follow_author, gamma_rec, kappa_struct;
  RecommendationPolicy recommendation;              // the mainstream's (rewiring.policy)
  RecommendationPolicy alternative_recommendation;  // the alternatives'
  int online_out_degree;
  int offline_follows;     // offline neighbours each agent follows at set-up (strong ties)
  bool keep_strong_ties;   // rewiring never drops a followee who is an offline neighbour
  bool follow_space_authors;  // the follow-author rule counts community-space items

  int alternatives;
  FeedPolicy mainstream_feed, alternative_feed;
  CommunityRecommendation mainstream_communities, alternative_communities;
  double mainstream_moderation, mainstream_opt_out, alternative_moderation;
  double p_migrate, beta_migrate, theta_migrate, kappa_net, p_return, return_phi;
  int follow_on_arrival;


  std::int64_t observe_pairs;
  bool observe_leiden;

  static Params from(const spec::ParamSet& p);
};

}  // namespace microcosm::mim
