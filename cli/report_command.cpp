// microcosm report RUN_DIR_OR_DB [RUN_DIR ...] [--out FILE.html] [--max-network-nodes N]
//
// A thin front for scripts/report/microcosm_report.py (matplotlib, pandas and
// networkx do the figures): finds the script and runs it with Debian's
// Python. Lookup order for the script: $MICROCOSM_REPORT_SCRIPT, the source
// tree the binary was built from, then scripts/report beside the binary's
// ancestors (an installed or copied tree). $MICROCOSM_PYTHON overrides the
// interpreter (default /usr/bin/python3).
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "microcosm/core/error.hpp"
#include "microcosm/models/model.hpp"

namespace microcosm::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* kScript = "scripts/report/microcosm_report.py";

std::optional<fs::path> find_script() {
  if (const char* env = std::getenv("MICROCOSM_REPORT_SCRIPT"); env && *env) {
    if (fs::exists(env)) return fs::path(env);
    throw InputError(fmt::format("MICROCOSM_REPORT_SCRIPT={}: no such file", env));
  }
#ifdef MICROCOSM_SOURCE_DIR
  if (const fs::path p = fs::path(MICROCOSM_SOURCE_DIR) / kScript; fs::exists(p)) return p;
#endif
  std::error_code ec;
  fs::path dir = fs::read_symlink("/proc/self/exe", ec).parent_path();
  for (int up = 0; up < 4 && !ec && !dir.empty(); ++up, dir = dir.parent_path()) {
    if (fs::exists(dir / kScript)) return dir / kScript;
    if (dir == dir.root_path()) break;
  }
  return std::nullopt;
}

struct ReportArgs {
  std::vector<std::string> inputs;
  std::string out;
  int max_network_nodes = 600;
};

// {"model": {"column": "what it measures", ...}, ...} for every model.
std::string metric_dictionaries_json() {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& m : model_registry()) j[m.name] = metric_descriptions(m);
  return j.dump();
}

int report(const ReportArgs& a) {
  const auto script = find_script();
  if (!script) {
    throw InputError(fmt::format(
        "cannot find {} (looked in the source tree and beside the binary); set "
        "MICROCOSM_REPORT_SCRIPT to its path",
        kScript));
  }
  const char* env_python = std::getenv("MICROCOSM_PYTHON");
  const std::string python = env_python && *env_python ? env_python : "/usr/bin/python3";
  if (::access(python.c_str(), X_OK) != 0) {
    throw InputError(fmt::format(
        "{}: no Python interpreter there (the report needs python3 with matplotlib, pandas and "
        "networkx: make deps); set MICROCOSM_PYTHON to another one",
        python));
  }
  std::vector<std::string> argv = {python, script->string()};
  argv.insert(argv.end(), a.inputs.begin(), a.inputs.end());
  if (!a.out.empty()) argv.insert(argv.end(), {"--out", a.out});
  argv.insert(argv.end(), {"--max-network-nodes", std::to_string(a.max_network_nodes)});
  std::vector<char*> cargv;
  for (auto& s : argv) cargv.push_back(s.data());
  cargv.push_back(nullptr);

  // The environment plus the models' metric dictionaries, so the report can
  // say what each column measures; built before fork (the child only execs).
  std::string metric_info = "MICROCOSM_METRIC_INFO=" + metric_dictionaries_json();
  std::vector<char*> envp;
  for (char** e = environ; *e; ++e) {
    if (std::strncmp(*e, "MICROCOSM_METRIC_INFO=", 22) != 0) envp.push_back(*e);
  }
  envp.push_back(metric_info.data());
  envp.push_back(nullptr);

  const pid_t pid = ::fork();
  if (pid < 0) throw Error(fmt::format("report: fork failed ({})", std::strerror(errno)));
  if (pid == 0) {
    ::execve(python.c_str(), cargv.data(), envp.data());
    fmt::print(stderr, "microcosm: error: cannot run {} ({})\n", python, std::strerror(errno));
    std::_Exit(127);
  }
  int wstatus = 0;
  while (::waitpid(pid, &wstatus, 0) < 0) {
    if (errno != EINTR) throw Error(fmt::format("report: waitpid failed ({})", std::strerror(errno)));
  }
  if (WIFEXITED(wstatus)) return WEXITSTATUS(wstatus) == 0 ? 0 : 2;
  return 2;
}

}  // namespace

void add_report_command(CLI::App& app, int& status) {
  auto args = std::make_shared<ReportArgs>();
  auto* cmd = app.add_subcommand(
      "report", "write a self-contained HTML report (and PNG figures) of run directories or a "
                "sweep database");
  cmd->add_option("inputs", args->inputs,
                  "run directories (compared in one report) or one sweep database (SQLite)")
      ->required()
      ->check(CLI::ExistingPath);
  cmd->add_option("--out", args->out,
                  "report file (default: RUN_DIR/report.html or DB.report.html); figures go to "
                  "<stem>_figures/ beside it");
  cmd->add_option("--max-network-nodes", args->max_network_nodes,
                  "agents in the network drawing")
      ->check(CLI::Range(10, 100000));
  cmd->callback([args, &status] { status = report(*args); });
}

}  // namespace microcosm::cli
