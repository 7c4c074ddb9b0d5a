#include "checkpoint_options.hpp"

#include <unistd.h>

#include <fmt/format.h>

#include "microcosm/core/error.hpp"

namespace microcosm::cli {

namespace fs = std::filesystem;

CheckpointPlan plan_checkpoints(const std::vector<std::uint64_t>& steps, const std::string& dir,
                                const fs::path& run_dir, const Simulation& sim,
                                std::uint64_t run_start) {
  CheckpointPlan plan;
  const auto total = static_cast<std::uint64_t>(sim.scenario().simulation.integer("steps"));
  for (std::uint64_t t : steps) {
    if (t <= run_start || t > run_start + total) {
      throw ParameterError(fmt::format(
          "--checkpoint-at {}: outside the run's steps; valid: {} to {}", t, run_start + 1,
          run_start + total));
    }
  }
  plan.steps = steps;
  if (steps.empty()) return plan;
  if (!dir.empty()) {
    plan.final_dir = plan.write_dir = dir;
  } else {
    const fs::path target = fs::absolute(run_dir).lexically_normal();
    plan.final_dir = target / "checkpoints";
    plan.write_dir = target.parent_path() /
                     fmt::format(".{}.checkpoints-{}", target.filename().string(), ::getpid());
    plan.staged = true;
  }
  return plan;
}

void install_checkpoints(CheckpointPlan& plan, const Simulation& sim, RunOptions& opts) {
  if (plan.steps.empty()) return;
  opts.checkpoint_steps = plan.steps;
  opts.checkpoint = [&plan, &sim](std::uint64_t t, const MetricSeries& recorded) {
    const fs::path file = plan.write_dir / fmt::format("step_{}.ckpt", t);
    sim.save_checkpoint(file, recorded);
    plan.written.push_back(file.filename());
  };
}

fs::path finish_checkpoints(CheckpointPlan& plan, bool interrupted) {
  if (!plan.staged || plan.written.empty()) return plan.final_dir;
  std::error_code ec;
  fs::path dest = plan.final_dir;
  if (interrupted) {
    const fs::path run_dir = plan.final_dir.parent_path();
    dest = run_dir.parent_path() / (run_dir.filename().string() + ".checkpoints");
  }
  fs::remove_all(dest, ec);
  fs::create_directories(dest.parent_path(), ec);
  fs::rename(plan.write_dir, dest, ec);
  if (ec) {
    throw OutputError(fmt::format("{}: cannot move checkpoints here from {} ({})", dest.string(),
                                  plan.write_dir.string(), ec.message()));
  }
  return dest;
}

}  // namespace microcosm::cli
