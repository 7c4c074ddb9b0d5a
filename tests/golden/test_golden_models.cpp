// Golden tests: every model's example scenario (scenarios/<model>.toml or
// scenarios/<model>/baseline.toml), run
// for a few steps with a fixed seed, must reproduce the compact summary
// committed in tests/golden/data/<model>.txt exactly (final metrics row and a
// hash of the final agent table), and must give identical results with 1 and
// 2 threads. A change to a model's numerics shows up here first; regenerate
// deliberately with MICROCOSM_UPDATE_GOLDEN=1 and say why in the commit.
// The same scenarios check each model's metric dictionary.
#include <gtest/gtest.h>
#include <omp.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "microcosm/engine/simulation.hpp"
#include "microcosm/models/model.hpp"

namespace fs = std::filesystem;
using namespace microcosm;

namespace {

constexpr int kGoldenSteps = 12;

std::uint64_t fnv1a(const std::string& s) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

Scenario golden_scenario(const fs::path& file, int threads) {
  return load_scenario(file, {{"simulation", "steps", std::to_string(kGoldenSteps)},
                              {"simulation", "seed", "20261125"},
                              {"simulation", "record_every", "1"},
                              {"simulation", "stop_when_converged", "false"},
                              {"simulation", "threads", std::to_string(threads)}});
}

// Final metrics row at full precision plus a hash of the agent table.
std::string summarize(const fs::path& file, int threads) {
  Simulation sim(golden_scenario(file, threads));
  const RunResult r = sim.run();
  std::string out = fmt::format("model {}\nsteps {}\n", sim.scenario().model, r.steps_done);
  const std::size_t last = r.metrics.rows() - 1;
  for (std::size_t c = 0; c < r.metrics.names.size(); ++c) {
    out += fmt::format("{} {:.17g}\n", r.metrics.names[c], r.metrics.at(last, c));
  }
  const AgentTable agents = sim.model().agent_table();
  std::string text;
  for (std::size_t c = 0; c < agents.columns.size(); ++c) {
    text += agents.columns[c];
    for (double v : agents.values[c]) text += fmt::format(",{:.17g}", v);
  }
  out += fmt::format("agents_hash {:016x}\n", fnv1a(text));
  return out;
}

fs::path source_dir() { return MICROCOSM_SOURCE_DIR; }

std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// scenarios/<model>.toml, or scenarios/<model>/baseline.toml for models
// with a family of scenarios.
fs::path example_scenario(const std::string& model) {
  fs::path scenario = source_dir() / "scenarios" / (model + ".toml");
  if (!fs::exists(scenario)) scenario = source_dir() / "scenarios" / model / "baseline.toml";
  return scenario;
}

class GoldenModel : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenModel, MatchesCommittedSummaryForAnyThreadCount) {
  const std::string model = GetParam();
  const fs::path scenario = example_scenario(model);
  ASSERT_TRUE(fs::exists(scenario)) << "every model needs an example scenario: " << scenario;
  const std::string one = summarize(scenario, 1);
  const std::string two = summarize(scenario, 2);
  EXPECT_EQ(one, two) << "results depend on the thread count";
  // Three threads split work that is divided by thread (blocks of agents,
  // per-thread buffers) unevenly, unlike two.
  EXPECT_EQ(one, summarize(scenario, 3)) << "results depend on the thread count (3)";
  const fs::path golden = source_dir() / "tests" / "golden" / "data" / (model + ".txt");
  if (std::getenv("MICROCOSM_UPDATE_GOLDEN")) {
    std::ofstream(golden) << one;
    GTEST_SKIP() << "rewrote " << golden;
  }
  ASSERT_TRUE(fs::exists(golden)) << golden
                                  << " is missing; generate it with MICROCOSM_UPDATE_GOLDEN=1";
  EXPECT_EQ(one, read(golden));
}

// The metric dictionary (`microcosm models NAME`, docs/models.md) describes
// every column the model records, in recording order, and every column it
// marks as always recorded is recorded.
TEST_P(GoldenModel, EveryMetricColumnIsDescribed) {
  const std::string model = GetParam();
  const ModelInfo& info = find_model(model);
  Simulation sim(golden_scenario(example_scenario(model), 1));
  const std::vector<std::string> recorded = sim.model().metric_names();
  std::vector<std::string> described;
  for (const MetricInfo& m : info.metrics) {
    const bool is_recorded = std::find(recorded.begin(), recorded.end(), m.name) != recorded.end();
    EXPECT_TRUE(is_recorded || !m.always) << model << ": '" << m.name << "' is described but not recorded";
    EXPECT_FALSE(m.description.empty()) << model << ": '" << m.name << "'";
    if (is_recorded) described.push_back(m.name);
  }
  EXPECT_EQ(described, recorded) << model << ": a recorded column is undescribed or out of order";
}

// Baumann's one conditional column appears with a second topic, in order.
TEST(GoldenModelMetrics, BaumannRecordsTopicCorrelationWithTwoTopics) {
  Scenario sc = load_scenario(example_scenario("baumann"), {{"model", "topics", "2"}});
  Simulation sim(std::move(sc));
  std::vector<std::string> described;
  for (const MetricInfo& m : find_model("baumann").metrics) described.push_back(m.name);
  EXPECT_EQ(sim.model().metric_names(), described);
}

std::vector<std::string> model_names() {
  std::vector<std::string> names;
  for (const auto& m : model_registry()) names.push_back(m.name);
  return names;
}

INSTANTIATE_TEST_SUITE_P(AllModels, GoldenModel, ::testing::ValuesIn(model_names()),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
