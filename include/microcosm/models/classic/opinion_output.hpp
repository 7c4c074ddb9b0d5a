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
