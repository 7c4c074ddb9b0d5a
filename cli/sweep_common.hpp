// Pieces of `microcosm sweep` shared by the local runner (sweep_command.cpp)
// and the MPI runner (sweep_mpi.cpp): where the results database goes, the
// one-line plan printed before running and the final report.
#pragma once

#include <atomic>
#include <filesystem>
#include <string>

#include "microcosm/sweep/design.hpp"
#include "microcosm/sweep/results_db.hpp"
#include "microcosm/sweep/runner.hpp"

namespace microcosm::cli {

struct SweepArgs {
  std::string file;
  unsigned jobs = 0;
  std::string db;
  std::string shard;
  std::string csv;
  bool quiet = false;
  bool dry_run = false;
};

// Set by SIGINT / SIGTERM during a sweep.
extern std::atomic<bool> g_sweep_stop;

// --db, else [sweep] db (relative to the sweep file), else
// runs/<sweep name>.sqlite; a shard gets ".shard-i-of-n" before ".sqlite".
std::filesystem::path sweep_db_path(const sweep::Design& d, const std::string& db_flag,
                                    const sweep::Shard& shard);

void print_plan(const sweep::Design& d, const sweep::Shard& shard, const std::filesystem::path& db,
                std::size_t todo, std::size_t redo, unsigned workers, const char* worker_kind);

// Prints a failed run (at most the first ten, then a count).
void print_failure(const sweep::Design& d, const sweep::RunOutcome& o, std::size_t& printed);

// Final report and exit status: 0 all done, 1 some runs failed, 130 interrupted.
int finish_sweep(sweep::ResultsDb& db, const sweep::SweepReport& report, double seconds,
                 const SweepArgs& args);

// MPI world size announced by the launcher's environment (Open MPI, MPICH
// Hydra, Slurm PMI); 0 when not started by mpirun/srun.
int mpi_world_size_from_env();

#ifdef MICROCOSM_HAVE_MPI
// Rank 0 owns the database and hands out runs; the other ranks run them.
int run_sweep_mpi(const sweep::Design& d, const std::filesystem::path& db,
                  const sweep::Shard& shard, const SweepArgs& args);
#endif

}  // namespace microcosm::cli
