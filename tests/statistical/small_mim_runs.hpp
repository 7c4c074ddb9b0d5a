// One-year runs of a small micro-identity model (N = 1000, mean-field follow
// graph) for the paired-twin statistical tests: twins differ in one model
// key, and `extra` TOML (events, interventions) follows the [model] table.
// Header-only.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "microcosm/engine/simulation.hpp"
#include "microcosm/io/scenario.hpp"

namespace microcosm::stat_test {

inline MetricSeries run_small_mim(const std::string& test_name, std::uint64_t seed,
                                  const std::string& model_key, const std::string& value,
                                  const std::string& extra = "") {
  const std::string toml = R"(
[simulation]
model = "mim"
steps = 365
record_every = 5
[network]
kind = "mean_field"
n = 1
[model]
population = 1000
)" + extra;
  Scenario sc = parse_scenario(toml, test_name, MICROCOSM_SOURCE_DIR,
                               {{"simulation", "seed", std::to_string(seed)}, {"model", model_key, value}});
  Simulation sim(std::move(sc));
  return sim.run().metrics;
}

}  // namespace microcosm::stat_test
