// The `microcosm run`, `validate` and `models` commands as a user runs them.
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli_support.hpp"

using namespace microcosm::test;
namespace fs = std::filesystem;

namespace {

const std::string kScenario = R"(# small Deffuant run
[simulation]
model = "deffuant"
steps = 40
seed = 11

[network]
kind = "erdos_renyi"
n = 300
mean_degree = 8

[model]
epsilon = 0.25

[output]
network_formats = ["edgelist", "graphml", "gexf"]
)";

}  // namespace

TEST(CliRun, WritesACompleteRunDirectory) {
  ScratchDir dir;
  write_file(dir / "s.toml", kScenario);
  const auto r = run_command(microcosm_cmd(fmt_args("run", dir / "s.toml", dir / "out")));
  ASSERT_EQ(r.status, 0) << r.output;
  for (const char* f : {"metrics.csv", "agents.csv", "run.json", "scenario.toml",
                        "network.edges.txt", "network.graphml", "network.gexf"}) {
    EXPECT_TRUE(fs::exists(dir / "out" / f)) << f;
  }
  const auto j = nlohmann::json::parse(read_file(dir / "out" / "run.json"));
  EXPECT_EQ(j["status"], "complete");
  EXPECT_EQ(j["seed"], 11);
  EXPECT_EQ(j["model"], "deffuant");
  EXPECT_EQ(j["network"]["nodes"], 300);
  EXPECT_EQ(j["scenario"]["model"]["epsilon"], 0.25);
  const std::string metrics = read_file(dir / "out" / "metrics.csv");
  EXPECT_EQ(metrics.substr(0, metrics.find('\n')),
            "step,mean,variance,bimodality,esteban_ray,clusters,major_clusters,effective_clusters,"
            "max_change");
  const std::string agents = read_file(dir / "out" / "agents.csv");
  EXPECT_EQ(agents.substr(0, agents.find('\n')), "agent,opinion");
  EXPECT_EQ(std::count(agents.begin(), agents.end(), '\n'), 301);
  // No staging directory is left behind.
  for (const auto& e : fs::directory_iterator(dir.path())) {
    EXPECT_EQ(e.path().filename().string().find(".out.partial"), std::string::npos);
  }
  // The resolved scenario reruns to the same results.
  const auto again = run_command(
      microcosm_cmd(fmt_args("run", dir / "out" / "scenario.toml", dir / "again")));
  ASSERT_EQ(again.status, 0) << again.output;
  EXPECT_TRUE(read_file(dir / "again" / "metrics.csv") == metrics);
}

TEST(CliRun, SameSeedIsBitIdenticalAndSeedMatters) {
  ScratchDir dir;
  write_file(dir / "s.toml", kScenario);
  ASSERT_EQ(run_command(microcosm_cmd(fmt_args("run", dir / "s.toml", dir / "a"))).status, 0);
  ASSERT_EQ(run_command(microcosm_cmd(fmt_args("run", dir / "s.toml", dir / "b") +
                                      " --set simulation.threads=2"))
                .status,
            0);
  ASSERT_EQ(run_command(microcosm_cmd(fmt_args("run", dir / "s.toml", dir / "c") + " --seed 12"))
                .status,
            0);
  EXPECT_TRUE(read_file(dir / "a" / "metrics.csv") == read_file(dir / "b" / "metrics.csv"));
  EXPECT_TRUE(read_file(dir / "a" / "agents.csv") == read_file(dir / "b" / "agents.csv"));
  EXPECT_TRUE(read_file(dir / "a" / "agents.csv") != read_file(dir / "c" / "agents.csv"));
}

TEST(CliRun, RefusesToClobberAnExistingRunUnlessAsked) {
  ScratchDir dir;
  write_file(dir / "s.toml", kScenario);
  ASSERT_EQ(run_command(microcosm_cmd(fmt_args("run", dir / "s.toml", dir / "out"))).status, 0);
  const std::string before = read_file(dir / "out" / "agents.csv");
  auto r = run_command(microcosm_cmd(fmt_args("run", dir / "s.toml", dir / "out") + " --seed 5"));
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.output.find("already exists"), std::string::npos) << r.output;
  EXPECT_TRUE(read_file(dir / "out" / "agents.csv") == before);
  r = run_command(
      microcosm_cmd(fmt_args("run", dir / "s.toml", dir / "out") + " --seed 5 --overwrite"));
  EXPECT_EQ(r.status, 0) << r.output;
  EXPECT_TRUE(read_file(dir / "out" / "agents.csv") != before);
}

TEST(CliRun, BadInputNamesFileKeyAndRangeAndWritesNothing) {
  ScratchDir dir;
  std::string bad = kScenario;
  bad.replace(bad.find("epsilon = 0.25"), 14, "epsilon = 7");
  write_file(dir / "bad.toml", bad);
  auto r = run_command(microcosm_cmd(fmt_args("run", dir / "bad.toml", dir / "out")));
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.output.find("bad.toml [model] (line 13): epsilon = 7"), std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("(0, 1.8]"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(dir / "out"));

  r = run_command(microcosm_cmd(fmt_args("run", dir / "missing.toml", dir / "out")));
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.output.find("missing.toml: cannot open scenario file"), std::string::npos);

  write_file(dir / "s.toml", kScenario);
  r = run_command(microcosm_cmd(fmt_args("run", dir / "s.toml", dir / "out") + " --set nodot=1"));
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.output.find("expected section.key=value"), std::string::npos) << r.output;

  r = run_command(microcosm_cmd(fmt_args("run", dir / "s.toml", dir / "out") + " --seed=-1"));
  EXPECT_NE(r.status, 0);
  EXPECT_FALSE(fs::exists(dir / "out"));

  r = run_command(microcosm_cmd("run"));
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.output.find("scenario is required"), std::string::npos) << r.output;
}

TEST(CliRun, InterruptLeavesNoResultThatLooksComplete) {
  ScratchDir dir;
  // Large and never converging (tolerance 0 with mu tiny): runs until interrupted.
  write_file(dir / "long.toml", R"([simulation]
model = "deffuant"
steps = 100000000
[network]
kind = "mean_field"
n = 200000
[model]
epsilon = 0.5
mu = 0.001
tolerance = 0
)");
  const std::string out = (dir / "out").string();
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    const std::string scenario = (dir / "long.toml").string();
    ::execl(MICROCOSM_BINARY, MICROCOSM_BINARY, "run", scenario.c_str(), "--out", out.c_str(),
            "--quiet", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  ::kill(pid, SIGINT);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 130);
  EXPECT_FALSE(fs::exists(dir / "out"));
  for (const auto& e : fs::directory_iterator(dir.path())) {
    EXPECT_EQ(e.path().filename().string().find("partial"), std::string::npos) << e.path();
  }
}

// run.json says where the run's time went: the model's phases in schedule
// order, then the engine's metric rows, snapshots and checkpoints.
TEST(CliRun, RunJsonListsTheTimeOfEachPhase) {
  ScratchDir dir;
  const fs::path scenario = fs::path(MICROCOSM_SOURCE_DIR) / "scenarios" / "mim" / "baseline.toml";
  const auto r = run_command(microcosm_cmd(
      fmt_args("run", scenario, dir / "out") +
      " --set model.population=400 --set simulation.steps=60 --set simulation.record_every=10"));
  ASSERT_EQ(r.status, 0) << r.output;
  const auto j = nlohmann::json::parse(read_file(dir / "out" / "run.json"));
  const auto& phases = j["timings_seconds"]["phases"];
  ASSERT_TRUE(phases.is_array());
  std::vector<std::string> names;
  double total = 0.0;
  for (const auto& p : phases) {
    names.push_back(p["phase"].get<std::string>());
    const double s = p["seconds"].get<double>();
    EXPECT_GE(s, 0.0) << names.back();
    total += s;
  }
  const auto at = [&](const std::string& name) {
    return std::find(names.begin(), names.end(), name) - names.begin();
  };
  const auto count = static_cast<std::ptrdiff_t>(names.size());
  for (const char* name : {"posting", "feeds and influence", "reactions", "psychology", "founding",
                           "community statistics", "rewiring", "metric rows", "checkpoints"}) {
    EXPECT_LT(at(name), count) << name << " missing";
  }
  EXPECT_LT(at("posting"), at("feeds and influence"));
  EXPECT_LT(at("feeds and influence"), at("founding"));
  EXPECT_EQ(names[static_cast<std::size_t>(count - 1)], "checkpoints");
  // Each phase once; the phases are parts of the run.
  EXPECT_EQ(std::set<std::string>(names.begin(), names.end()).size(), names.size());
  EXPECT_LE(total, j["timings_seconds"]["run"].get<double>() + 1e-6);
  EXPECT_GT(total, 0.5 * j["timings_seconds"]["run"].get<double>());

  // A model without phases reports the engine's parts alone.
  write_file(dir / "s.toml", kScenario);
  ASSERT_EQ(run_command(microcosm_cmd(fmt_args("run", dir / "s.toml", dir / "classic"))).status, 0);
  const auto c = nlohmann::json::parse(read_file(dir / "classic" / "run.json"));
  std::vector<std::string> engine;
  for (const auto& p : c["timings_seconds"]["phases"]) engine.push_back(p["phase"].get<std::string>());
  EXPECT_EQ(engine, (std::vector<std::string>{"metric rows", "snapshots", "checkpoints"}));
}

TEST(CliValidate, ReportsValidAndInvalid) {
  ScratchDir dir;
  write_file(dir / "s.toml", kScenario);
  auto r = run_command(microcosm_cmd("validate " + (dir / "s.toml").string()));
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.output.find("valid (deffuant on erdos_renyi, 40 steps)"), std::string::npos)
      << r.output;
  r = run_command(microcosm_cmd("validate " + (dir / "s.toml").string() +
                                " --set network.mean_degree=-1"));
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.output.find("mean_degree = -1"), std::string::npos) << r.output;
}

TEST(CliModels, ListsEveryModelWithSchema) {
  auto r = run_command(microcosm_cmd("models --json"));
  ASSERT_EQ(r.status, 0) << r.output;
  const auto j = nlohmann::json::parse(r.output);
  ASSERT_FALSE(j["models"].empty());
  for (const auto& m : j["models"]) {
    EXPECT_FALSE(m["semantics"].get<std::string>().empty()) << m["name"];
    EXPECT_FALSE(m["reference"].get<std::string>().empty()) << m["name"];
    for (const auto& p : m["parameters"]) {
      EXPECT_FALSE(p["description"].get<std::string>().empty()) << m["name"] << "." << p["name"];
    }
    EXPECT_FALSE(m["metrics"].empty()) << m["name"] << ": no metric dictionary";
  }
  r = run_command(microcosm_cmd("models deffuant"));
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.output.find("epsilon"), std::string::npos);
  EXPECT_NE(r.output.find("max_change"), std::string::npos) << "the metric columns are listed";
  r = run_command(microcosm_cmd("models nosuch"));
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.output.find("unknown model 'nosuch'"), std::string::npos);
}

TEST(CliModels, DocsModelsMdIsUpToDate) {
  const auto r = run_command(microcosm_cmd("models --markdown"));
  ASSERT_EQ(r.status, 0) << r.output;
  const std::string committed =
      read_file(std::filesystem::path(MICROCOSM_SOURCE_DIR) / "docs" / "models.md");
  EXPECT_TRUE(r.output == committed)
      << "docs/models.md is stale: run `make docs` (microcosm models --markdown > docs/models.md)";
}
