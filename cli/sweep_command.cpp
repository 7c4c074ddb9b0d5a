// microcosm sweep SWEEP.toml [--jobs N] [--db FILE] [--shard i/n] [--csv DIR] [--quiet] [--dry-run]
#include <fmt/format.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <memory>
#include <thread>

#include "commands.hpp"
#include "microcosm/core/error.hpp"
#include "microcosm/sweep/db_lock.hpp"
#include "microcosm/sweep/summary.hpp"
#include "progress_bar.hpp"
#include "sweep_common.hpp"

namespace microcosm::cli {

std::atomic<bool> g_sweep_stop{false};

namespace {

extern "C" void on_sweep_signal(int) { g_sweep_stop.store(true); }

int run(const SweepArgs& a) {
  std::signal(SIGINT, on_sweep_signal);
  std::signal(SIGTERM, on_sweep_signal);
  sweep::Design d = sweep::expand_design(sweep::load_sweep_spec(a.file));
  const sweep::Shard shard = a.shard.empty() ? sweep::Shard{} : sweep::parse_shard(a.shard);
  const std::filesystem::path db_path = sweep_db_path(d, a.db, shard);
  // Branched sweeps keep their replicates' checkpoints beside the database.
  d.checkpoint_dir = db_path.parent_path() / (d.spec.name + ".checkpoints");

  if (a.dry_run) {
    std::size_t in_shard = 0;
    for (const auto& r : d.runs) in_shard += shard.contains(r.index) ? 1 : 0;
    print_plan(d, shard, db_path, in_shard, 0, 0, "");
    for (std::size_t c = 0; c < d.cells.size() && c < 50; ++c) {
      fmt::print("  cell {}: {}\n", c, d.cell_text(c));
    }
    if (d.cells.size() > 50) fmt::print("  ... {} more cells\n", d.cells.size() - 50);
    fmt::print("  seeds: {}\n", fmt::join(d.seeds, ", "));
    return 0;
  }

  if (const int world = mpi_world_size_from_env(); world > 1) {
#ifdef MICROCOSM_HAVE_MPI
    return run_sweep_mpi(d, db_path, shard, a);
#else
    throw Error(fmt::format(
        "started by an MPI launcher with {} processes, but this microcosm was built without MPI "
        "(install libopenmpi-dev and rebuild), so every process would run the whole sweep; run "
        "it without mpirun, or use --shard i/n per process",
        world));
#endif
  }

  sweep::DbLock lock(db_path);
  sweep::ResultsDb db = sweep::ResultsDb::open_for_sweep(db_path, d, shard);
  const std::vector<std::size_t> todo = db.runs_to_do();
  const std::size_t redo = db.count("running");
  unsigned jobs = a.jobs ? a.jobs : std::max(1u, std::thread::hardware_concurrency());
  if (!a.quiet) print_plan(d, shard, db_path, todo.size(), redo, jobs, "jobs");

  ProgressBar bar(!a.quiet, "runs");
  std::size_t printed = 0;
  sweep::RunnerOptions opt;
  opt.jobs = jobs;
  opt.stop = &g_sweep_stop;
  opt.host = sweep::host_name();
  opt.rank = 0;
  opt.progress = [&](std::size_t done, std::size_t total) { bar.update(done, total); };
  opt.on_failure = [&](const sweep::RunOutcome& o) {
    bar.finish();
    print_failure(d, o, printed);
  };
  const auto t0 = std::chrono::steady_clock::now();
  const sweep::SweepReport report = sweep::run_local(d, db, todo, opt);
  bar.finish();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return finish_sweep(db, report, seconds, a);
}

}  // namespace

std::filesystem::path sweep_db_path(const sweep::Design& d, const std::string& db_flag,
                                    const sweep::Shard& shard) {
  if (!db_flag.empty()) return db_flag;
  std::filesystem::path p = d.spec.db.empty()
                                ? std::filesystem::path("runs") / (d.spec.name + ".sqlite")
                                : d.spec.file.parent_path() / d.spec.db;
  if (shard.count > 1) {
    p.replace_filename(fmt::format("{}.shard-{}-of-{}{}", p.stem().string(), shard.index,
                                   shard.count, p.extension().string()));
  }
  return p;
}

void print_plan(const sweep::Design& d, const sweep::Shard& shard, const std::filesystem::path& db,
                std::size_t todo, std::size_t redo, unsigned workers, const char* worker_kind) {
  std::string axes;
  for (const auto& ax : d.spec.axes) {
    axes += fmt::format("{}{}", axes.empty() ? "" : ", ", ax.key);
  }
  fmt::print("sweep {}: {} {} cells{} x {} replicates = {} runs{}; model {}\n", d.spec.name,
             sweep::design_name(d.spec.design), d.cells.size(), axes.empty() ? "" : " over " + axes,
             d.spec.replicates, d.runs.size(),
             shard.count > 1 ? fmt::format(" (shard {})", shard.text()) : "", d.base.model);
  if (d.spec.branch_at > 0) {
    fmt::print("  branched at step {}: {} base runs to the branch, checkpoints in {}\n",
               d.spec.branch_at, d.spec.replicates, d.checkpoint_dir.string());
  }
  if (workers > 0) {
    fmt::print("  {} to run{} with {} {}; results in {}\n", todo,
               redo ? fmt::format(" ({} interrupted earlier, redone)", redo) : "", workers,
               worker_kind, db.string());
  } else {
    fmt::print("  {} runs{}; results would go to {}\n", todo,
               shard.count > 1 ? " in this shard" : "", db.string());
  }
  std::fflush(stdout);
}

void print_failure(const sweep::Design& d, const sweep::RunOutcome& o, std::size_t& printed) {
  ++printed;
  if (printed > 10) {
    if (printed == 11) fmt::print(stderr, "microcosm: more runs failed (see the runs table)\n");
    return;
  }
  const auto& r = d.runs.at(o.index);
  fmt::print(stderr, "microcosm: run {} ({}; replicate {}, seed {}) failed: {}\n", o.index,
             d.cell_text(r.cell), r.replicate, r.seed, o.error);
}

int finish_sweep(sweep::ResultsDb& db, const sweep::SweepReport& report, double seconds,
                 const SweepArgs& a) {
  const std::size_t total = db.count_all();
  const std::size_t done = db.count("done");
  const std::size_t failed = db.count("failed");
  if (report.interrupted) {
    fmt::print(stderr,
               "microcosm: interrupted; {} of {} runs done ({} this time). Rerun the same command "
               "to finish the sweep\n",
               done, total, report.done);
    return 130;
  }
  if (!a.csv.empty()) sweep::export_csv(db, a.csv);
  if (!a.quiet) {
    fmt::print("{} runs done, {} failed of {} ({} this time, {:.1f} s); results in {}{}\n", done,
               failed, total, report.done + report.failed, seconds, db.file().string(),
               a.csv.empty() ? "" : fmt::format(", CSV in {}", a.csv));
  }
  if (failed > 0) {
    fmt::print(stderr,
               "microcosm: {} of {} runs failed (status 'failed' and the message in the runs "
               "table); rerunning the same command retries them\n",
               failed, total);
    return 1;
  }
  return 0;
}

int mpi_world_size_from_env() {
  for (const char* var : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_SIZE", "MPI_LOCALNRANKS"}) {
    if (const char* v = std::getenv(var)) {
      const int n = std::atoi(v);
      if (n > 0) return n;
    }
  }
  return 0;
}

void add_sweep_command(CLI::App& app, int& status) {
  auto args = std::make_shared<SweepArgs>();
  auto* cmd = app.add_subcommand(
      "sweep",
      "run a parameter sweep (docs/sweeps.md) into a SQLite results database; rerun to resume");
  cmd->add_option("sweep", args->file, "sweep file (TOML)")->required();
  cmd->add_option("-j,--jobs", args->jobs, "runs in parallel (default: one per core)");
  cmd->add_option("--db", args->db,
                  "results database (default: [sweep] db, else runs/<sweep name>.sqlite)");
  cmd->add_option("--shard", args->shard,
                  "run only runs with index % n == i, into their own database (merge them with "
                  "`microcosm merge`)");
  cmd->add_option("--csv", args->csv, "also write runs.csv and metrics.csv into this directory");
  cmd->add_flag("-q,--quiet", args->quiet, "no progress bar or summary");
  cmd->add_flag("--dry-run", args->dry_run, "validate and print the runs without running them");
  cmd->callback([args, &status] { status = run(*args); });
}

}  // namespace microcosm::cli
