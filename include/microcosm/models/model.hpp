// The interface every opinion-dynamics model implements, and the registry
// that lists them. A model owns its structure-of-arrays state; the engine
// calls step() once per unit of time (each model documents what one unit
// means) and asks for metrics at recorded steps. Virtual calls happen once
// per step, never per agent.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "microcosm/graph/network.hpp"
#include "microcosm/spec/schema.hpp"

namespace microcosm {

// Final per-agent state: named columns of equal length.
struct AgentTable {
  std::vector<std::string> columns;
  std::vector<std::vector<double>> values;  // values[c][i]: column c, agent i
};

// One scheduled event or intervention of a scenario ([[events]] and
// [[interventions]] arrays of tables), validated against the schema of its
// type (ModelInfo::timeline_kinds).
struct TimelineEntry {
  std::string section;  // "events" or "interventions"
  std::string type;     // e.g. "lockdown"
  spec::ParamSet params;
  std::string where;    // "file:line" for messages
};

struct ModelContext {
  // Null when the model builds its own interaction structure (ModelInfo::
  // uses_network == false).
  std::shared_ptr<const Network> network;
  const spec::ParamSet& params;
  std::uint64_t seed;
  int threads = 1;
  std::vector<TimelineEntry> timeline = {};
};

class Model {
 public:
  virtual ~Model() = default;

  // Advances one unit of time.
  virtual void step() = 0;
  // Units of time completed.
  virtual std::uint64_t time() const = 0;
  // True when the state can no longer change (absorbing state) or has
  // converged by the model's documented criterion; the engine may stop.
  virtual bool converged() const { return false; }

  // Names of the metrics recorded at every recorded step, then their values
  // (out.size() == metric_names().size()).
  virtual std::vector<std::string> metric_names() const = 0;
  virtual void compute_metrics(std::span<double> out) const = 0;

  virtual AgentTable agent_table() const = 0;
  virtual std::size_t num_agents() const = 0;
};

struct ModelInfo {
  std::string name;
  std::string summary;    // one line
  std::string semantics;  // what one step means; synchronous or asynchronous
  std::string reference;  // the publication whose semantics are implemented
  spec::Schema schema;
  bool uses_network = true;
  // Event and intervention types the model accepts, each with its schema
  // (empty: the model takes no timeline).
  struct TimelineKind {
    std::string section;  // "events" or "interventions"
    std::string type;
    std::string description;
    spec::Schema schema;
  };
  std::vector<TimelineKind> timeline_kinds = {};
  std::function<std::unique_ptr<Model>(const ModelContext&)> make;
};

const std::vector<ModelInfo>& model_registry();
// Throws ParameterError listing the valid names when `name` is unknown.
const ModelInfo& find_model(std::string_view name);

}  // namespace microcosm
