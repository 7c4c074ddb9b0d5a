// Saving a simulation to a checkpoint and resuming it (simulation.hpp,
// checkpoint.hpp). The engine writes the header sections (versions, the
// resolved scenario, the step, the metric rows so far), then the model its
// state; resuming rebuilds network and model from the stored scenario and
// loads the state over the fresh model.
#include <fmt/format.h>

#include "microcosm/core/error.hpp"
#include "microcosm/engine/checkpoint.hpp"
#include "microcosm/engine/simulation.hpp"
#include "microcosm/io/timeline_patch.hpp"

namespace microcosm {

namespace {

// Header sections, in file order.
void write_header(StateWriter& w, const Scenario& sc, std::uint64_t step, std::uint64_t run_start,
                  const MetricSeries& recorded) {
  const std::filesystem::path base =
      sc.base_dir.empty() ? std::filesystem::current_path() : std::filesystem::absolute(sc.base_dir);
  w.put_strings("header", {MICROCOSM_VERSION, sc.model, sc.source,
                           base.lexically_normal().string(), sc.to_toml()});
  w.put("step", step);
  w.put("run_start", run_start);
  w.put_strings("metric_names", recorded.names);
  w.put("metric_steps", recorded.steps);
  w.put("metric_values", recorded.values);
}

CheckpointInfo read_header(StateReader& r) {
  CheckpointInfo info;
  const auto h = r.get_strings("header");
  if (h.size() != 5) r.fail("checkpoint header is malformed");
  info.microcosm_version = h[0];
  info.model = h[1];
  info.source = h[2];
  info.base_dir = h[3];
  info.scenario_toml = h[4];
  r.get("step", info.step);
  r.get("run_start", info.run_start);
  info.recorded.names = r.get_strings("metric_names");
  r.get("metric_steps", info.recorded.steps);
  r.get("metric_values", info.recorded.values);
  if (info.recorded.values.size() != info.recorded.steps.size() * info.recorded.names.size()) {
    r.fail("checkpoint metric rows are malformed");
  }
  return info;
}

// Overrides that would make the resumed run a different society.
void check_override(const Override& o, const std::filesystem::path& file) {
  const bool forbidden = o.section == "network" ||
                         (o.section == "simulation" &&
                          (o.key == "seed" || o.key == "network_seed" || o.key == "model"));
  if (forbidden) {
    throw ParameterError(fmt::format(
        "--set {}.{}: cannot change on resume from {} (the network and the seeds define the "
        "saved society); allowed: [model] parameters, [simulation] steps/record_every/threads/"
        "stop_when_converged, [output], and added timeline entries",
        o.section, o.key, file.string()));
  }
}

}  // namespace

CheckpointInfo read_checkpoint_info(const std::filesystem::path& file) {
  StateReader r(read_checkpoint_file(file), file.string(), "(header)");
  return read_header(r);
}

void Simulation::save_checkpoint(const std::filesystem::path& file,
                                 const MetricSeries& recorded) const {
  StateWriter w(scenario_.model);
  write_header(w, scenario_, model_->time(), run_start_, recorded);
  model_->save_state(w);
  write_checkpoint_file(file, w.payload());
}

Simulation Simulation::from_checkpoint(const std::filesystem::path& file,
                                       const ResumeOptions& options) {
  StateReader r(read_checkpoint_file(file), file.string(), "(header)");
  CheckpointInfo info = read_header(r);
  for (const auto& o : options.overrides) check_override(o, file);
  Scenario sc = parse_scenario(info.scenario_toml,
                               fmt::format("{} (scenario of {})", file.string(), info.source),
                               info.base_dir, options.overrides);
  if (sc.model != info.model) r.fail("checkpoint header names another model than its scenario");
  for (const auto& patch : options.timeline_patches) {
    auto entries = load_timeline_patch(patch, sc.model);
    sc.timeline.insert(sc.timeline.end(), entries.begin(), entries.end());
  }
  sc.source = info.source;  // so the resumed run directory names the original scenario
  Simulation sim(std::move(sc));
  StateReader state = std::move(r);
  state.set_model_name(info.model);
  sim.model_->load_state(state);
  state.expect_end();
  if (sim.model_->time() != info.step) {
    state.fail(fmt::format("model {} loaded step {} but the checkpoint is at step {}", info.model,
                           sim.model_->time(), info.step));
  }
  if (!info.recorded.names.empty() && info.recorded.names != sim.model_->metric_names()) {
    state.fail("the resumed model records other metrics than the checkpointed run (a parameter "
               "that changes the metric set was overridden?)");
  }
  sim.run_start_ = info.run_start;
  sim.recorded_ = std::move(info.recorded);
  sim.resume_pending_ = true;
  sim.resumed_from_ = static_cast<std::int64_t>(info.step);
  return sim;
}

}  // namespace microcosm
