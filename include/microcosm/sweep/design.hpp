// Expansion of a sweep file into its run plan: parameter cells (grid =
// full factorial, lhs = Latin hypercube, zip = i-th values together) times
// replicates. Every run carries its seed as data, so a run's result depends
// only on (base scenario, its cell's values, its seed) and never on which
// worker runs it or when.
//
// Run index = cell * replicates + replicate; replicate r uses seed[r] in
// every cell (common random numbers: cells are compared on the same seeds).
// Expansion validates everything before anything runs: every axis value is
// loaded into the base scenario with the scenario schemas, and so is every
// cell.
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "microcosm/io/scenario.hpp"
#include "microcosm/sweep/sweep_spec.hpp"

namespace microcosm::sweep {

// `count` distinct seeds derived from base_seed by hashing (SplitMix64 of the
// (base_seed, "sweep.replicate", r) stream key), each in [0, 2^63).
std::vector<std::uint64_t> derive_seeds(std::uint64_t base_seed, std::size_t count);

// Latin hypercube in [0, 1)^dims with `samples` points: for every dimension
// the points fall one in each of the strata [k / samples, (k + 1) / samples).
// Returns u[point][dim]. Deterministic in `seed`.
std::vector<std::vector<double>> latin_hypercube(std::size_t samples, std::size_t dims,
                                                 std::uint64_t seed);

struct RunPlan {
  std::size_t index = 0;
  std::size_t cell = 0;
  std::size_t replicate = 0;
  std::uint64_t seed = 0;
};

struct Design {
  SweepSpec spec;
  Scenario base;                                // base scenario with [set] applied, resolved
  std::string resolved_toml;                    // base.to_toml()
  std::vector<std::uint64_t> seeds;             // one per replicate
  std::vector<std::vector<spec::Value>> cells;  // cells[c][axis]
  std::vector<RunPlan> runs;                    // runs[i].index == i
  std::string hash;                             // of the resolved base scenario, cells and seeds
  // Branched sweeps ([sweep] branch_at): where the replicates' checkpoints
  // go (default <sweep file dir>/<name>.checkpoints; the CLI puts them
  // beside the database).
  std::filesystem::path checkpoint_dir;

  std::size_t num_axes() const noexcept { return spec.axes.size(); }
  // Overrides that turn the sweep's base scenario into run i's scenario:
  // threads = 1, then [set], then the cell's values, then the seed.
  std::vector<Override> overrides(std::size_t run) const;
  // Run i's scenario: the overrides, then its timeline patches appended.
  Scenario scenario(std::size_t run) const;
  // The timeline patch files of run i's cell (timeline.patch axis; none
  // for "none").
  std::vector<std::filesystem::path> timeline_patches(std::size_t run) const;
  // Branched sweeps: the overrides a run resumes its replicate's checkpoint
  // with (the cell's parameter values only; [set] and the seed are in the
  // checkpoint), the scenario of the replicate's base run up to branch_at,
  // and that run's checkpoint file.
  std::vector<Override> branch_overrides(std::size_t run) const;
  Scenario branch_base_scenario(std::size_t replicate) const;
  std::filesystem::path branch_checkpoint(std::size_t replicate) const;
  // {"model.epsilon": 0.2, ...} of a cell.
  nlohmann::json cell_json(std::size_t cell) const;
  // "model.epsilon=0.2, model.mu=0.3" for messages.
  std::string cell_text(std::size_t cell) const;
};

// Throws ParameterError naming the sweep file, line, axis key and the
// schema's valid range when a value or a cell does not load.
Design expand_design(SweepSpec spec);

}  // namespace microcosm::sweep
