#include "microcosm/io/run_directory.hpp"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <system_error>
#include <unistd.h>

#include <fmt/format.h>
#include <fmt/os.h>
#include <nlohmann/json.hpp>

#include "microcosm/core/error.hpp"
#include "microcosm/io/network_writers.hpp"

namespace microcosm {

namespace fs = std::filesystem;

fs::path default_run_dir(const Scenario& scenario) {
  const std::string& dir = scenario.output.str("dir");
  if (!dir.empty()) return dir;
  const std::string stem = fs::path(scenario.source).stem().string();
  return fs::path("runs") / (stem.empty() ? "run" : stem);
}

namespace {

// Writes via a FILE* and checks every call, so a full disk surfaces as an
// OutputError naming the file rather than a silently short file.
class CheckedFile {
 public:
  explicit CheckedFile(const fs::path& path) : path_(path), f_(std::fopen(path.c_str(), "wb")) {
    if (!f_) fail("cannot create");
  }
  ~CheckedFile() {
    if (f_) std::fclose(f_);
  }
  CheckedFile(const CheckedFile&) = delete;
  CheckedFile& operator=(const CheckedFile&) = delete;

  void write(std::string_view s) {
    if (std::fwrite(s.data(), 1, s.size(), f_) != s.size()) fail("cannot write");
  }
  void close() {
    const int rc = std::fclose(f_);
    f_ = nullptr;
    if (rc != 0) fail("cannot write");
  }

 private:
  [[noreturn]] void fail(const char* what) {
    throw OutputError(fmt::format("{}: {} ({})", path_.string(), what, std::strerror(errno)));
  }
  fs::path path_;
  std::FILE* f_;
};

std::string csv_number(double v) { return fmt::format("{:.17g}", v); }

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

void write_metrics_csv(const fs::path& file, const MetricSeries& metrics) {
  CheckedFile f(file);
  std::string line = "step";
  for (const auto& n : metrics.names) line += "," + n;
  f.write(line + "\n");
  for (std::size_t r = 0; r < metrics.rows(); ++r) {
    line = std::to_string(metrics.steps[r]);
    for (std::size_t c = 0; c < metrics.names.size(); ++c) line += "," + csv_number(metrics.at(r, c));
    f.write(line + "\n");
  }
  f.close();
}

void write_agents_csv(const fs::path& file, const Network& network, const AgentTable& table) {
  CheckedFile f(file);
  const std::size_t n = table.values.empty() ? 0 : table.values.front().size();
  const bool names = network.node_names.size() == n && n > 0;
  const bool labels = network.labels.size() == n && n > 0;
  std::string line = "agent";
  if (names) line += ",name";
  if (labels) line += ",label";
  for (const auto& c : table.columns) line += "," + c;
  f.write(line + "\n");
  std::string buf;
  for (std::size_t i = 0; i < n; ++i) {
    buf += std::to_string(i);
    if (names) buf += "," + csv_field(network.node_names[i]);
    if (labels) buf += "," + csv_field(network.labels[i]);
    for (const auto& col : table.values) buf += "," + csv_number(col[i]);
    buf += '\n';
    if (buf.size() > (1 << 20)) {
      f.write(buf);
      buf.clear();
    }
  }
  f.write(buf);
  f.close();
}

namespace {

// The scenario's network, or the model's current edges over the same nodes
// (labels and names kept), in every requested format.
void write_networks(const fs::path& dir, const Simulation& sim, const std::vector<std::string>& formats,
                    const std::optional<std::vector<std::pair<NodeId, NodeId>>>& edges) {
  Network current;
  if (edges) {
    const Network& base = sim.network();
    const bool directed = base.mean_field || base.graph.directed();
    GraphBuilder b(sim.model().num_agents(), {directed, true, false});
    b.reserve(edges->size());
    for (const auto& [u, v] : *edges) b.add_edge(u, v);
    current.graph = std::move(b).build();
    if (base.labels.size() == current.num_nodes()) current.labels = base.labels;
    if (base.node_names.size() == current.num_nodes()) current.node_names = base.node_names;
  }
  const Network& exported = current.num_nodes() > 0 ? current : sim.network();
  for (const auto& format : formats) {
    write_network(dir / ("network." + network_format_extension(format)), exported, format);
  }
}

}  // namespace

void write_table_csv(const fs::path& file, std::string_view index_column, const AgentTable& table) {
  if (table.columns.empty()) return;
  CheckedFile f(file);
  std::string buf(index_column);
  for (const auto& c : table.columns) buf += "," + c;
  buf += "\n";
  const std::size_t rows = table.values.front().size();
  for (std::size_t r = 0; r < rows; ++r) {
    buf += std::to_string(r);
    for (const auto& col : table.values) buf += "," + csv_number(col[r]);
    buf += "\n";
    if (buf.size() > (1u << 20)) {
      f.write(buf);
      buf.clear();
    }
  }
  f.write(buf);
  f.close();
}

void write_run_directory(const fs::path& dir, const Simulation& sim, const RunResult& result,
                         bool overwrite) {
  const auto t0 = std::chrono::steady_clock::now();
  std::error_code ec;
  const fs::path target = fs::absolute(dir);
  if (fs::exists(target, ec) && !overwrite) {
    throw OutputError(fmt::format(
        "{}: the run directory already exists; pass --overwrite to replace it or --out for "
        "another directory",
        dir.string()));
  }
  const fs::path parent = target.parent_path();
  fs::create_directories(parent, ec);
  if (ec) throw OutputError(fmt::format("{}: cannot create ({})", parent.string(), ec.message()));
  const std::string name = target.filename().string();
  const fs::path staging = parent / fmt::format(".{}.partial-{}", name, ::getpid());
  fs::remove_all(staging, ec);
  fs::create_directory(staging, ec);
  if (ec) throw OutputError(fmt::format("{}: cannot create ({})", staging.string(), ec.message()));

  try {
    const Scenario& sc = sim.scenario();
    write_metrics_csv(staging / "metrics.csv", result.metrics);
    if (sc.output.boolean("agents")) {
      write_agents_csv(staging / "agents.csv", sim.network(), sim.model().agent_table());
    }
    const auto& formats = sc.output.list("network_formats");
    if (sc.output.boolean("agents")) {
      write_table_csv(staging / "communities.csv", "community", sim.model().community_table());
      write_table_csv(staging / "platforms.csv", "platform", sim.model().platform_table());
    }
    // Models that rewire their network (the micro-identity model's follow
    // graph) export it as it is at the end of the run.
    if (!formats.empty()) write_networks(staging, sim, formats, sim.model().current_edges());
    for (const Snapshot& snap : result.snapshots) {
      const fs::path sub = staging / "snapshots" / fmt::format("step_{}", snap.step);
      fs::create_directories(sub, ec);
      if (ec) throw OutputError(fmt::format("{}: cannot create ({})", sub.string(), ec.message()));
      write_agents_csv(sub / "agents.csv", sim.network(), snap.agents);
      write_table_csv(sub / "communities.csv", "community", snap.communities);
      write_table_csv(sub / "platforms.csv", "platform", snap.platforms);
      if (!formats.empty()) write_networks(sub, sim, formats, snap.edges);
    }
    {
      CheckedFile f(staging / "scenario.toml");
      f.write(fmt::format("# Resolved scenario of {} (every default filled in).\n", sc.source));
      f.write(sc.to_toml());
      f.close();
    }
    nlohmann::json j;
    j["status"] = result.interrupted ? "interrupted" : "complete";
    j["microcosm_version"] = MICROCOSM_VERSION;
    j["scenario_file"] = sc.source;
    j["model"] = sc.model;
    j["seed"] = sc.seed();
    j["network_seed"] = sc.network_seed();
    j["scenario"] = sc.to_json();
    j["steps_done"] = result.steps_done;
    j["converged"] = result.converged;
    j["network"] = {{"nodes", sim.network().num_nodes()},
                    {"edges", sim.network().graph.num_edges()},
                    {"directed", sim.network().graph.directed()},
                    {"mean_field", sim.network().mean_field}};
    j["metrics"] = result.metrics.names;
    const double write_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    j["timings_seconds"] = {{"setup", result.setup_seconds},
                            {"run", result.run_seconds},
                            {"write", write_seconds}};
    // Where the run's time went, in schedule order (a list: an object's
    // keys would be sorted by name).
    nlohmann::json phases = nlohmann::json::array();
    for (const auto& [phase, seconds] : result.phase_seconds) {
      phases.push_back({{"phase", phase}, {"seconds", seconds}});
    }
    j["timings_seconds"]["phases"] = std::move(phases);
    CheckedFile f(staging / "run.json");
    f.write(j.dump(2) + "\n");
    f.close();
  } catch (...) {
    fs::remove_all(staging, ec);
    throw;
  }

  // Swap into place: move any old directory aside first, so that at every
  // moment `target` is either absent, the old complete run or the new one.
  const fs::path old = parent / fmt::format(".{}.old-{}", name, ::getpid());
  if (fs::exists(target, ec)) {
    fs::rename(target, old, ec);
    if (ec) {
      fs::remove_all(staging, ec);
      throw OutputError(fmt::format("{}: cannot replace ({})", target.string(), ec.message()));
    }
  }
  fs::rename(staging, target, ec);
  if (ec) {
    const std::string msg = ec.message();
    fs::remove_all(staging, ec);
    throw OutputError(fmt::format("{}: cannot move the finished run into place ({})",
                                  target.string(), msg));
  }
  fs::remove_all(old, ec);
}

}  // namespace microcosm
