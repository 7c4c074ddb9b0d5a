// The sweep results database: round trip of runs and metrics, one
// transaction per run (no torn rows), resume checks, summaries with
// Student-t intervals, CSV export and merging of shards.
#include <fmt/format.h>

#include <cmath>
#include <fstream>
#include <limits>

#include "microcosm/sweep/merge.hpp"
#include "microcosm/sweep/results_db.hpp"
#include "microcosm/sweep/runner.hpp"
#include "microcosm/sweep/summary.hpp"
#include "sweep_test_support.hpp"

using namespace microcosm;
using namespace microcosm::sweep;
using microcosm::test::SweepTest;

namespace {

const std::string kBody =
    "replicates = 3\n[[axes]]\nkey = \"model.epsilon\"\nvalues = [0.1, 0.2]\n";

// A finished run with metrics a = index + step, b = 10 * index (NaN at step 1).
RunOutcome outcome(std::size_t index, std::size_t rows = 3) {
  RunOutcome o;
  o.index = index;
  o.status = RunStatus::Done;
  o.started = o.finished = utc_now();
  o.host = "h";
  o.steps_done = rows;
  o.metrics.names = {"a", "b"};
  for (std::size_t s = 0; s < rows; ++s) {
    o.metrics.steps.push_back(s);
    o.metrics.values.push_back(static_cast<double>(index + s));
    o.metrics.values.push_back(s == 1 ? std::numeric_limits<double>::quiet_NaN()
                                      : 10.0 * static_cast<double>(index));
  }
  return o;
}

std::size_t metric_rows(ResultsDb& db, std::size_t run) {
  auto st = db.database().prepare("SELECT count(*) FROM metrics WHERE run_id = ?");
  st.bind(1, static_cast<std::int64_t>(run));
  st.step();
  return static_cast<std::size_t>(st.int64(0));
}

std::string status(ResultsDb& db, std::size_t run) {
  auto st = db.database().prepare("SELECT status FROM runs WHERE run_id = ?");
  st.bind(1, static_cast<std::int64_t>(run));
  st.step();
  return st.text(0);
}

}  // namespace

TEST(SweepStats, StudentTQuantilesMatchTables) {
  // Two-sided 95% critical values from standard tables.
  EXPECT_NEAR(student_t_quantile(0.975, 1), 12.7062, 1e-4);
  EXPECT_NEAR(student_t_quantile(0.975, 2), 4.3027, 1e-4);
  EXPECT_NEAR(student_t_quantile(0.975, 4), 2.7764, 1e-4);
  EXPECT_NEAR(student_t_quantile(0.975, 10), 2.2281, 1e-4);
  EXPECT_NEAR(student_t_quantile(0.975, 30), 2.0423, 1e-4);
  EXPECT_NEAR(student_t_quantile(0.975, 1e6), 1.95997, 1e-4);
  EXPECT_NEAR(student_t_quantile(0.025, 4), -2.7764, 1e-4);
}

TEST(SweepShard, ParsesIOfN) {
  EXPECT_EQ(parse_shard("1/4").index, 1u);
  EXPECT_EQ(parse_shard("1/4").count, 4u);
  EXPECT_TRUE(parse_shard("1/4").contains(5));
  for (const char* bad : {"4/4", "1", "a/b", "1/0", "-1/3", "1/2x"}) {
    EXPECT_THROW(parse_shard(bad), ParameterError) << bad;
  }
}

TEST_F(SweepTest, DatabaseRoundTripAndResumeState) {
  const Design d = design(kBody);
  const auto file = dir_ / "r.sqlite";
  {
    ResultsDb db = ResultsDb::open_for_sweep(file, d, {});
    EXPECT_EQ(db.count_all(), 6u);
    EXPECT_EQ(db.runs_to_do().size(), 6u);
    db.mark_running(2, utc_now(), "h", 0);
    db.record(outcome(2));
    RunOutcome failed;
    failed.index = 4;
    failed.status = RunStatus::Failed;
    failed.error = "model exploded";
    db.record(failed);
    db.mark_running(5, utc_now(), "h", 0);  // then "killed"
  }
  ResultsDb db = ResultsDb::open_for_sweep(file, d, {});
  EXPECT_EQ(db.runs_to_do(), (std::vector<std::size_t>{0, 1, 3, 4, 5}));
  EXPECT_EQ(status(db, 5), "running");
  EXPECT_EQ(status(db, 4), "failed");
  EXPECT_EQ(db.metric_names(), (std::vector<std::string>{"a", "b"}));
  auto st = db.database().prepare(
      "SELECT r.seed, r.\"model.epsilon\", r.params, m.step, m.a, m.b FROM runs r JOIN metrics m "
      "USING (run_id) WHERE run_id = 2 ORDER BY step");
  ASSERT_TRUE(st.step());
  EXPECT_EQ(static_cast<std::uint64_t>(st.int64(0)), d.seeds[2]);
  EXPECT_EQ(st.real(1), 0.1);
  EXPECT_EQ(st.text(2), "{\"model.epsilon\":0.1}");
  EXPECT_EQ(st.real(4), 2.0);
  ASSERT_TRUE(st.step());
  EXPECT_TRUE(std::isnan(st.real(5)));  // NaN is stored as NULL
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.int64(3), 2);
  EXPECT_FALSE(st.step());
  auto err = db.database().prepare("SELECT error FROM runs WHERE run_id = 4");
  err.step();
  EXPECT_EQ(err.text(0), "model exploded");
}

TEST_F(SweepTest, ARunCommitsAllItsRowsOrNone) {
  const Design d = design(kBody);
  ResultsDb db = ResultsDb::open_for_sweep(dir_ / "r.sqlite", d, {});
  db.record(outcome(0));
  // A duplicate step violates the primary key after some rows went in: the
  // whole run must roll back, leaving no rows and the status untouched.
  RunOutcome bad = outcome(1);
  bad.metrics.names = {"a", "b", "c"};  // a new column, added inside the transaction
  bad.metrics.values.clear();
  bad.metrics.steps = {0, 1, 1};
  bad.metrics.values.assign(9, 1.0);
  db.mark_running(1, utc_now(), "h", 0);
  EXPECT_THROW(db.record(bad), OutputError);
  EXPECT_EQ(metric_rows(db, 1), 0u);
  EXPECT_EQ(status(db, 1), "running");
  EXPECT_EQ(db.metric_names(), (std::vector<std::string>{"a", "b"}));  // column rolled back
  // The connection stays usable and the run can be recorded afterwards.
  db.record(outcome(1));
  EXPECT_EQ(metric_rows(db, 1), 3u);
  EXPECT_EQ(status(db, 1), "done");
  EXPECT_EQ(metric_rows(db, 0), 3u);
}

TEST_F(SweepTest, ReopeningWithAnotherDesignOrShardIsRefused) {
  const auto file = dir_ / "r.sqlite";
  { ResultsDb::open_for_sweep(file, design(kBody), {}); }
  try {
    ResultsDb::open_for_sweep(
        file, design("replicates = 4\n[[axes]]\nkey = \"model.epsilon\"\nvalues = [0.1, 0.2]\n"),
        {});
    FAIL() << "expected ParameterError";
  } catch (const ParameterError& e) {
    EXPECT_NE(std::string(e.what()).find("expanded design changed: database 6 runs"),
              std::string::npos)
        << e.what();
  }
  try {
    ResultsDb::open_for_sweep(file, design(kBody + "[set]\nsimulation.steps = 30\n"), {});
    FAIL() << "expected ParameterError";
  } catch (const ParameterError& e) {
    EXPECT_NE(std::string(e.what()).find("steps = 20"), std::string::npos) << e.what();
  }
  EXPECT_THROW(ResultsDb::open_for_sweep(file, design(kBody), parse_shard("1/2")), ParameterError);
}

TEST_F(SweepTest, SummaryGivesMeanAndStudentTInterval) {
  const Design d = design(kBody);
  ResultsDb db = ResultsDb::open_for_sweep(dir_ / "r.sqlite", d, {});
  for (std::size_t i = 0; i < 6; ++i) db.record(outcome(i, i == 5 ? 2 : 3));
  const Summary s = summarize(db, {{"a"}, std::nullopt, {}});
  ASSERT_EQ(s.rows.size(), 2u);
  // Cell 0: runs 0, 1, 2 at their last step 2: a = 2, 3, 4.
  EXPECT_DOUBLE_EQ(s.rows[0].mean, 3.0);
  EXPECT_EQ(s.rows[0].n, 3u);
  EXPECT_NEAR(s.rows[0].half, 4.302653 * 1.0 / std::sqrt(3.0), 1e-5);
  // Cell 1: runs 3, 4 at step 2 (5, 6) and run 5 at its last step 1 (6).
  EXPECT_NEAR(s.rows[1].mean, 17.0 / 3.0, 1e-12);
  // --step 1: a = index + 1.
  const Summary s1 = summarize(db, {{"a"}, 1, {}});
  EXPECT_DOUBLE_EQ(s1.rows[0].mean, 2.0);
  // NaN values (b at step 1) are left out of n.
  const Summary sb = summarize(db, {{"b"}, 1, {}});
  EXPECT_EQ(sb.rows[0].n, 0u);
  EXPECT_TRUE(std::isnan(sb.rows[0].mean));
  EXPECT_EQ(summarize(db, {{"b"}, 0, {}}).rows[1].n, 3u);
  // --by the only axis gives the same groups as the cells.
  const Summary pooled = summarize(db, {{"a"}, std::nullopt, {"model.epsilon"}});
  EXPECT_EQ(pooled.rows.size(), 2u);
  const std::string table = format_summary_table(s);
  EXPECT_NE(table.find("model.epsilon"), std::string::npos) << table;
  EXPECT_THROW(summarize(db, {{"nope"}, std::nullopt, {}}), ParameterError);
  EXPECT_THROW(summarize(db, {{"a"}, std::nullopt, {"model.mu"}}), ParameterError);
}

TEST_F(SweepTest, ShardsMergeIntoTheFullDesign) {
  const Design d = design(kBody);
  const auto a = dir_ / "a.sqlite", b = dir_ / "b.sqlite", out = dir_ / "all.sqlite";
  {
    ResultsDb da = ResultsDb::open_for_sweep(a, d, parse_shard("0/2"));
    ResultsDb db = ResultsDb::open_for_sweep(b, d, parse_shard("1/2"));
    EXPECT_EQ(da.runs_to_do(), (std::vector<std::size_t>{0, 2, 4}));
    for (std::size_t i : {0, 2, 4}) da.record(outcome(i));
    for (std::size_t i : {1, 3}) db.record(outcome(i));  // run 5 left pending
  }
  const MergeReport r = merge_databases(out, {a, b});
  EXPECT_EQ(r.runs, 6u);
  EXPECT_EQ(r.done, 5u);
  EXPECT_EQ(r.total_runs, 6u);
  ResultsDb m = ResultsDb::open_existing(out);
  EXPECT_EQ(m.info().shard.count, 1u);
  EXPECT_EQ(m.runs_to_do(), (std::vector<std::size_t>{5}));
  for (std::size_t i = 0; i < 5; ++i) EXPECT_EQ(metric_rows(m, i), 3u);
  EXPECT_THROW(merge_databases(out, {a, b}), OutputError);  // exists
  // A database of another design cannot join.
  const Design other = design("replicates = 1\n");
  { ResultsDb::open_for_sweep(dir_ / "o.sqlite", other, {}); }
  EXPECT_THROW(merge_databases(dir_ / "x.sqlite", {a, dir_ / "o.sqlite"}), ParameterError);
  EXPECT_FALSE(std::filesystem::exists(dir_ / "x.sqlite"));
}

TEST_F(SweepTest, ExportWritesRunsAndMetricsCsv) {
  const Design d = design(kBody);
  ResultsDb db = ResultsDb::open_for_sweep(dir_ / "r.sqlite", d, {});
  db.record(outcome(0));
  export_csv(db, dir_ / "csv");
  std::ifstream runs(dir_ / "csv" / "runs.csv"), metrics(dir_ / "csv" / "metrics.csv");
  std::string line;
  std::getline(runs, line);
  EXPECT_EQ(line.rfind("run_id,cell_id,replicate,seed,params,model.epsilon,status", 0), 0u) << line;
  std::getline(runs, line);
  EXPECT_NE(line.find("\"{\"\"model.epsilon\"\":0.1}\""), std::string::npos) << line;
  std::getline(metrics, line);
  EXPECT_EQ(line, "run_id,step,a,b");
  std::getline(metrics, line);
  EXPECT_EQ(line, "0,0,0,0");
  std::getline(metrics, line);
  EXPECT_EQ(line, "0,1,1,");  // NaN -> empty
}

TEST_F(SweepTest, AFullDatabaseStopsTheSweepWithAClearErrorAndStaysConsistent) {
  const Design d = design("replicates = 8\n");
  const auto file = dir_ / "full.sqlite";
  ResultsDb db = ResultsDb::open_for_sweep(file, d, {});
  // Cap the file at its current size plus a little: SQLite then reports
  // SQLITE_FULL exactly as on a full disk.
  auto pages = db.database().prepare("PRAGMA page_count");
  pages.step();
  db.database().exec(fmt::format("PRAGMA max_page_count = {}", pages.int64(0) + 2));
  RunnerOptions opt;
  opt.jobs = 2;
  std::vector<std::size_t> todo(8);
  for (std::size_t i = 0; i < 8; ++i) todo[i] = i;
  try {
    run_local(d, db, todo, opt);
    FAIL() << "expected OutputError";
  } catch (const OutputError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find(file.string()), std::string::npos) << msg;
    EXPECT_NE(msg.find("full"), std::string::npos) << msg;
  }
  // Every run is either done with all its rows or has none.
  auto st = db.database().prepare(
      "SELECT r.status, count(m.step), r.steps_done FROM runs r LEFT JOIN metrics m "
      "ON m.run_id = r.run_id GROUP BY r.run_id");
  std::size_t done = 0;
  while (st.step()) {
    if (st.text(0) == "done") {
      ++done;
      EXPECT_EQ(st.int64(1), st.int64(2) + 1);  // steps 0..steps_done, record_every = 1
    } else {
      EXPECT_EQ(st.int64(1), 0);
    }
  }
  EXPECT_LT(done, 8u);
}
