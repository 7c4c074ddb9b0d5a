#include "microcosm/sweep/results_db.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <nlohmann/json.hpp>
#include <sstream>

#include "microcosm/core/error.hpp"

namespace microcosm::sweep {

namespace {

std::string sql_type(const spec::Value& v) {
  if (std::holds_alternative<double>(v)) return "REAL";
  if (std::holds_alternative<std::int64_t>(v) || std::holds_alternative<bool>(v)) return "INTEGER";
  return "TEXT";
}

// First line where two texts differ, for the "base scenario changed" message.
std::string first_difference(const std::string& a, const std::string& b) {
  std::istringstream sa(a), sb(b);
  std::string la, lb;
  for (int line = 1;; ++line) {
    const bool ha = static_cast<bool>(std::getline(sa, la));
    const bool hb = static_cast<bool>(std::getline(sb, lb));
    if (!ha && !hb) return "no textual difference";
    if (!ha) la = "(end)";
    if (!hb) lb = "(end)";
    if (la != lb) {
      return fmt::format("resolved scenario line {}: database has '{}', the sweep now gives '{}'",
                         line, la, lb);
    }
  }
}

void configure(sql::Database& db) {
  db.exec("PRAGMA journal_mode=WAL");
  // With WAL, NORMAL keeps the database consistent after a crash or power
  // loss; the last commits may be lost, and those runs are simply redone.
  db.exec("PRAGMA synchronous=NORMAL");
}

bool has_table(sql::Database& db, std::string_view name) {
  auto st = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
  st.bind(1, name);
  return st.step();
}

void insert_runs(sql::Database& db, const Design& d, const Shard& shard, bool or_ignore) {
  std::string cols = "run_id, cell_id, replicate, seed, params";
  std::string qs = "?, ?, ?, ?, ?";
  for (const auto& ax : d.spec.axes) {
    cols += ", " + sql::quote_ident(ax.key);
    qs += ", ?";
  }
  auto st = db.prepare(
      fmt::format("INSERT {} INTO runs ({}) VALUES ({})", or_ignore ? "OR IGNORE" : "", cols, qs));
  std::vector<std::string> params(d.cells.size());
  for (std::size_t c = 0; c < d.cells.size(); ++c) params[c] = d.cell_json(c).dump();
  for (const auto& r : d.runs) {
    if (!shard.contains(r.index)) continue;
    st.bind(1, static_cast<std::int64_t>(r.index))
        .bind(2, static_cast<std::int64_t>(r.cell))
        .bind(3, static_cast<std::int64_t>(r.replicate))
        .bind(4, static_cast<std::int64_t>(r.seed))
        .bind(5, std::string_view(params[r.cell]));
    for (std::size_t a = 0; a < d.num_axes(); ++a)
      st.bind(static_cast<int>(6 + a), d.cells[r.cell][a]);
    st.run();
  }
}

void create_schema(sql::Database& db, const Design& d, const Shard& shard) {
  sql::Transaction tx(db);
  db.exec(R"(CREATE TABLE sweep (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  file TEXT NOT NULL,
  sweep_toml TEXT NOT NULL,
  scenario_file TEXT NOT NULL,
  scenario_toml TEXT NOT NULL,
  resolved_toml TEXT NOT NULL,
  model TEXT NOT NULL,
  design TEXT NOT NULL,
  axes TEXT NOT NULL,
  design_hash TEXT NOT NULL,
  total_runs INTEGER NOT NULL,
  shard_index INTEGER NOT NULL,
  shard_count INTEGER NOT NULL,
  created TEXT NOT NULL,
  version TEXT NOT NULL,
  schema_version INTEGER NOT NULL))");
  std::string axis_cols;
  std::string axis_index;
  for (std::size_t a = 0; a < d.num_axes(); ++a) {
    const std::string col = sql::quote_ident(d.spec.axes[a].key);
    axis_cols += fmt::format("  {} {},\n", col, sql_type(d.cells.front()[a]));
    axis_index += (axis_index.empty() ? "" : ", ") + col;
  }
  db.exec(fmt::format(R"(CREATE TABLE runs (
  run_id INTEGER PRIMARY KEY,
  cell_id INTEGER NOT NULL,
  replicate INTEGER NOT NULL,
  seed INTEGER NOT NULL,
  params TEXT NOT NULL,
{}  status TEXT NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'running', 'done', 'failed')),
  error TEXT,
  setup_s REAL,
  run_s REAL,
  steps_done INTEGER,
  converged INTEGER,
  started TEXT,
  finished TEXT,
  host TEXT,
  rank INTEGER))",
                      axis_cols));
  db.exec("CREATE INDEX runs_by_cell ON runs (cell_id, replicate)");
  db.exec("CREATE INDEX runs_by_status ON runs (status)");
  if (!axis_index.empty())
    db.exec(fmt::format("CREATE INDEX runs_by_params ON runs ({})", axis_index));
  // The primary key is the index for "metrics of a run".
  db.exec(R"(CREATE TABLE metrics (
  run_id INTEGER NOT NULL REFERENCES runs (run_id),
  step INTEGER NOT NULL,
  PRIMARY KEY (run_id, step)) WITHOUT ROWID)");

  nlohmann::json axes = nlohmann::json::array();
  for (const auto& ax : d.spec.axes) axes.push_back(ax.key);
  auto st = db.prepare(
      "INSERT INTO sweep (id, file, sweep_toml, scenario_file, scenario_toml, resolved_toml, "
      "model, "
      "design, axes, design_hash, total_runs, shard_index, shard_count, created, version, "
      "schema_version) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, d.spec.file.string())
      .bind(2, d.spec.text)
      .bind(3, d.spec.scenario.string())
      .bind(4, d.spec.scenario_text)
      .bind(5, d.resolved_toml)
      .bind(6, d.base.model)
      .bind(7, design_name(d.spec.design))
      .bind(8, axes.dump())
      .bind(9, d.hash)
      .bind(10, static_cast<std::int64_t>(d.runs.size()))
      .bind(11, static_cast<std::int64_t>(shard.index))
      .bind(12, static_cast<std::int64_t>(shard.count))
      .bind(13, utc_now())
      .bind(14, std::string_view(MICROCOSM_VERSION))
      .bind(15, static_cast<std::int64_t>(kSchemaVersion));
  st.run();
  insert_runs(db, d, shard, false);
  tx.commit();
}

}  // namespace

std::string Shard::text() const { return fmt::format("{}/{}", index, count); }

Shard parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  auto bad = [&] {
    return ParameterError(fmt::format(
        "--shard '{}': expected i/n with 0 <= i < n, e.g. --shard 0/4 runs every fourth run "
        "starting with run 0",
        text));
  };
  if (slash == std::string::npos) throw bad();
  try {
    std::size_t used = 0;
    const std::string a = text.substr(0, slash), b = text.substr(slash + 1);
    const unsigned long i = std::stoul(a, &used);
    if (used != a.size()) throw bad();
    const unsigned long n = std::stoul(b, &used);
    if (used != b.size() || n == 0 || i >= n) throw bad();
    return {i, n};
  } catch (const std::logic_error&) {
    throw bad();
  }
}

std::string utc_now() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
}

ResultsDb::ResultsDb(std::unique_ptr<sql::Database> db) : db_(std::move(db)) {}

ResultsDb ResultsDb::open_for_sweep(const std::filesystem::path& file, const Design& design,
                                    const Shard& shard) {
  if (file.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    if (ec) {
      throw OutputError(fmt::format("{}: cannot create the directory {}: {}", file.string(),
                                    file.parent_path().string(), ec.message()));
    }
  }
  ResultsDb r(std::make_unique<sql::Database>(file, sql::Database::Mode::Create));
  sql::Database& db = *r.db_;
  configure(db);
  // A database whose creation was interrupted has no sweep table (the
  // creating transaction rolled back): start it afresh.
  if (!has_table(db, "sweep")) {
    create_schema(db, design, shard);
  } else {
    const SweepInfo old = r.info();
    auto mismatch = [&](const std::string& what) {
      return ParameterError(fmt::format(
          "{}: this results database was created from a different sweep ({}); it holds {} runs of "
          "sweep {} created {}. Pass --db with another file, or delete {} to start over",
          file.string(), what, old.total_runs, old.file, old.created, file.string()));
    };
    if (old.design_hash != design.hash) {
      if (old.resolved_toml != design.resolved_toml) {
        throw mismatch("the base scenario or [set] changed: " +
                       first_difference(old.resolved_toml, design.resolved_toml));
      }
      std::vector<std::string> axes;
      for (const auto& ax : design.spec.axes) axes.push_back(ax.key);
      throw mismatch(fmt::format(
          "the expanded design changed: database {} runs over axes [{}], the sweep file now {} "
          "runs over axes [{}] ({} cells x {} replicates)",
          old.total_runs, fmt::join(old.axes, ", "), design.runs.size(), fmt::join(axes, ", "),
          design.cells.size(), design.spec.replicates));
    }
    if (old.shard.index != shard.index || old.shard.count != shard.count) {
      throw ParameterError(fmt::format(
          "{}: this database holds shard {} of the sweep but the command asks for shard {}; use "
          "the same --shard (or another --db)",
          file.string(), old.shard.text(), shard.text()));
    }
    std::size_t expected = 0;
    for (const auto& run : design.runs) expected += shard.contains(run.index) ? 1 : 0;
    if (r.count_all() != expected) {
      sql::Transaction tx(db);
      insert_runs(db, design, shard, true);
      tx.commit();
    }
  }
  r.metric_columns_ = r.metric_names();
  r.prepare_writes();
  return r;
}

ResultsDb ResultsDb::open_existing(const std::filesystem::path& file, bool read_only) {
  // Readers open read-write when they may: the last connection to close then
  // folds the WAL back into the file and removes the -wal and -shm files,
  // which a read-only connection cannot do.
  const bool writable =
      ::access(file.c_str(), W_OK) == 0 &&
      ::access(file.has_parent_path() ? file.parent_path().c_str() : ".", W_OK) == 0;
  ResultsDb r(std::make_unique<sql::Database>(file, read_only && !writable
                                                        ? sql::Database::Mode::ReadOnly
                                                        : sql::Database::Mode::ReadWrite));
  if (!has_table(*r.db_, "sweep") || !has_table(*r.db_, "runs") || !has_table(*r.db_, "metrics")) {
    throw InputError(
        fmt::format("{}: not a microcosm sweep results database (no sweep, runs and "
                    "metrics tables)",
                    file.string()));
  }
  if (!read_only) {
    configure(*r.db_);
    r.metric_columns_ = r.metric_names();
    r.prepare_writes();
  }
  return r;
}

void ResultsDb::prepare_writes() {
  mark_running_ = std::make_unique<sql::Statement>(
      *db_,
      "UPDATE runs SET status = 'running', started = ?, host = ?, rank = ?, error = NULL "
      "WHERE run_id = ?");
  mark_pending_ = std::make_unique<sql::Statement>(
      *db_, "UPDATE runs SET status = 'pending' WHERE run_id = ? AND status = 'running'");
  finish_ = std::make_unique<sql::Statement>(
      *db_,
      "UPDATE runs SET status = ?, error = ?, setup_s = ?, run_s = ?, steps_done = ?, "
      "converged = ?, started = ?, finished = ?, host = ?, rank = ? WHERE run_id = ?");
  delete_metrics_ = std::make_unique<sql::Statement>(*db_, "DELETE FROM metrics WHERE run_id = ?");
}

SweepInfo ResultsDb::info() {
  auto st = db_->prepare(
      "SELECT file, model, design, axes, design_hash, total_runs, shard_index, shard_count, "
      "created, version, resolved_toml FROM sweep WHERE id = 1");
  if (!st.step()) throw InputError(fmt::format("{}: the sweep table is empty", file().string()));
  SweepInfo i;
  i.file = st.text(0);
  i.model = st.text(1);
  i.design = st.text(2);
  for (const auto& a : nlohmann::json::parse(st.text(3))) i.axes.push_back(a.get<std::string>());
  i.design_hash = st.text(4);
  i.total_runs = static_cast<std::size_t>(st.int64(5));
  i.shard = {static_cast<std::size_t>(st.int64(6)), static_cast<std::size_t>(st.int64(7))};
  i.created = st.text(8);
  i.version = st.text(9);
  i.resolved_toml = st.text(10);
  return i;
}

std::vector<std::size_t> ResultsDb::runs_to_do() {
  auto st = db_->prepare("SELECT run_id FROM runs WHERE status <> 'done' ORDER BY run_id");
  std::vector<std::size_t> out;
  while (st.step()) out.push_back(static_cast<std::size_t>(st.int64(0)));
  return out;
}

std::size_t ResultsDb::count(std::string_view status) {
  auto st = db_->prepare("SELECT count(*) FROM runs WHERE status = ?");
  st.bind(1, status);
  st.step();
  return static_cast<std::size_t>(st.int64(0));
}

std::size_t ResultsDb::count_all() {
  auto st = db_->prepare("SELECT count(*) FROM runs");
  st.step();
  return static_cast<std::size_t>(st.int64(0));
}

std::vector<std::string> ResultsDb::metric_names() {
  std::vector<std::string> out;
  for (auto& c : db_->columns("metrics")) {
    if (c != "run_id" && c != "step") out.push_back(std::move(c));
  }
  return out;
}

void ResultsDb::mark_running(std::size_t run, const std::string& started, const std::string& host,
                             int rank) {
  mark_running_->bind(1, std::string_view(started))
      .bind(2, std::string_view(host))
      .bind(3, static_cast<std::int64_t>(rank))
      .bind(4, static_cast<std::int64_t>(run));
  mark_running_->run();
}

void ResultsDb::mark_pending(std::size_t run) {
  mark_pending_->bind(1, static_cast<std::int64_t>(run));
  mark_pending_->run();
}

void ResultsDb::ensure_metric_columns(const std::vector<std::string>& names) {
  for (const auto& n : names) {
    if (n == "run_id" || n == "step") {
      throw Error(fmt::format("metric name '{}' clashes with a column of the metrics table", n));
    }
    if (std::find(metric_columns_.begin(), metric_columns_.end(), n) != metric_columns_.end()) {
      continue;
    }
    db_->exec(fmt::format("ALTER TABLE metrics ADD COLUMN {} REAL", sql::quote_ident(n)));
    metric_columns_.push_back(n);
  }
  if (insert_metrics_ && names == insert_names_) return;
  std::string cols = "run_id, step", qs = "?, ?";
  for (const auto& n : names) {
    cols += ", " + sql::quote_ident(n);
    qs += ", ?";
  }
  insert_metrics_.reset();
  insert_metrics_ = std::make_unique<sql::Statement>(
      *db_, fmt::format("INSERT INTO metrics ({}) VALUES ({})", cols, qs));
  insert_names_ = names;
}

void ResultsDb::record(const RunOutcome& o) {
  if (o.status == RunStatus::Interrupted) {
    mark_pending(o.index);
    return;
  }
  try {
    sql::Transaction tx(*db_);
    const auto run = static_cast<std::int64_t>(o.index);
    delete_metrics_->bind(1, run);
    delete_metrics_->run();
    if (o.status == RunStatus::Done) {
      const MetricSeries& m = o.metrics;
      ensure_metric_columns(m.names);
      const std::size_t k = m.names.size();
      for (std::size_t r = 0; r < m.rows(); ++r) {
        insert_metrics_->bind(1, run).bind(2, static_cast<std::int64_t>(m.steps[r]));
        for (std::size_t c = 0; c < k; ++c)
          insert_metrics_->bind(static_cast<int>(3 + c), m.at(r, c));
        insert_metrics_->run();
      }
    }
    finish_->bind(1, std::string_view(o.status == RunStatus::Done ? "done" : "failed"));
    if (o.status == RunStatus::Done) {
      finish_->bind_null(2);
    } else {
      finish_->bind(2, std::string_view(o.error));
    }
    finish_->bind(3, o.setup_s)
        .bind(4, o.run_s)
        .bind(5, static_cast<std::int64_t>(o.steps_done))
        .bind(6, static_cast<std::int64_t>(o.converged ? 1 : 0))
        .bind(7, std::string_view(o.started))
        .bind(8, std::string_view(o.finished))
        .bind(9, std::string_view(o.host))
        .bind(10, static_cast<std::int64_t>(o.rank))
        .bind(11, run);
    finish_->run();
    if (o.branch_step >= 0) record_branch(o);
    tx.commit();
  } catch (...) {
    // The transaction rolled back: forget columns added inside it.
    insert_metrics_.reset();
    insert_names_.clear();
    metric_columns_ = metric_names();
    throw;
  }
}

}  // namespace microcosm::sweep
