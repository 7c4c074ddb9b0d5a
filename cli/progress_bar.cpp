#include "progress_bar.hpp"

#include <cstdio>
#include <unistd.h>

#include <fmt/format.h>

namespace microcosm::cli {

ProgressBar::ProgressBar(bool enabled, std::string unit)
    : enabled_(enabled && ::isatty(STDERR_FILENO) == 1),
      unit_(std::move(unit)),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

ProgressBar::~ProgressBar() { finish(); }

void ProgressBar::update(std::uint64_t done, std::uint64_t total) {
  if (!enabled_ || total == 0) return;
  const auto now = std::chrono::steady_clock::now();
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  if (elapsed < 1.0) return;
  if (drawn_ && now - last_draw_ < std::chrono::milliseconds(100) && done < total) return;
  last_draw_ = now;
  const double frac = static_cast<double>(done) / static_cast<double>(total);
  const int width = 30;
  const int filled = static_cast<int>(frac * width);
  const double left = frac > 0 ? elapsed * (1.0 - frac) / frac : 0.0;
  fmt::print(stderr, "\r[{}{}] {:3.0f}%  {} {}/{}  {:.0f}s left   ", std::string(filled, '#'),
             std::string(width - filled, '.'), frac * 100.0, unit_, done, total, left);
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressBar::finish() {
  if (drawn_) {
    fmt::print(stderr, "\r{}\r", std::string(72, ' '));
    std::fflush(stderr);
    drawn_ = false;
  }
}

}  // namespace microcosm::cli
