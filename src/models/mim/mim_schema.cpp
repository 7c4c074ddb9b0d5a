// The micro-identity model's parameter dictionary (MODEL.md §2-§9): every
// constant with its default, valid range, unit, description and source.
// Parameters are grouped by mechanism with dotted names, written in a
// scenario as nested tables ([model.feed] k = 10) or dotted keys.
#include "microcosm/models/mim/mim_schema.hpp"

namespace microcosm::mim {

using namespace spec;

namespace {

const std::vector<std::string> kFeedPolicies = {"chronological", "engagement", "personalized",
                                                "bridging", "diverse"};
const std::vector<std::string> kRecommendationPolicies = {"random",     "triadic",  "similar",
                                                          "structural", "bridging", "community"};
const std::vector<std::string> kCommunityRecommendations = {"size", "growth"};
const std::vector<std::string> kFoundRules = {"quantile", "level", "adaptive"};

ParamSpec prob(std::string name, double def, std::string description, std::string source = "") {
  return real_param(std::move(name), def, 0.0, 1.0, std::move(description), "probability",
                    std::move(source));
}
ParamSpec rate(std::string name, double def, std::string description, std::string source = "") {
  return real_param(std::move(name), def, 0.0, 1.0, std::move(description), "per step",
                    std::move(source));
}
ParamSpec unit(std::string name, double def, std::string description, std::string source = "") {
  return real_param(std::move(name), def, 0.0, 1.0, std::move(description), "", std::move(source));
}
ParamSpec toggle(std::string name, std::string description) {
  return bool_param(std::move(name), true, std::move(description));
}

}  // namespace

const std::vector<std::string>& feed_policies() { return kFeedPolicies; }
const std::vector<std::string>& recommendation_policies() { return kRecommendationPolicies; }
const std::vector<std::string>& community_recommendations() { return kCommunityRecommendations; }
const std::vector<std::string>& found_rules() { return kFoundRules; }

Schema model_schema() {
  std::vector<ParamSpec> p = {
      // Mechanism switches (fact 8 turns all of them off).
      toggle("mechanisms.needs", "needs respond to inputs (off: needs stay at their set points)"),
      toggle("mechanisms.communities", "micro-communities form, grow, split and dissolve"),
      toggle("mechanisms.offline", "offline contact and embeddedness"),
      toggle("mechanisms.mainstream", "mainstream media items"),
      toggle("mechanisms.repulsion", "rejection beyond rho pushes opinions apart"),
      toggle("mechanisms.hostility", "hostility, trust, civic identity and media reliance dynamics"),
      toggle("mechanisms.feeling_rules", "self-censorship on moderated or mainstream platforms"),
      toggle("mechanisms.rewiring", "online unfollow/follow rewiring"),
      toggle("mechanisms.migration", "platform migration"),
      toggle("mechanisms.community_posts", "posts to community spaces and community items in feeds"),

      // Population and opinion space.
      int_param("population", 10000, 2, 100'000'000,
                "number of agents when the scenario network is mean_field or generated inside"),
      int_param("dims", 3, 1, 8, "opinion dimensions D"),
      real_param("salience.main", 1.0, 0.0, 10.0, "salience weight of dimension 0 (main cleavage)"),
      real_param("salience.other", 0.5, 0.0, 10.0, "salience weight of the other dimensions"),
      string_param("init.positions", "uniform", {"uniform", "labels"},
                   "uniform on [-1,1]^D, or dimension 0 from node labels (two-valued label: "
                   "-0.5/+0.5 + N(0, 0.1^2))"),

      // Thresholds (MODEL.md §4.1).
      unit("thresholds.p_acc", 0.18, "share of uniform pairs within the acceptance latitude eps0"),
      unit("thresholds.p_rej", 0.44, "share of uniform pairs beyond the rejection distance rho0"),
      real_param("thresholds.eps_abs", 0.0, 0.0, 1.0,
                 "absolute eps0 (0: derive from p_acc); used by the fact 8 reduction", "distance"),
      real_param("thresholds.rho_abs", 0.0, 0.0, 1.0,
                 "absolute rho0 (0: derive from p_rej; >= 1 disables rejection)", "distance"),
      unit("thresholds.kappa_eps", 0.5, "latitude narrowing by need-for-closure frustration",
           "Kruglanski et al. (3N): significance loss closes the mind"),
      real_param("thresholds.mu0", 0.05, 0.0, 1.0, "susceptibility per item (times 1 - conviction)",
                 "per item"),

      // Activity (§2).
      real_param("activity.gamma", 2.1, 1.01, 5.0, "power-law exponent of activity",
                 "", "Perra et al. 2012; Baumann et al. 2020"),
      open_min(real_param("activity.a_min", 0.2, 0.0, 1.0, "minimum activity")),

      // Posting (§4.2).
      unit("posting.lambda", 0.5, "pull of the primary community's narrative on posts"),
      real_param("posting.noise", 0.02, 0.0, 1.0, "sd of post noise per dimension", "opinion"),
      int_param("posting.lifetime", 2, 1, 30, "posts stay in feeds this many steps", "step"),
      unit("posting.sigma_max", 0.5, "largest self-censorship weight under feeling rules",
           "Hochschild: feeling rules and emotional labour"),
      string_param("posting.censorship", "silence", {"silence", "conform"},
                   "how self-censorship shows: silence (skip a public post with probability "
                   "sigma; spiral of silence, Noelle-Neumann 1974) or conform (post "
                   "(1 - sigma) x + sigma * mean of what was read, MODEL.md 4.2)"),

      // Feeds (§4.3).
      int_param("feed.k", 10, 1, 100, "items read per active agent per step", "items"),
      int_param("feed.c_max", 100, 1, 1000, "largest candidate set per reader", "items"),
      int_param("feed.community_items", 3, 0, 32,
                "candidates from each of the reader's communities", "items"),
      int_param("feed.platform_items", 3, 0, 100, "candidates from the platform reservoir", "items"),
      int_param("feed.platform_reservoir", 1024, 1, 1 << 20, "random posts kept per platform per step"),
      int_param("feed.top_approved", 256, 0, 1 << 20, "most-approved posts kept per platform"),
      int_param("feed.community_reservoir", 32, 1, 4096, "posts kept per community per step"),
      real_param("feed.gamma_eng", 0.25, 0.0, 10.0,
                 "engagement ranking: similarity exponent (0.25 cuts cross-cutting reads by about a fifth; "
                 "MODEL.md's 2 by 37 % and collapses opinions, docs/ODD.md)",
                 "", "calibrated to Bakshy et al. 2015 (ranking: ~15 % less cross-cutting content)"),
      real_param("feed.eta", 1.0, 0.0, 10.0, "engagement ranking: intensity weight"),
      real_param("feed.zeta", 0.5, 0.0, 5.0, "engagement ranking: approval exponent"),
      real_param("feed.outrage", 1.0, 0.0, 10.0,
                 "engagement ranking: weight of predicted outrage (hostility times distance^"
                 "gamma_eng) beside predicted approval",
                 "", "Rathje et al. 2021 (out-group animosity drives engagement)"),
      unit("feed.outrage_base", 0.0,
           "engagement ranking: outrage propensity of a reader without hostility (the rest "
           "grows with hostility: base + (1 - base) H)"),
      real_param("feed.gamma_ab", 1.0, 0.0, 10.0, "personalized ranking: distance exponent",
                 "", "Sîrbu et al. 2019 (algorithmic bias)"),
      unit("feed.q_div", 0.3, "diverse ranking: share of slots from beyond the latitude"),

      // Influence, reactions, trust (§4.4).
      real_param("influence.omega_in", 1.0, 0.0, 10.0, "extra weight of in-group sources"),
      real_param("influence.psi", 0.5, 0.0, 5.0, "repulsion strength relative to assimilation",
                 "", "social judgement theory (Sherif & Hovland)"),
      unit("influence.h0", 0.05, "baseline share of repulsion without hostility"),
      real_param("influence.intimacy_s0", 150.0, 1.0, 1e6, "group size halving intimacy", "agents",
                 "Dunbar's number"),

      // Mainstream media (§4.3-4.4).
      unit("media.reach", 1.0, "initial reach R of mainstream media"),
      real_param("media.spread", 0.02, 0.0, 1.0,
                 "sd of mainstream items around y_M per dimension (outlets differ)", "opinion"),
      rate("media.trust_gain", 0.005, "trust gain per accepted mainstream item"),
      rate("media.trust_loss", 0.02, "trust loss per rejected mainstream item (scaled by distance)"),
      rate("media.kappa_hm", 0.005, "civic identity gain per accepted mainstream item"),

      // Offline contact (§4.5).
      unit("offline.theta", 0.5, "probability scale of initiating an offline contact per step"),
      unit("offline.o_min", 0.2, "contact propensity floor of disembedded agents"),
      rate("offline.r_up", 0.05, "embeddedness gain on a day with contact"),
      rate("offline.r_down", 0.01, "embeddedness loss on a day without contact"),
      string_param("offline.recovery", "through_ties", {"direct", "through_ties"},
                   "how a contact rebuilds embeddedness: \"direct\" r_up (1 - o) (MODEL.md), "
                   "\"through_ties\" r_up (1 - o) (o_min + (1 - o_min) o): a contact renews the "
                   "ties reached through the network still in use, so a network thinned by "
                   "disuse is rebuilt slowly"),
      unit("offline.p_eps", 0.18, "share of uniform pairs within the offline latitude"),
      int_param("offline.k", 10, 2, 1000, "offline Watts–Strogatz degree (even)", "", "MODEL.md §2"),
      unit("offline.rewire", 0.05, "offline Watts–Strogatz rewiring probability"),

      // Needs (§4.6).
      rate("needs.rate", 0.02,
           "relaxation rate r_n of significance, certainty and freedom toward their set points"),
      rate("needs.belonging_rate", 0.05,
           "relaxation rate of belonging (needs.rate is r_n for the other needs): isolation is "
           "felt within days", "Tomova et al. 2020; Cacioppo & Hawkley 2009"),
      real_param("needs.gain", 0.25, 0.0, 10.0, "input gain G_n (relative to the rate)"),
      unit("needs.nu_s", 0.4, "frustration weight of significance", "Kruglanski et al. 2014"),
      unit("needs.nu_c", 0.2, "frustration weight of certainty"),
      unit("needs.nu_b", 0.25, "frustration weight of belonging"),
      unit("needs.nu_f", 0.15, "frustration weight of freedom"),
      real_param("needs.set_alpha", 5.0, 0.1, 100.0, "Beta(alpha, beta) set points: alpha"),
      real_param("needs.set_beta", 3.0, 0.1, 100.0, "Beta(alpha, beta) set points: beta"),
      real_param("needs.belonging_set_alpha", 2.5, 0.1, 100.0,
                 "Beta(alpha, beta) belonging set points: alpha (calibrated to the share of "
                 "adults often lonely)"),
      real_param("needs.belonging_set_beta", 3.0, 0.1, 100.0, "Beta(alpha, beta) belonging set points: beta"),

      // Hostility, trust, civic identity, media reliance (§4.7).
      rate("hostility.rate", 0.1, "hostility growth rate r_H"),
      rate("hostility.decay", 0.002,
           "hostility decay delta_H without intergroup contact (MODEL.md: half-life about a year)"),
      rate("hostility.contact_decay", 0.01,
           "extra hostility decay on a day with an offline contact outside one's primary community "
           "(intergroup contact)", "Pettigrew & Tropp 2006"),
      rate("trust.relax", 0.001, "trust relaxation toward its set point"),
      rate("civic.rate", 0.002, "civic identity relaxation r_h"),
      rate("civic.kappa_hu", 0.01, "civic identity erosion by in-group hostility"),
      rate("media.r_m", 0.01, "media reliance response to trust"),
      unit("radical.u_min", 0.5, "radical state: minimum identification with the primary community"),
      unit("radical.z_min", 0.7, "radical state: minimum narrative extremity"),
      unit("radical.h_min", 0.4, "radical state: minimum hostility"),
      unit("radical.s_max", 0.5, "radical state: maximum significance"),

      // Micro-communities (§4.8).
      real_param("communities.alpha_pop", 1.5, 0.0, 5.0,
                 "recommendation weight exponent on community size (rich get richer)"),
      real_param("communities.trend_days", 7.0, 1.0, 365.0,
                 "time constant of a community's growth score under the \"growth\" community "
                 "recommendation: trend <- trend (1 - 1/trend_days) + members gained since the "
                 "previous day (about the new members of the last trend_days days)",
                 "day"),
      real_param("communities.beta_ext", 0.5, 0.0, 5.0, "pull of extreme narratives on the frustrated"),
      string_param("communities.ext_reference", "mainstream", {"mainstream", "groups"},
                   "what a narrative's extremity is measured against in the join gain: "
                   "\"mainstream\" ||z||_inf (MODEL.md), \"groups\" its excess over the "
                   "member-weighted mean ||z||_inf of the communities on its platform (a group "
                   "confers significance by standing out from the groups around it)"),
      real_param("communities.join_cost", 0.32, 0.0, 5.0, "join threshold C_join on the gain"),
      real_param("communities.join_cost_shape", 0.0, 0.0, 1000.0,
                 "spread of the cost of belonging between people: person i pays join_cost x "
                 "Gamma(shape, 1/shape) (mean join_cost, coefficient of variation 1/sqrt(shape)) "
                 "wherever the cost appears (joining, disengagement, founding); 0 = everyone pays "
                 "join_cost (MODEL.md)",
                 "", "Granovetter 1978 (heterogeneous thresholds of collective behaviour)"),
      prob("communities.p_join", 0.3, "probability of joining the best candidate"),
      real_param("communities.join_margin", 0.05, 0.0, 1.0,
                 "join if the narrative is within eps_i + this", "distance"),
      unit("communities.u0", 0.2, "identification on joining"),
      int_param("communities.k_max", 3, 1, 4, "largest number of memberships"),
      with_source(bool_param("communities.habit_capacity", true,
                             "the membership limit grows with time spent on platforms: floor(k_max "
                             "x F) memberships (at most 4) while a lockdown's platform habit F "
                             "lasts, since people who spend more time online keep up with more "
                             "groups; false = k_max whatever the time spent (MODEL.md)"),
                  "Miritello et al. 2013 (time as a limited resource for keeping ties)"),
      rate("communities.r_u", 0.2, "identification growth rate"),
      rate("communities.delta_u", 0.01, "identification decay rate"),
      unit("communities.u_min", 0.05, "leave below this identification"),
      prob("communities.p_leave", 0.1, "leave probability per step when views moved beyond rho"),
      unit("communities.delta_disengage", 0.02,
           "extra identification decay per step while a group no longer pays for itself (its need "
           "value below join_cost): met needs loosen the bond (disengagement)",
           "Kruglanski et al. 2014 (significance quest); Bjørgo & Horgan 2009 (disengagement)"),
      unit("communities.found_quantile", 0.9, "founders: frustration above this population quantile"),
      unit("communities.peer_quantile", 0.75, "co-founders: frustration above this quantile"),
      string_param("communities.found_rule", "quantile", kFoundRules,
                   "who may found: \"quantile\" frustration above found_quantile (co-founders "
                   "peer_quantile) of the population (MODEL.md); \"level\" above the fixed "
                   "found_level (peer_level), so a shock that frustrates everyone adds founders "
                   "and relief for the most frustrated does not promote the next in line; "
                   "\"adaptive\" above the quantiles as they were of late: each cut follows its "
                   "quantile with time constant found_adapt_days (people judge their frustration "
                   "against what has been usual), so a sudden shock acts like the level rule and "
                   "a lasting change like the quantile rule"),
      real_param("communities.found_adapt_days", 180.0, 1.0, 100000.0,
                 "found_rule = \"adaptive\": time constant of the founders' and co-founders' cuts",
                 "day", "Lucas 2007; Diener, Lucas & Scollon 2006 (adaptation to life events "
                 "over months to years)"),
      unit("communities.found_level", 0.5,
           "founders' frustration under found_rule = \"level\" (about the baseline's 0.9 "
           "quantile)"),
      unit("communities.peer_level", 0.44,
           "co-founders' frustration under found_rule = \"level\" (about the baseline's 0.75 "
           "quantile)"),
      unit("communities.hold_u", 0.5,
           "identification at which a group holds its member; a frustrated member below it has "
           "room to found a splinter group (replacing that membership)"),
      int_param("communities.found_cooldown", 90, 1, 100000,
                "steps a founder waits before founding again", "step"),
      int_param("communities.n_found", 5, 1, 100, "co-founders needed among recent authors"),
      int_param("communities.burn_in", 30, 0, 100000, "no founding before this step", "step"),
      int_param("communities.split_every", 7, 1, 1000, "split and antagonist pass period", "step"),
      int_param("communities.split_min", 12, 4, 100000, "communities this large may split"),
      int_param("communities.split_part_min", 6, 2, 100000, "smallest part of a split"),
      rate("communities.r_z", 0.05, "narrative drift rate"),
      real_param("communities.pi_pol", 0.2, 0.0, 5.0, "group polarization away from the mainstream"),
      real_param("communities.pi_opp", 0.3, 0.0, 5.0, "opposition to the antagonist"),
      int_param("communities.dissolve_after", 30, 1, 100000,
                "dissolve after this many steps with fewer than 2 members", "step"),
      int_param("communities.min_size", 5, 1, 1000, "communities counted as micro-identities"),

      // Online rewiring (§4.9).
      prob("rewiring.p_rewire", 0.05, "unfollow a rejected followee and follow a recommendation"),
      prob("rewiring.p_follow_author", 0.1, "follow the author of an approved out-of-network item"),
      bool_param("rewiring.follow_space_authors", false,
                 "the follow-author rule counts items read in a community's space: members follow "
                 "co-members whose posts they approve"),
      string_param("rewiring.policy", "similar", kRecommendationPolicies,
                   "account recommendation policy of the mainstream platform (community: people "
                   "who share one of the reader's communities)"),
      real_param("rewiring.gamma_rec", 2.0, 0.0, 10.0, "similar policy: distance exponent"),
      real_param("rewiring.kappa", 1.0, 0.0, 10.0, "structural policy: common-neighbour exponent",
                 "", "Santos, Lelkes & Levin 2021"),
      int_param("online.out_degree", 30, 1, 1000, "follow graph out-degree (generated graphs)"),
      int_param("online.offline_follows", 0, 0, 1000,
                "offline neighbours each agent follows at set-up, replacing random follows (generated "
                "follow graphs): friends, family and colleagues on the platform", "",
                "Bakshy, Messing & Adamic 2015"),
      bool_param("rewiring.keep_strong_ties", true,
                 "rewiring never unfollows an offline neighbour: people drop weak ties over "
                 "disagreement, rarely friends (John & Dvir-Gvirsman 2015)"),

      // Platforms (§4.10).
      int_param("platforms.alternatives", 1, 0, 16, "number of alternative platforms besides the mainstream"),
      string_param("platforms.mainstream.feed", "chronological", kFeedPolicies,
                   "feed ranking of the mainstream platform"),
      string_param("platforms.mainstream.communities", "size", kCommunityRecommendations,
                   "community recommendation of the mainstream platform: \"size\" draws a "
                   "community in proportion to members^alpha_pop (MODEL.md §4.8), \"growth\" in "
                   "proportion to (1 + trend)^alpha_pop, its recent growth (communities.trend_days): "
                   "trending groups, as platforms that optimise engagement promote them"),
      unit("platforms.mainstream.moderation", 0.0, "moderation strength m_p of the mainstream"),
      unit("platforms.mainstream.opt_out", 0.0, "share of mainstream users on chronological feeds"),
      string_param("platforms.alternative.feed", "chronological", kFeedPolicies,
                   "feed ranking of the alternative platforms"),
      string_param("platforms.alternative.communities", "size", kCommunityRecommendations,
                   "community recommendation of the alternative platforms (see "
                   "platforms.mainstream.communities)"),
      unit("platforms.alternative.moderation", 0.0, "moderation strength of alternatives"),
      string_param("platforms.alternative.recommendation", "community", kRecommendationPolicies,
                   "account recommendation of the alternative platforms: community recommends "
                   "people who share one of the reader's communities (MODEL.md §2: the "
                   "alternatives' community-centred discovery); any rewiring.policy value"),
      prob("migration.p", 0.01, "base migration probability per step"),
      real_param("migration.beta", 10.0, 0.0, 100.0, "migration logistic steepness"),
      real_param("migration.theta", 1.0, 0.0, 5.0, "migration logistic threshold"),
      real_param("migration.kappa_net", 2.0, 0.0, 100.0, "pull of co-members already there"),
      prob("migration.p_return", 0.002, "return probability per step when content"),
      unit("migration.return_phi", 0.275, "return when frustration is below this"),
      int_param("migration.follow_on_arrival", 5, 0, 1000, "co-members followed on arrival"),


      // Observables (§8).
      int_param("observe.pairs", 1'000'000, 1000, 100'000'000, "sampled pairs for mean distance"),
      bool_param("observe.leiden", false,
                 "record leiden_modularity and leiden_communities: Leiden communities of the "
                 "follow graph (igraph, resolution 1, seeded by the run's seed and step) at every "
                 "recorded step. Costly: about 9 s and 0.5 GB per recorded row at 1e5 agents, "
                 "230 s and 4.6 GB at 1e6 (igraph, one thread); pair it with "
                 "simulation.record_every"),
  };
  return Schema("mim", std::move(p));
}

}  // namespace microcosm::mim
