#include "run_into_directory.hpp"

#include <atomic>
#include <csignal>

#include <fmt/format.h>

#include "microcosm/core/error.hpp"
#include "microcosm/io/run_directory.hpp"
#include "progress_bar.hpp"

namespace microcosm::cli {
namespace {

std::atomic<bool> g_stop{false};
extern "C" void on_stop_signal(int) { g_stop.store(true); }

}  // namespace

void install_stop_signals() {
  std::signal(SIGINT, on_stop_signal);
  std::signal(SIGTERM, on_stop_signal);
}

void refuse_existing_run_dir(const std::filesystem::path& dir, bool overwrite) {
  if (std::filesystem::exists(dir) && !overwrite) {
    throw OutputError(fmt::format(
        "{}: the run directory already exists; pass --overwrite to replace it or --out for "
        "another directory",
        dir.string()));
  }
}

int run_into_directory(Simulation& sim, const std::filesystem::path& dir, bool overwrite,
                       bool quiet, CheckpointPlan& checkpoints, std::uint64_t step_offset,
                       RunResult& result) {
  ProgressBar bar(!quiet);
  RunOptions opts;
  opts.stop = &g_stop;
  opts.progress = [&](std::uint64_t done, std::uint64_t total) { bar.update(done, total); };
  install_checkpoints(checkpoints, sim, opts);
  result = sim.run(opts);
  bar.finish();
  if (result.interrupted) {
    const auto kept = finish_checkpoints(checkpoints, true);
    fmt::print(stderr, "microcosm: interrupted at step {}; no results written{}\n",
               step_offset + result.steps_done,
               checkpoints.written.empty() ? "" : fmt::format(" (checkpoints in {})", kept.string()));
    return 130;
  }
  write_run_directory(dir, sim, result, overwrite);
  finish_checkpoints(checkpoints, false);
  return 0;
}

}  // namespace microcosm::cli
