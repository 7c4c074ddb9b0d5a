// The runs of the MODEL.md §7 fact tests at a test-suite size (N = 1000, 730
// days, record every 5 days): a scenario of scenarios/mim/ under one seed,
// and the baseline runs that several facts share, with snapshots of the
// agents and communities at days 365, 545 and 730 (fact 10 compares days 365
// and 545; fact 5 reads the communities at T). Snapshots only read the state,
// so they leave every metric as it is. Header-only.
#pragma once

#include <cstdint>
#include <deque>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "microcosm/engine/simulation.hpp"
#include "microcosm/io/scenario.hpp"

namespace microcosm::stat_test {

inline RunResult run_fact_scenario(const std::string& scenario, std::uint64_t seed,
                                   const std::string& snapshot_steps = "[]") {
  const auto path = std::filesystem::path(MICROCOSM_SOURCE_DIR) / "scenarios" / "mim" / scenario;
  Scenario sc = load_scenario(path, {{"model", "population", "1000"},
                                     {"simulation", "steps", "730"},
                                     {"simulation", "record_every", "5"},
                                     {"simulation", "seed", std::to_string(seed)},
                                     {"output", "snapshot_steps", snapshot_steps}});
  Simulation sim(std::move(sc));
  return sim.run();
}

// The baseline run of a seed (1, 2, ...), computed once per test process;
// asking for seed s runs every seed up to s (a deque: extending it keeps
// earlier references valid).
inline const RunResult& baseline_run(std::uint64_t seed) {
  static std::deque<RunResult> runs;
  while (runs.size() < seed) {
    runs.push_back(run_fact_scenario("baseline.toml", runs.size() + 1, "[365, 545, 730]"));
  }
  return runs[seed - 1];
}

inline const Snapshot& snapshot_at(const RunResult& r, std::uint64_t step) {
  for (const Snapshot& s : r.snapshots) {
    if (s.step == step) return s;
  }
  throw std::out_of_range("no snapshot at step " + std::to_string(step));
}

inline const std::vector<double>& table_column(const AgentTable& t, const std::string& name) {
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    if (t.columns[c] == name) return t.values[c];
  }
  throw std::out_of_range("no column " + name);
}

}  // namespace microcosm::stat_test
