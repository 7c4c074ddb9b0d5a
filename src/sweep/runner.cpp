#include "microcosm/sweep/runner.hpp"

#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "microcosm/core/error.hpp"
#include "microcosm/engine/simulation.hpp"

namespace microcosm::sweep {

RunOutcome execute_run(const Design& design, std::size_t index, const std::atomic<bool>* stop,
                       const std::string& host, int rank) {
  RunOutcome o;
  o.index = index;
  o.host = host;
  o.rank = rank;
  o.started = utc_now();
  try {
    RunOptions ro;
    ro.stop = stop;
    RunResult r;
    if (design.spec.branch_at > 0) {
      // Resume the replicate's checkpoint with the cell's values
      // (runner_branch.cpp).
      const std::size_t rep = design.runs.at(index).replicate;
      const std::filesystem::path ckpt = ensure_branch_checkpoint(design, rep, stop);
      o.branch_step = static_cast<std::int64_t>(design.spec.branch_at);
      o.checkpoint = ckpt.string();
      Simulation sim = Simulation::from_checkpoint(
          ckpt, {design.branch_overrides(index), design.timeline_patches(index)});
      r = sim.run(ro);
    } else {
      Simulation sim(design.scenario(index));
      r = sim.run(ro);
    }
    o.status = r.interrupted ? RunStatus::Interrupted : RunStatus::Done;
    o.setup_s = r.setup_seconds;
    o.run_s = r.run_seconds;
    o.steps_done = r.steps_done;
    o.converged = r.converged;
    o.metrics = std::move(r.metrics);
  } catch (const std::exception& e) {
    o.status = RunStatus::Failed;
    o.error = e.what();
  }
  if (o.status != RunStatus::Done) o.metrics = {};
  o.finished = utc_now();
  return o;
}

std::string host_name() {
  char buf[256] = {};
  if (::gethostname(buf, sizeof buf - 1) != 0) return "unknown";
  return buf;
}

namespace {

struct Event {
  bool started = false;
  std::size_t index = 0;
  std::string time;
  RunOutcome outcome;
};

}  // namespace

SweepReport run_local(const Design& design, ResultsDb& db, const std::vector<std::size_t>& todo,
                      const RunnerOptions& opt) {
  SweepReport report;
  report.todo = todo.size();
  if (todo.empty()) return report;
  unsigned jobs = opt.jobs ? opt.jobs : std::max(1u, std::thread::hardware_concurrency());
  jobs = static_cast<unsigned>(std::min<std::size_t>(jobs, todo.size()));
  const std::size_t capacity = jobs;

  std::mutex mutex;
  std::condition_variable wake_writer, space;
  std::deque<Event> queue;
  std::size_t queued_outcomes = 0;
  unsigned active = jobs;
  std::atomic<bool> abort{false};
  std::atomic<std::size_t> next{0};

  auto worker = [&] {
    for (;;) {
      if (abort.load()) break;
      const std::size_t i = next.fetch_add(1);
      if (i >= todo.size()) break;
      {
        std::lock_guard lock(mutex);
        queue.push_back({true, todo[i], utc_now(), {}});
      }
      wake_writer.notify_one();
      RunOutcome o = execute_run(design, todo[i], &abort, opt.host, opt.rank);
      {
        std::unique_lock lock(mutex);
        space.wait(lock, [&] { return queued_outcomes < capacity || abort.load(); });
        queue.push_back({false, o.index, {}, std::move(o)});
        ++queued_outcomes;
      }
      wake_writer.notify_one();
    }
    {
      std::lock_guard lock(mutex);
      --active;
    }
    wake_writer.notify_one();
  };

  std::vector<std::thread> threads;
  threads.reserve(jobs);
  for (unsigned j = 0; j < jobs; ++j) threads.emplace_back(worker);
  auto stop_workers = [&] {
    {
      std::lock_guard lock(mutex);
      abort.store(true);
    }
    space.notify_all();
  };

  std::size_t finished = 0;
  try {
    std::vector<Event> batch;
    for (;;) {
      {
        std::unique_lock lock(mutex);
        wake_writer.wait_for(lock, std::chrono::milliseconds(100),
                             [&] { return !queue.empty() || active == 0; });
        if (queue.empty() && active == 0) break;
        batch.assign(std::make_move_iterator(queue.begin()), std::make_move_iterator(queue.end()));
        queue.clear();
        for (const auto& e : batch) queued_outcomes -= e.started ? 0 : 1;
      }
      space.notify_all();
      if (opt.stop && opt.stop->load() && !abort.load()) {
        report.interrupted = true;
        stop_workers();
      }
      for (auto& e : batch) {
        if (e.started) {
          db.mark_running(e.index, e.time, opt.host, opt.rank);
          continue;
        }
        db.record(e.outcome);
        if (e.outcome.status == RunStatus::Interrupted) continue;
        ++finished;
        if (e.outcome.status == RunStatus::Done) {
          ++report.done;
        } else {
          ++report.failed;
          if (opt.on_failure) opt.on_failure(e.outcome);
        }
        if (opt.progress) opt.progress(finished, todo.size());
      }
      batch.clear();
    }
  } catch (...) {
    stop_workers();
    for (auto& t : threads) t.join();
    throw;
  }
  for (auto& t : threads) t.join();
  return report;
}

}  // namespace microcosm::sweep
