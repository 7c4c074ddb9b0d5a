// microcosm serve [SCENARIO] [--port 8050] [--host 127.0.0.1] [--set k=v ...]
//
// The live dashboard: a cpp-httplib server with a JSON API over a
// LiveSession (serve_session.hpp) and the single-page front end built from
// web/ (web/dist, served from the source tree or --web-dir). API and
// architecture: docs/report_and_dashboard.md. Binds to localhost unless
// --host says otherwise; every request is validated and answered with JSON
// ({"error": "..."} and status 400 on bad input).
#include <atomic>
#include <charconv>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "microcosm/core/error.hpp"
#include "microcosm/io/scenario.hpp"

#ifdef MICROCOSM_HAVE_HTTPLIB
#include <httplib.h>

#include "serve_session.hpp"
#endif

namespace microcosm::cli {
namespace {

namespace fs = std::filesystem;

struct ServeArgs {
  std::string scenario;
  std::vector<std::string> sets;
  std::optional<std::uint64_t> seed;
  std::string host = "127.0.0.1";
  int port = 8050;
  std::string web_dir;
  std::uint64_t record_every = 0;
  double max_rate = 0.0;
};

// The first existing path among the source tree and the binary's ancestors.
std::optional<fs::path> locate(const fs::path& relative) {
#ifdef MICROCOSM_SOURCE_DIR
  if (const fs::path p = fs::path(MICROCOSM_SOURCE_DIR) / relative; fs::exists(p)) return p;
#endif
  std::error_code ec;
  fs::path dir = fs::read_symlink("/proc/self/exe", ec).parent_path();
  for (int up = 0; up < 4 && !ec && !dir.empty(); ++up, dir = dir.parent_path()) {
    if (fs::exists(dir / relative)) return dir / relative;
    if (dir == dir.root_path()) break;
  }
  return std::nullopt;
}

#ifdef MICROCOSM_HAVE_HTTPLIB

using nlohmann::json;

std::atomic<bool> g_stop{false};
extern "C" void on_serve_signal(int) { g_stop.store(true); }

void send(httplib::Response& res, int status, const json& j) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(j.dump(-1, ' ', false, json::error_handler_t::replace), "application/json");
}

// An unsigned query parameter in [lo, hi], or `def` when absent.
std::uint64_t query_uint(const httplib::Request& req, const char* name, std::uint64_t def,
                         std::uint64_t lo, std::uint64_t hi) {
  if (!req.has_param(name)) return def;
  const std::string s = req.get_param_value(name);
  std::uint64_t v = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || ptr != s.data() + s.size() || v < lo || v > hi) {
    throw ParameterError(fmt::format("query parameter {}={}: expected an integer in [{}, {}]", name,
                                     s.substr(0, 40), lo, hi));
  }
  return v;
}

std::string query_instance(const httplib::Request& req) {
  if (!req.has_param("instance")) return "main";
  const std::string s = req.get_param_value("instance");
  if (s != "main" && s != "branch") {
    throw ParameterError("query parameter instance: expected main or branch");
  }
  return s;
}

json body_json(const httplib::Request& req) {
  if (req.body.empty()) return json::object();
  json j = json::parse(req.body, nullptr, false);
  if (j.is_discarded()) throw ParameterError("the request body is not valid JSON");
  return j;
}

template <typename F>
httplib::Server::Handler api(F f) {
  return [f](const httplib::Request& req, httplib::Response& res) {
    try {
      send(res, 200, f(req));
    } catch (const Error& e) {
      send(res, 400, {{"error", e.what()}});
    } catch (const json::exception& e) {
      send(res, 400, {{"error", fmt::format("bad request: {}", e.what())}});
    } catch (const std::exception& e) {
      send(res, 500, {{"error", fmt::format("internal error: {}", e.what())}});
    }
  };
}

void add_routes(httplib::Server& svr, LiveSession& s) {
  svr.Get("/api/info", api([&](const auto&) { return s.info(); }));
  svr.Get("/api/state", api([&](const httplib::Request& req) {
            const auto since = query_uint(req, "since", 0, 0, 1u << 30);
            const auto since_branch = query_uint(req, "since_branch", 0, 0, 1u << 30);
            return s.state(since, since_branch);
          }));
  svr.Post("/api/start", api([&](const auto&) { return s.start(); }));
  svr.Post("/api/pause", api([&](const auto&) { return s.pause(); }));
  svr.Post("/api/step", api([&](const httplib::Request& req) {
             return s.step(query_uint(req, "n", 1, 1, 100000));
           }));
  svr.Post("/api/reset", api([&](const auto&) { return s.reset(); }));
  svr.Post("/api/params", api([&](const httplib::Request& req) { return s.set_params(body_json(req)); }));
  svr.Post("/api/event", api([&](const httplib::Request& req) { return s.add_event(body_json(req)); }));
  svr.Post("/api/branch", api([&](const httplib::Request& req) { return s.branch(body_json(req)); }));
  svr.Delete("/api/branch", api([&](const auto&) { return s.close_branch(); }));
  svr.Post("/api/branch/close", api([&](const auto&) { return s.close_branch(); }));
  svr.Get("/api/agents", api([&](const httplib::Request& req) {
            return s.agents(query_instance(req), query_uint(req, "sample", 2000, 1, 1'000'000));
          }));
  svr.Get("/api/edges", api([&](const httplib::Request& req) {
            return s.edges(query_instance(req), query_uint(req, "sample", 5000, 0, 2'000'000),
                           query_uint(req, "agents", 2000, 1, 1'000'000));
          }));
  svr.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (req.path.rfind("/api/", 0) == 0 && res.status == 404) {
      send(res, 404, {{"error", fmt::format("no API route {} {}", req.method, req.path)}});
    }
  });
}

int serve(const ServeArgs& a) {
  std::vector<Override> overrides;
  for (const auto& x : a.sets) overrides.push_back(parse_override(x));
  if (a.seed) overrides.push_back({"simulation", "seed", std::to_string(*a.seed)});
  fs::path scenario_file = a.scenario;
  if (scenario_file.empty()) {
    const auto def = locate("scenarios/mim/baseline.toml");
    if (!def) throw InputError("no SCENARIO given and scenarios/mim/baseline.toml not found");
    scenario_file = *def;
  }
  Scenario scenario = load_scenario(scenario_file, overrides);

  fs::path web = a.web_dir;
  if (web.empty()) {
    if (const char* env = std::getenv("MICROCOSM_WEB_DIR"); env && *env) {
      web = env;
    } else if (auto found = locate("web/dist/index.html")) {
      web = found->parent_path();
    }
  }
  if (!web.empty() && !fs::exists(web / "index.html")) {
    throw InputError(fmt::format("{}: no index.html (build the front end: make web)", web.string()));
  }

  auto session = std::make_unique<LiveSession>(std::move(scenario), a.record_every, a.max_rate);
  httplib::Server svr;
  svr.set_payload_max_length(1 << 20);
  svr.set_read_timeout(10, 0);
  svr.set_write_timeout(10, 0);
  add_routes(svr, *session);
  if (!web.empty()) {
    svr.set_mount_point("/", web.string());
  } else {
    svr.Get("/", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("microcosm serve: the front end (web/dist) was not found; the JSON API is "
                      "under /api/ (docs/report_and_dashboard.md)\n",
                      "text/plain");
    });
  }

  int port = a.port;
  if (port == 0) {
    port = svr.bind_to_any_port(a.host);
    if (port <= 0) throw OutputError(fmt::format("cannot listen on {} (any port)", a.host));
  } else if (!svr.bind_to_port(a.host, port)) {
    throw OutputError(fmt::format(
        "cannot listen on {}:{} (in use? try --port 0 for a free port)", a.host, port));
  }
  std::signal(SIGINT, on_serve_signal);
  std::signal(SIGTERM, on_serve_signal);
  std::thread watcher([&svr] {
    while (!g_stop.load()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    svr.stop();
  });
  const json info = session->info();
  fmt::print("microcosm serve: http://{}:{}/ ({}, {} agents{}); Ctrl-C stops\n", a.host, port,
             info["model"].get<std::string>(), info["agents"].get<std::size_t>(),
             web.empty() ? "; no front end found, API only" : "");
  std::fflush(stdout);
  svr.listen_after_bind();
  g_stop.store(true);
  watcher.join();
  session.reset();  // stops the simulation thread
  return 0;
}

#else

int serve(const ServeArgs&) {
  throw Error(
      "this microcosm was built without cpp-httplib (Debian package libcpp-httplib-dev); "
      "install it (make deps) and rebuild to use serve");
}

#endif

}  // namespace

void add_serve_command(CLI::App& app, int& status) {
  auto args = std::make_shared<ServeArgs>();
  auto* cmd = app.add_subcommand("serve", "live dashboard: run a scenario in the browser");
  cmd->add_option("scenario", args->scenario,
                  "scenario file (default: scenarios/mim/baseline.toml of the source tree)");
  cmd->add_option("--set", args->sets, "override a scenario value: section.key=value (repeatable)");
  cmd->add_option("--seed", args->seed, "override [simulation] seed");
  cmd->add_option("--host", args->host, "address to listen on (default 127.0.0.1: this machine only)");
  cmd->add_option("--port", args->port, "port (0: any free port, printed at start)")
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--web-dir", args->web_dir,
                  "front-end directory (default: $MICROCOSM_WEB_DIR or web/dist of the source tree)");
  cmd->add_option("--record-every", args->record_every,
                  "record metrics every this many steps (default: the scenario's record_every)")
      ->check(CLI::Range(1, 1000000));
  cmd->add_option("--max-rate", args->max_rate, "at most this many steps a second (0: no limit)")
      ->check(CLI::Range(0.0, 1e6));
  cmd->callback([args, &status] { status = serve(*args); });
}

}  // namespace microcosm::cli
