#include "serve_session.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>

#include <fmt/format.h>
#include <omp.h>

#include "microcosm/core/error.hpp"
#include "microcosm/core/rng.hpp"

namespace microcosm::cli {

namespace {

using nlohmann::json;

constexpr std::uint64_t kMaxPending = 1'000'000;
// Requests may not build a larger population than this (memory); the
// scenario given on the command line is not limited.
constexpr std::int64_t kMaxRequestedPopulation = 200'000;

// A JSON value as a schema value; the schema then checks type and range.
spec::Value to_value(const json& v, const std::string& key) {
  if (v.is_boolean()) return v.get<bool>();
  if (v.is_number_unsigned()) {
    const auto u = v.get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      throw ParameterError(fmt::format("{}: {} is too large", key, u));
    }
    return static_cast<std::int64_t>(u);
  }
  if (v.is_number_integer()) return v.get<std::int64_t>();
  if (v.is_number_float()) {
    const double d = v.get<double>();
    if (!std::isfinite(d)) throw ParameterError(fmt::format("{}: must be a finite number", key));
    return d;
  }
  if (v.is_string()) return v.get<std::string>();
  if (v.is_array()) {
    spec::StringList list;
    for (const auto& item : v) {
      if (item.is_string()) {
        list.push_back(item.get<std::string>());
      } else if (item.is_number_integer()) {
        list.push_back(std::to_string(item.get<std::int64_t>()));
      } else {
        throw ParameterError(fmt::format("{}: a list must hold strings or integers", key));
      }
    }
    return list;
  }
  throw ParameterError(
      fmt::format("{}: expected a boolean, number, string or list of strings", key));
}

// The values the user set (not defaults), so that derived defaults such as
// network_seed = seed follow a changed value.
std::map<std::string, spec::Value> user_values(const spec::ParamSet& set) {
  std::map<std::string, spec::Value> out;
  for (const auto& [k, v] : set.items()) {
    if (set.is_set(k)) out[k] = v;
  }
  return out;
}

double rounded(double v) { return std::isfinite(v) ? std::round(v * 1e4) / 1e4 : v; }

const ModelInfo::TimelineKind* find_kind(const ModelInfo& info, const std::string& type) {
  for (const auto& k : info.timeline_kinds) {
    if (k.type == type) return &k;
  }
  return nullptr;
}

}  // namespace

std::unique_ptr<LiveInstance> LiveInstance::build(Scenario scenario, std::string label) {
  auto inst = std::make_unique<LiveInstance>();
  int threads = static_cast<int>(scenario.simulation.integer("threads"));
  if (threads == 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  inst->threads = threads;
  inst->sim = std::make_unique<Simulation>(scenario);
  inst->scenario = std::move(scenario);
  inst->label = std::move(label);
  inst->n_metrics = inst->sim->model().metric_names().size();
  inst->record();
  return inst;
}

void LiveInstance::record() {
  std::vector<double> row(n_metrics);
  sim->model().compute_metrics(row);
  steps.push_back(time());
  values.insert(values.end(), row.begin(), row.end());
}

void LiveInstance::step(std::uint64_t record_every) {
  omp_set_num_threads(threads);
  sim->model().step();
  if (time() % record_every == 0) record();
}

LiveSession::LiveSession(Scenario base, std::uint64_t record_every, double max_rate)
    : base_(std::move(base)), record_every_override_(record_every), max_rate_(max_rate) {
  main_ = LiveInstance::build(base_, "main");
  thread_ = std::thread([this] { worker(); });
}

LiveSession::~LiveSession() { stop_worker(); }

void LiveSession::stop_worker() {
  {
    std::lock_guard lk(mu_);
    quit_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::uint64_t LiveSession::record_every_locked() const {
  if (record_every_override_ > 0) return record_every_override_;
  return static_cast<std::uint64_t>(main_->scenario.simulation.integer("record_every"));
}

void LiveSession::worker() {
  std::unique_lock lk(mu_);
  for (;;) {
    const auto horizon = [&] {
      return static_cast<std::uint64_t>(main_->scenario.simulation.integer("steps"));
    };
    cv_.wait(lk, [&] {
      return quit_ || (branch_ && branch_->time() < main_->time()) || pending_ > 0 ||
             (running_ && main_->time() < horizon());
    });
    if (quit_) return;
    const auto t0 = std::chrono::steady_clock::now();
    try {
      const std::uint64_t every = record_every_locked();
      if (branch_ && branch_->time() < main_->time()) {
        branch_->step(every);  // a new branch catches up with main first
      } else {
        main_->step(every);
        if (branch_) branch_->step(every);
        if (pending_ > 0) --pending_;
        if (running_ && main_->time() >= horizon()) running_ = false;
      }
    } catch (const std::exception& e) {
      last_error_ = e.what();
      running_ = false;
      pending_ = 0;
    }
    lk.unlock();
    // Let HTTP requests take the lock between steps, and cap the rate.
    auto next = t0 + std::chrono::microseconds(200);
    if (max_rate_ > 0) {
      next = std::max(next, t0 + std::chrono::microseconds(static_cast<std::int64_t>(1e6 / max_rate_)));
    }
    std::this_thread::sleep_until(next);
    lk.lock();
  }
}

LiveInstance& LiveSession::instance(const std::string& name) {
  if (name == "main") return *main_;
  if (name == "branch") {
    if (!branch_) throw ParameterError("there is no branch; POST /api/branch creates one");
    return *branch_;
  }
  throw ParameterError(fmt::format("instance '{}': valid instances are main and branch", name));
}

json LiveSession::status_locked() const {
  const auto horizon = static_cast<std::uint64_t>(main_->scenario.simulation.integer("steps"));
  json j;
  j["time"] = main_->time();
  j["running"] = running_;
  j["pending_steps"] = pending_;
  j["horizon"] = horizon;
  j["finished"] = main_->time() >= horizon;
  j["generation"] = generation_;
  j["error"] = last_error_.empty() ? json() : json(last_error_);
  if (branch_) {
    j["branch"] = {{"id", branch_->id},
                   {"time", branch_->time()},
                   {"label", branch_->label},
                   {"change", branch_->change},
                   {"caught_up", branch_->time() >= main_->time()}};
  } else {
    j["branch"] = nullptr;
  }
  return j;
}

json LiveSession::info() {
  std::lock_guard lk(mu_);
  const Scenario& sc = main_->scenario;
  const ModelInfo& m = find_model(sc.model);
  json j = status_locked();
  j["model"] = sc.model;
  j["model_summary"] = m.summary;
  j["scenario_file"] = sc.source;
  j["seed"] = sc.seed();
  j["agents"] = main_->sim->model().num_agents();
  j["record_every"] = record_every_locked();
  const std::vector<std::string> names = main_->sim->model().metric_names();
  j["metric_names"] = names;
  // What each recorded column measures (the model's metric dictionary), for
  // the charts' tooltips and captions.
  std::map<std::string, std::string> descriptions = metric_descriptions(m);
  std::erase_if(descriptions, [&](const auto& entry) {
    return std::find(names.begin(), names.end(), entry.first) == names.end();
  });
  j["metric_descriptions"] = descriptions;
  j["scenario"] = sc.to_json();
  j["model_schema"] = m.schema.to_json();
  j["simulation_schema"] = simulation_schema().to_json();
  j["timeline_kinds"] = json::array();
  for (const auto& k : m.timeline_kinds) {
    j["timeline_kinds"].push_back({{"section", k.section},
                                   {"type", k.type},
                                   {"description", k.description},
                                   {"schema", k.schema.to_json()}});
  }
  return j;
}

json LiveSession::state(std::size_t since_main, std::size_t since_branch) {
  std::lock_guard lk(mu_);
  json j = status_locked();
  j["metric_names"] = main_->sim->model().metric_names();
  auto rows = [](const LiveInstance& inst, std::size_t since) {
    json r;
    const std::size_t from = std::min(since, inst.steps.size());
    r["from"] = from;
    r["rows"] = inst.steps.size();
    r["steps"] = json::array();
    r["values"] = json::array();
    for (std::size_t k = from; k < inst.steps.size(); ++k) {
      r["steps"].push_back(inst.steps[k]);
      json row = json::array();
      for (std::size_t c = 0; c < inst.n_metrics; ++c) {
        const double v = inst.values[k * inst.n_metrics + c];
        row.push_back(std::isfinite(v) ? json(v) : json());
      }
      r["values"].push_back(std::move(row));
    }
    return r;
  };
  j["main"] = rows(*main_, since_main);
  j["branch_metrics"] = branch_ ? rows(*branch_, since_branch) : json();
  return j;
}

json LiveSession::start() {
  std::lock_guard lk(mu_);
  const auto horizon = static_cast<std::uint64_t>(main_->scenario.simulation.integer("steps"));
  if (main_->time() >= horizon) {
    throw ParameterError(fmt::format(
        "the run reached its horizon of {} steps; POST /api/step?n=... goes on step by step, "
        "or raise simulation.steps with POST /api/params, or reset",
        horizon));
  }
  running_ = true;
  last_error_.clear();
  cv_.notify_all();
  return status_locked();
}

json LiveSession::pause() {
  std::lock_guard lk(mu_);
  running_ = false;
  pending_ = 0;
  return status_locked();
}

json LiveSession::step(std::uint64_t n) {
  std::lock_guard lk(mu_);
  pending_ = std::min(kMaxPending, pending_ + n);
  last_error_.clear();
  cv_.notify_all();
  return status_locked();
}

// A new main run from step 0: the branch, pending steps and the last error
// belong to the old one.
json LiveSession::restart_locked(std::unique_ptr<LiveInstance> fresh) {
  main_ = std::move(fresh);
  branch_.reset();
  running_ = false;
  pending_ = 0;
  last_error_.clear();
  ++generation_;
  return status_locked();
}

json LiveSession::reset() {
  auto fresh = LiveInstance::build(base_, "main");
  std::lock_guard lk(mu_);
  return restart_locked(std::move(fresh));
}

Scenario LiveSession::with_params(const Scenario& sc, const json& values) const {
  if (!values.is_object() || values.empty()) {
    throw ParameterError(
        "expected a non-empty object of \"section.name\": value, e.g. {\"model.population\": 2000}");
  }
  const ModelInfo& m = find_model(sc.model);
  auto model = user_values(sc.model_params);
  auto sim = user_values(sc.simulation);
  sim["model"] = sc.model;
  for (const auto& [name, value] : values.items()) {
    const auto dot = name.find('.');
    const std::string section = dot == std::string::npos ? "" : name.substr(0, dot);
    const std::string key = dot == std::string::npos ? "" : name.substr(dot + 1);
    if (section == "model" && !key.empty()) {
      if (!m.schema.find(key)) {
        throw ParameterError(fmt::format("model '{}' has no parameter '{}' (see GET /api/info)",
                                         sc.model, key));
      }
      model[key] = to_value(value, name);
    } else if (section == "simulation" && !key.empty()) {
      if (key == "model") {
        throw ParameterError("simulation.model cannot change in a live session; restart serve");
      }
      sim[key] = to_value(value, name);
    } else {
      throw ParameterError(fmt::format(
          "'{}': parameters are named model.<name> or simulation.<name>", name));
    }
  }
  // A network seed that followed the seed goes on following it.
  if (values.contains("simulation.seed") && !values.contains("simulation.network_seed") &&
      sc.simulation.integer("network_seed") == sc.simulation.integer("seed")) {
    sim.erase("network_seed");
  }
  Scenario out = sc;
  out.simulation = simulation_schema().resolve(sim, "POST /api/params [simulation]");
  if (!out.simulation.is_set("network_seed")) {
    out.simulation.set("network_seed", out.simulation.integer("seed"));
  }
  out.model_params = m.schema.resolve(model, "POST /api/params [model]");
  if (out.model_params.has("population") &&
      out.model_params.integer("population") > kMaxRequestedPopulation) {
    throw ParameterError(fmt::format(
        "model.population = {}: a live session builds at most {} agents on request (start "
        "serve with --set model.population=... for more)",
        out.model_params.integer("population"), kMaxRequestedPopulation));
  }
  return out;
}

json LiveSession::set_params(const json& body) {
  if (!body.is_object()) throw ParameterError("expected a JSON object");
  json values = body.contains("values") ? body["values"] : json::object();
  if (body.contains("name")) {
    if (!body["name"].is_string() || !body.contains("value")) {
      throw ParameterError("expected {\"name\": \"model.<name>\", \"value\": ...}");
    }
    values[body["name"].get<std::string>()] = body["value"];
  }
  // Building may fail on checks beyond the schema; the old session stays.
  Scenario next = with_params(base_, values);
  auto fresh = LiveInstance::build(next, "main");
  std::lock_guard lk(mu_);
  base_ = std::move(next);
  return restart_locked(std::move(fresh));
}

TimelineEntry LiveSession::timeline_entry(const json& event, std::uint64_t now) const {
  if (!event.is_object()) throw ParameterError("an event must be a JSON object");
  if (!event.contains("type") || !event["type"].is_string()) {
    throw ParameterError("an event needs \"type\": \"...\" (see timeline_kinds in GET /api/info)");
  }
  const std::string type = event["type"].get<std::string>();
  const ModelInfo& m = find_model(base_.model);
  const auto* kind = find_kind(m, type);
  if (!kind) {
    std::string valid;
    for (const auto& k : m.timeline_kinds) valid += (valid.empty() ? "" : ", ") + k.type;
    throw ParameterError(fmt::format("unknown event or intervention type '{}'; valid types: {}",
                                     type, valid.empty() ? "(none: the model takes none)" : valid));
  }
  if (event.contains("section") && event["section"] != kind->section) {
    throw ParameterError(fmt::format("'{}' belongs to {}", type, kind->section));
  }
  std::map<std::string, spec::Value> values;
  if (event.contains("params")) {
    if (!event["params"].is_object()) throw ParameterError("\"params\" must be an object");
    for (const auto& [k, v] : event["params"].items()) values[k] = to_value(v, k);
  }
  if (!values.count("start")) values["start"] = static_cast<std::int64_t>(now);
  if (!values.count("end")) {
    std::int64_t duration = 30;
    if (event.contains("duration")) {
      const auto& d = event["duration"];
      if (!d.is_number_integer() || d.get<std::int64_t>() < 1 || d.get<std::int64_t>() > 1'000'000) {
        throw ParameterError("\"duration\" must be an integer number of steps in [1, 1000000]");
      }
      duration = d.get<std::int64_t>();
    }
    const auto* start = std::get_if<std::int64_t>(&values["start"]);
    if (!start) throw ParameterError("start must be an integer step");
    values["end"] = *start + duration;
  }
  TimelineEntry entry;
  entry.section = kind->section;
  entry.type = type;
  entry.where = fmt::format("POST /api/event at step {}", now);
  entry.params = kind->schema.resolve(values, fmt::format("POST /api/event {}", type));
  const auto start = entry.params.integer("start");
  if (start < static_cast<std::int64_t>(now)) {
    throw ParameterError(fmt::format("start = {} is in the past (the simulation is at step {})",
                                     start, now));
  }
  return entry;
}

json LiveSession::add_event(const json& body) {
  std::string target = "main";
  if (body.is_object() && body.contains("instance")) {
    if (!body["instance"].is_string()) throw ParameterError("\"instance\" must be a string");
    target = body["instance"].get<std::string>();
  }
  if (target != "main" && target != "branch" && target != "both") {
    throw ParameterError("\"instance\" must be main, branch or both");
  }
  std::lock_guard lk(mu_);
  std::vector<LiveInstance*> targets;
  if (target != "branch") targets.push_back(main_.get());
  if (target != "main") targets.push_back(&instance("branch"));
  json added = json::array();
  for (LiveInstance* inst : targets) {
    const TimelineEntry entry = timeline_entry(body, std::max(inst->time(), main_->time()));
    if (!inst->sim->model().add_timeline_entry(entry)) {
      throw ParameterError(
          fmt::format("model '{}' takes no events or interventions at run time", base_.model));
    }
    inst->scenario.timeline.push_back(entry);
    json e = entry.params.to_json();
    e["type"] = entry.type;
    e["section"] = entry.section;
    e["instance"] = inst->label;
    added.push_back(std::move(e));
  }
  json j = status_locked();
  j["added"] = std::move(added);
  return j;
}

json LiveSession::branch(const json& body) {
  if (!body.is_object()) throw ParameterError("expected a JSON object");
  Scenario sc;
  std::uint64_t now = 0, generation = 0;
  {
    std::lock_guard lk(mu_);
    sc = main_->scenario;
    now = main_->time();
    generation = generation_;
  }
  json change = json::object();
  std::string label = "branch";
  if (body.contains("label")) {
    if (!body["label"].is_string() || body["label"].get<std::string>().size() > 200) {
      throw ParameterError("\"label\" must be a string of at most 200 characters");
    }
    label = body["label"].get<std::string>();
  }
  if (body.contains("event")) {
    // Diverges from now: the same seed replays main up to `now`, and the
    // entry starts there.
    TimelineEntry entry = timeline_entry(body["event"], now);
    change = entry.params.to_json();
    change["type"] = entry.type;
    change["section"] = entry.section;
    sc.timeline.push_back(std::move(entry));
  }
  if (body.contains("params")) {
    // Diverges from step 0: parameters apply from the start.
    sc = with_params(sc, body["params"]);
    change["params"] = body["params"];
  }
  auto inst = LiveInstance::build(std::move(sc), label);
  inst->change = change;
  std::lock_guard lk(mu_);
  if (generation != generation_) {
    throw ParameterError("the session was reset while the branch was being built; try again");
  }
  inst->id = ++branches_;
  branch_ = std::move(inst);
  cv_.notify_all();
  return status_locked();
}

json LiveSession::close_branch() {
  std::lock_guard lk(mu_);
  branch_.reset();
  return status_locked();
}

const std::vector<std::uint32_t>& LiveSession::sample_order(std::size_t n) {
  if (order_.size() != n) {
    order_.resize(n);
    for (std::size_t i = 0; i < n; ++i) order_[i] = static_cast<std::uint32_t>(i);
    Rng rng(0x5eedULL, "serve.sample");
    for (std::size_t i = n; i > 1; --i) std::swap(order_[i - 1], order_[rng.bounded(i)]);
  }
  return order_;
}

json LiveSession::agents(const std::string& name, std::size_t sample) {
  std::lock_guard lk(mu_);
  LiveInstance& inst = instance(name);
  const AgentTable table = inst.sim->model().agent_table();
  const std::size_t n = table.values.empty() ? 0 : table.values.front().size();
  auto column = [&](std::initializer_list<const char*> names) -> const std::vector<double>* {
    for (const char* want : names) {
      for (std::size_t c = 0; c < table.columns.size(); ++c) {
        if (table.columns[c] == want) return &table.values[c];
      }
    }
    return nullptr;
  };
  const auto* x = column({"x0", "opinion_0", "opinion", "state", "feature_0"});
  const auto* y = column({"x1", "opinion_1", "feature_1"});
  const auto* community = column({"community", "region", "party"});
  const auto* platform = column({"platform"});
  const auto* hostility = column({"hostility"});
  std::vector<std::uint32_t> ids(sample_order(n).begin(),
                                 sample_order(n).begin() + static_cast<std::ptrdiff_t>(std::min(sample, n)));
  std::sort(ids.begin(), ids.end());
  json j;
  j["time"] = inst.time();
  j["instance"] = name;
  j["total"] = n;
  j["columns"] = table.columns;
  j["id"] = ids;
  json jx = json::array(), jy = json::array(), jc = json::array(), jp = json::array(),
       jh = json::array();
  for (const std::uint32_t i : ids) {
    // Without a second opinion dimension, y is a fixed per-agent jitter.
    const double jitter = static_cast<double>((i * 2654435761u) % 10007u) / 10006.0 * 2.0 - 1.0;
    jx.push_back(x ? rounded((*x)[i]) : jitter);
    jy.push_back(y ? rounded((*y)[i]) : (x ? jitter : static_cast<double>((i * 40503u) % 10007u) / 5003.0 - 1.0));
    if (community) jc.push_back(static_cast<std::int64_t>((*community)[i]));
    if (platform) jp.push_back(static_cast<std::int64_t>((*platform)[i]));
    if (hostility) jh.push_back(rounded((*hostility)[i]));
  }
  j["x"] = std::move(jx);
  j["y"] = std::move(jy);
  j["opinion"] = j["x"];
  j["community"] = community ? std::move(jc) : json();
  j["platform"] = platform ? std::move(jp) : json();
  j["hostility"] = hostility ? std::move(jh) : json();
  j["positions"] = y ? "opinion space (first two dimensions)"
                     : (x ? "opinion (x) and a fixed jitter (y)" : "fixed jitter");
  return j;
}

json LiveSession::edges(const std::string& name, std::size_t sample, std::size_t agent_sample) {
  std::lock_guard lk(mu_);
  LiveInstance& inst = instance(name);
  const std::size_t n = inst.sim->model().num_agents();
  const auto& order = sample_order(n);
  std::vector<std::uint8_t> in_sample(n, 0);
  for (std::size_t k = 0; k < std::min(agent_sample, n); ++k) in_sample[order[k]] = 1;
  std::vector<std::pair<NodeId, NodeId>> kept;
  std::size_t total = 0;
  auto consider = [&](NodeId u, NodeId v) {
    ++total;
    if (u < n && v < n && u != v && in_sample[u] && in_sample[v]) kept.emplace_back(u, v);
  };
  bool directed = true;
  if (auto current = inst.sim->model().current_edges()) {
    for (const auto& [u, v] : *current) consider(u, v);
  } else {
    const CsrGraph& g = inst.sim->network().graph;
    directed = g.directed();
    for (NodeId u = 0; u < g.num_nodes(); ++u) {
      for (const NodeId v : g.neighbors(u)) {
        if (directed || u < v) consider(u, v);
      }
    }
  }
  if (kept.size() > sample) {
    Rng rng(0x5eedULL, "serve.edges");
    for (std::size_t k = 0; k < sample; ++k) std::swap(kept[k], kept[k + rng.bounded(kept.size() - k)]);
    kept.resize(sample);
  }
  json j;
  j["time"] = inst.time();
  j["instance"] = name;
  j["total"] = total;
  j["directed"] = directed;
  json s = json::array(), t = json::array();
  for (const auto& [u, v] : kept) {
    s.push_back(u);
    t.push_back(v);
  }
  j["source"] = std::move(s);
  j["target"] = std::move(t);
  return j;
}

}  // namespace microcosm::cli
