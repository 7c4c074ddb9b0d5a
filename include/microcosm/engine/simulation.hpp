// A simulation: a validated scenario turned into a network and a model, and
// the loop that steps it and records metrics. Model description (Scenario)
// and running simulation are kept apart so sweeps and the Python layer can
// build many simulations from one description.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "microcosm/graph/network.hpp"
#include "microcosm/io/scenario.hpp"
#include "microcosm/models/model.hpp"

namespace microcosm {

// Metrics recorded over a run: one row per recorded step.
struct MetricSeries {
  std::vector<std::string> names;
  std::vector<std::uint64_t> steps;
  std::vector<double> values;  // row-major: values[r * names.size() + c]

  std::size_t rows() const noexcept { return steps.size(); }
  double at(std::size_t row, std::size_t col) const { return values[row * names.size() + col]; }
  // Column by name; throws Error when absent.
  std::vector<double> column(std::string_view name) const;
};

struct RunOptions {
  // Called after each step with (steps done, steps planned).
  std::function<void(std::uint64_t, std::uint64_t)> progress;
  // Polled between steps; when it becomes true the run stops early and
  // RunResult::interrupted is set.
  const std::atomic<bool>* stop = nullptr;
  // Checkpoints: after the step whose number (model time) is in
  // checkpoint_steps has been run and recorded, `checkpoint` is called with
  // that step and the metric rows recorded so far (e.g. to call
  // Simulation::save_checkpoint). Step 0 means before the first step.
  std::vector<std::uint64_t> checkpoint_steps;
  std::function<void(std::uint64_t, const MetricSeries&)> checkpoint;
};

// What a checkpoint file holds besides the model's state.
struct CheckpointInfo {
  std::string microcosm_version;
  std::string model;
  std::string source;                // the original scenario file name
  std::filesystem::path base_dir;    // its directory (relative paths resolve here)
  std::string scenario_toml;         // the resolved scenario (Scenario::to_toml())
  std::uint64_t step = 0;            // model time at the checkpoint
  std::uint64_t run_start = 0;       // model time at which the run began (0)
  MetricSeries recorded;             // rows recorded up to the checkpoint (may be empty)
};
// Reads only the header of a checkpoint (verifying the whole file).
CheckpointInfo read_checkpoint_info(const std::filesystem::path& file);

// Changes applied when resuming from a checkpoint: the counterfactual
// ("same society, different policy"). docs/checkpoints.md lists what may
// change; the network and the seeds may not.
struct ResumeOptions {
  std::vector<Override> overrides;  // --set section.key=value
  // TOML files holding only [[events]] / [[interventions]] tables, appended
  // after the scenario's own entries (so existing entries keep their index,
  // the salt of their random draws).
  std::vector<std::filesystem::path> timeline_patches;
};

// The state of a run at one of [output] snapshot_steps.
struct Snapshot {
  std::uint64_t step = 0;
  AgentTable agents;
  AgentTable communities;  // empty for models without collectives
  AgentTable platforms;    // empty for models without platforms
  // The model's network at that step when it rewires one (each edge once).
  std::optional<std::vector<std::pair<NodeId, NodeId>>> edges;
};

struct RunResult {
  MetricSeries metrics;
  std::vector<Snapshot> snapshots;
  std::uint64_t steps_done = 0;
  bool converged = false;
  bool interrupted = false;
  double setup_seconds = 0.0;
  double run_seconds = 0.0;
  // Where run_seconds went: the model's phases (Model::phase_seconds), then
  // the engine's metric rows, snapshots and checkpoints.
  PhaseSeconds phase_seconds;
};

// [output] snapshot_steps as sorted, distinct steps; throws ParameterError
// naming the scenario file and key when an entry is not a whole number.
std::vector<std::uint64_t> snapshot_steps(const Scenario& scenario);

// Builds the scenario's network (generator or file).
std::shared_ptr<Network> build_network(const Scenario& scenario);

class Simulation {
 public:
  explicit Simulation(Scenario scenario);
  // Uses an existing network (e.g. one loaded once for many runs).
  Simulation(Scenario scenario, std::shared_ptr<const Network> network);

  const Scenario& scenario() const noexcept { return scenario_; }
  const Network& network() const noexcept { return *network_; }
  std::shared_ptr<const Network> network_ptr() const noexcept { return network_; }
  Model& model() noexcept { return *model_; }
  const Model& model() const noexcept { return *model_; }

  // Steps until [simulation] steps, or convergence when stop_when_converged,
  // recording metrics at step 0, every record_every steps and at the end.
  // A resumed simulation continues to [simulation] steps counted from the
  // original run's start, and its RunResult::metrics begin with the rows
  // stored in the checkpoint, so it equals the uninterrupted run.
  RunResult run(const RunOptions& options = {});

  // Writes the model's state now, the scenario and `recorded` (the metric
  // rows so far; empty: a resumed run records from the checkpoint step on)
  // to `file`, atomically. Throws Error when the model has no checkpoint
  // support, OutputError when the file cannot be written.
  void save_checkpoint(const std::filesystem::path& file, const MetricSeries& recorded = {}) const;
  // Rebuilds the simulation stored in `file` (scenario from the file, with
  // `options` applied) and loads the model state. Throws InputError for a
  // missing, truncated or corrupted file, ParameterError for changes that
  // are not allowed on resume.
  static Simulation from_checkpoint(const std::filesystem::path& file,
                                    const ResumeOptions& options = {});
  // Step of the checkpoint this simulation was resumed from, or -1.
  std::int64_t resumed_from() const noexcept { return resumed_from_; }

 private:
  void init(std::shared_ptr<const Network> network);
  Scenario scenario_;
  std::shared_ptr<const Network> network_;
  std::unique_ptr<Model> model_;
  double setup_seconds_ = 0.0;
  // Checkpoint bookkeeping (simulation_checkpoint.cpp).
  std::uint64_t run_start_ = 0;   // model time at which the current run began
  bool resume_pending_ = false;   // run() continues the run stored in a checkpoint
  MetricSeries recorded_;         // rows from the checkpoint, taken over by run()
  std::int64_t resumed_from_ = -1;
};

}  // namespace microcosm
