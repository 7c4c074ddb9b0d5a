// microcosm resume CHECKPOINT [--steps N] [--set k=v ...] [--add-timeline FILE ...]
//                  [--out DIR] [--overwrite] [--quiet] [--checkpoint-at T,... [--checkpoint-dir DIR]]
//
// Continues the run saved in a checkpoint (docs/checkpoints.md). Without
// changes the run directory equals the uninterrupted run's (metrics.csv
// holds the rows recorded before the checkpoint too). --set and
// --add-timeline make it a counterfactual: the same society from the
// checkpoint step on under another policy.
#include <atomic>
#include <csignal>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "checkpoint_options.hpp"
#include "commands.hpp"
#include "microcosm/core/error.hpp"
#include "microcosm/engine/simulation.hpp"
#include "microcosm/io/run_directory.hpp"
#include "progress_bar.hpp"

namespace microcosm::cli {
namespace {

std::atomic<bool> g_stop{false};
extern "C" void on_resume_signal(int) { g_stop.store(true); }

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
  std::signal(SIGINT, on_resume_signal);
  std::signal(SIGTERM, on_resume_signal);
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
  if (std::filesystem::exists(dir) && !a.overwrite) {
    throw OutputError(fmt::format(
        "{}: the run directory already exists; pass --overwrite to replace it or --out for "
        "another directory",
        dir.string()));
  }
  ProgressBar bar(!a.quiet);
  RunOptions opts;
  opts.stop = &g_stop;
  opts.progress = [&](std::uint64_t done, std::uint64_t total) { bar.update(done, total); };
  CheckpointPlan checkpoints =
      plan_checkpoints(a.checkpoint_at, a.checkpoint_dir, dir, sim, info.run_start);
  for (std::uint64_t t : checkpoints.steps) {
    if (t <= info.step) {
      throw ParameterError(fmt::format("--checkpoint-at {}: the run resumes at step {}", t,
                                       info.step));
    }
  }
  install_checkpoints(checkpoints, sim, opts);
  const RunResult result = sim.run(opts);
  bar.finish();
  if (result.interrupted) {
    const auto kept = finish_checkpoints(checkpoints, true);
    fmt::print(stderr, "microcosm: interrupted at step {}; no results written{}\n",
               info.run_start + result.steps_done,
               checkpoints.written.empty() ? "" : fmt::format(" (checkpoints in {})", kept.string()));
    return 130;
  }
  write_run_directory(dir, sim, result, a.overwrite);
  finish_checkpoints(checkpoints, false);
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
