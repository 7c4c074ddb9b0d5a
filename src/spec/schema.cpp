#include "microcosm/spec/schema.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "microcosm/core/error.hpp"
#include "microcosm/spec/key_hint.hpp"

namespace microcosm::spec {

std::string_view type_name(ParamType t) noexcept {
  switch (t) {
    case ParamType::Bool: return "bool";
    case ParamType::Int: return "integer";
    case ParamType::Real: return "real";
    case ParamType::String: return "string";
    case ParamType::StringList: return "list of strings";
  }
  return "?";
}

namespace {

std::string number_text(double x) {
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  return fmt::format("{}", x);
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += sep;
    out += items[i];
  }
  return out;
}

nlohmann::json value_json(const Value& v) {
  return std::visit([](const auto& x) { return nlohmann::json(x); }, v);
}

}  // namespace

std::string format_value(const Value& v) {
  return std::visit(
      [](const auto& x) -> std::string {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, bool>) return x ? "true" : "false";
        else if constexpr (std::is_same_v<T, std::string>) return fmt::format("\"{}\"", x);
        else if constexpr (std::is_same_v<T, StringList>) {
          std::vector<std::string> q;
          for (const auto& s : x) q.push_back(fmt::format("\"{}\"", s));
          return "[" + join(q, ", ") + "]";
        } else return fmt::format("{}", x);
      },
      v);
}

std::string ParamSpec::range_text() const {
  switch (type) {
    case ParamType::Bool: return "true or false";
    case ParamType::String:
    case ParamType::StringList:
      return choices.empty() ? "any" : "one of " + join(choices, ", ");
    case ParamType::Int:
    case ParamType::Real: break;
  }
  const bool has_min = std::isfinite(min), has_max = std::isfinite(max);
  if (has_min && has_max) {
    return fmt::format("{}{}, {}{}", min_open ? '(' : '[', number_text(min), number_text(max),
                       max_open ? ')' : ']');
  }
  if (has_min) return fmt::format("{} {}", min_open ? ">" : ">=", number_text(min));
  if (has_max) return fmt::format("{} {}", max_open ? "<" : "<=", number_text(max));
  return "any";
}

std::string ParamSpec::check(const Value& v) const {
  auto in_range = [&](double x) {
    if (std::isnan(x)) return false;
    if (min_open ? !(x > min) : !(x >= min)) return false;
    if (max_open ? !(x < max) : !(x <= max)) return false;
    return true;
  };
  switch (type) {
    case ParamType::Bool:
      if (!std::holds_alternative<bool>(v)) return "must be true or false";
      return {};
    case ParamType::Int:
      if (!std::holds_alternative<std::int64_t>(v)) return "must be an integer";
      if (!in_range(static_cast<double>(std::get<std::int64_t>(v)))) {
        return "is outside its valid range " + range_text();
      }
      return {};
    case ParamType::Real:
      if (!std::holds_alternative<double>(v)) return "must be a number";
      if (!in_range(std::get<double>(v))) return "is outside its valid range " + range_text();
      return {};
    case ParamType::String:
      if (!std::holds_alternative<std::string>(v)) return "must be a string";
      if (!choices.empty() &&
          std::find(choices.begin(), choices.end(), std::get<std::string>(v)) == choices.end()) {
        return "must be " + range_text();
      }
      return {};
    case ParamType::StringList:
      if (!std::holds_alternative<StringList>(v)) return "must be a list of strings";
      if (!choices.empty()) {
        for (const auto& s : std::get<StringList>(v)) {
          if (std::find(choices.begin(), choices.end(), s) == choices.end()) {
            return fmt::format("contains \"{}\"; each entry must be {}", s, range_text());
          }
        }
      }
      return {};
  }
  return {};
}

ParamSpec real_param(std::string name, double def, double min, double max, std::string description,
                     std::string unit, std::string source) {
  ParamSpec p;
  p.name = std::move(name);
  p.type = ParamType::Real;
  p.default_value = def;
  p.min = min;
  p.max = max;
  p.description = std::move(description);
  p.unit = std::move(unit);
  p.source = std::move(source);
  return p;
}

ParamSpec int_param(std::string name, std::int64_t def, std::int64_t min, std::int64_t max,
                    std::string description, std::string unit, std::string source) {
  ParamSpec p;
  p.name = std::move(name);
  p.type = ParamType::Int;
  p.default_value = def;
  p.min = static_cast<double>(min);
  p.max = max == std::numeric_limits<std::int64_t>::max() ? std::numeric_limits<double>::infinity()
                                                          : static_cast<double>(max);
  p.description = std::move(description);
  p.unit = std::move(unit);
  p.source = std::move(source);
  return p;
}

ParamSpec bool_param(std::string name, bool def, std::string description) {
  ParamSpec p;
  p.name = std::move(name);
  p.type = ParamType::Bool;
  p.default_value = def;
  p.description = std::move(description);
  return p;
}

ParamSpec string_param(std::string name, std::string def, std::vector<std::string> choices,
                       std::string description) {
  ParamSpec p;
  p.name = std::move(name);
  p.type = ParamType::String;
  p.default_value = std::move(def);
  p.choices = std::move(choices);
  p.description = std::move(description);
  return p;
}

ParamSpec list_param(std::string name, StringList def, std::vector<std::string> choices,
                     std::string description) {
  ParamSpec p;
  p.name = std::move(name);
  p.type = ParamType::StringList;
  p.default_value = std::move(def);
  p.choices = std::move(choices);
  p.description = std::move(description);
  return p;
}

const Value* ParamSet::find(std::string_view name) const noexcept {
  for (const auto& [k, v] : items_) {
    if (k == name) return &v;
  }
  return nullptr;
}

const Value& ParamSet::get(std::string_view name) const {
  const Value* v = find(name);
  if (!v) throw Error(fmt::format("{}: no parameter named '{}'", component_, name));
  return *v;
}

void ParamSet::set(std::string_view name, Value value) {
  for (std::size_t i = 0; i < items_.size(); ++i) {
    if (items_[i].first != name) continue;
    items_[i].second = std::move(value);
    user_set_[i] = true;
    return;
  }
  throw Error(fmt::format("{}: no parameter named '{}'", component_, name));
}

bool ParamSet::has(std::string_view name) const noexcept { return find(name) != nullptr; }

bool ParamSet::is_set(std::string_view name) const noexcept {
  for (std::size_t i = 0; i < items_.size(); ++i) {
    if (items_[i].first == name) return user_set_[i];
  }
  return false;
}

double ParamSet::real(std::string_view name) const {
  const Value& v = get(name);
  if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  return std::get<double>(v);
}
std::int64_t ParamSet::integer(std::string_view name) const {
  return std::get<std::int64_t>(get(name));
}
bool ParamSet::boolean(std::string_view name) const { return std::get<bool>(get(name)); }
const std::string& ParamSet::str(std::string_view name) const {
  return std::get<std::string>(get(name));
}
const StringList& ParamSet::list(std::string_view name) const {
  return std::get<StringList>(get(name));
}

nlohmann::json ParamSet::to_json() const {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [k, v] : items_) j[k] = value_json(v);
  return j;
}

Schema::Schema(std::string component, std::vector<ParamSpec> params)
    : component_(std::move(component)), params_(std::move(params)) {
  for (const auto& p : params_) {
    const std::string why = p.check(p.default_value);
    if (!why.empty()) {
      throw Error(fmt::format("schema {}: default of '{}' {}", component_, p.name, why));
    }
  }
}

const ParamSpec* Schema::find(std::string_view name) const noexcept {
  for (const auto& p : params_) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

ParamSet Schema::defaults() const { return resolve({}, component_); }

ParamSet Schema::resolve(const std::map<std::string, Value>& values, std::string_view where,
                         const std::map<std::string, std::string>& locations) const {
  auto place = [&](const std::string& key) {
    const auto it = locations.find(key);
    return it == locations.end() ? std::string(where) : fmt::format("{} ({})", where, it->second);
  };
  for (const auto& [key, value] : values) {
    if (find(key)) continue;
    std::vector<std::string> names;
    for (const auto& p : params_) names.push_back(p.name);
    throw ParameterError(
        fmt::format("{}: unknown key '{}' for {}; {}", place(key), key, component_,
                    unknown_key_hint(key, names,
                                     component_.find(' ') == std::string::npos
                                         ? fmt::format("`microcosm models {}` lists every key", component_)
                                         : std::string("`microcosm models` lists every key"))));
  }
  ParamSet set;
  set.component_ = component_;
  for (const auto& p : params_) {
    const auto it = values.find(p.name);
    if (it == values.end()) {
      set.items_.emplace_back(p.name, p.default_value);
      set.user_set_.push_back(false);
      continue;
    }
    Value v = it->second;
    // Accept 1 for a real and 1.0 (or 1e6) for an integer.
    if (p.type == ParamType::Real) {
      if (const auto* i = std::get_if<std::int64_t>(&v)) v = static_cast<double>(*i);
    } else if (p.type == ParamType::Int) {
      if (const auto* d = std::get_if<double>(&v)) {
        if (std::trunc(*d) == *d && std::fabs(*d) < 9.0e15) v = static_cast<std::int64_t>(*d);
      }
    }
    const std::string why = p.check(v);
    if (!why.empty()) {
      throw ParameterError(fmt::format("{}: {} = {} {} ({})", place(p.name), p.name,
                                       format_value(it->second), why, p.description));
    }
    set.items_.emplace_back(p.name, std::move(v));
    set.user_set_.push_back(true);
  }
  return set;
}

nlohmann::json Schema::to_json() const {
  nlohmann::json arr = nlohmann::json::array();
  for (const auto& p : params_) {
    nlohmann::json j;
    j["name"] = p.name;
    j["type"] = type_name(p.type);
    j["default"] = value_json(p.default_value);
    j["range"] = p.range_text();
    if (p.type == ParamType::Int || p.type == ParamType::Real) {
      if (std::isfinite(p.min)) j["min"] = p.min;
      if (std::isfinite(p.max)) j["max"] = p.max;
      j["min_open"] = p.min_open;
      j["max_open"] = p.max_open;
    }
    if (!p.choices.empty()) j["choices"] = p.choices;
    j["unit"] = p.unit;
    j["description"] = p.description;
    j["source"] = p.source;
    arr.push_back(std::move(j));
  }
  return arr;
}

std::string markdown_cell(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

std::string Schema::markdown_table() const {
  std::string out = "| parameter | type | default | valid range | unit | description | source |\n";
  out += "|---|---|---|---|---|---|---|\n";
  for (const auto& p : params_) {
    out += fmt::format("| `{}` | {} | {} | {} | {} | {} | {} |\n", p.name, type_name(p.type),
                       markdown_cell(format_value(p.default_value)), markdown_cell(p.range_text()),
                       markdown_cell(p.unit), markdown_cell(p.description), markdown_cell(p.source));
  }
  return out;
}

}  // namespace microcosm::spec
