// What `microcosm run` and `microcosm resume` share: Ctrl-C handling, the
// refusal to overwrite a run directory, and running a simulation with a
// progress bar and planned checkpoints into its run directory.
#pragma once

#include <cstdint>
#include <filesystem>

#include "checkpoint_options.hpp"
#include "microcosm/engine/simulation.hpp"

namespace microcosm::cli {

// SIGINT and SIGTERM stop the run between steps; install first, so an
// interrupt during set-up also ends cleanly.
void install_stop_signals();

// Throws OutputError when `dir` exists and `overwrite` is false.
void refuse_existing_run_dir(const std::filesystem::path& dir, bool overwrite);

// Runs `sim` (progress bar unless `quiet`) with the planned checkpoints and
// writes `dir`. Returns 130 when interrupted — nothing written, checkpoints
// kept and reported with steps counted from `step_offset` — else 0 with
// `result` filled.
int run_into_directory(Simulation& sim, const std::filesystem::path& dir, bool overwrite,
                       bool quiet, CheckpointPlan& checkpoints, std::uint64_t step_offset,
                       RunResult& result);

}  // namespace microcosm::cli
