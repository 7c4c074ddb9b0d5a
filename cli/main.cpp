// The `microcosm` command: run, validate and list models.
#include <atomic>
#include <csignal>
#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "microcosm/core/error.hpp"
#include "microcosm/engine/simulation.hpp"
#include "microcosm/graph/network.hpp"
#include "microcosm/io/run_directory.hpp"
#include "microcosm/io/scenario.hpp"
#include "microcosm/models/model.hpp"
#include "progress_bar.hpp"

namespace {

using namespace microcosm;

std::atomic<bool> g_stop{false};

extern "C" void on_signal(int) { g_stop.store(true); }

std::vector<Override> parse_overrides(const std::vector<std::string>& sets) {
  std::vector<Override> out;
  for (const auto& s : sets) out.push_back(parse_override(s));
  return out;
}

int cmd_run(const std::string& file, const std::vector<std::string>& sets,
            std::optional<std::uint64_t> seed, const std::string& out_dir, bool overwrite,
            bool quiet) {
  auto overrides = parse_overrides(sets);
  if (seed) overrides.push_back({"simulation", "seed", std::to_string(*seed)});
  Scenario scenario = load_scenario(file, overrides);
  const std::filesystem::path dir = out_dir.empty() ? default_run_dir(scenario) : std::filesystem::path(out_dir);
  if (std::filesystem::exists(dir) && !overwrite) {
    throw OutputError(fmt::format(
        "{}: the run directory already exists; pass --overwrite to replace it or --out for "
        "another directory",
        dir.string()));
  }
  Simulation sim(std::move(scenario));
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  cli::ProgressBar bar(!quiet);
  RunOptions opts;
  opts.stop = &g_stop;
  opts.progress = [&](std::uint64_t done, std::uint64_t total) { bar.update(done, total); };
  const RunResult result = sim.run(opts);
  bar.finish();
  if (result.interrupted) {
    fmt::print(stderr, "microcosm: interrupted at step {}; no results written\n",
               result.steps_done);
    return 130;
  }
  write_run_directory(dir, sim, result, overwrite);
  if (!quiet) {
    fmt::print("{}: {} steps{} in {:.3f} s; results in {}\n", sim.scenario().model,
               result.steps_done, result.converged ? " (converged)" : "", result.run_seconds,
               dir.string());
  }
  return 0;
}

int cmd_validate(const std::string& file, const std::vector<std::string>& sets) {
  const Scenario sc = load_scenario(file, parse_overrides(sets));
  fmt::print("{}: valid ({} on {}, {} steps)\n", file, sc.model, sc.network_kind,
             sc.simulation.integer("steps"));
  return 0;
}

void print_schema(const spec::Schema& schema) {
  for (const auto& p : schema.params()) {
    fmt::print("    {:<22} {:<8} default {:<14} range {}\n", p.name, spec::type_name(p.type),
               spec::format_value(p.default_value), p.range_text());
    fmt::print("    {:<22} {}{}{}\n", "", p.description, p.unit.empty() ? "" : " [" + p.unit + "]",
               p.source.empty() ? "" : " (" + p.source + ")");
  }
}

int cmd_models(const std::string& name, bool json) {
  if (json) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& m : model_registry()) {
      if (!name.empty() && m.name != name) continue;
      j.push_back({{"name", m.name},
                   {"summary", m.summary},
                   {"semantics", m.semantics},
                   {"reference", m.reference},
                   {"uses_network", m.uses_network},
                   {"parameters", m.schema.to_json()}});
    }
    nlohmann::json nets = nlohmann::json::array();
    for (const auto& k : network_kinds()) {
      nets.push_back({{"name", k.name}, {"description", k.description},
                      {"parameters", k.schema.to_json()}});
    }
    fmt::print("{}\n", nlohmann::json{{"models", j}, {"networks", nets}}.dump(2));
    return 0;
  }
  if (!name.empty()) {
    const ModelInfo& m = find_model(name);
    fmt::print("{}: {}\n  {}\n  reference: {}\n  parameters ([model] section):\n", m.name,
               m.summary, m.semantics, m.reference);
    print_schema(m.schema);
    return 0;
  }
  fmt::print("Models ([simulation] model = NAME; `microcosm models NAME` for parameters):\n");
  for (const auto& m : model_registry()) fmt::print("  {:<18} {}\n", m.name, m.summary);
  fmt::print("\nNetworks ([network] kind = NAME):\n");
  for (const auto& k : network_kinds()) {
    fmt::print("  {:<18} {}\n", k.name, k.description);
    print_schema(k.schema);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"microcosm: simulate how people sort themselves into online micro-communities"};
  app.set_version_flag("--version", MICROCOSM_VERSION);
  app.require_subcommand(1);

  std::string scenario_file, out_dir, model_name;
  std::vector<std::string> sets;
  std::optional<std::uint64_t> seed;
  bool quiet = false, overwrite = false, json = false;

  auto* run = app.add_subcommand("run", "run a scenario and write its run directory");
  run->add_option("scenario", scenario_file, "scenario file (TOML)")->required();
  run->add_option("--set", sets, "override a scenario value: section.key=value (repeatable)");
  run->add_option("--seed", seed, "override [simulation] seed");
  run->add_option("--out", out_dir, "run directory (default: [output] dir or runs/<name>)");
  run->add_flag("--overwrite", overwrite, "replace an existing run directory");
  run->add_flag("-q,--quiet", quiet, "no progress bar or summary");

  auto* validate = app.add_subcommand("validate", "check a scenario file without running it");
  validate->add_option("scenario", scenario_file, "scenario file (TOML)")->required();
  validate->add_option("--set", sets, "override a scenario value: section.key=value");

  auto* models = app.add_subcommand("models", "list models and network kinds with parameters");
  models->add_option("name", model_name, "show one model in detail");
  models->add_flag("--json", json, "machine-readable output");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }

  try {
    if (*run) return cmd_run(scenario_file, sets, seed, out_dir, overwrite, quiet);
    if (*validate) return cmd_validate(scenario_file, sets);
    if (*models) return cmd_models(model_name, json);
  } catch (const microcosm::Error& e) {
    fmt::print(stderr, "microcosm: error: {}\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    fmt::print(stderr, "microcosm: internal error: {}\n", e.what());
    return 3;
  }
  return 0;
}
