// The simulation behind `microcosm serve`: a main instance of the scenario,
// optionally a branch (the same scenario and seed with one change), stepped
// in lockstep by a background thread, and the JSON views the HTTP API serves.
// Every public method is thread-safe (one mutex; the worker releases it
// between steps) and validates its input, throwing ParameterError with a
// message for the client on bad requests.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "microcosm/engine/simulation.hpp"
#include "microcosm/io/scenario.hpp"

namespace microcosm::cli {

// One simulation and the metrics recorded so far.
struct LiveInstance {
  Scenario scenario;  // with the timeline entries added while it ran
  std::unique_ptr<Simulation> sim;
  std::string label;
  nlohmann::json change;  // what a branch changed (null for main)
  std::uint64_t id = 0;
  std::vector<std::uint64_t> steps;
  std::vector<double> values;  // row-major, metric_names().size() per row
  std::size_t n_metrics = 0;
  int threads = 1;

  static std::unique_ptr<LiveInstance> build(Scenario scenario, std::string label);
  std::uint64_t time() const { return sim->model().time(); }
  void record();
  void step(std::uint64_t record_every);
};

class LiveSession {
 public:
  // `record_every` 0: the scenario's [simulation] record_every.
  LiveSession(Scenario base, std::uint64_t record_every, double max_rate);
  ~LiveSession();
  LiveSession(const LiveSession&) = delete;
  LiveSession& operator=(const LiveSession&) = delete;

  nlohmann::json info();
  // Metric rows from row `since_main` / `since_branch` on.
  nlohmann::json state(std::size_t since_main, std::size_t since_branch);
  nlohmann::json start();
  nlohmann::json pause();
  nlohmann::json step(std::uint64_t n);
  nlohmann::json reset();
  nlohmann::json set_params(const nlohmann::json& body);
  nlohmann::json add_event(const nlohmann::json& body);
  nlohmann::json branch(const nlohmann::json& body);
  nlohmann::json close_branch();
  nlohmann::json agents(const std::string& instance, std::size_t sample);
  nlohmann::json edges(const std::string& instance, std::size_t sample, std::size_t agents);

 private:
  void worker();
  void stop_worker();
  LiveInstance& instance(const std::string& name);  // lock held
  const std::vector<std::uint32_t>& sample_order(std::size_t n);  // lock held
  nlohmann::json status_locked() const;
  nlohmann::json restart_locked(std::unique_ptr<LiveInstance> fresh);
  TimelineEntry timeline_entry(const nlohmann::json& event, std::uint64_t now) const;
  Scenario with_params(const Scenario& sc, const nlohmann::json& values) const;
  std::uint64_t record_every_locked() const;

  Scenario base_;
  std::uint64_t record_every_override_;
  double max_rate_;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::unique_ptr<LiveInstance> main_;
  std::unique_ptr<LiveInstance> branch_;
  bool running_ = false;
  std::uint64_t pending_ = 0;  // explicit steps requested
  std::uint64_t generation_ = 0;  // bumped on reset and rebuilds
  std::uint64_t branches_ = 0;    // branches created (the branch's id)
  std::string last_error_;
  bool quit_ = false;
  std::vector<std::uint32_t> order_;  // sample order of agent ids
  std::thread thread_;
};

}  // namespace microcosm::cli
