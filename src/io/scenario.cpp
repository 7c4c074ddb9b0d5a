#include "microcosm/io/scenario.hpp"

#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <toml++/toml.h>

#include "microcosm/core/error.hpp"
#include "toml_document.hpp"
#include "microcosm/graph/network.hpp"
#include "microcosm/models/model.hpp"

namespace microcosm {

using spec::ParamSet;
using spec::Schema;
using spec::Value;

const Schema& simulation_schema() {
  static const Schema s(
      "simulation",
      {
          spec::string_param("model", "deffuant", {}, "model to run (see `microcosm models`)"),
          spec::int_param("steps", 100, 0, 1'000'000'000, "maximum number of steps", "step"),
          spec::int_param("seed", 1, 0, std::numeric_limits<std::int64_t>::max(),
                          "master seed; every random stream derives from it"),
          spec::int_param("network_seed", 0, 0, std::numeric_limits<std::int64_t>::max(),
                          "seed of the network generator (default: seed)"),
          spec::int_param("threads", 1, 0, 1024,
                          "worker threads (0 = all cores); results do not depend on it"),
          spec::int_param("record_every", 1, 1, 1'000'000'000,
                          "record metrics every this many steps (and at the last step)", "step"),
          spec::bool_param("stop_when_converged", true,
                           "stop early when the model reports convergence or absorption"),
      });
  return s;
}

const Schema& output_schema() {
  static const Schema s(
      "output",
      {
          spec::string_param("dir", "", {},
                             "run directory (default: runs/<scenario name>); relative to the "
                             "working directory"),
          spec::list_param("network_formats", {}, {"edgelist", "graphml", "gexf"},
                           "network exports written into the run directory"),
          spec::bool_param("agents", true,
                           "write the final per-agent state (agents.csv) and, for models with "
                           "collectives and platforms, communities.csv and platforms.csv"),
          spec::list_param("snapshot_steps", {}, {},
                           "steps at which agents.csv, communities.csv, platforms.csv and the "
                           "network exports are also written, into snapshots/step_<t>/ (e.g. "
                           "[365, 730])"),
      });
  return s;
}

std::uint64_t Scenario::seed() const {
  return static_cast<std::uint64_t>(simulation.integer("seed"));
}
std::uint64_t Scenario::network_seed() const {
  return static_cast<std::uint64_t>(simulation.integer("network_seed"));
}

nlohmann::json Scenario::to_json() const {
  nlohmann::json j;
  j["simulation"] = simulation.to_json();
  j["network"] = network_params.to_json();
  j["network"]["kind"] = network_kind;
  j["model"] = model_params.to_json();
  j["output"] = output.to_json();
  for (const auto& e : timeline) {
    nlohmann::json entry = e.params.to_json();
    entry["type"] = e.type;
    j[e.section].push_back(std::move(entry));
  }
  return j;
}

std::string toml_literal(const spec::Value& v) {
  return std::visit(
      [](const auto& x) -> std::string {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, bool>) {
          return x ? "true" : "false";
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          return std::to_string(x);
        } else if constexpr (std::is_same_v<T, double>) {
          // Shortest round-trip text; keep a '.' or exponent so it stays a float.
          std::string s = fmt::format("{}", x);
          if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
          return s;
        } else if constexpr (std::is_same_v<T, std::string>) {
          std::ostringstream os;
          os << toml::value<std::string>(x);
          return os.str();
        } else {
          toml::array a;
          for (const auto& e : x) a.push_back(e);
          std::ostringstream os;
          os << a;
          return os.str();
        }
      },
      v);
}

namespace {

std::string section_toml(const std::string& name, const ParamSet& set,
                         const std::string& first_key = "", const std::string& first_value = "") {
  std::string out = fmt::format("[{}]\n", name);
  if (!first_key.empty()) out += fmt::format("{} = {}\n", first_key, first_value);
  for (const auto& [k, v] : set.items()) out += fmt::format("{} = {}\n", k, toml_literal(v));
  return out;
}

}  // namespace

std::string Scenario::to_toml() const {
  std::string out = section_toml("simulation", simulation);
  out += "\n" + section_toml("network", network_params, "kind", toml_literal(network_kind));
  out += "\n" + section_toml("model", model_params);
  out += "\n" + section_toml("output", output);
  for (const auto& e : timeline) {
    out += fmt::format("\n[[{}]]\ntype = {}\n", e.section, toml_literal(e.type));
    for (const auto& [k, v] : e.params.items()) out += fmt::format("{} = {}\n", k, toml_literal(v));
  }
  return out;
}

Override parse_override(const std::string& text) {
  const auto eq = text.find('=');
  const auto dot = text.find('.');
  if (eq == std::string::npos || dot == std::string::npos || dot > eq || dot == 0 ||
      dot + 1 == eq) {
    throw ParameterError(fmt::format(
        "--set '{}': expected section.key=value, e.g. model.epsilon=0.3 or simulation.steps=500",
        text));
  }
  return {text.substr(0, dot), text.substr(dot + 1, eq - dot - 1), text.substr(eq + 1)};
}

namespace {

struct RawSection {
  std::map<std::string, Value> values;
  std::map<std::string, std::string> locations;
};

Value convert_node(const toml::node& node, const std::string& where, const std::string& key) {
  if (const auto* b = node.as_boolean()) return b->get();
  if (const auto* i = node.as_integer()) return i->get();
  if (const auto* f = node.as_floating_point()) return f->get();
  if (const auto* s = node.as_string()) return s->get();
  if (const auto* a = node.as_array()) {
    spec::StringList list;
    for (const auto& item : *a) {
      // Integer lists (e.g. block sizes) are kept as their decimal text; the
      // component that reads them parses and range-checks each entry.
      if (const auto* i = item.as_integer()) {
        list.push_back(std::to_string(i->get()));
        continue;
      }
      const auto* s = item.as_string();
      if (!s) {
        throw ParameterError(
            fmt::format("{}: {} must be a list of strings or integers", where, key));
      }
      list.push_back(s->get());
    }
    return list;
  }
  throw ParameterError(
      fmt::format("{}: {} has an unsupported value type (tables and dates are not parameters)",
                  where, key));
}

// Reads a table's keys; nested tables flatten to dotted names when
// `flatten` is set (the [model] section), and are errors otherwise.
void read_table(const toml::table& table, const std::string& prefix, const std::string& section,
                const std::string& source, bool flatten, RawSection& raw) {
  for (const auto& [k, v] : table) {
    const std::string key = prefix + std::string(k.str());
    if (const auto* sub = v.as_table(); sub && flatten) {
      read_table(*sub, key + ".", section, source, flatten, raw);
      continue;
    }
    const std::string where = fmt::format("{}:{}: [{}]", source, v.source().begin.line, section);
    raw.values[key] = convert_node(v, where, key);
    raw.locations[key] = fmt::format("line {}", v.source().begin.line);
  }
}

RawSection read_section(const toml::table& root, const std::string& name,
                        const std::string& source) {
  RawSection raw;
  const toml::node* node = root.get(name);
  if (!node) return raw;
  const auto* table = node->as_table();
  if (!table) {
    throw ParameterError(fmt::format("{}:{}: [{}] must be a table", source,
                                     node->source().begin.line, name));
  }
  read_table(*table, "", name, source, name == "model", raw);
  return raw;
}

// [[events]] / [[interventions]]: each entry resolved against the schema of
// its type among the model's timeline kinds.
void read_timeline(const toml::table& root, const std::string& section, const ModelInfo& model,
                   const std::string& source, std::vector<TimelineEntry>& out) {
  const toml::node* node = root.get(section);
  if (!node) return;
  const auto* array = node->as_array();
  if (!array) {
    throw ParameterError(fmt::format("{}:{}: {} must be an array of tables, written [[{}]]",
                                     source, node->source().begin.line, section, section));
  }
  std::vector<std::string> types;
  for (const auto& k : model.timeline_kinds) {
    if (k.section == section) types.push_back(k.type);
  }
  for (const auto& item : *array) {
    const auto line = item.source().begin.line;
    const std::string where = fmt::format("{}:{}: [[{}]]", source, line, section);
    const auto* table = item.as_table();
    if (!table) throw ParameterError(fmt::format("{}: each entry must be a table", where));
    if (types.empty()) {
      throw ParameterError(
          fmt::format("{}: model '{}' takes no {}", where, model.name, section));
    }
    RawSection raw;
    read_table(*table, "", section, source, false, raw);
    const auto type_it = raw.values.find("type");
    const auto* type = type_it == raw.values.end() ? nullptr : std::get_if<std::string>(&type_it->second);
    std::string valid;
    for (const auto& t : types) valid += (valid.empty() ? "" : ", ") + t;
    if (!type) {
      throw ParameterError(fmt::format("{}: missing type = \"...\"; valid types: {}", where, valid));
    }
    const auto kind = std::find_if(model.timeline_kinds.begin(), model.timeline_kinds.end(),
                                   [&](const auto& k) { return k.section == section && k.type == *type; });
    if (kind == model.timeline_kinds.end()) {
      throw ParameterError(
          fmt::format("{}: unknown type '{}'; valid types: {}", where, *type, valid));
    }
    const std::string type_name = *type;
    raw.values.erase("type");
    TimelineEntry entry;
    entry.section = section;
    entry.type = type_name;
    entry.where = fmt::format("{}:{}", source, line);
    entry.params = kind->schema.resolve(raw.values, fmt::format("{} {}", where, type_name), raw.locations);
    out.push_back(std::move(entry));
  }
}

Value parse_override_value(const Override& o) {
  try {
    const toml::table t = toml::parse("v = " + o.value);
    return convert_node(*t.get("v"), "--set", o.section + "." + o.key);
  } catch (const toml::parse_error&) {
    return o.value;  // a bare word: treat as a string
  }
}

std::string pop_string(RawSection& raw, const std::string& key, const std::string& def,
                       const std::string& where) {
  const auto it = raw.values.find(key);
  if (it == raw.values.end()) return def;
  const auto* s = std::get_if<std::string>(&it->second);
  if (!s) {
    throw ParameterError(fmt::format("{} ({}): {} must be a string", where,
                                     raw.locations[key], key));
  }
  std::string out = *s;
  raw.values.erase(it);
  return out;
}

}  // namespace

Scenario parse_scenario(const std::string& toml_text, const std::string& source_name,
                        const std::filesystem::path& base_dir,
                        const std::vector<Override>& overrides) {
  const toml::table root = parse_toml_document(toml_text, source_name);
  static const std::vector<std::string> sections = {"simulation", "network", "model", "output"};
  for (const auto& [k, v] : root) {
    if (std::find(sections.begin(), sections.end(), k.str()) == sections.end() &&
        k.str() != "events" && k.str() != "interventions") {
      throw ParameterError(fmt::format(
          "{}:{}: unknown section or key '{}'; valid sections: [simulation], [network], "
          "[model], [output], [[events]], [[interventions]]",
          source_name, v.source().begin.line, k.str()));
    }
  }
  std::map<std::string, RawSection> raw;
  for (const auto& s : sections) raw[s] = read_section(root, s, source_name);
  for (const auto& o : overrides) {
    if (std::find(sections.begin(), sections.end(), o.section) == sections.end()) {
      throw ParameterError(fmt::format(
          "--set {}.{}: unknown section '{}'; valid sections: simulation, network, model, output",
          o.section, o.key, o.section));
    }
    raw[o.section].values[o.key] = parse_override_value(o);
    raw[o.section].locations[o.key] = "--set";
  }

  Scenario sc;
  sc.source = source_name;
  sc.base_dir = base_dir;
  auto where = [&](const std::string& section) {
    return fmt::format("{} [{}]", source_name, section);
  };
  sc.simulation =
      simulation_schema().resolve(raw["simulation"].values, where("simulation"),
                                  raw["simulation"].locations);
  // The network follows the master seed unless given its own, so that a
  // resolved scenario written back out reproduces the same network.
  if (!sc.simulation.is_set("network_seed")) {
    sc.simulation.set("network_seed", sc.simulation.integer("seed"));
  }
  sc.model = sc.simulation.str("model");
  const ModelInfo* model = nullptr;
  try {
    model = &find_model(sc.model);
  } catch (const ParameterError& e) {
    throw ParameterError(fmt::format("{}: {}", where("simulation"), e.what()));
  }
  sc.model_params = model->schema.resolve(raw["model"].values, where("model"), raw["model"].locations);

  auto& net = raw["network"];
  sc.network_kind = pop_string(net, "kind", "erdos_renyi", where("network"));
  const NetworkKind* kind = nullptr;
  try {
    kind = &find_network_kind(sc.network_kind);
  } catch (const ParameterError& e) {
    throw ParameterError(fmt::format("{}: {}", where("network"), e.what()));
  }
  sc.network_params = kind->schema.resolve(net.values, where("network"), net.locations);
  sc.output = output_schema().resolve(raw["output"].values, where("output"), raw["output"].locations);
  read_timeline(root, "events", *model, source_name, sc.timeline);
  read_timeline(root, "interventions", *model, source_name, sc.timeline);
  return sc;
}

Scenario load_scenario(const std::filesystem::path& path, const std::vector<Override>& overrides) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("{}: cannot open scenario file", path.string()));
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_scenario(ss.str(), path.string(), path.parent_path(), overrides);
}

}  // namespace microcosm
