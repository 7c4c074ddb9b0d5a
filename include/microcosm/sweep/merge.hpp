// Merging the databases of a sharded sweep (`sweep --shard i/n`, e.g. one
// per SLURM array task) into one. Every input must come from the same
// expanded design (same design hash); a run present in several inputs is
// taken once, preferring a finished ('done') copy. The output is written
// beside OUT and renamed into place when complete.
#pragma once

#include <filesystem>
#include <vector>

namespace microcosm::sweep {

struct MergeReport {
  std::size_t total_runs = 0;  // runs of the full design
  std::size_t runs = 0;        // runs in the merged database
  std::size_t done = 0;
  std::size_t failed = 0;
  std::size_t duplicates = 0;  // runs finished in more than one input (kept once)
};

// Throws OutputError if `out` exists, ParameterError if the inputs come
// from different designs.
MergeReport merge_databases(const std::filesystem::path& out,
                            const std::vector<std::filesystem::path>& inputs);

}  // namespace microcosm::sweep
