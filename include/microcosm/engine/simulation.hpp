// A simulation: a validated scenario turned into a network and a model, and
// the loop that steps it and records metrics. Model description (Scenario)
// and running simulation are kept apart so sweeps and the Python layer can
// build many simulations from one description.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
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
};

struct RunResult {
  MetricSeries metrics;
  std::uint64_t steps_done = 0;
  bool converged = false;
  bool interrupted = false;
  double setup_seconds = 0.0;
  double run_seconds = 0.0;
};

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
  RunResult run(const RunOptions& options = {});

 private:
  void init(std::shared_ptr<const Network> network);
  Scenario scenario_;
  std::shared_ptr<const Network> network_;
  std::unique_ptr<Model> model_;
  double setup_seconds_ = 0.0;
};

}  // namespace microcosm
