// Checkpoints of branched sweeps (runner.hpp): each replicate's base
// scenario runs once to [sweep] branch_at and is saved there; the cells
// resume from it.
#include <map>
#include <mutex>

#include <fmt/format.h>

#include "microcosm/core/error.hpp"
#include "microcosm/engine/simulation.hpp"
#include "microcosm/sweep/runner.hpp"

namespace microcosm::sweep {

std::filesystem::path ensure_branch_checkpoint(const Design& design, std::size_t replicate,
                                               const std::atomic<bool>* stop) {
  static std::mutex registry_mutex;
  static std::map<std::string, std::mutex> file_mutex;
  const std::filesystem::path file = design.branch_checkpoint(replicate);
  std::mutex* m = nullptr;
  {
    std::lock_guard<std::mutex> lock(registry_mutex);
    m = &file_mutex[file.string()];
  }
  std::lock_guard<std::mutex> lock(*m);
  if (std::filesystem::exists(file)) return file;
  Simulation sim(design.branch_base_scenario(replicate));
  std::atomic<bool> done{false};
  RunOptions ro;
  ro.stop = &done;
  ro.checkpoint_steps = {design.spec.branch_at};
  ro.checkpoint = [&](std::uint64_t, const MetricSeries& recorded) {
    sim.save_checkpoint(file, recorded);
    done = true;
  };
  // Polls the sweep's stop flag too: a copy of it is checked at every step.
  ro.progress = [&](std::uint64_t, std::uint64_t) {
    if (stop && stop->load()) done = true;
  };
  sim.run(ro);
  if (!std::filesystem::exists(file)) {
    if (stop && stop->load()) throw Error("interrupted before the branch checkpoint was written");
    throw Error(fmt::format("the base run of replicate {} ended before branch_at = {} (it "
                            "converged; set simulation.stop_when_converged = false)",
                            replicate, design.spec.branch_at));
  }
  return file;
}

}  // namespace microcosm::sweep
