// microcosm run SCENARIO [--set k=v ...] [--seed N] [--out DIR] [--overwrite] [--quiet]
//               [--checkpoint-at T1,T2,... [--checkpoint-dir DIR]]
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

struct RunArgs {
  std::string scenario;
  std::vector<std::string> sets;
  std::optional<std::uint64_t> seed;
  std::string out;
  bool overwrite = false;
  bool quiet = false;
  std::vector<std::uint64_t> checkpoint_at;
  std::string checkpoint_dir;
};

int run(const RunArgs& a) {
  install_stop_signals();
  std::vector<Override> overrides;
  for (const auto& s : a.sets) overrides.push_back(parse_override(s));
  if (a.seed) overrides.push_back({"simulation", "seed", std::to_string(*a.seed)});
  Scenario scenario = load_scenario(a.scenario, overrides);
  const std::filesystem::path dir =
      a.out.empty() ? default_run_dir(scenario) : std::filesystem::path(a.out);
  refuse_existing_run_dir(dir, a.overwrite);
  Simulation sim(std::move(scenario));
  CheckpointPlan checkpoints = plan_checkpoints(a.checkpoint_at, a.checkpoint_dir, dir, sim, 0);
  RunResult result;
  if (const int status = run_into_directory(sim, dir, a.overwrite, a.quiet, checkpoints, 0, result)) {
    return status;
  }
  if (!a.quiet) {
    fmt::print("{}: {} steps{} in {:.3f} s; results in {}\n", sim.scenario().model,
               result.steps_done, result.converged ? " (converged)" : "", result.run_seconds,
               dir.string());
  }
  return 0;
}

}  // namespace

void add_run_command(CLI::App& app, int& status) {
  auto args = std::make_shared<RunArgs>();
  auto* cmd = app.add_subcommand("run", "run a scenario and write its run directory");
  cmd->add_option("scenario", args->scenario, "scenario file (TOML)")->required();
  cmd->add_option("--set", args->sets, "override a scenario value: section.key=value (repeatable)");
  cmd->add_option("--seed", args->seed, "override [simulation] seed");
  cmd->add_option("--out", args->out, "run directory (default: [output] dir or runs/<name>)");
  cmd->add_flag("--overwrite", args->overwrite, "replace an existing run directory");
  cmd->add_flag("-q,--quiet", args->quiet, "no progress bar or summary");
  cmd->add_option("--checkpoint-at", args->checkpoint_at,
                  "save the full state after these steps (comma-separated), to resume or branch "
                  "from with `microcosm resume`")
      ->delimiter(',');
  cmd->add_option("--checkpoint-dir", args->checkpoint_dir,
                  "directory for step_<t>.ckpt files (default: <run dir>/checkpoints)");
  cmd->callback([args, &status] { status = run(*args); });
}

}  // namespace microcosm::cli
