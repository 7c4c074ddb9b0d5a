// Scenarios of the micro-identity model for unit tests: a mean-field follow
// graph of `population` agents, `extra` appended inside [model] (and any
// tables after it). Header-only.
#pragma once

#include <string>

#include "microcosm/io/scenario.hpp"

namespace microcosm::mim_test {

inline std::string scenario_text(int population, int steps, int seed, const std::string& extra = "") {
  return "[simulation]\nmodel = \"mim\"\nsteps = " + std::to_string(steps) + "\nseed = " +
         std::to_string(seed) +
         "\nstop_when_converged = false\n[network]\nkind = \"mean_field\"\nn = 1\n"
         "[model]\npopulation = " +
         std::to_string(population) + "\n" + extra;
}

inline Scenario parse(const std::string& text) { return parse_scenario(text, "mim.toml", "."); }

}  // namespace microcosm::mim_test
