// microcosm merge OUT.sqlite A.sqlite B.sqlite ...
#include <fmt/format.h>

#include <memory>

#include "commands.hpp"
#include "microcosm/sweep/merge.hpp"

namespace microcosm::cli {

void add_merge_command(CLI::App& app, int& status) {
  struct Args {
    std::string out;
    std::vector<std::string> inputs;
    bool quiet = false;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand(
      "merge", "merge the databases of a sharded sweep (--shard) into a new database");
  cmd->add_option("out", args->out, "new database to write")->required();
  cmd->add_option("inputs", args->inputs, "shard databases of the same sweep")->required();
  cmd->add_flag("-q,--quiet", args->quiet, "no summary");
  cmd->callback([args, &status] {
    std::vector<std::filesystem::path> in(args->inputs.begin(), args->inputs.end());
    const auto r = sweep::merge_databases(args->out, in);
    if (!args->quiet) {
      fmt::print("{}: {} runs of {} ({} done, {} failed) from {} databases{}\n", args->out, r.runs,
                 r.total_runs, r.done, r.failed, in.size(),
                 r.duplicates
                     ? fmt::format("; {} runs finished in several inputs, kept once", r.duplicates)
                     : "");
    }
    const bool complete = r.done == r.total_runs;
    if (!complete) {
      fmt::print(stderr,
                 "microcosm: the merged database has {} of {} runs done; run `microcosm sweep "
                 "SWEEP.toml --db {}` to finish the rest\n",
                 r.done, r.total_runs, args->out);
    }
    status = 0;
  });
}

}  // namespace microcosm::cli
