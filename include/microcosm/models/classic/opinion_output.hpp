// Output shared by the continuous-opinion classic models (Deffuant,
// Hegselmann–Krause, algorithmic bias): the opinion metric block on [0, 1]
// followed by the largest opinion change of the last step, and the agent
// table of a scalar opinion.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "microcosm/metrics/opinion.hpp"
#include "microcosm/models/model.hpp"

namespace microcosm::classic {

inline std::vector<std::string> opinion_output_names() {
  auto names = metrics::opinion_metric_names();
  names.push_back("max_change");
  return names;
}

// What each column of opinion_output_names() measures, in its order.
inline std::vector<MetricInfo> opinion_output_metrics() {
  return {
      {"mean", "mean opinion, in [0, 1] (dimension 0 when there are several)"},
      {"variance", "variance of opinions (1/12 at the uniform start; 0 at consensus)"},
      {"bimodality",
       "bimodality coefficient (SAS type-2 skewness and excess kurtosis; above 5/9 suggests two "
       "modes)"},
      {"esteban_ray",
       "Esteban-Ray polarisation (20 bins on [0, 1], alpha = 1.6; 0 for one mass, 1 for two equal "
       "masses at 0 and 1)"},
      {"clusters", "opinion clusters: runs of sorted opinions with gaps of at most 0.001"},
      {"major_clusters", "clusters holding >= 1 % of agents (the count Deffuant et al. report)"},
      {"effective_clusters", "effective number of clusters, (sum of sizes)^2 / sum of sizes^2"},
      {"max_change",
       "largest change of any agent's opinion over the last step (the convergence test compares it "
       "with `tolerance`)"},
  };
}

inline void opinion_output(std::span<const double> x, double max_change, std::span<double> out) {
  metrics::OpinionMetricOptions opt;
  opt.lo = 0.0;
  opt.hi = 1.0;
  metrics::opinion_metrics(x, opt, out.first(out.size() - 1));
  out.back() = max_change;
}

inline AgentTable scalar_opinion_table(std::span<const double> x) {
  AgentTable t;
  t.columns = {"opinion"};
  t.values.emplace_back(x.begin(), x.end());
  return t;
}

}  // namespace microcosm::classic
