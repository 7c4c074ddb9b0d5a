// Writing a run directory atomically. Everything is written into a hidden
// staging directory beside the target and renamed into place only when
// complete, so an interrupted or failed run never leaves a directory that
// looks finished. Contents:
//   run.json      resolved scenario, seeds, version, status, timings
//   scenario.toml the resolved scenario (re-runnable as is)
//   metrics.csv   step, then one column per metric
//   agents.csv    final per-agent state (when [output] agents = true)
//   communities.csv  final per-community state, for models with collectives
//   platforms.csv final per-platform state, for models with platforms
//   snapshots/step_<t>/  agents.csv, communities.csv, platforms.csv and
//                 network exports at each of [output] snapshot_steps
//   network.*     exports named in [output] network_formats
#pragma once

#include <filesystem>

#include "microcosm/engine/simulation.hpp"

namespace microcosm {

// The directory a scenario writes to: [output] dir, or runs/<file stem>.
std::filesystem::path default_run_dir(const Scenario& scenario);

// Throws OutputError if `dir` exists and `overwrite` is false, or on any
// write failure (the staging directory is removed then).
void write_run_directory(const std::filesystem::path& dir, const Simulation& sim,
                         const RunResult& result, bool overwrite);

// CSV writers (full round-trip precision), also used by tests and sweeps.
void write_metrics_csv(const std::filesystem::path& file, const MetricSeries& metrics);
void write_agents_csv(const std::filesystem::path& file, const Network& network,
                      const AgentTable& table);
// A table of collectives (communities.csv, platforms.csv): an id column
// named `index_column` (0, 1, ...), then the model's columns; no file when
// the table is empty.
void write_table_csv(const std::filesystem::path& file, std::string_view index_column,
                     const AgentTable& table);

}  // namespace microcosm
