// microcosm models [NAME] [--json]: models and network kinds with every
// parameter's type, default, range and description, generated from schemas.
#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "microcosm/graph/network.hpp"
#include "microcosm/models/model.hpp"

namespace microcosm::cli {
namespace {

void print_schema(const spec::Schema& schema) {
  for (const auto& p : schema.params()) {
    fmt::print("    {:<22} {:<8} default {:<14} range {}\n", p.name, spec::type_name(p.type),
               spec::format_value(p.default_value), p.range_text());
    fmt::print("    {:<22} {}{}{}\n", "", p.description, p.unit.empty() ? "" : " [" + p.unit + "]",
               p.source.empty() ? "" : " (" + p.source + ")");
  }
}

int list_models(const std::string& name, bool json) {
  if (json) {
    nlohmann::json models = nlohmann::json::array();
    for (const auto& m : model_registry()) {
      if (!name.empty() && m.name != name) continue;
      models.push_back({{"name", m.name},
                        {"summary", m.summary},
                        {"semantics", m.semantics},
                        {"reference", m.reference},
                        {"uses_network", m.uses_network},
                        {"parameters", m.schema.to_json()}});
    }
    if (!name.empty() && models.empty()) find_model(name);  // throws, listing valid names
    nlohmann::json nets = nlohmann::json::array();
    for (const auto& k : network_kinds()) {
      nets.push_back(
          {{"name", k.name}, {"description", k.description}, {"parameters", k.schema.to_json()}});
    }
    fmt::print("{}\n", nlohmann::json{{"models", models}, {"networks", nets}}.dump(2));
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

void add_models_command(CLI::App& app, int& status) {
  struct Args {
    std::string name;
    bool json = false;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("models", "list models and network kinds with parameters");
  cmd->add_option("name", args->name, "show one model in detail");
  cmd->add_flag("--json", args->json, "machine-readable output");
  cmd->callback([args, &status] { status = list_models(args->name, args->json); });
}

}  // namespace microcosm::cli
