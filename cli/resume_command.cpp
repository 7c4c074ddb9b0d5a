// microcosm resume CHECKPOINT [--steps N] [--set k=v ...] [--add-timeline FILE ...]
//                  [--out DIR] [--overwrite] [--quiet] [--checkpoint-at T,... [--checkpoint-dir DIR]]
//
// Continues the run saved in a checkpoint (docs/checkpoints.md). Without
// changes the run directory equals the uninterrupted run's (metrics.csv
// holds the rows recorded before the checkpoint too). --set and
// --add-timeline make it a counterfactual: the same society from the
// checkpoint step on under another policy.
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "checkpoint_options.hpp"
#include "run_into_directory.hpp"
#include "commands.hpp"
#include "microcosm/core/error.hpp"
#include "microcosm/engine/simulation.hpp"
#include "microcosm/io/run_directory.hpp"

namespace microcosm::cli {
namespace {

struct ResumeArgs {
  std::string checkpoint;
  std::optional<std::uint64_t> steps;
  std::vector<std::string> sets;
  std::vector<std::string> patches;
  std::string out;
  bool overwrite = false;
  bool quiet = false;
  std::vector<std::uint64_t> checkpoint_at;
  std::string checkpoint_dir;
};

int resume(const ResumeArgs& a) {
  install_stop_signals();
  ResumeOptions ro;
  for (const auto& s : a.sets) ro.overrides.push_back(parse_override(s));
  if (a.steps) ro.overrides.push_back({"simulation", "steps", std::to_string(*a.steps)});
  for (const auto& p : a.patches) ro.timeline_patches.emplace_back(p);
  const CheckpointInfo info = read_checkpoint_info(a.checkpoint);
  Simulation sim = Simulation::from_checkpoint(a.checkpoint, ro);
  std::filesystem::path dir = a.out;
  if (dir.empty()) {
    const auto base = default_run_dir(sim.scenario());
    dir = base.parent_path() / fmt::format("{}_from_step_{}", base.filename().string(), info.step);
  }
  refuse_existing_run_dir(dir, a.overwrite);
  CheckpointPlan checkpoints =
      plan_checkpoints(a.checkpoint_at, a.checkpoint_dir, dir, sim, info.run_start);
  for (std::uint64_t t : checkpoints.steps) {
    if (t <= info.step) {
      throw ParameterError(fmt::format("--checkpoint-at {}: the run resumes at step {}", t,
                                       info.step));
    }
  }
  RunResult result;
  if (const int status =
          run_into_directory(sim, dir, a.overwrite, a.quiet, checkpoints, info.run_start, result)) {
    return status;
  }
  if (!a.quiet) {
    fmt::print("{}: resumed at step {}, now at step {}{} in {:.3f} s; results in {}\n",
               sim.scenario().model, info.step, info.run_start + result.steps_done,
               result.converged ? " (converged)" : "", result.run_seconds, dir.string());
  }
  return 0;
}

}  // namespace

void add_resume_command(CLI::App& app, int& status) {
  auto args = std::make_shared<ResumeArgs>();
  auto* cmd = app.add_subcommand(
      "resume", "continue a run from a checkpoint, optionally with another policy");
  cmd->add_option("checkpoint", args->checkpoint, "checkpoint file (step_<t>.ckpt)")->required();
  cmd->add_option("--steps", args->steps,
                  "run until this many steps from the original start (default: the scenario's "
                  "[simulation] steps)");
  cmd->add_option("--set", args->sets,
                  "override a [model], [simulation] (not seed) or [output] value: "
                  "section.key=value (repeatable)");
  cmd->add_option("--add-timeline", args->patches,
                  "TOML file of [[events]]/[[interventions]] tables appended to the timeline "
                  "(repeatable)");
  cmd->add_option("--out", args->out,
                  "run directory (default: runs/<scenario>_from_step_<t>)");
  cmd->add_flag("--overwrite", args->overwrite, "replace an existing run directory");
  cmd->add_flag("-q,--quiet", args->quiet, "no progress bar or summary");
  cmd->add_option("--checkpoint-at", args->checkpoint_at,
                  "save the full state again after these steps (comma-separated)")
      ->delimiter(',');
  cmd->add_option("--checkpoint-dir", args->checkpoint_dir,
                  "directory for step_<t>.ckpt files (default: <run dir>/checkpoints)");
  cmd->callback([args, &status] { status = resume(*args); });
}

}  // namespace microcosm::cli
