// microcosm summarize DB [--metric NAME ...] [--step last|N] [--by AXIS ...] [--csv]
// microcosm export DB --csv DIR
#include <fmt/format.h>

#include <memory>

#include "commands.hpp"
#include "microcosm/core/error.hpp"
#include "microcosm/sweep/summary.hpp"

namespace microcosm::cli {
namespace {

struct SummarizeArgs {
  std::string db;
  std::vector<std::string> metrics;
  std::string step = "last";
  std::vector<std::string> by;
  bool csv = false;
};

int summarize(const SummarizeArgs& a) {
  sweep::ResultsDb db = sweep::ResultsDb::open_existing(a.db);
  sweep::SummaryOptions opt;
  opt.metrics = a.metrics;
  opt.by = a.by;
  if (a.step != "last") {
    std::size_t used = 0;
    unsigned long long n = 0;
    try {
      n = std::stoull(a.step, &used);
    } catch (const std::logic_error&) {
      used = 0;
    }
    if (used == 0 || used != a.step.size()) {
      throw ParameterError(fmt::format("--step {}: expected last or a step number >= 0", a.step));
    }
    opt.step = n;
  }
  const sweep::Summary s = sweep::summarize(db, opt);
  fmt::print("{}", a.csv ? sweep::format_summary_csv(s) : sweep::format_summary_table(s));
  return 0;
}

struct ExportArgs {
  std::string db;
  std::string csv;
};

}  // namespace

void add_summarize_command(CLI::App& app, int& status) {
  auto args = std::make_shared<SummarizeArgs>();
  auto* cmd = app.add_subcommand(
      "summarize", "mean and 95% confidence interval of metrics per cell of a sweep database");
  cmd->add_option("db", args->db, "results database of `microcosm sweep`")->required();
  cmd->add_option("-m,--metric", args->metrics, "metric to show (repeatable; default: all)");
  cmd->add_option("--step", args->step,
                  "last (each run's last recorded step, default) or N (last recorded step <= N)");
  cmd->add_option("--by", args->by,
                  "group by these axes only, pooling the others (default: one group per cell)");
  cmd->add_flag("--csv", args->csv, "print CSV instead of an aligned table");
  cmd->callback([args, &status] { status = summarize(*args); });

  auto eargs = std::make_shared<ExportArgs>();
  auto* ex = app.add_subcommand("export", "write runs.csv and metrics.csv of a sweep database");
  ex->add_option("db", eargs->db, "results database of `microcosm sweep`")->required();
  ex->add_option("--csv", eargs->csv, "output directory")->required();
  ex->callback([eargs, &status] {
    sweep::ResultsDb db = sweep::ResultsDb::open_existing(eargs->db);
    sweep::export_csv(db, eargs->csv);
    status = 0;
  });
}

}  // namespace microcosm::cli
