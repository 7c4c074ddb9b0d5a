// The SQLite results database of a sweep (schema in docs/sweeps.md):
//
//   sweep    one row: sweep file and text, base scenario text and its
//            resolved form, design kind, axis keys, design hash, total runs,
//            shard, creation time, microcosm version, schema version
//   runs     one row per run of the design (or of the shard): run_id,
//            cell_id, replicate, seed, params (JSON) and one column per axis
//            (named by the axis key, e.g. "model.epsilon"), status
//            (pending, running, done, failed), error, setup_s, run_s,
//            steps_done, converged, started, finished, host, rank
//   metrics  (run_id, step) then one REAL column per metric of the model
//            (wide form: a model's metric set is fixed, so this is 3-5x
//            smaller than (run_id, step, name, value) rows and a metric is a
//            plain column in queries). NULL stands for NaN.
//
// WAL journal, synchronous = NORMAL; one transaction per finished run, so a
// run's metric rows and its status 'done' commit together or not at all.
// One ResultsDb object is used by one thread (the sweep's writer).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "microcosm/engine/simulation.hpp"
#include "microcosm/sweep/design.hpp"
#include "microcosm/sweep/sqlite.hpp"

namespace microcosm::sweep {

inline constexpr int kSchemaVersion = 1;

struct Shard {
  std::size_t index = 0;
  std::size_t count = 1;
  bool contains(std::size_t run) const noexcept { return run % count == index; }
  std::string text() const;  // "i/n"
};
// Parses "i/n" with 0 <= i < n; throws ParameterError otherwise.
Shard parse_shard(const std::string& text);

enum class RunStatus { Done, Failed, Interrupted };

// What a worker reports for one run.
struct RunOutcome {
  std::size_t index = 0;
  RunStatus status = RunStatus::Done;
  std::string error;
  double setup_s = 0.0;
  double run_s = 0.0;
  std::uint64_t steps_done = 0;
  bool converged = false;
  std::string started;   // ISO 8601 UTC
  std::string finished;  // ISO 8601 UTC
  std::string host;
  int rank = 0;
  MetricSeries metrics;
  // Branched sweeps: the step the run branched at and the checkpoint it
  // resumed from (runs.branch_step, runs.checkpoint); -1: not branched.
  std::int64_t branch_step = -1;
  std::string checkpoint;
};

// "2024-05-01T12:00:00.123Z"
std::string utc_now();

// The `sweep` row.
struct SweepInfo {
  std::string file;
  std::string model;
  std::string design;
  std::vector<std::string> axes;
  std::string design_hash;
  std::size_t total_runs = 0;
  Shard shard;
  std::string created;
  std::string version;
  std::string resolved_toml;
};

class ResultsDb {
 public:
  // Creates the database for `design` (restricted to `shard`) or reopens an
  // existing one. Reopening checks that the file holds the same expanded
  // design (hash) and shard, and throws ParameterError explaining what
  // differs otherwise. Missing runs are added as pending.
  static ResultsDb open_for_sweep(const std::filesystem::path& file, const Design& design,
                                  const Shard& shard);
  // Opens an existing database (summarize, export, merge).
  static ResultsDb open_existing(const std::filesystem::path& file, bool read_only = true);

  const std::filesystem::path& file() const noexcept { return db_->file(); }
  sql::Database& database() noexcept { return *db_; }
  SweepInfo info();

  // Indices of runs not yet done (pending, running or failed), ascending.
  std::vector<std::size_t> runs_to_do();
  std::size_t count(std::string_view status);
  std::size_t count_all();

  void mark_running(std::size_t run, const std::string& started, const std::string& host, int rank);
  // Back to pending (an interrupted run).
  void mark_pending(std::size_t run);
  // One transaction: the run's metric rows and status 'done' (or 'failed'
  // with the error text), with timings. Adds metric columns on first use.
  void record(const RunOutcome& outcome);

  // Metric column names (in table order).
  std::vector<std::string> metric_names();

 private:
  explicit ResultsDb(std::unique_ptr<sql::Database> db);
  void prepare_writes();
  void ensure_metric_columns(const std::vector<std::string>& names);
  void record_branch(const RunOutcome& outcome);  // results_db_branch.cpp

  std::unique_ptr<sql::Database> db_;
  std::unique_ptr<sql::Statement> mark_running_, mark_pending_, finish_, delete_metrics_;
  std::unique_ptr<sql::Statement> insert_metrics_;
  std::vector<std::string> insert_names_;  // columns insert_metrics_ was prepared for
  std::vector<std::string> metric_columns_;
};

}  // namespace microcosm::sweep
