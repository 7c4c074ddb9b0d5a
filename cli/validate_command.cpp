// microcosm validate SCENARIO [--set k=v ...]: every check of `run`, nothing run.
#include <memory>

#include <fmt/format.h>

#include "commands.hpp"
#include "microcosm/engine/simulation.hpp"
#include "microcosm/io/scenario.hpp"
#include "microcosm/models/model.hpp"

namespace microcosm::cli {

void add_validate_command(CLI::App& app, int& status) {
  struct Args {
    std::string scenario;
    std::vector<std::string> sets;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("validate", "check a scenario file without running it");
  cmd->add_option("scenario", args->scenario, "scenario file (TOML)")->required();
  cmd->add_option("--set", args->sets, "override a scenario value: section.key=value");
  cmd->callback([args, &status] {
    std::vector<Override> overrides;
    for (const auto& s : args->sets) overrides.push_back(parse_override(s));
    const Scenario sc = load_scenario(args->scenario, overrides);
    (void)snapshot_steps(sc);
    const bool own_network = !find_model(sc.model).uses_network;
    fmt::print("{}: valid ({} on {}, {} steps)\n", args->scenario, sc.model,
               own_network ? "its own network" : sc.network_kind, sc.simulation.integer("steps"));
    status = 0;
  });
}

}  // namespace microcosm::cli
