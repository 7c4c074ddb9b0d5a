#include "microcosm/sweep/merge.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "microcosm/core/error.hpp"
#include "microcosm/sweep/results_db.hpp"

namespace microcosm::sweep {

namespace {

std::string column_list(const std::vector<std::string>& cols) {
  std::string out;
  for (const auto& c : cols) out += (out.empty() ? "" : ", ") + sql::quote_ident(c);
  return out;
}

void remove_db_files(const std::filesystem::path& p) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::filesystem::remove(p.string() + suffix, ec);
  }
}

void merge_into(sql::Database& out, const std::filesystem::path& input, MergeReport& report) {
  auto attach = out.prepare("ATTACH DATABASE ? AS src");
  attach.bind(1, input.string());
  attach.run();
  try {
    sql::Transaction tx(out);
    // Metric columns of the input that the output lacks yet.
    std::vector<std::string> main_cols = out.columns("metrics", "main");
    std::vector<std::string> src_cols = out.columns("metrics", "src");
    for (const auto& c : src_cols) {
      if (std::find(main_cols.begin(), main_cols.end(), c) == main_cols.end()) {
        out.exec(fmt::format("ALTER TABLE main.metrics ADD COLUMN {} REAL", sql::quote_ident(c)));
      }
    }
    out.exec("DELETE FROM temp.take");
    out.exec(
        "INSERT INTO temp.take SELECT s.run_id FROM src.runs s LEFT JOIN main.runs m "
        "ON m.run_id = s.run_id WHERE m.run_id IS NULL OR (m.status <> 'done' AND s.status = "
        "'done')");
    auto dup = out.prepare(
        "SELECT count(*) FROM src.runs s JOIN main.runs m ON m.run_id = s.run_id "
        "WHERE m.status = 'done' AND s.status = 'done'");
    dup.step();
    report.duplicates += static_cast<std::size_t>(dup.int64(0));
    out.exec("DELETE FROM main.metrics WHERE run_id IN (SELECT run_id FROM temp.take)");
    out.exec("DELETE FROM main.runs WHERE run_id IN (SELECT run_id FROM temp.take)");
    const std::string run_cols = column_list(out.columns("runs", "main"));
    out.exec(
        fmt::format("INSERT INTO main.runs ({0}) SELECT {0} FROM src.runs WHERE run_id IN (SELECT "
                    "run_id FROM temp.take)",
                    run_cols));
    const std::string metric_cols = column_list(src_cols);
    out.exec(
        fmt::format("INSERT INTO main.metrics ({0}) SELECT {0} FROM src.metrics WHERE run_id IN "
                    "(SELECT run_id FROM temp.take)",
                    metric_cols));
    tx.commit();
  } catch (...) {
    try {
      out.exec("DETACH DATABASE src");
    } catch (...) {
    }
    throw;
  }
  out.exec("DETACH DATABASE src");
}

}  // namespace

MergeReport merge_databases(const std::filesystem::path& out,
                            const std::vector<std::filesystem::path>& inputs) {
  if (inputs.empty()) throw ParameterError("merge: give at least one input database");
  if (std::filesystem::exists(out)) {
    throw OutputError(
        fmt::format("{}: already exists; merge writes a new database (choose another "
                    "name or delete it)",
                    out.string()));
  }
  SweepInfo first;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (std::filesystem::equivalent(inputs[i], inputs[j])) {
        throw ParameterError(fmt::format("merge: {} is given twice", inputs[i].string()));
      }
    }
    ResultsDb db = ResultsDb::open_existing(inputs[i]);
    SweepInfo info = db.info();
    if (i == 0) {
      first = info;
    } else if (info.design_hash != first.design_hash) {
      throw ParameterError(fmt::format(
          "merge: {} comes from a different sweep design than {} (design hash {} vs {}; sweep "
          "files {} and {}); only shards of one sweep can be merged",
          inputs[i].string(), inputs[0].string(), info.design_hash, first.design_hash, info.file,
          first.file));
    }
  }

  const std::filesystem::path partial = out.string() + ".partial";
  remove_db_files(partial);
  MergeReport report;
  report.total_runs = first.total_runs;
  try {
    {
      sql::Database db(partial, sql::Database::Mode::Create);
      db.exec("PRAGMA journal_mode=WAL");
      db.exec("PRAGMA synchronous=NORMAL");
      // The schema (tables and indices) of the first input.
      auto attach = db.prepare("ATTACH DATABASE ? AS src");
      attach.bind(1, inputs[0].string());
      attach.run();
      {
        sql::Transaction tx(db);
        auto schema = db.prepare(
            "SELECT sql FROM src.sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' "
            "ORDER BY type = 'index', rowid");
        std::vector<std::string> statements;
        while (schema.step()) statements.push_back(schema.text(0));
        for (const auto& s : statements) db.exec(s);
        db.exec("INSERT INTO main.sweep SELECT * FROM src.sweep");
        db.exec("UPDATE main.sweep SET shard_index = 0, shard_count = 1");
        tx.commit();
      }
      db.exec("DETACH DATABASE src");
      db.exec("CREATE TEMP TABLE take (run_id INTEGER PRIMARY KEY)");
      for (const auto& in : inputs) merge_into(db, in, report);
      auto count = db.prepare(
          "SELECT count(*), coalesce(sum(status = 'done'), 0), coalesce(sum(status = 'failed'), 0) "
          "FROM runs");
      count.step();
      report.runs = static_cast<std::size_t>(count.int64(0));
      report.done = static_cast<std::size_t>(count.int64(1));
      report.failed = static_cast<std::size_t>(count.int64(2));
    }  // closing checkpoints the WAL into the file
    std::error_code ec;
    std::filesystem::rename(partial, out, ec);
    if (ec) {
      throw OutputError(fmt::format("{}: cannot rename {} into place: {}", out.string(),
                                    partial.string(), ec.message()));
    }
  } catch (...) {
    remove_db_files(partial);
    throw;
  }
  return report;
}

}  // namespace microcosm::sweep
