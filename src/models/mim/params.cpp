#include "microcosm/models/mim/params.hpp"

#include <fmt/format.h>

#include "microcosm/core/error.hpp"
#include "microcosm/models/mim/mim_schema.hpp"

namespace microcosm::mim {

namespace {

// The enum value whose name (in the schema's list, in enum order) is `name`.
template <typename Enum>
Enum parse_named(const std::vector<std::string>& names, const char* what, const std::string& name) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return static_cast<Enum>(i);
  }
  throw ParameterError(fmt::format("unknown {} '{}'; valid: {}", what, name, fmt::join(names, ", ")));
}

}  // namespace

FeedPolicy parse_feed_policy(const std::string& name) {
  return parse_named<FeedPolicy>(feed_policies(), "feed policy", name);
}

RecommendationPolicy parse_recommendation_policy(const std::string& name) {
  return parse_named<RecommendationPolicy>(recommendation_policies(), "recommendation policy", name);
}

CommunityRecommendation parse_community_recommendation(const std::string& name) {
  return parse_named<CommunityRecommendation>(community_recommendations(), "community recommendation",
                                              name);
}

const char* feed_policy_name(FeedPolicy p) noexcept {
  return feed_policies()[static_cast<std::size_t>(p)].c_str();
}

Params Params::from(const spec::ParamSet& p) {
  Params r{};
  auto b = [&](const char* k) { return p.boolean(k); };
  auto d = [&](const char* k) { return p.real(k); };
  auto i = [&](const char* k) { return static_cast<int>(p.integer(k)); };
  r.needs_on = b("mechanisms.needs");
  r.communities_on = b("mechanisms.communities");
  r.offline_on = b("mechanisms.offline");
  r.mainstream_on = b("mechanisms.mainstream");
  r.repulsion_on = b("mechanisms.repulsion");
  r.hostility_on = b("mechanisms.hostility");
  r.feeling_rules_on = b("mechanisms.feeling_rules");
  r.rewiring_on = b("mechanisms.rewiring");
  r.migration_on = b("mechanisms.migration");
  r.community_posts_on = b("mechanisms.community_posts");

  r.population = p.integer("population");
  r.dims = i("dims");
  r.salience_main = d("salience.main");
  r.salience_other = d("salience.other");
  r.positions_from_labels = p.str("init.positions") == "labels";

  r.p_acc = d("thresholds.p_acc");
  r.p_rej = d("thresholds.p_rej");
  r.eps_abs = d("thresholds.eps_abs");
  r.rho_abs = d("thresholds.rho_abs");
  r.kappa_eps = d("thresholds.kappa_eps");
  r.mu0 = d("thresholds.mu0");
  r.activity_gamma = d("activity.gamma");
  r.activity_min = d("activity.a_min");

  r.lambda = d("posting.lambda");
  r.post_noise = d("posting.noise");
  r.post_lifetime = i("posting.lifetime");
  r.sigma_max = d("posting.sigma_max");
  r.censor_by_silence = p.str("posting.censorship") == "silence";

  r.feed_k = i("feed.k");
  r.feed_c_max = i("feed.c_max");
  r.feed_community_items = i("feed.community_items");
  r.feed_platform_items = i("feed.platform_items");
  r.platform_reservoir = i("feed.platform_reservoir");
  r.top_approved = i("feed.top_approved");
  r.community_reservoir = i("feed.community_reservoir");
  r.gamma_eng = d("feed.gamma_eng");
  r.eta = d("feed.eta");
  r.zeta = d("feed.zeta");
  r.outrage = d("feed.outrage");
  r.outrage_base = d("feed.outrage_base");
  r.gamma_ab = d("feed.gamma_ab");
  r.q_div = d("feed.q_div");

  r.omega_in = d("influence.omega_in");
  r.psi = d("influence.psi");
  r.h0 = d("influence.h0");
  r.intimacy_s0 = d("influence.intimacy_s0");

  r.media_reach = d("media.reach");
  r.media_spread = d("media.spread");
  r.media_trust_gain = d("media.trust_gain");
  r.media_trust_loss = d("media.trust_loss");
  r.kappa_hm = d("media.kappa_hm");

  r.theta_off = d("offline.theta");
  r.o_min = d("offline.o_min");
  r.r_up = d("offline.r_up");
  r.r_down = d("offline.r_down");
  r.recovery_through_ties = p.str("offline.recovery") == "through_ties";
  r.p_eps_off = d("offline.p_eps");
  r.offline_k = i("offline.k");
  r.offline_rewire = d("offline.rewire");

  r.need_rate = d("needs.rate");
  r.belonging_rate = d("needs.belonging_rate");
  r.need_gain = d("needs.gain");
  r.nu = {d("needs.nu_s"), d("needs.nu_c"), d("needs.nu_b"), d("needs.nu_f")};
  r.set_alpha = d("needs.set_alpha");
  r.set_beta = d("needs.set_beta");
  r.belonging_set_alpha = d("needs.belonging_set_alpha");
  r.belonging_set_beta = d("needs.belonging_set_beta");

  r.hostility_rate = d("hostility.rate");
  r.hostility_decay = d("hostility.decay");
  r.contact_decay = d("hostility.contact_decay");
  r.trust_relax = d("trust.relax");
  r.civic_rate = d("civic.rate");
  r.kappa_hu = d("civic.kappa_hu");
  r.r_m = d("media.r_m");
  r.radical_u = d("radical.u_min");
  r.radical_z = d("radical.z_min");
  r.radical_h = d("radical.h_min");
  r.radical_s = d("radical.s_max");

  r.alpha_pop = d("communities.alpha_pop");
  r.trend_days = d("communities.trend_days");
  r.beta_ext = d("communities.beta_ext");
  r.ext_relative_to_groups = p.str("communities.ext_reference") == "groups";
  r.join_cost = d("communities.join_cost");
  r.join_cost_shape = d("communities.join_cost_shape");
  r.p_join = d("communities.p_join");
  r.join_margin = d("communities.join_margin");
  r.u0 = d("communities.u0");
  r.k_max = i("communities.k_max");
  r.habit_capacity = b("communities.habit_capacity");
  r.r_u = d("communities.r_u");
  r.delta_u = d("communities.delta_u");
  r.u_min = d("communities.u_min");
  r.p_leave = d("communities.p_leave");
  r.delta_disengage = d("communities.delta_disengage");
  r.found_quantile = d("communities.found_quantile");
  r.peer_quantile = d("communities.peer_quantile");
  r.hold_u = d("communities.hold_u");
  r.found_cooldown = i("communities.found_cooldown");
  r.found_rule = parse_named<FoundRule>(found_rules(), "founding rule", p.str("communities.found_rule"));
  r.found_adapt_days = d("communities.found_adapt_days");
  r.found_level = d("communities.found_level");
  r.peer_level = d("communities.peer_level");
  r.n_found = i("communities.n_found");
  r.burn_in = i("communities.burn_in");
  r.split_every = i("communities.split_every");
  r.split_min = i("communities.split_min");
  r.split_part_min = i("communities.split_part_min");
  r.r_z = d("communities.r_z");
  r.pi_pol = d("communities.pi_pol");
  r.pi_opp = d("communities.pi_opp");
  r.dissolve_after = i("communities.dissolve_after");
  r.min_size = i("communities.min_size");

  r.p_rewire = d("rewiring.p_rewire");
  r.p_follow_author = d("rewiring.p_follow_author");
  r.recommendation = parse_recommendation_policy(p.str("rewiring.policy"));
  r.gamma_rec = d("rewiring.gamma_rec");
  r.kappa_struct = d("rewiring.kappa");
  r.online_out_degree = i("online.out_degree");
  r.offline_follows = i("online.offline_follows");
  r.keep_strong_ties = b("rewiring.keep_strong_ties");
  r.follow_space_authors = b("rewiring.follow_space_authors");

  r.alternatives = i("platforms.alternatives");
  r.mainstream_feed = parse_feed_policy(p.str("platforms.mainstream.feed"));
  r.mainstream_moderation = d("platforms.mainstream.moderation");
  r.mainstream_communities = parse_community_recommendation(p.str("platforms.mainstream.communities"));
  r.alternative_communities = parse_community_recommendation(p.str("platforms.alternative.communities"));
  r.mainstream_opt_out = d("platforms.mainstream.opt_out");
  r.alternative_feed = parse_feed_policy(p.str("platforms.alternative.feed"));
  r.alternative_moderation = d("platforms.alternative.moderation");
  r.alternative_recommendation = parse_recommendation_policy(p.str("platforms.alternative.recommendation"));
  r.p_migrate = d("migration.p");
  r.beta_migrate = d("migration.beta");
  r.theta_migrate = d("migration.theta");
  r.kappa_net = d("migration.kappa_net");
  r.p_return = d("migration.p_return");
  r.return_phi = d("migration.return_phi");
  r.follow_on_arrival = i("migration.follow_on_arrival");


  r.observe_pairs = p.integer("observe.pairs");
  r.observe_leiden = p.boolean("observe.leiden");

  if (r.offline_k % 2 != 0) {
    throw ParameterError(fmt::format("[model] offline.k = {} must be even (Watts–Strogatz ring)",
                                     r.offline_k));
  }
  if (r.split_part_min * 2 > r.split_min) {
    throw ParameterError(fmt::format(
        "[model] communities.split_part_min = {} must be at most half of split_min = {}",
        r.split_part_min, r.split_min));
  }
  return r;
}

}  // namespace microcosm::mim
