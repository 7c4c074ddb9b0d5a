// A terminal progress bar for runs longer than a second: drawn on stderr
// only when stderr is a terminal, at most ten times a second, with the
// estimated time left.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace microcosm::cli {

class ProgressBar {
 public:
  // `unit` names what is counted ("step", "runs").
  explicit ProgressBar(bool enabled, std::string unit = "step");
  ~ProgressBar();
  void update(std::uint64_t done, std::uint64_t total);
  void finish();

 private:
  bool enabled_;
  std::string unit_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_, last_draw_;
};

}  // namespace microcosm::cli
