#include "microcosm/sweep/design.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <numeric>
#include <set>

#include "microcosm/core/error.hpp"
#include "microcosm/core/rng.hpp"
#include "microcosm/io/timeline_patch.hpp"
#include "microcosm/graph/network.hpp"
#include "microcosm/models/model.hpp"

namespace microcosm::sweep {

namespace {

constexpr std::size_t kMaxRuns = 10'000'000;

std::uint64_t fnv1a(std::string_view s, std::uint64_t h) {
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

Scenario load(const SweepSpec& s, const std::vector<Override>& overrides) {
  return parse_scenario(s.scenario_text, s.scenario.string(),
                        std::filesystem::absolute(s.scenario).parent_path(), overrides);
}

std::vector<Override> base_overrides(const SweepSpec& s) {
  std::vector<Override> o = {{"simulation", "threads", "1"}};
  o.insert(o.end(), s.fixed.begin(), s.fixed.end());
  return o;
}

// The schema entry of an axis (null for network.kind, a string).
const spec::ParamSpec* param_spec(const Scenario& base, const AxisSpec& ax) {
  if (ax.section == "simulation") return simulation_schema().find(ax.name);
  if (ax.section == "network") return find_network_kind(base.network_kind).schema.find(ax.name);
  return find_model(base.model).schema.find(ax.name);
}

spec::Value lhs_value(const AxisSpec& ax, const spec::ParamSpec* p, double u) {
  if (!ax.continuous) {
    const auto k = std::min(ax.values.size() - 1,
                            static_cast<std::size_t>(u * static_cast<double>(ax.values.size())));
    return ax.values[k];
  }
  if (p && p->type == spec::ParamType::Int) {
    const auto lo = static_cast<std::int64_t>(std::ceil(ax.min));
    const auto hi = static_cast<std::int64_t>(std::floor(ax.max));
    if (ax.log) {
      const double v = std::exp(
          std::log(static_cast<double>(lo)) +
          u * (std::log(static_cast<double>(hi) + 1.0) - std::log(static_cast<double>(lo))));
      return std::clamp(static_cast<std::int64_t>(std::floor(v)), lo, hi);
    }
    const auto k = static_cast<std::int64_t>(std::floor(u * static_cast<double>(hi - lo + 1)));
    return std::clamp(lo + k, lo, hi);
  }
  if (ax.log) return std::exp(std::log(ax.min) + u * (std::log(ax.max) - std::log(ax.min)));
  return ax.min + u * (ax.max - ax.min);
}

}  // namespace

std::vector<std::uint64_t> derive_seeds(std::uint64_t base_seed, std::size_t count) {
  std::vector<std::uint64_t> out;
  std::set<std::uint64_t> seen;
  for (std::uint64_t k = 0; out.size() < count; ++k) {
    Rng rng(base_seed, "sweep.replicate", k);
    const std::uint64_t s = rng.next_u64() >> 1;  // scenario seeds are non-negative int64
    if (seen.insert(s).second) out.push_back(s);
  }
  return out;
}

std::vector<std::vector<double>> latin_hypercube(std::size_t samples, std::size_t dims,
                                                 std::uint64_t seed) {
  std::vector<std::vector<double>> u(samples, std::vector<double>(dims));
  const double n = static_cast<double>(samples);
  std::vector<std::size_t> perm(samples);
  for (std::size_t d = 0; d < dims; ++d) {
    std::iota(perm.begin(), perm.end(), std::size_t{0});
    Rng shuffle(seed, "sweep.lhs.permutation", d);
    for (std::size_t i = samples; i > 1; --i) {
      std::swap(perm[i - 1], perm[shuffle.bounded(i)]);
    }
    for (std::size_t i = 0; i < samples; ++i) {
      Rng jitter(seed, "sweep.lhs.jitter", d, i);
      const double k = static_cast<double>(perm[i]);
      double v = (k + jitter.uniform()) / n;
      // Rounding may land exactly on the upper edge; keep the point inside
      // its stratum.
      while (std::floor(v * n) > k) v = std::nextafter(v, 0.0);
      u[i][d] = v;
    }
  }
  return u;
}

std::vector<Override> Design::overrides(std::size_t run) const {
  std::vector<Override> o = base_overrides(spec);
  const std::vector<Override> cell = branch_overrides(run);
  o.insert(o.end(), cell.begin(), cell.end());
  o.push_back({"simulation", "seed", std::to_string(runs.at(run).seed)});
  return o;
}

std::vector<Override> Design::branch_overrides(std::size_t run) const {
  std::vector<Override> o;
  const RunPlan& r = runs.at(run);
  for (std::size_t a = 0; a < spec.axes.size(); ++a) {
    if (is_timeline_axis(spec.axes[a])) continue;
    o.push_back({spec.axes[a].section, spec.axes[a].name, toml_literal(cells[r.cell][a])});
  }
  return o;
}

std::vector<std::filesystem::path> Design::timeline_patches(std::size_t run) const {
  std::vector<std::filesystem::path> out;
  const RunPlan& r = runs.at(run);
  for (std::size_t a = 0; a < spec.axes.size(); ++a) {
    if (!is_timeline_axis(spec.axes[a])) continue;
    const auto& name = std::get<std::string>(cells[r.cell][a]);
    if (name != "none") out.push_back(spec.file.parent_path() / name);
  }
  return out;
}

Scenario Design::scenario(std::size_t run) const {
  Scenario sc = load(spec, overrides(run));
  for (const auto& patch : timeline_patches(run)) {
    auto entries = load_timeline_patch(patch, sc.model);
    sc.timeline.insert(sc.timeline.end(), entries.begin(), entries.end());
  }
  return sc;
}

Scenario Design::branch_base_scenario(std::size_t replicate) const {
  std::vector<Override> o = base_overrides(spec);
  o.push_back({"simulation", "seed", std::to_string(seeds.at(replicate))});
  return load(spec, o);
}

std::filesystem::path Design::branch_checkpoint(std::size_t replicate) const {
  return checkpoint_dir / fmt::format("{}_step_{}_replicate_{}.ckpt", hash.substr(0, 16),
                                      spec.branch_at, replicate);
}

nlohmann::json Design::cell_json(std::size_t cell) const {
  nlohmann::json j = nlohmann::json::object();
  for (std::size_t a = 0; a < spec.axes.size(); ++a) {
    std::visit([&](const auto& x) { j[spec.axes[a].key] = x; }, cells[cell][a]);
  }
  return j;
}

std::string Design::cell_text(std::size_t cell) const {
  std::string out;
  for (std::size_t a = 0; a < spec.axes.size(); ++a) {
    out += fmt::format("{}{}={}", out.empty() ? "" : ", ", spec.axes[a].key,
                       spec::format_value(cells[cell][a]));
  }
  return out.empty() ? "base scenario" : out;
}

Design expand_design(SweepSpec s) {
  Design d;
  // The base scenario, then each [set] value on its own so an error names its line.
  try {
    d.base = load(s, {});
  } catch (const Error& e) {
    throw ParameterError(fmt::format("{}: base scenario: {}", s.where(s.scenario_line), e.what()));
  }
  for (std::size_t i = 0; i < s.fixed.size(); ++i) {
    try {
      load(s, {s.fixed[i]});
    } catch (const Error& e) {
      throw ParameterError(fmt::format("{}: [set] {}.{}: {}", s.where(s.fixed_lines[i]),
                                       s.fixed[i].section, s.fixed[i].key, e.what()));
    }
  }
  d.base = load(s, base_overrides(s));
  d.resolved_toml = d.base.to_toml();
  if (s.branch_at > 0 &&
      s.branch_at >= static_cast<std::uint64_t>(d.base.simulation.integer("steps"))) {
    throw ParameterError(fmt::format(
        "{}: branch_at = {} must be below the base scenario's [simulation] steps = {}",
        s.where(s.branch_line), s.branch_at, d.base.simulation.integer("steps")));
  }

  // Every value of every axis, alone on top of the base.
  std::vector<const spec::ParamSpec*> params;
  for (const auto& ax : s.axes) {
    if (is_timeline_axis(ax)) {
      for (const auto& v : ax.values) {
        const auto& name = std::get<std::string>(v);
        if (name == "none") continue;
        try {
          load_timeline_patch(s.file.parent_path() / name, d.base.model);
        } catch (const Error& e) {
          throw ParameterError(fmt::format("{}: axis timeline.patch = \"{}\" (relative to the "
                                           "sweep file): {}",
                                           s.where(ax.line), name, e.what()));
        }
      }
      params.push_back(nullptr);
      continue;
    }
    auto check = [&](const spec::Value& v) {
      std::vector<Override> o = base_overrides(s);
      o.push_back({ax.section, ax.name, toml_literal(v)});
      try {
        load(s, o);
      } catch (const Error& e) {
        throw ParameterError(fmt::format("{}: axis {} = {}: {}", s.where(ax.line), ax.key,
                                         spec::format_value(v), e.what()));
      }
    };
    const spec::ParamSpec* p = param_spec(d.base, ax);
    if (ax.continuous) {
      if (!p || (p->type != spec::ParamType::Real && p->type != spec::ParamType::Int)) {
        check(ax.min);  // reports an unknown key
        throw ParameterError(fmt::format(
            "{}: axis {}: lhs = {{min, max}} needs a numeric parameter; {} is {} (give values "
            "instead)",
            s.where(ax.line), ax.key, ax.key, p ? spec::type_name(p->type) : "a string"));
      }
      if (p->type == spec::ParamType::Int) {
        if (std::ceil(ax.min) > std::floor(ax.max)) {
          throw ParameterError(fmt::format("{}: axis {}: no integer lies in [{}, {}]",
                                           s.where(ax.line), ax.key, ax.min, ax.max));
        }
        check(static_cast<std::int64_t>(std::ceil(ax.min)));
        check(static_cast<std::int64_t>(std::floor(ax.max)));
      } else {
        check(ax.min);
        check(ax.max);
      }
    } else {
      for (const auto& v : ax.values) check(v);
    }
    params.push_back(p);
  }

  // Cells.
  const std::size_t axes = s.axes.size();
  if (s.design == DesignKind::Grid) {
    std::size_t count = 1;
    for (const auto& ax : s.axes) {
      if (count > kMaxRuns / ax.values.size()) {
        throw ParameterError(
            fmt::format("{}: the grid has more than {} cells", s.where(0), kMaxRuns));
      }
      count *= ax.values.size();
    }
    d.cells.reserve(count);
    std::vector<std::size_t> idx(axes, 0);
    for (std::size_t c = 0; c < count; ++c) {
      std::vector<spec::Value> cell;
      for (std::size_t a = 0; a < axes; ++a) cell.push_back(s.axes[a].values[idx[a]]);
      d.cells.push_back(std::move(cell));
      // Odometer: the last axis varies fastest.
      for (std::size_t a = axes; a-- > 0;) {
        if (++idx[a] < s.axes[a].values.size()) break;
        idx[a] = 0;
      }
    }
  } else if (s.design == DesignKind::Zip) {
    const std::size_t count = axes == 0 ? 1 : s.axes.front().values.size();
    for (std::size_t c = 0; c < count; ++c) {
      std::vector<spec::Value> cell;
      for (std::size_t a = 0; a < axes; ++a) cell.push_back(s.axes[a].values[c]);
      d.cells.push_back(std::move(cell));
    }
  } else {
    if (!s.has_lhs_seed) s.lhs_seed = s.has_base_seed ? s.base_seed : d.base.seed();
    const auto u = latin_hypercube(s.samples, axes, s.lhs_seed);
    for (std::size_t c = 0; c < s.samples; ++c) {
      std::vector<spec::Value> cell;
      for (std::size_t a = 0; a < axes; ++a)
        cell.push_back(lhs_value(s.axes[a], params[a], u[c][a]));
      d.cells.push_back(std::move(cell));
    }
  }

  // Seeds.
  if (!s.has_base_seed) s.base_seed = d.base.seed();
  d.seeds = s.seeds.empty() ? derive_seeds(s.base_seed, s.replicates) : s.seeds;
  if (d.cells.size() > kMaxRuns / s.replicates) {
    throw ParameterError(fmt::format("{}: {} cells x {} replicates is more than {} runs",
                                     s.where(0), d.cells.size(), s.replicates, kMaxRuns));
  }
  d.spec = std::move(s);

  // Every cell loads (cross-parameter checks of the schemas).
  for (std::size_t c = 0; c < d.cells.size(); ++c) {
    std::vector<Override> o = base_overrides(d.spec);
    for (std::size_t a = 0; a < axes; ++a) {
      if (is_timeline_axis(d.spec.axes[a])) continue;
      o.push_back({d.spec.axes[a].section, d.spec.axes[a].name, toml_literal(d.cells[c][a])});
    }
    try {
      load(d.spec, o);
    } catch (const Error& e) {
      throw ParameterError(
          fmt::format("{}: cell {} ({}): {}", d.spec.where(0), c, d.cell_text(c), e.what()));
    }
  }

  const std::size_t reps = d.spec.replicates;
  d.runs.reserve(d.cells.size() * reps);
  for (std::size_t c = 0; c < d.cells.size(); ++c) {
    for (std::size_t r = 0; r < reps; ++r) {
      d.runs.push_back({d.runs.size(), c, r, d.seeds[r]});
    }
  }

  std::string canon = "microcosm-sweep-design-v1\n" + d.resolved_toml + "\n";
  canon += fmt::format("design={}\nreplicates={}\n", design_name(d.spec.design), reps);
  for (const auto& ax : d.spec.axes) canon += "axis " + ax.key + "\n";
  for (const auto& cell : d.cells) {
    for (const auto& v : cell) canon += toml_literal(v) + "\t";
    canon += "\n";
  }
  for (const auto seed : d.seeds) canon += std::to_string(seed) + "\n";
  // Branching and the patch files' contents are part of the design (absent
  // from unbranched, patch-free sweeps, whose hashes stay as they were).
  if (d.spec.branch_at > 0) canon += fmt::format("branch_at={}\n", d.spec.branch_at);
  for (const auto& ax : d.spec.axes) {
    if (!is_timeline_axis(ax)) continue;
    for (const auto& v : ax.values) {
      const auto& name = std::get<std::string>(v);
      if (name == "none") continue;
      std::ifstream in(d.spec.file.parent_path() / name, std::ios::binary);
      canon += "patch " + name + "\n" +
               std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
  }
  d.checkpoint_dir = d.spec.file.parent_path() / (d.spec.name + ".checkpoints");
  d.hash = fmt::format("{:016x}{:016x}", fnv1a(canon, 0xcbf29ce484222325ULL),
                       fnv1a(canon, 0x84222325cbf29ce4ULL));
  return d;
}

}  // namespace microcosm::sweep
