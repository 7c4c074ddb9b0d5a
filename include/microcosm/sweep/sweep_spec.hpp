// Sweep files (TOML): a base scenario plus the axes to vary and the
// replicates (seeds) of every parameter cell. docs/sweeps.md has the full
// format; in short:
//
//   [sweep]
//   scenario = "../deffuant.toml"   # relative to the sweep file
//   replicates = 5                  # or seeds = [..]; else derived from base_seed
//   design = "grid"                 # grid | lhs | zip
//   [set]                           # fixed overrides for every run (as run --set)
//   simulation.steps = 200
//   [[axes]]
//   key = "model.epsilon"
//   values = [0.1, 0.2]             # or range = {from, to, step|num}, or lhs = {min, max}
//
// Branching (docs/checkpoints.md): [sweep] branch_at = T runs the base
// scenario once per replicate to step T, saves a checkpoint, and every cell
// resumes from its replicate's checkpoint with the cell's values. An axis
// key = "timeline.patch" takes timeline patch files (relative to the sweep
// file; "none" for no patch) whose [[events]]/[[interventions]] are appended
// to the run's timeline, branched or not.
//
// This file only reads and checks the file's own structure (keys, types,
// counts); design.hpp expands it and checks every value against the
// scenario schemas before anything runs.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "microcosm/io/scenario.hpp"
#include "microcosm/spec/schema.hpp"

namespace microcosm::sweep {

enum class DesignKind { Grid, Lhs, Zip };
std::string_view design_name(DesignKind d) noexcept;

struct AxisSpec {
  std::string key;      // "model.epsilon"
  std::string section;  // "model"
  std::string name;     // "epsilon" (may contain dots: "feed.k")
  int line = 0;         // line of the [[axes]] entry in the sweep file
  // Explicit values, or the expansion of range = {...}.
  std::vector<spec::Value> values;
  // lhs = {min, max, log}: a continuous axis sampled by the Latin hypercube.
  bool continuous = false;
  double min = 0.0;
  double max = 0.0;
  bool log = false;
};

struct SweepSpec {
  std::filesystem::path file;      // the sweep file
  std::string text;                // its contents
  std::string name;                // file stem
  std::filesystem::path scenario;  // base scenario, resolved against the sweep file
  std::string scenario_text;       // base scenario contents
  int scenario_line = 0;
  std::vector<Override> fixed;  // [set]
  std::vector<int> fixed_lines;
  std::size_t replicates = 1;
  std::vector<std::uint64_t> seeds;  // explicit seeds (empty: derived)
  bool has_base_seed = false;
  std::uint64_t base_seed = 0;  // default: the base scenario's seed
  DesignKind design = DesignKind::Grid;
  std::size_t samples = 0;  // lhs
  bool has_lhs_seed = false;
  std::uint64_t lhs_seed = 0;  // default: base_seed
  std::string db;              // as written ("" = default), relative to the sweep file
  std::vector<AxisSpec> axes;
  std::uint64_t branch_at = 0;  // 0: no branching
  int branch_line = 0;

  // "file:line" for messages.
  std::string where(int line) const;
};

// Throws ParameterError / InputError naming the file, line and key.
SweepSpec load_sweep_spec(const std::filesystem::path& file);
SweepSpec parse_sweep_spec(const std::string& text, const std::filesystem::path& file);

// True for the timeline.patch axis (values name patch files, not parameters).
inline bool is_timeline_axis(const AxisSpec& ax) { return ax.section == "timeline"; }

}  // namespace microcosm::sweep
