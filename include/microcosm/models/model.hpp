// The interface every opinion-dynamics model implements, and the registry
// that lists them. A model owns its structure-of-arrays state; the engine
// calls step() once per unit of time (each model documents what one unit
// means) and asks for metrics at recorded steps. Virtual calls happen once
// per step, never per agent.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "microcosm/core/phase_clock.hpp"
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

// A read-only view of one state array a model owns, so the Python layer can
// expose it without copying: element (i, j) of a rows x cols table is at
// data + i * row_stride + j (counted in elements). `stable` promises the
// address stays the same for the model's lifetime (views of buffers that are
// swapped each step set it false and are copied instead).
struct StateView {
  enum class Type { Float64, Float32, Int8, UInt8, UInt16, Int32, UInt32, Int64, UInt64 };
  std::string name;
  Type type = Type::Float64;
  const void* data = nullptr;
  std::size_t rows = 0;  // agents
  std::size_t cols = 1;  // 1: one value per agent
  std::size_t row_stride = 1;
  bool stable = true;

  // A view of an agent-major vector holding `cols` values per agent.
  template <typename T, typename Alloc>
  static StateView of(std::string name, const std::vector<T, Alloc>& v, std::size_t cols = 1,
                      bool stable = true) {
    using U = std::remove_cv_t<T>;
    Type t = Type::Float64;
    if constexpr (std::is_same_v<U, float>) t = Type::Float32;
    else if constexpr (std::is_same_v<U, std::int8_t>) t = Type::Int8;
    else if constexpr (std::is_same_v<U, std::uint8_t>) t = Type::UInt8;
    else if constexpr (std::is_same_v<U, std::uint16_t>) t = Type::UInt16;
    else if constexpr (std::is_same_v<U, std::int32_t>) t = Type::Int32;
    else if constexpr (std::is_same_v<U, std::uint32_t>) t = Type::UInt32;
    else if constexpr (std::is_same_v<U, std::int64_t>) t = Type::Int64;
    else if constexpr (std::is_same_v<U, std::uint64_t>) t = Type::UInt64;
    else static_assert(std::is_same_v<U, double>, "unsupported state element type");
    return {std::move(name), t, v.data(), cols ? v.size() / cols : 0, cols, cols, stable};
  }
};

// Checkpoint serialisation (microcosm/engine/checkpoint.hpp).
class StateWriter;
class StateReader;

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
  // Per-community state (one row per community ever born) for models with
  // collectives; empty otherwise. Written as communities.csv.
  virtual AgentTable community_table() const { return {}; }
  // One row per platform (platforms.csv), for models with several
  // platforms; empty otherwise.
  virtual AgentTable platform_table() const { return {}; }
  virtual std::size_t num_agents() const = 0;

  // Zero-copy views of the model's main state arrays (for Python); models
  // without them return none and Python copies agent_table() columns.
  virtual std::vector<StateView> state_views() const { return {}; }
  // The interaction network as it is now, each edge once, for models that
  // rewire it (e.g. an online follow graph); nullopt: the scenario's network.
  virtual std::optional<std::vector<std::pair<NodeId, NodeId>>> current_edges() const {
    return std::nullopt;
  }
  // Adds an event or intervention ([[events]]/[[interventions]] entry,
  // already validated against its kind's schema) while the model runs, for
  // the live dashboard (`microcosm serve`). False: the model takes no
  // timeline entries at run time. Throws ParameterError when the entry cannot
  // apply to this model instance.
  virtual bool add_timeline_entry(const TimelineEntry& /*entry*/) { return false; }
  // Wall-clock seconds spent so far in each phase of step(), in schedule
  // order (run.json timings_seconds.phases); empty for models without phases.
  virtual PhaseSeconds phase_seconds() const { return {}; }

  // Checkpoints: write every piece of state that persists across steps
  // (arrays, the step counter; never generator state: streams are keyed by
  // step), and read it back into a model freshly built from the same
  // scenario, after which step() continues bit-identically. The defaults
  // throw Error("model X does not support checkpoints") (checkpoint.cpp).
  virtual void save_state(StateWriter& writer) const;
  virtual void load_state(StateReader& reader);
};

// One column of a model's metrics.csv: what it measures, in words a user of
// the results can act on (`microcosm models NAME`, docs/models.md).
struct MetricInfo {
  std::string name;
  std::string description;
  // False for a column only some settings record (the description says
  // which); every other column is in every run of the model.
  bool always = true;
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
  // Every metric column the model can record, in recording order (a test
  // checks it against Model::metric_names()).
  std::vector<MetricInfo> metrics = {};
  std::function<std::unique_ptr<Model>(const ModelContext&)> make;
};

const std::vector<ModelInfo>& model_registry();
// Column -> what it measures, from a model's metric dictionary (the
// dashboard's chart captions, the report's metric table).
std::map<std::string, std::string> metric_descriptions(const ModelInfo& info);
// Throws ParameterError listing the valid names when `name` is unknown.
const ModelInfo& find_model(std::string_view name);

}  // namespace microcosm
