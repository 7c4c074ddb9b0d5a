// `mpirun -n K microcosm sweep SWEEP.toml`: dynamic distribution of the runs
// of a sweep over MPI ranks. Rank 0 owns the results database (the only
// writer, as in the local runner) and does no simulation: it answers each
// worker's message (first "ready", then each finished run) with the next
// run index, or -1 when nothing is left. Workers expand the same design
// from the same sweep file, run what they are given (threads = 1 unless
// the sweep says otherwise) and send back the run's outcome and metric rows
// as a flat byte message. Results depend only on (scenario, cell, seed), so
// they equal a local sweep's, whatever the number of ranks.
//
// Compiled only when CMake finds MPI (MICROCOSM_HAVE_MPI). MPI_Init is
// called only when the launcher's environment says we run under mpirun
// with more than one process; the plain binary never touches MPI.
#ifdef MICROCOSM_HAVE_MPI

#include <fmt/format.h>
#include <mpi.h>

#include <chrono>
#include <cstring>
#include <map>
#include <memory>
#include <optional>

#include "microcosm/core/error.hpp"
#include "microcosm/sweep/db_lock.hpp"
#include "progress_bar.hpp"
#include "sweep_common.hpp"

namespace microcosm::cli {
namespace {

constexpr int kTagReady = 1;   // worker -> 0: host name
constexpr int kTagResult = 2;  // worker -> 0: a finished run
constexpr int kTagWork = 3;    // 0 -> worker: run index, or -1 to stop

class Writer {
 public:
  void u64(std::uint64_t v) { raw(&v, sizeof v); }
  void f64(double v) { raw(&v, sizeof v); }
  void str(const std::string& s) {
    u64(s.size());
    raw(s.data(), s.size());
  }
  std::vector<char> bytes;

 private:
  void raw(const void* p, std::size_t n) {
    const auto* c = static_cast<const char*>(p);
    bytes.insert(bytes.end(), c, c + n);
  }
};

class Reader {
 public:
  explicit Reader(const std::vector<char>& b) : b_(b) {}
  std::uint64_t u64() {
    std::uint64_t v;
    raw(&v, sizeof v);
    return v;
  }
  double f64() {
    double v;
    raw(&v, sizeof v);
    return v;
  }
  std::string str() {
    const auto n = static_cast<std::size_t>(u64());
    check(n);
    std::string s(b_.data() + pos_, n);
    pos_ += n;
    return s;
  }

 private:
  void check(std::size_t n) const {
    if (pos_ + n > b_.size()) throw Error("MPI sweep: truncated result message");
  }
  void raw(void* p, std::size_t n) {
    check(n);
    std::memcpy(p, b_.data() + pos_, n);
    pos_ += n;
  }
  const std::vector<char>& b_;
  std::size_t pos_ = 0;
};

std::vector<char> serialize(const sweep::RunOutcome& o) {
  Writer w;
  w.u64(o.index);
  w.u64(static_cast<std::uint64_t>(o.status));
  w.str(o.error);
  w.f64(o.setup_s);
  w.f64(o.run_s);
  w.u64(o.steps_done);
  w.u64(o.converged ? 1 : 0);
  w.str(o.started);
  w.str(o.finished);
  w.str(o.host);
  w.u64(static_cast<std::uint64_t>(o.rank));
  const auto& m = o.metrics;
  w.u64(m.names.size());
  for (const auto& n : m.names) w.str(n);
  w.u64(m.steps.size());
  for (auto s : m.steps) w.u64(s);
  for (double v : m.values) w.f64(v);
  return std::move(w.bytes);
}

sweep::RunOutcome deserialize(const std::vector<char>& bytes) {
  Reader r(bytes);
  sweep::RunOutcome o;
  o.index = static_cast<std::size_t>(r.u64());
  o.status = static_cast<sweep::RunStatus>(r.u64());
  o.error = r.str();
  o.setup_s = r.f64();
  o.run_s = r.f64();
  o.steps_done = r.u64();
  o.converged = r.u64() != 0;
  o.started = r.str();
  o.finished = r.str();
  o.host = r.str();
  o.rank = static_cast<int>(r.u64());
  auto& m = o.metrics;
  m.names.resize(static_cast<std::size_t>(r.u64()));
  for (auto& n : m.names) n = r.str();
  m.steps.resize(static_cast<std::size_t>(r.u64()));
  for (auto& s : m.steps) s = r.u64();
  m.values.resize(m.steps.size() * m.names.size());
  for (auto& v : m.values) v = r.f64();
  return o;
}

void send_work(int rank, std::int64_t index) {
  MPI_Send(&index, 1, MPI_INT64_T, rank, kTagWork, MPI_COMM_WORLD);
}

int coordinator(const sweep::Design& d, const std::filesystem::path& db_path,
                const sweep::Shard& shard, const SweepArgs& a, int world) {
  // Open the database; tell the workers whether to go on.
  std::unique_ptr<sweep::DbLock> lock;
  std::optional<sweep::ResultsDb> db;
  std::string error;
  int ok = 1;
  try {
    lock = std::make_unique<sweep::DbLock>(db_path);
    db.emplace(sweep::ResultsDb::open_for_sweep(db_path, d, shard));
  } catch (const std::exception& e) {
    error = e.what();
    ok = 0;
  }
  MPI_Bcast(&ok, 1, MPI_INT, 0, MPI_COMM_WORLD);
  if (!ok) throw OutputError(error);

  const std::vector<std::size_t> todo = db->runs_to_do();
  const std::size_t redo = db->count("running");
  if (!a.quiet)
    print_plan(d, shard, db_path, todo.size(), redo, static_cast<unsigned>(world - 1),
               "MPI worker ranks");
  ProgressBar bar(!a.quiet, "runs");
  std::size_t printed = 0, next = 0, finished = 0;
  sweep::SweepReport report;
  report.todo = todo.size();
  std::map<int, std::string> hosts;
  int active = world - 1;
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<char> buf;
  try {
    while (active > 0) {
      MPI_Status st;
      MPI_Probe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &st);
      int count = 0;
      MPI_Get_count(&st, MPI_BYTE, &count);
      buf.resize(static_cast<std::size_t>(count));
      MPI_Recv(buf.data(), count, MPI_BYTE, st.MPI_SOURCE, st.MPI_TAG, MPI_COMM_WORLD,
               MPI_STATUS_IGNORE);
      const int src = st.MPI_SOURCE;
      if (st.MPI_TAG == kTagReady) {
        hosts[src] = std::string(buf.begin(), buf.end());
      } else {
        const sweep::RunOutcome o = deserialize(buf);
        db->record(o);
        if (o.status != sweep::RunStatus::Interrupted) {
          ++finished;
          if (o.status == sweep::RunStatus::Done) {
            ++report.done;
          } else {
            ++report.failed;
            bar.finish();
            print_failure(d, o, printed);
          }
          bar.update(finished, todo.size());
        }
      }
      if (g_sweep_stop.load()) report.interrupted = true;
      if (next < todo.size() && !report.interrupted) {
        db->mark_running(todo[next], sweep::utc_now(), hosts[src], src);
        send_work(src, static_cast<std::int64_t>(todo[next]));
        ++next;
      } else {
        send_work(src, -1);
        --active;
      }
    }
  } catch (const std::exception& e) {
    // The database is consistent (one transaction per run); stop everyone.
    bar.finish();
    fmt::print(stderr, "microcosm: error: {}\n", e.what());
    std::fflush(stderr);
    MPI_Abort(MPI_COMM_WORLD, 2);
  }
  bar.finish();
  if (report.interrupted && next >= todo.size() && finished == todo.size())
    report.interrupted = false;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return finish_sweep(*db, report, seconds, a);
}

void worker(const sweep::Design& d, int rank) {
  int ok = 0;
  MPI_Bcast(&ok, 1, MPI_INT, 0, MPI_COMM_WORLD);
  if (!ok) return;
  const std::string host = sweep::host_name();
  MPI_Send(host.data(), static_cast<int>(host.size()), MPI_BYTE, 0, kTagReady, MPI_COMM_WORLD);
  for (;;) {
    std::int64_t index = -1;
    MPI_Recv(&index, 1, MPI_INT64_T, 0, kTagWork, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    if (index < 0) return;
    const sweep::RunOutcome o =
        sweep::execute_run(d, static_cast<std::size_t>(index), &g_sweep_stop, host, rank);
    const std::vector<char> bytes = serialize(o);
    MPI_Send(bytes.data(), static_cast<int>(bytes.size()), MPI_BYTE, 0, kTagResult, MPI_COMM_WORLD);
  }
}

}  // namespace

int run_sweep_mpi(const sweep::Design& d, const std::filesystem::path& db,
                  const sweep::Shard& shard, const SweepArgs& args) {
  int provided = 0;
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
  int rank = 0, world = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &world);
  int status = 0;
  try {
    if (rank == 0) {
      status = coordinator(d, db, shard, args, world);
    } else {
      worker(d, rank);
    }
  } catch (...) {
    MPI_Finalize();
    throw;
  }
  MPI_Finalize();
  return status;
}

}  // namespace microcosm::cli

#endif  // MICROCOSM_HAVE_MPI
