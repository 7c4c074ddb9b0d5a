// Parameter schemas: one per component (a model, a network generator, the
// simulation and output sections). A schema gives each parameter its type,
// default, valid range, unit, description and literature source. It drives
// validation of scenario files and --set overrides, the `microcosm models`
// listing, the generated parameter tables in docs/ and (later) Python keyword
// arguments, so the four can never disagree.
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace microcosm::spec {

enum class ParamType { Bool, Int, Real, String, StringList };

using StringList = std::vector<std::string>;
using Value = std::variant<bool, std::int64_t, double, std::string, StringList>;

std::string_view type_name(ParamType t) noexcept;
std::string format_value(const Value& v);

struct ParamSpec {
  std::string name;
  ParamType type = ParamType::Real;
  Value default_value = 0.0;
  // Numeric range; the bounds are inclusive unless the *_open flag is set.
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  bool min_open = false;
  bool max_open = false;
  std::vector<std::string> choices;  // allowed strings (empty: any string)
  std::string unit;
  std::string description;
  std::string source;  // literature reference, where one exists

  // "[0, 1]", "(0, 0.5]", ">= 1", "one of chronological, engagement", "any".
  std::string range_text() const;
  // Empty when v is valid, otherwise the reason ("is outside ...").
  std::string check(const Value& v) const;
};

// Builders that keep schema tables short and readable.
ParamSpec real_param(std::string name, double def, double min, double max, std::string description,
                     std::string unit = "", std::string source = "");
ParamSpec int_param(std::string name, std::int64_t def, std::int64_t min, std::int64_t max,
                    std::string description, std::string unit = "", std::string source = "");
ParamSpec bool_param(std::string name, bool def, std::string description);
ParamSpec string_param(std::string name, std::string def, std::vector<std::string> choices,
                       std::string description);
ParamSpec list_param(std::string name, StringList def, std::vector<std::string> choices,
                     std::string description);
inline ParamSpec open_min(ParamSpec p) {
  p.min_open = true;
  return p;
}
inline ParamSpec open_max(ParamSpec p) {
  p.max_open = true;
  return p;
}
inline ParamSpec with_source(ParamSpec p, std::string source) {
  p.source = std::move(source);
  return p;
}

// Values for every parameter of one schema, in schema order.
class ParamSet {
 public:
  ParamSet() = default;

  double real(std::string_view name) const;
  std::int64_t integer(std::string_view name) const;
  bool boolean(std::string_view name) const;
  const std::string& str(std::string_view name) const;
  const StringList& list(std::string_view name) const;
  const Value& get(std::string_view name) const;
  bool has(std::string_view name) const noexcept;
  // Whether the value came from the user rather than the default.
  bool is_set(std::string_view name) const noexcept;

  // Replaces a value after resolution, unchecked: for values derived from
  // others (e.g. a default seed that follows the master seed).
  void set(std::string_view name, Value value);

  const std::vector<std::pair<std::string, Value>>& items() const noexcept { return items_; }
  nlohmann::json to_json() const;

 private:
  friend class Schema;
  const Value* find(std::string_view name) const noexcept;
  std::vector<std::pair<std::string, Value>> items_;
  std::vector<bool> user_set_;
  std::string component_;
};

class Schema {
 public:
  Schema() = default;
  Schema(std::string component, std::vector<ParamSpec> params);

  const std::string& component() const noexcept { return component_; }
  std::span<const ParamSpec> params() const noexcept { return params_; }
  const ParamSpec* find(std::string_view name) const noexcept;

  ParamSet defaults() const;

  // Validates values by name (from a scenario table, Python keyword
  // arguments or a JSON request). `where` names the place for messages, e.g.
  // "scenarios/x.toml [model]"; `locations` optionally maps a key to its
  // "file:line". Unknown keys, wrong types and out-of-range values throw
  // ParameterError naming the place, the key and the valid range. Integers
  // are accepted for real parameters, integral reals for integer ones.
  ParamSet resolve(const std::map<std::string, Value>& values, std::string_view where,
                   const std::map<std::string, std::string>& locations = {}) const;

  // One JSON object per parameter (name, type, default, range, unit, ...).
  nlohmann::json to_json() const;
  // A Markdown table of the parameters, for generated documentation.
  std::string markdown_table() const;

 private:
  std::string component_;
  std::vector<ParamSpec> params_;
};

// `text` for one cell of a Markdown table: '|' (as in |x|) is escaped so it
// does not end the cell.
std::string markdown_cell(std::string_view text);

}  // namespace microcosm::spec
