#include "microcosm/sweep/sweep_spec.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include "microcosm/core/error.hpp"
#include "microcosm/spec/key_hint.hpp"
#include "../io/toml_document.hpp"

namespace microcosm::sweep {

namespace {

constexpr std::size_t kMaxAxisValues = 100000;

int line_of(const toml::node& n) { return static_cast<int>(n.source().begin.line); }

// Rounds to 15 significant digits so that 0.1 + 2 * 0.1 reads as 0.3.
double tidy(double v) { return std::stod(fmt::format("{:.15g}", v)); }

class Reader {
 public:
  Reader(const SweepSpec& s) : s_(s) {}

  [[noreturn]] void fail(int line, const std::string& msg) const {
    throw ParameterError(fmt::format("{}: {}", s_.where(line), msg));
  }

  void check_keys(const toml::table& t, const std::string& what,
                  const std::vector<std::string>& valid) const {
    for (const auto& [k, v] : t) {
      if (std::find(valid.begin(), valid.end(), k.str()) != valid.end()) continue;
      fail(line_of(v), fmt::format("unknown key '{}' in {}; {}", k.str(), what,
                                   spec::unknown_key_hint(k.str(), valid)));
    }
  }

  std::int64_t integer(const toml::node& n, const std::string& key, std::int64_t min) const {
    const auto* i = n.as_integer();
    if (!i) fail(line_of(n), fmt::format("{} must be an integer", key));
    if (i->get() < min) fail(line_of(n), fmt::format("{} = {} must be >= {}", key, i->get(), min));
    return i->get();
  }

  double real(const toml::node& n, const std::string& key) const {
    if (const auto* i = n.as_integer()) return static_cast<double>(i->get());
    if (const auto* f = n.as_floating_point()) {
      if (!std::isfinite(f->get())) fail(line_of(n), fmt::format("{} must be finite", key));
      return f->get();
    }
    fail(line_of(n), fmt::format("{} must be a number", key));
  }

  std::string string(const toml::node& n, const std::string& key) const {
    const auto* s = n.as_string();
    if (!s) fail(line_of(n), fmt::format("{} must be a string", key));
    return s->get();
  }

  bool boolean(const toml::node& n, const std::string& key) const {
    const auto* b = n.as_boolean();
    if (!b) fail(line_of(n), fmt::format("{} must be true or false", key));
    return b->get();
  }

  spec::Value scalar(const toml::node& n, const std::string& key) const {
    if (const auto* b = n.as_boolean()) return b->get();
    if (const auto* i = n.as_integer()) return i->get();
    if (const auto* f = n.as_floating_point()) {
      if (!std::isfinite(f->get())) fail(line_of(n), fmt::format("{}: values must be finite", key));
      return f->get();
    }
    if (const auto* s = n.as_string()) return s->get();
    fail(line_of(n), fmt::format("{}: each value must be a number, a string or a boolean", key));
  }

 private:
  const SweepSpec& s_;
};

void split_key(const Reader& r, int line, const std::string& key, std::string& section,
               std::string& name) {
  const auto dot = key.find('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 == key.size()) {
    r.fail(line, fmt::format("key '{}' must be section.key, e.g. model.epsilon", key));
  }
  section = key.substr(0, dot);
  name = key.substr(dot + 1);
  if (section != "simulation" && section != "network" && section != "model" &&
      key != "timeline.patch") {
    r.fail(line, fmt::format("key '{}': unknown section '{}'; sweeps vary simulation.*, "
                             "network.*, model.* or timeline.patch (sweeps write no run "
                             "directories, so output.* does not apply)",
                             key, section));
  }
  if (key == "simulation.seed") {
    r.fail(line, "simulation.seed is set per replicate; use [sweep] seeds = [...] or base_seed");
  }
  if (key == "simulation.model") {
    r.fail(line,
           "simulation.model cannot vary within a sweep (one model per sweep, so every run "
           "records the same metrics); write one sweep file per model");
  }
}

std::vector<spec::Value> expand_range(const Reader& r, const toml::table& t,
                                      const std::string& key) {
  r.check_keys(t, fmt::format("range of axis {}", key), {"from", "to", "step", "num", "log"});
  const int line = line_of(t);
  const toml::node* from = t.get("from");
  const toml::node* to = t.get("to");
  if (!from || !to) r.fail(line, fmt::format("axis {}: range needs from and to", key));
  const toml::node* step = t.get("step");
  const toml::node* num = t.get("num");
  if ((step == nullptr) == (num == nullptr)) {
    r.fail(line, fmt::format("axis {}: range needs exactly one of step (spacing) or num (number "
                             "of points)",
                             key));
  }
  const bool log = t.get("log") ? r.boolean(*t.get("log"), "log") : false;
  const double a = r.real(*from, "from");
  const double b = r.real(*to, "to");
  std::vector<spec::Value> out;
  if (step) {
    if (log) r.fail(line, fmt::format("axis {}: log = true needs num, not step", key));
    const double h = r.real(*step, "step");
    if (!(h > 0)) r.fail(line, fmt::format("axis {}: step = {} must be > 0", key, h));
    if (b < a) {
      r.fail(line,
             fmt::format("axis {}: empty range: from = {} is greater than to = {}", key, a, b));
    }
    const double count = std::floor((b - a) / h + 1e-9) + 1.0;
    if (count > static_cast<double>(kMaxAxisValues)) {
      r.fail(line, fmt::format("axis {}: the range has {} values (at most {})", key, count,
                               kMaxAxisValues));
    }
    const bool integral = from->is_integer() && to->is_integer() && step->is_integer();
    for (std::size_t i = 0; i < static_cast<std::size_t>(count); ++i) {
      const double v = a + static_cast<double>(i) * h;
      if (integral) {
        out.emplace_back(static_cast<std::int64_t>(std::llround(v)));
      } else {
        out.emplace_back(tidy(v));
      }
    }
    return out;
  }
  const std::int64_t n = r.integer(*num, "num", 1);
  if (n > static_cast<std::int64_t>(kMaxAxisValues)) {
    r.fail(line, fmt::format("axis {}: num = {} (at most {})", key, n, kMaxAxisValues));
  }
  if (log && !(a > 0 && b > 0)) {
    r.fail(line,
           fmt::format("axis {}: log = true needs from and to > 0 (got {} and {})", key, a, b));
  }
  for (std::int64_t i = 0; i < n; ++i) {
    const double f = n == 1 ? 0.0 : static_cast<double>(i) / static_cast<double>(n - 1);
    const double v =
        log ? std::exp(std::log(a) + f * (std::log(b) - std::log(a))) : a + f * (b - a);
    out.emplace_back(tidy(v));
  }
  return out;
}

AxisSpec read_axis(const Reader& r, const toml::table& t) {
  r.check_keys(t, "[[axes]]", {"key", "values", "range", "lhs"});
  AxisSpec ax;
  ax.line = line_of(t);
  const toml::node* key = t.get("key");
  if (!key) r.fail(ax.line, "[[axes]] entry without key = \"section.key\"");
  ax.key = r.string(*key, "key");
  ax.line = line_of(*key);
  split_key(r, ax.line, ax.key, ax.section, ax.name);
  const toml::node* values = t.get("values");
  const toml::node* range = t.get("range");
  const toml::node* lhs = t.get("lhs");
  const int given = (values != nullptr) + (range != nullptr) + (lhs != nullptr);
  if (given != 1) {
    r.fail(ax.line, fmt::format("axis {}: give exactly one of values = [...], range = {{from, to, "
                                "step}} or lhs = {{min, max}}",
                                ax.key));
  }
  if (values) {
    const auto* arr = values->as_array();
    if (!arr) r.fail(line_of(*values), fmt::format("axis {}: values must be an array", ax.key));
    for (const auto& v : *arr) ax.values.push_back(r.scalar(v, "axis " + ax.key));
    if (ax.values.empty())
      r.fail(line_of(*values), fmt::format("axis {}: values is empty", ax.key));
  } else if (range) {
    const auto* tab = range->as_table();
    if (!tab) r.fail(line_of(*range), fmt::format("axis {}: range must be a table", ax.key));
    ax.values = expand_range(r, *tab, ax.key);
  } else {
    const auto* tab = lhs->as_table();
    if (!tab)
      r.fail(line_of(*lhs), fmt::format("axis {}: lhs must be a table {{min, max}}", ax.key));
    r.check_keys(*tab, fmt::format("lhs of axis {}", ax.key), {"min", "max", "log"});
    if (!tab->get("min") || !tab->get("max")) {
      r.fail(line_of(*lhs), fmt::format("axis {}: lhs needs min and max", ax.key));
    }
    ax.continuous = true;
    ax.min = r.real(*tab->get("min"), "min");
    ax.max = r.real(*tab->get("max"), "max");
    ax.log = tab->get("log") ? r.boolean(*tab->get("log"), "log") : false;
    if (!(ax.min < ax.max)) {
      r.fail(line_of(*lhs), fmt::format("axis {}: lhs needs min < max (got min = {}, max = {})",
                                        ax.key, ax.min, ax.max));
    }
    if (ax.log && !(ax.min > 0)) {
      r.fail(line_of(*lhs),
             fmt::format("axis {}: log = true needs min > 0 (got {})", ax.key, ax.min));
    }
  }
  for (std::size_t i = 0; i < ax.values.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (ax.values[i] == ax.values[j]) {
        r.fail(ax.line, fmt::format("axis {}: duplicate value {}", ax.key,
                                    spec::format_value(ax.values[i])));
      }
    }
  }
  return ax;
}

// [set]: nested tables flatten to section.key (model.feed.k = 3 and
// "model.feed.k" = 3 mean the same).
void read_set(const Reader& r, const toml::table& t, const std::string& prefix, SweepSpec& s) {
  for (const auto& [k, v] : t) {
    const std::string key = prefix + std::string(k.str());
    if (const auto* sub = v.as_table()) {
      read_set(r, *sub, key + ".", s);
      continue;
    }
    std::string section, name;
    split_key(r, line_of(v), key, section, name);
    std::string value;
    if (const auto* arr = v.as_array()) {
      std::ostringstream os;
      os << *arr;
      value = os.str();
    } else {
      value = toml_literal(r.scalar(v, key));
    }
    s.fixed.push_back({section, name, value});
    s.fixed_lines.push_back(line_of(v));
  }
}

std::string read_text(const std::filesystem::path& p, const char* what) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw InputError(fmt::format("{}: cannot open {}", p.string(), what));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

std::string_view design_name(DesignKind d) noexcept {
  switch (d) {
    case DesignKind::Grid:
      return "grid";
    case DesignKind::Lhs:
      return "lhs";
    case DesignKind::Zip:
      return "zip";
  }
  return "grid";
}

std::string SweepSpec::where(int line) const {
  return line > 0 ? fmt::format("{}:{}", file.string(), line) : file.string();
}

SweepSpec load_sweep_spec(const std::filesystem::path& file) {
  return parse_sweep_spec(read_text(file, "sweep file"), file);
}

SweepSpec parse_sweep_spec(const std::string& text, const std::filesystem::path& file) {
  SweepSpec s;
  s.file = file;
  s.text = text;
  s.name = file.stem().string();
  const Reader r(s);
  const toml::table root = parse_toml_document(text, file.string());
  r.check_keys(root, "the sweep file", {"sweep", "set", "axes"});
  const auto* sw = root.get("sweep") ? root.get("sweep")->as_table() : nullptr;
  if (!sw) r.fail(0, "missing [sweep] table with scenario = \"<base scenario file>\"");
  r.check_keys(
      *sw, "[sweep]",
      {"scenario", "replicates", "seeds", "base_seed", "design", "samples", "lhs_seed", "db",
       "branch_at"});
  const toml::node* scen = sw->get("scenario");
  if (!scen) r.fail(line_of(*sw), "[sweep] needs scenario = \"<base scenario file>\"");
  s.scenario_line = line_of(*scen);
  s.scenario = file.parent_path() / r.string(*scen, "scenario");
  try {
    s.scenario_text = read_text(s.scenario, "scenario file");
  } catch (const InputError&) {
    throw InputError(
        fmt::format("{}: cannot open the base scenario {} (paths are relative to "
                    "the sweep file)",
                    s.where(s.scenario_line), s.scenario.string()));
  }

  if (const auto* d = sw->get("design")) {
    const std::string name = r.string(*d, "design");
    if (name == "grid")
      s.design = DesignKind::Grid;
    else if (name == "lhs")
      s.design = DesignKind::Lhs;
    else if (name == "zip")
      s.design = DesignKind::Zip;
    else
      r.fail(line_of(*d), fmt::format("design = \"{}\"; valid: grid, lhs, zip", name));
  }
  if (const auto* n = sw->get("samples")) {
    if (s.design != DesignKind::Lhs) {
      r.fail(line_of(*n),
             "samples applies to design = \"lhs\" only (grid and zip take every value)");
    }
    s.samples = static_cast<std::size_t>(r.integer(*n, "samples", 1));
  } else if (s.design == DesignKind::Lhs) {
    r.fail(line_of(*sw), "design = \"lhs\" needs samples = <number of points>");
  }
  if (const auto* n = sw->get("lhs_seed")) {
    if (s.design != DesignKind::Lhs)
      r.fail(line_of(*n), "lhs_seed applies to design = \"lhs\" only");
    s.has_lhs_seed = true;
    s.lhs_seed = static_cast<std::uint64_t>(r.integer(*n, "lhs_seed", 0));
  }
  if (const auto* n = sw->get("base_seed")) {
    s.has_base_seed = true;
    s.base_seed = static_cast<std::uint64_t>(r.integer(*n, "base_seed", 0));
  }
  if (const auto* n = sw->get("db")) s.db = r.string(*n, "db");
  if (const auto* n = sw->get("branch_at")) {
    s.branch_line = line_of(*n);
    s.branch_at = static_cast<std::uint64_t>(r.integer(*n, "branch_at", 1));
  }

  const toml::node* reps = sw->get("replicates");
  if (reps) s.replicates = static_cast<std::size_t>(r.integer(*reps, "replicates", 1));
  if (const auto* n = sw->get("seeds")) {
    if (s.has_base_seed) r.fail(line_of(*n), "give either seeds or base_seed, not both");
    const auto* arr = n->as_array();
    if (!arr) r.fail(line_of(*n), "seeds must be an array of integers");
    std::set<std::uint64_t> seen;
    for (const auto& e : *arr) {
      const auto seed = static_cast<std::uint64_t>(r.integer(e, "each seed", 0));
      if (!seen.insert(seed).second) {
        r.fail(line_of(e), fmt::format("duplicate seed {} (replicates must differ)", seed));
      }
      s.seeds.push_back(seed);
    }
    if (s.seeds.empty()) r.fail(line_of(*n), "seeds is empty");
    if (!reps) {
      s.replicates = s.seeds.size();
    } else if (s.seeds.size() != s.replicates) {
      r.fail(line_of(*n), fmt::format("seeds has {} entries but replicates = {}; give one seed per "
                                      "replicate (or drop replicates)",
                                      s.seeds.size(), s.replicates));
    }
  }

  if (const auto* set = root.get("set")) {
    const auto* t = set->as_table();
    if (!t) r.fail(line_of(*set), "[set] must be a table of section.key = value");
    read_set(r, *t, "", s);
  }
  if (const auto* axes = root.get("axes")) {
    const auto* arr = axes->as_array();
    if (!arr) r.fail(line_of(*axes), "axes must be written as [[axes]] tables");
    for (const auto& e : *arr) {
      const auto* t = e.as_table();
      if (!t) r.fail(line_of(e), "each [[axes]] entry must be a table");
      AxisSpec ax = read_axis(r, *t);
      for (const auto& other : s.axes) {
        if (other.key == ax.key) r.fail(ax.line, fmt::format("axis {} is listed twice", ax.key));
      }
      for (std::size_t i = 0; i < s.fixed.size(); ++i) {
        if (s.fixed[i].section == ax.section && s.fixed[i].key == ax.name) {
          r.fail(ax.line,
                 fmt::format("axis {} is also fixed in [set] (line {})", ax.key, s.fixed_lines[i]));
        }
      }
      if (ax.continuous && s.design != DesignKind::Lhs) {
        r.fail(ax.line, fmt::format("axis {}: lhs = {{min, max}} needs design = \"lhs\"; for {} "
                                    "give values or range",
                                    ax.key, design_name(s.design)));
      }
      s.axes.push_back(std::move(ax));
    }
  }
  for (std::size_t i = 0; i < s.fixed.size(); ++i) {
    if (s.fixed[i].section == "timeline") {
      r.fail(s.fixed_lines[i], "timeline.patch is an axis (give the patches as its values)");
    }
  }
  for (const auto& ax : s.axes) {
    if (is_timeline_axis(ax)) {
      for (const auto& v : ax.values) {
        if (!std::holds_alternative<std::string>(v)) {
          r.fail(ax.line, "axis timeline.patch: values are patch file names (strings) or \"none\"");
        }
      }
    }
    if (s.branch_at > 0 && ax.section == "network") {
      r.fail(ax.line, fmt::format("axis {}: with branch_at every cell resumes the same society "
                                  "from its checkpoint, so the network cannot vary",
                                  ax.key));
    }
  }
  if (s.design == DesignKind::Lhs && s.axes.empty()) {
    r.fail(line_of(*sw), "design = \"lhs\" needs at least one [[axes]] entry");
  }
  if (s.design == DesignKind::Zip) {
    for (const auto& ax : s.axes) {
      if (ax.values.size() != s.axes.front().values.size()) {
        r.fail(ax.line, fmt::format("design = \"zip\" pairs the i-th values of every axis, so all "
                                    "axes need the same number of values: {} has {}, {} has {}",
                                    s.axes.front().key, s.axes.front().values.size(), ax.key,
                                    ax.values.size()));
      }
    }
  }
  return s;
}

}  // namespace microcosm::sweep
