// Running the runs of a sweep on this machine: `jobs` worker threads take
// run indices from a shared counter and execute them (each builds its own
// Simulation from the design, so a run's result depends only on its
// scenario, cell and seed); the calling thread is the only one touching the
// database and writes each finished run in one transaction. At most `jobs`
// finished runs wait for the writer, so memory stays bounded whatever the
// number of runs.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "microcosm/sweep/design.hpp"
#include "microcosm/sweep/results_db.hpp"

namespace microcosm::sweep {

// Builds and runs one run of the design. Model and input errors become a
// Failed outcome with the message; a set `stop` flag gives Interrupted.
RunOutcome execute_run(const Design& design, std::size_t index, const std::atomic<bool>* stop,
                       const std::string& host, int rank);

std::string host_name();

// Branched sweeps: the checkpoint of `replicate` at branch_at, made by
// running the replicate's base scenario when the file does not exist yet
// (one worker per replicate in this process; concurrent processes may both
// write it, atomically and with the same content). runner_branch.cpp.
std::filesystem::path ensure_branch_checkpoint(const Design& design, std::size_t replicate,
                                               const std::atomic<bool>* stop);

struct RunnerOptions {
  unsigned jobs = 0;                        // 0: one per core
  const std::atomic<bool>* stop = nullptr;  // e.g. set by SIGINT
  std::string host;
  int rank = 0;
  // Called by the writer after each finished run: (finished, to do) in this session.
  std::function<void(std::size_t, std::size_t)> progress;
  // Called by the writer for each failed run.
  std::function<void(const RunOutcome&)> on_failure;
};

struct SweepReport {
  std::size_t todo = 0;
  std::size_t done = 0;
  std::size_t failed = 0;
  bool interrupted = false;
};

// Runs `todo` (indices into design.runs) and records them in `db`. A DB
// write error stops the workers and is rethrown (OutputError naming the
// file); runs already committed stay, the rest are redone on resume.
SweepReport run_local(const Design& design, ResultsDb& db, const std::vector<std::size_t>& todo,
                      const RunnerOptions& options);

}  // namespace microcosm::sweep
