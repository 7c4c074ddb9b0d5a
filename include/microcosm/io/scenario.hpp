// Scenario files (TOML). A scenario names a model, a network and their
// parameters, and the simulation and output settings:
//
//   [simulation]  model, steps, seed, threads, record_every, ...
//   [network]     kind = "<generator>" or "file", then its parameters
//   [model]       the model's parameters (see `microcosm models NAME`)
//   [output]      dir, network_formats, agents
//   [[events]], [[interventions]]  timeline entries: type = "...", then the
//                 type's parameters (models that support them)
//
// Tables nested in [model] (e.g. [model.feed]) flatten to dotted parameter
// names ("feed.k"), so large models can group their parameters.
//
// Loading validates everything against the schemas before anything runs;
// errors name the file, line, section, key and valid range.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "microcosm/models/model.hpp"
#include "microcosm/spec/schema.hpp"

namespace microcosm {

struct Scenario {
  std::string source;              // file name (or "<string>") for messages
  std::filesystem::path base_dir;  // relative paths resolve against this
  spec::ParamSet simulation;
  std::string model;
  spec::ParamSet model_params;
  std::string network_kind;
  spec::ParamSet network_params;
  spec::ParamSet output;
  std::vector<TimelineEntry> timeline;

  std::uint64_t seed() const;
  // The network's seed: [simulation] network_seed when given, else seed
  // (filled in when the scenario is resolved).
  std::uint64_t network_seed() const;

  // The fully resolved scenario (every default filled in).
  nlohmann::json to_json() const;
  // The same as a TOML document that loads back to an identical scenario.
  std::string to_toml() const;
};

const spec::Schema& simulation_schema();
const spec::Schema& output_schema();

// An override "section.key=value" from --set. The value is parsed as a TOML
// value (so 0.3, true, "x" and [1, 2] work); a bare word is a string.
struct Override {
  std::string section;
  std::string key;
  std::string value;
};
// Throws ParameterError when `text` is not of the form section.key=value.
Override parse_override(const std::string& text);
// TOML literal for a value ("0.1", "\"engagement\"", "true"): the form an
// Override carries and scenario.toml uses. Reals use the shortest text that
// reads back exactly.
std::string toml_literal(const spec::Value& v);

Scenario load_scenario(const std::filesystem::path& path,
                       const std::vector<Override>& overrides = {});
Scenario parse_scenario(const std::string& toml_text, const std::string& source_name,
                        const std::filesystem::path& base_dir,
                        const std::vector<Override>& overrides = {});

}  // namespace microcosm
