// Reading a results database back: per-cell means with 95% confidence
// intervals (Student t over replicates) at the last recorded step or a
// given step, and CSV export of the runs and metrics tables.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "microcosm/sweep/results_db.hpp"

namespace microcosm::sweep {

// Quantile of Student's t distribution with `df` > 0 degrees of freedom,
// p in (0, 1); e.g. student_t_quantile(0.975, 4) = 2.776.
double student_t_quantile(double p, double df);

struct SummaryOptions {
  std::vector<std::string> metrics;   // empty: every metric
  std::optional<std::uint64_t> step;  // empty: each run's last recorded step
  std::vector<std::string> by;        // empty: one group per cell, showing every axis
};

struct SummaryRow {
  std::vector<spec::Value> key;  // values of the grouping axes
  std::string metric;
  std::size_t n = 0;  // runs with a (non-NaN) value
  double mean = 0.0;
  double sd = 0.0;    // sample standard deviation (NaN when n < 2)
  double half = 0.0;  // 95% CI half-width t(0.975, n-1) sd / sqrt(n) (NaN when n < 2)
};

struct Summary {
  std::vector<std::string> by;  // grouping axes (column headers)
  std::vector<SummaryRow> rows;
  std::size_t runs_total = 0, runs_done = 0, runs_failed = 0;
  std::string step_text;  // "last recorded step" or "step 100"
};

// Throws ParameterError naming the valid metric or axis names on a typo.
Summary summarize(ResultsDb& db, const SummaryOptions& options);
std::string format_summary_table(const Summary& s);
std::string format_summary_csv(const Summary& s);

// Writes DIR/runs.csv and DIR/metrics.csv (full round-trip precision,
// empty field for NULL).
void export_csv(ResultsDb& db, const std::filesystem::path& dir);

}  // namespace microcosm::sweep
