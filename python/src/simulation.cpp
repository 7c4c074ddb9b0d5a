// A simulation driven from Python, one step or many at a time.
//
// Metrics are recorded by the same rule as Simulation::run (the CLI): at
// step 0, at every multiple of record_every, at [simulation] steps, when a
// run stops on convergence, and at the end of run(). The rule depends only on
// the model's time, so stepping in any chunks, or an interrupted run resumed,
// records the same rows with the same values as `microcosm run`.
//
// Stepping releases the GIL. About every 50 ms the loop takes the GIL back to
// run Python's signal handlers (PyErr_CheckSignals); Ctrl-C then raises
// KeyboardInterrupt between two steps, so the model stays consistent and the
// simulation can go on stepping.
#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <fmt/format.h>
#include <omp.h>

#include "bindings.hpp"
#include "microcosm/engine/simulation.hpp"

namespace microcosm::python {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kSignalCheckInterval = std::chrono::milliseconds(50);

class PySimulation {
 public:
  PySimulation(Scenario scenario, std::shared_ptr<const Network> network)
      : sim_(network ? Simulation(std::move(scenario), std::move(network))
                     : Simulation(std::move(scenario))) {
    const auto& s = sim_.scenario().simulation;
    steps_ = static_cast<std::uint64_t>(s.integer("steps"));
    every_ = static_cast<std::uint64_t>(s.integer("record_every"));
    stop_converged_ = s.boolean("stop_when_converged");
    threads_ = static_cast<int>(s.integer("threads"));
    if (threads_ == 0) threads_ = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    metrics_.names = sim_.model().metric_names();
    row_.resize(metrics_.names.size());
    record();
  }

  // n steps, recording on the schedule; convergence does not stop them.
  void step(std::uint64_t n) { loop(n, false); }

  // Steps until time `until` (default: [simulation] steps) or, when
  // stop_when_converged, convergence; then records the final state.
  void run(std::optional<std::uint64_t> until) {
    advance(until);
    record();
  }
  // run() without the final record (for stopping at snapshot steps).
  void advance(std::optional<std::uint64_t> until) {
    const std::uint64_t target = until.value_or(steps_);
    const std::uint64_t now = sim_.model().time();
    // A run that stopped on convergence stays stopped (as the CLI's run would).
    if (converged_stop_) return;
    if (target > now) loop(target - now, true);
  }

  // Records the current state unless this step is recorded already.
  void record() {
    Model& model = sim_.model();
    if (model.time() == last_recorded_ && !metrics_.steps.empty()) return;
    model.compute_metrics(row_);
    metrics_.steps.push_back(model.time());
    metrics_.values.insert(metrics_.values.end(), row_.begin(), row_.end());
    last_recorded_ = model.time();
  }

  void cancel() noexcept { cancel_.store(true); }

  const Simulation& sim() const noexcept { return sim_; }
  const MetricSeries& metrics() const noexcept { return metrics_; }
  bool converged_stop() const noexcept { return converged_stop_; }
  std::uint64_t planned_steps() const noexcept { return steps_; }

  // Takes the run lock (one stepping thread at a time) and the model for
  // reading; throws when another thread is stepping it.
  std::unique_lock<std::mutex> lock_for(const char* what) {
    std::unique_lock<std::mutex> lock(busy_, std::try_to_lock);
    if (!lock.owns_lock()) {
      throw std::runtime_error(
          fmt::format("Simulation.{}: the simulation is being stepped in another thread", what));
    }
    return lock;
  }

 private:
  void loop(std::uint64_t count, bool run_mode) {
    auto lock = lock_for(run_mode ? "run" : "step");
    bool interrupted = false;
    {
      py::gil_scoped_release release;
      omp_set_num_threads(threads_);
      Model& model = sim_.model();
      auto last_check = Clock::now();
      for (std::uint64_t k = 0; k < count; ++k) {
        if (cancel_.exchange(false)) {  // consumed: the simulation can go on
          interrupted = true;
          break;
        }
        model.step();
        const std::uint64_t t = model.time();
        const bool stop = run_mode && stop_converged_ && model.converged();
        if (t % every_ == 0 || t == steps_ || stop) record();
        if (stop) {
          converged_stop_ = true;
          break;
        }
        if (Clock::now() - last_check >= kSignalCheckInterval) {
          py::gil_scoped_acquire acquire;
          if (PyErr_CheckSignals() != 0) {
            interrupted = true;
            break;
          }
          last_check = Clock::now();
        }
      }
    }
    if (interrupted) {
      if (!PyErr_Occurred()) PyErr_SetNone(PyExc_KeyboardInterrupt);  // cancel()
      throw py::error_already_set();
    }
  }

  Simulation sim_;
  MetricSeries metrics_;
  std::vector<double> row_;
  std::uint64_t steps_ = 0, every_ = 1;
  std::uint64_t last_recorded_ = 0;
  bool stop_converged_ = true;
  bool converged_stop_ = false;
  int threads_ = 1;
  std::atomic<bool> cancel_{false};
  std::mutex busy_;
};

py::dtype dtype_of(StateView::Type t) {
  switch (t) {
    case StateView::Type::Float64: return py::dtype::of<double>();
    case StateView::Type::Float32: return py::dtype::of<float>();
    case StateView::Type::Int8: return py::dtype::of<std::int8_t>();
    case StateView::Type::UInt8: return py::dtype::of<std::uint8_t>();
    case StateView::Type::UInt16: return py::dtype::of<std::uint16_t>();
    case StateView::Type::Int32: return py::dtype::of<std::int32_t>();
    case StateView::Type::UInt32: return py::dtype::of<std::uint32_t>();
    case StateView::Type::Int64: return py::dtype::of<std::int64_t>();
    case StateView::Type::UInt64: return py::dtype::of<std::uint64_t>();
  }
  throw std::logic_error("unknown StateView type");
}

// A model state array: a read-only view kept alive by `owner` (the Python
// Simulation) when the model promises a stable address, else a copy.
py::array view_array(const StateView& v, const py::object& owner, bool copy) {
  const py::dtype dt = dtype_of(v.type);
  const auto item = static_cast<py::ssize_t>(dt.itemsize());
  std::vector<py::ssize_t> shape{static_cast<py::ssize_t>(v.rows)};
  std::vector<py::ssize_t> strides{static_cast<py::ssize_t>(v.row_stride) * item};
  if (v.cols != 1) {
    shape.push_back(static_cast<py::ssize_t>(v.cols));
    strides.push_back(item);
  }
  if (copy || !v.stable) return py::array(dt, shape, strides, v.data);  // no base: copies
  py::array a(dt, shape, strides, v.data, owner);
  a.attr("setflags")(py::arg("write") = false);
  return a;
}

PySimulation& self_of(const py::object& o) { return o.cast<PySimulation&>(); }

// A model table as [(column, float64 array)], copied.
py::list table_columns(const AgentTable& t) {
  py::list out;
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    py::array_t<double> col(static_cast<py::ssize_t>(t.values[c].size()));
    std::copy(t.values[c].begin(), t.values[c].end(), col.mutable_data());
    out.append(py::make_tuple(t.columns[c], std::move(col)));
  }
  return out;
}

}  // namespace

void bind_simulation(py::module_& m) {
  py::class_<PySimulation>(m, "Simulation", "A running simulation (see microcosm.Simulation).")
      .def(py::init([](const Scenario& scenario, std::shared_ptr<Network> network) {
             Scenario copy = scenario;
             py::gil_scoped_release release;
             return std::make_unique<PySimulation>(std::move(copy), std::move(network));
           }),
           py::arg("scenario"), py::arg("network") = nullptr)
      .def("step", &PySimulation::step, py::arg("n") = 1,
           "n steps (GIL released; Ctrl-C raises KeyboardInterrupt between steps).")
      .def("run", &PySimulation::run, py::arg("until") = std::nullopt,
           "Steps to `until` (default [simulation] steps) or convergence, records the end.")
      .def("advance", &PySimulation::advance, py::arg("until") = std::nullopt,
           "run() without recording the final state (unless the schedule does).")
      .def("record", &PySimulation::record, "Records the metrics of the current step.")
      .def("cancel", &PySimulation::cancel,
           "Makes the step()/run() in progress (or the next one) stop with KeyboardInterrupt "
           "between two steps; safe to call from any thread.")
      .def_property_readonly("time", [](PySimulation& s) {
        auto lock = s.lock_for("time");
        return s.sim().model().time();
      })
      .def_property_readonly("converged", [](PySimulation& s) {
        auto lock = s.lock_for("converged");
        return s.sim().model().converged();
      })
      .def_property_readonly("stopped_on_convergence", &PySimulation::converged_stop)
      .def_property_readonly("steps", &PySimulation::planned_steps)
      .def_property_readonly("num_agents", [](PySimulation& s) {
        return s.sim().model().num_agents();
      })
      .def_property_readonly("scenario", [](PySimulation& s) { return s.sim().scenario(); })
      .def_property_readonly("network", [](PySimulation& s) {
        return std::const_pointer_cast<Network>(s.sim().network_ptr());
      })
      .def_property_readonly("metric_names", [](PySimulation& s) { return s.metrics().names; })
      .def("metrics", [](PySimulation& s) {
        auto lock = s.lock_for("metrics");
        const MetricSeries& ms = s.metrics();
        py::array_t<std::uint64_t> steps(static_cast<py::ssize_t>(ms.rows()));
        std::copy(ms.steps.begin(), ms.steps.end(), steps.mutable_data());
        py::array_t<double> values({static_cast<py::ssize_t>(ms.rows()),
                                    static_cast<py::ssize_t>(ms.names.size())});
        std::copy(ms.values.begin(), ms.values.end(), values.mutable_data());
        return py::make_tuple(ms.names, std::move(steps), std::move(values));
      }, "(names, steps, values[rows, names]) of the recorded metrics.")
      .def("current_metrics", [](PySimulation& s) {
        auto lock = s.lock_for("current_metrics");
        const Model& model = s.sim().model();
        std::vector<double> row(model.metric_names().size());
        model.compute_metrics(row);
        py::dict d;
        const auto names = model.metric_names();
        for (std::size_t c = 0; c < names.size(); ++c) d[py::str(names[c])] = row[c];
        return d;
      }, "The metrics of the current state (not recorded).")
      .def("agent_table", [](PySimulation& s) {
        auto lock = s.lock_for("agent_table");
        return table_columns(s.sim().model().agent_table());
      }, "The model's per-agent table as [(column, float64 array)].")
      .def("community_table", [](PySimulation& s) {
        auto lock = s.lock_for("community_table");
        return table_columns(s.sim().model().community_table());
      }, "The model's per-community table (communities.csv) as [(column, float64 array)].")
      .def("platform_table", [](PySimulation& s) {
        auto lock = s.lock_for("platform_table");
        return table_columns(s.sim().model().platform_table());
      }, "The model's per-platform table (platforms.csv) as [(column, float64 array)].")
      .def("state_names", [](PySimulation& s) {
        std::vector<std::string> names;
        for (const auto& v : s.sim().model().state_views()) names.push_back(v.name);
        return names;
      }, "Names of the model's state arrays available without copying.")
      .def("state_view", [](const py::object& self, const std::string& name, bool copy) {
        PySimulation& s = self_of(self);
        auto lock = s.lock_for("state");
        for (const auto& v : s.sim().model().state_views()) {
          if (v.name == name) return view_array(v, self, copy);
        }
        throw py::key_error(name);
      }, py::arg("name"), py::arg("copy") = false,
         "A model state array: read-only and zero-copy when the model's buffer has a stable "
         "address (it then follows every step), else a copy.")
      .def("state_is_view", [](PySimulation& s, const std::string& name) {
        for (const auto& v : s.sim().model().state_views()) {
          if (v.name == name) return v.stable;
        }
        return false;
      }, py::arg("name"))
      .def("edges", [](PySimulation& s) {
        auto lock = s.lock_for("edges");
        if (auto e = s.sim().model().current_edges()) return edges_to_arrays(*e);
        return network_edges(s.sim().network());
      }, "The current interaction network's edges as (src, dst) arrays.")
      .def("rewires_network", [](PySimulation& s) {
        auto lock = s.lock_for("rewires_network");
        return s.sim().model().current_edges().has_value();
      });
}

}  // namespace microcosm::python
