#include "microcosm/engine/simulation.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <thread>

#include <fmt/format.h>
#include <omp.h>

#include "microcosm/core/error.hpp"

namespace microcosm {

std::vector<double> MetricSeries::column(std::string_view name) const {
  for (std::size_t c = 0; c < names.size(); ++c) {
    if (names[c] != name) continue;
    std::vector<double> col(rows());
    for (std::size_t r = 0; r < rows(); ++r) col[r] = at(r, c);
    return col;
  }
  throw Error(fmt::format("no metric named '{}'", name));
}

std::shared_ptr<Network> build_network(const Scenario& scenario) {
  const NetworkKind& kind = find_network_kind(scenario.network_kind);
  NetworkContext ctx{scenario.network_params, scenario.network_seed(), scenario.base_dir};
  return std::make_shared<Network>(kind.make(ctx));
}

Simulation::Simulation(Scenario scenario) : scenario_(std::move(scenario)) {
  const auto t0 = std::chrono::steady_clock::now();
  const ModelInfo& info = find_model(scenario_.model);
  std::shared_ptr<const Network> net;
  if (info.uses_network) net = build_network(scenario_);
  setup_seconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  init(std::move(net));
}

Simulation::Simulation(Scenario scenario, std::shared_ptr<const Network> network)
    : scenario_(std::move(scenario)) {
  init(std::move(network));
}

void Simulation::init(std::shared_ptr<const Network> network) {
  const auto t0 = std::chrono::steady_clock::now();
  network_ = std::move(network);
  if (!network_) network_ = std::make_shared<Network>();
  int threads = static_cast<int>(scenario_.simulation.integer("threads"));
  if (threads == 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  omp_set_num_threads(threads);
  const ModelInfo& info = find_model(scenario_.model);
  (void)snapshot_steps(scenario_);  // bad [output] snapshot_steps fail before the run
  ModelContext ctx{info.uses_network ? network_ : nullptr, scenario_.model_params, scenario_.seed(),
                   threads, scenario_.timeline};
  model_ = info.make(ctx);
  setup_seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

std::vector<std::uint64_t> snapshot_steps(const Scenario& scenario) {
  std::vector<std::uint64_t> steps;
  for (const std::string& text : scenario.output.list("snapshot_steps")) {
    std::uint64_t v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size()) {
      throw ParameterError(fmt::format(
          "{}: [output] snapshot_steps: '{}' is not a step; valid: whole numbers >= 0",
          scenario.source, text));
    }
    steps.push_back(v);
  }
  std::sort(steps.begin(), steps.end());
  steps.erase(std::unique(steps.begin(), steps.end()), steps.end());
  return steps;
}

RunResult Simulation::run(const RunOptions& options) {
  RunResult result;
  result.setup_seconds = setup_seconds_;
  const auto t0 = std::chrono::steady_clock::now();
  const auto steps = static_cast<std::uint64_t>(scenario_.simulation.integer("steps"));
  const auto every = static_cast<std::uint64_t>(scenario_.simulation.integer("record_every"));
  const bool stop_converged = scenario_.simulation.boolean("stop_when_converged");

  MetricSeries& m = result.metrics;
  const bool resumed = resume_pending_;
  resume_pending_ = false;
  if (resumed) {
    m = std::move(recorded_);
    recorded_ = {};
  }
  m.names = model_->metric_names();
  std::vector<double> row(m.names.size());
  // The engine's own share of the run time, next to the model's phases.
  double metrics_seconds = 0.0, snapshot_seconds = 0.0, checkpoint_seconds = 0.0;
  auto timed = [](double& total, auto&& work) {
    const auto start = std::chrono::steady_clock::now();
    work();
    total += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  auto record = [&] {
    timed(metrics_seconds, [&] {
      model_->compute_metrics(row);
      m.steps.push_back(model_->time());
      m.values.insert(m.values.end(), row.begin(), row.end());
    });
  };

  // A resumed run keeps the original start, so it records the same steps
  // and stops at the same step as the uninterrupted run.
  const std::uint64_t start = resumed ? run_start_ : model_->time();
  run_start_ = start;
  auto checkpoint_due = [&](std::uint64_t t) {
    return options.checkpoint && std::find(options.checkpoint_steps.begin(),
                                           options.checkpoint_steps.end(),
                                           t) != options.checkpoint_steps.end();
  };
  const std::vector<std::uint64_t> snapshots = snapshot_steps(scenario_);
  auto snapshot = [&] {
    const std::uint64_t t = model_->time();
    if (!std::binary_search(snapshots.begin(), snapshots.end(), t)) return;
    timed(snapshot_seconds, [&] {
      result.snapshots.push_back({t, model_->agent_table(), model_->community_table(),
                                  model_->platform_table(), model_->current_edges()});
    });
  };
  auto checkpoint = [&](std::uint64_t t) {
    timed(checkpoint_seconds, [&] { options.checkpoint(t, m); });
  };
  if (m.steps.empty()) record();
  if (!resumed) snapshot();
  std::uint64_t last_recorded = m.steps.back();
  if (!resumed && checkpoint_due(model_->time())) checkpoint(model_->time());
  // A run checkpointed at the step where it stopped on convergence is done.
  if (resumed && stop_converged && model_->converged()) result.converged = true;
  while (!result.converged && model_->time() - start < steps) {
    if (options.stop && options.stop->load(std::memory_order_relaxed)) {
      result.interrupted = true;
      break;
    }
    model_->step();
    snapshot();
    const std::uint64_t t = model_->time();
    const bool converged = model_->converged();
    if ((t - start) % every == 0 || t - start == steps || (converged && stop_converged)) {
      record();
      last_recorded = t;
    }
    if (checkpoint_due(t)) checkpoint(t);
    if (options.progress) options.progress(t - start, steps);
    if (converged && stop_converged) {
      result.converged = true;
      break;
    }
  }
  if (last_recorded != model_->time()) record();
  result.converged = result.converged || model_->converged();
  result.steps_done = model_->time() - start;
  result.run_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  result.phase_seconds = model_->phase_seconds();
  result.phase_seconds.emplace_back("metric rows", metrics_seconds);
  result.phase_seconds.emplace_back("snapshots", snapshot_seconds);
  result.phase_seconds.emplace_back("checkpoints", checkpoint_seconds);
  return result;
}

}  // namespace microcosm
