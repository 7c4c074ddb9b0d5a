#pragma once
// Wall-clock seconds spent in each named phase of a run, summed over its
// steps (run.json timings_seconds.phases), so that a user sees where a run's
// time goes without a profiler. A lap is one steady_clock read and a short
// search among a few names; no allocation once every phase has been seen.
// Timings are reported, never read by a model, so results do not depend on
// them.
#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace microcosm {

using PhaseSeconds = std::vector<std::pair<std::string, double>>;

class PhaseClock {
 public:
  // Starts timing the next phase.
  void start() noexcept { last_ = std::chrono::steady_clock::now(); }
  // Adds the time since the last start() or lap() to `phase` (in order of
  // first appearance) and starts timing the next phase.
  void lap(std::string_view phase) {
    const auto now = std::chrono::steady_clock::now();
    const double seconds = std::chrono::duration<double>(now - last_).count();
    last_ = now;
    for (auto& [name, total] : totals_) {
      if (name == phase) {
        total += seconds;
        return;
      }
    }
    totals_.emplace_back(std::string(phase), seconds);
  }
  const PhaseSeconds& totals() const noexcept { return totals_; }

 private:
  PhaseSeconds totals_;
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

}  // namespace microcosm
