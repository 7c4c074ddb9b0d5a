// --checkpoint-at / --checkpoint-dir, shared by `microcosm run` and
// `microcosm resume`: checkpoints are written during the run into a staging
// directory beside the run directory and moved to <run dir>/checkpoints/
// once the run directory exists (the run directory itself is written
// atomically at the end). An interrupted run keeps them in
// <run dir>.checkpoints/ so it can be resumed.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "microcosm/engine/simulation.hpp"

namespace microcosm::cli {

struct CheckpointPlan {
  std::vector<std::uint64_t> steps;
  std::filesystem::path final_dir;  // where the files end up
  std::filesystem::path write_dir;  // where they are written during the run
  bool staged = false;              // write_dir must be moved to final_dir
  std::vector<std::filesystem::path> written;
};

// Validates `steps` (each within (start, start + [simulation] steps]) and
// sets up the plan; `dir` empty: <run_dir>/checkpoints.
CheckpointPlan plan_checkpoints(const std::vector<std::uint64_t>& steps, const std::string& dir,
                                const std::filesystem::path& run_dir, const Simulation& sim,
                                std::uint64_t run_start);
// Installs the callback on `opts` that saves step_<t>.ckpt files.
void install_checkpoints(CheckpointPlan& plan, const Simulation& sim, RunOptions& opts);
// After the run: moves staged checkpoints into place (interrupted: beside
// the run directory) and returns where they are.
std::filesystem::path finish_checkpoints(CheckpointPlan& plan, bool interrupted);

}  // namespace microcosm::cli
