// Checkpoints (engine/checkpoint.hpp, Simulation::save_checkpoint /
// from_checkpoint): for every model, a run saved at step t and resumed in a
// fresh simulation must equal the uninterrupted run bit for bit (every
// metric at every step, recorded with record_every = 1, and the final agent
// table), including the metrics computed right after loading. This is the
// test that catches a field a model forgot to save. Also: save -> load ->
// save gives a byte-identical file, corrupted files are rejected with the
// file's name, and counterfactual resumes change only the future.
#include <gtest/gtest.h>

#include <atomic>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <fmt/format.h>

#include "microcosm/core/error.hpp"
#include "microcosm/engine/checkpoint.hpp"
#include "microcosm/engine/simulation.hpp"

namespace fs = std::filesystem;
using namespace microcosm;

namespace {

fs::path temp_dir() {
  const fs::path d = fs::temp_directory_path() /
                     fmt::format("microcosm_ckpt_{}_{}", ::getpid(),
                                 testing::UnitTest::GetInstance()->current_test_info()->name());
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

std::string read_bytes(const fs::path& f) {
  std::ifstream in(f, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

Scenario scenario(const std::string& toml) { return parse_scenario(toml, "test.toml", "."); }

bool same_double(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

void expect_same_metrics(const MetricSeries& a, const MetricSeries& b, const std::string& what) {
  ASSERT_EQ(a.names, b.names) << what;
  ASSERT_EQ(a.steps, b.steps) << what;
  ASSERT_EQ(a.values.size(), b.values.size()) << what;
  for (std::size_t r = 0; r < a.rows(); ++r) {
    for (std::size_t c = 0; c < a.names.size(); ++c) {
      ASSERT_TRUE(same_double(a.at(r, c), b.at(r, c)))
          << what << ": metric " << a.names[c] << " at step " << a.steps[r] << ": " << a.at(r, c)
          << " vs " << b.at(r, c);
    }
  }
}

void expect_same_agents(const AgentTable& a, const AgentTable& b, const std::string& what) {
  ASSERT_EQ(a.columns, b.columns) << what;
  for (std::size_t c = 0; c < a.columns.size(); ++c) {
    ASSERT_EQ(a.values[c].size(), b.values[c].size()) << what;
    for (std::size_t i = 0; i < a.values[c].size(); ++i) {
      ASSERT_TRUE(same_double(a.values[c][i], b.values[c][i]))
          << what << ": agent column " << a.columns[c] << " agent " << i;
    }
  }
}

// Runs `toml` until step t, saves a checkpoint there and stops (as an
// interrupted run would).
void checkpoint_at(const std::string& toml, std::uint64_t t, const fs::path& file) {
  Simulation sim(scenario(toml));
  std::atomic<bool> stop{false};
  RunOptions opts;
  opts.stop = &stop;
  opts.checkpoint_steps = {t};
  opts.checkpoint = [&](std::uint64_t, const MetricSeries& recorded) {
    sim.save_checkpoint(file, recorded);
    stop = true;
  };
  sim.run(opts);
  ASSERT_TRUE(fs::exists(file));
}

void check_resume(const std::string& toml, const std::vector<std::uint64_t>& at) {
  const fs::path dir = temp_dir();
  Simulation full(scenario(toml));
  const RunResult expected = full.run();
  const AgentTable expected_agents = full.model().agent_table();
  for (std::uint64_t t : at) {
    const std::string what = fmt::format("{} resumed at step {}", full.scenario().model, t);
    const fs::path file = dir / fmt::format("step_{}.ckpt", t);
    checkpoint_at(toml, t, file);
    Simulation resumed = Simulation::from_checkpoint(file);
    EXPECT_EQ(resumed.resumed_from(), static_cast<std::int64_t>(t));
    // Metrics straight after loading equal the uninterrupted run's at t.
    std::vector<double> row(expected.metrics.names.size());
    resumed.model().compute_metrics(row);
    const auto r = static_cast<std::size_t>(
        std::find(expected.metrics.steps.begin(), expected.metrics.steps.end(), t) -
        expected.metrics.steps.begin());
    ASSERT_LT(r, expected.metrics.rows()) << what;
    for (std::size_t c = 0; c < row.size(); ++c) {
      EXPECT_TRUE(same_double(row[c], expected.metrics.at(r, c)))
          << what << ": metric " << expected.metrics.names[c] << " right after loading";
    }
    // Save -> load -> save is byte-identical.
    const fs::path again = dir / fmt::format("again_{}.ckpt", t);
    resumed.save_checkpoint(again, read_checkpoint_info(file).recorded);
    EXPECT_EQ(read_bytes(file), read_bytes(again)) << what << ": re-saved checkpoint differs";
    const RunResult got = resumed.run();
    expect_same_metrics(expected.metrics, got.metrics, what);
    expect_same_agents(expected_agents, resumed.model().agent_table(), what);
    EXPECT_EQ(got.steps_done, expected.steps_done) << what;
  }
  fs::remove_all(dir);
}

std::string sim_header(const std::string& model, int steps) {
  return fmt::format(
      "[simulation]\nmodel = \"{}\"\nsteps = {}\nseed = 7\nrecord_every = 1\n"
      "stop_when_converged = false\nthreads = 2\n",
      model, steps);
}

}  // namespace

TEST(Checkpoint, VoterResumesBitIdentically) {
  check_resume(sim_header("voter", 30) +
                   "[network]\nkind = \"barabasi_albert\"\nn = 300\nm = 2\n"
                   "[model]\nrho0 = 0.5\nupdate = \"link\"\n",
               {1, 13, 29});
}

TEST(Checkpoint, DeffuantResumesBitIdentically) {
  check_resume(sim_header("deffuant", 30) +
                   "[network]\nkind = \"erdos_renyi\"\nn = 300\nmean_degree = 8\n"
                   "[model]\nepsilon = 0.3\n",
               {1, 14, 29});
}

TEST(Checkpoint, HegselmannKrauseResumesBitIdentically) {
  check_resume(sim_header("hegselmann_krause", 20) +
                   "[network]\nkind = \"mean_field\"\nn = 300\n[model]\nepsilon = 0.12\n",
               {1, 7, 19});
}

TEST(Checkpoint, AlgorithmicBiasResumesBitIdentically) {
  // Mean field with gamma > 0: the partner sampler's tie order is state.
  check_resume(sim_header("algorithmic_bias", 30) +
                   "[network]\nkind = \"mean_field\"\nn = 300\n[model]\nepsilon = 0.3\ngamma = 1.0\n",
               {1, 12, 29});
  check_resume(sim_header("algorithmic_bias", 20) +
                   "[network]\nkind = \"erdos_renyi\"\nn = 200\nmean_degree = 6\n"
                   "[model]\nepsilon = 0.3\ngamma = 1.5\n",
               {9});
}

TEST(Checkpoint, BaumannResumesBitIdentically) {
  check_resume(sim_header("baumann", 30) + "[model]\nn = 200\nm = 5\ntopics = 2\n", {1, 15, 29});
}

TEST(Checkpoint, AxelrodResumesBitIdentically) {
  check_resume(sim_header("axelrod", 30) +
                   "[network]\nkind = \"lattice\"\nwidth = 15\nheight = 15\n"
                   "[model]\nfeatures = 3\nq = 5.0\n",
               {1, 10, 29});
}

TEST(Checkpoint, TornbergResumesBitIdentically) {
  check_resume(sim_header("tornberg", 25) +
                   "[network]\nkind = \"lattice\"\nwidth = 10\nheight = 10\nneighbourhood = \"moore\"\n"
                   "[model]\nk = 2\nm = 10\nn = 4\nbreakat = 0\n",
               {1, 12, 24});
}

namespace {

// Population 400 over 120 days: communities from day 30, a lockdown and a
// disinformation campaign, moderation on the mainstream (migration), need
// support for the at-risk, bridging ties.
std::string mim_scenario() {
  return sim_header("mim", 120) + R"(
[network]
kind = "mean_field"
n = 1

[model]
population = 400
platforms.alternatives = 1

[[events]]
type = "lockdown"
start = 40
end = 70
magnitude = 0.2

[[events]]
type = "disinformation_campaign"
start = 30
end = 60
accounts = 8

[[interventions]]
type = "need_support"
start = 50
end = 90
target = "at_risk"
budget = 60

[[interventions]]
type = "moderation"
start = 45
end = 100
magnitude = 0.6

[[interventions]]
type = "bridging_ties"
start = 55
end = 75
budget = 20
shared_space = 12
)";
}

}  // namespace

TEST(Checkpoint, MimResumesBitIdentically) {
  // 35: communities exist, campaign running; 57: inside the lockdown and
  // every intervention window; 100: after the windows.
  check_resume(mim_scenario(), {35, 57, 100});
}

// Options whose state a checkpoint must carry: under "growth" community
// recommendation the recommender reads each community's growth score, and
// under the "adaptive" founding rule the founders' cuts lag their quantiles.
TEST(Checkpoint, MimResumesBitIdenticallyWithStatefulOptions) {
  // 1000 people found communities from day 10: dozens compete for the
  // recommendation by the time of the checkpoints.
  const std::string toml = sim_header("mim", 90) +
                           "[network]\nkind = \"mean_field\"\nn = 1\n[model]\npopulation = 1000\n"
                           "communities.burn_in = 10\nplatforms.mainstream.communities = \"growth\"\n"
                           "communities.found_rule = \"adaptive\"\ncommunities.found_adapt_days = 30\n";
  check_resume(toml, {50, 70});
}

TEST(Checkpoint, MimCounterfactualChangesOnlyTheFuture) {
  const fs::path dir = temp_dir();
  const std::string toml = mim_scenario();
  Simulation full(scenario(toml));
  const RunResult base = full.run();
  checkpoint_at(toml, 60, dir / "step_60.ckpt");
  {
    std::ofstream patch(dir / "narrative.toml");
    patch << "[[interventions]]\ntype = \"inclusive_narrative\"\nstart = 60\nend = 120\n"
             "magnitude = 0.2\n";
  }
  ResumeOptions ro;
  ro.timeline_patches = {dir / "narrative.toml"};
  ro.overrides = {{"model", "feed.k", "12"}};
  Simulation branch = Simulation::from_checkpoint(dir / "step_60.ckpt", ro);
  EXPECT_EQ(branch.scenario().timeline.size(), full.scenario().timeline.size() + 1);
  const RunResult got = branch.run();
  ASSERT_EQ(got.metrics.steps, base.metrics.steps);
  bool differs_later = false;
  for (std::size_t r = 0; r < base.metrics.rows(); ++r) {
    for (std::size_t c = 0; c < base.metrics.names.size(); ++c) {
      const bool same = same_double(base.metrics.at(r, c), got.metrics.at(r, c));
      if (base.metrics.steps[r] <= 60) {
        ASSERT_TRUE(same) << "step " << base.metrics.steps[r] << " " << base.metrics.names[c];
      } else {
        differs_later |= !same;
      }
    }
  }
  EXPECT_TRUE(differs_later);
  fs::remove_all(dir);
}

TEST(Checkpoint, ResumeRejectsChangesToTheSociety) {
  const fs::path dir = temp_dir();
  const std::string toml = sim_header("deffuant", 10) +
                           "[network]\nkind = \"erdos_renyi\"\nn = 100\nmean_degree = 6\n";
  checkpoint_at(toml, 5, dir / "c.ckpt");
  ResumeOptions seed;
  seed.overrides = {{"simulation", "seed", "8"}};
  EXPECT_THROW(Simulation::from_checkpoint(dir / "c.ckpt", seed), ParameterError);
  ResumeOptions net;
  net.overrides = {{"network", "n", "200"}};
  EXPECT_THROW(Simulation::from_checkpoint(dir / "c.ckpt", net), ParameterError);
  ResumeOptions dims;  // changes the state's shape: caught by the size check
  dims.overrides = {{"model", "dims", "2"}};
  try {
    Simulation::from_checkpoint(dir / "c.ckpt", dims);
    ADD_FAILURE() << "a different state shape was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("c.ckpt"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("opinion"), std::string::npos) << e.what();
  }
  // A safe parameter change is allowed.
  ResumeOptions eps;
  eps.overrides = {{"model", "epsilon", "0.1"}};
  EXPECT_NO_THROW(Simulation::from_checkpoint(dir / "c.ckpt", eps));
  fs::remove_all(dir);
}

TEST(Checkpoint, TruncatedOrCorruptedFilesAreRejected) {
  const fs::path dir = temp_dir();
  const fs::path file = dir / "c.ckpt";
  checkpoint_at(sim_header("voter", 10) + "[network]\nkind = \"erdos_renyi\"\nn = 100\n", 4, file);
  const std::string bytes = read_bytes(file);
  auto expect_input_error = [&](const std::string& content, const std::string& needle) {
    const fs::path bad = dir / "bad.ckpt";
    std::ofstream(bad, std::ios::binary) << content;
    try {
      Simulation::from_checkpoint(bad);
      ADD_FAILURE() << "accepted a bad checkpoint (" << needle << ")";
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find("bad.ckpt"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
    }
  };
  expect_input_error(bytes.substr(0, bytes.size() / 2), "truncated");
  std::string flipped = bytes;
  flipped[bytes.size() / 2] = static_cast<char>(flipped[bytes.size() / 2] ^ 0x10);
  expect_input_error(flipped, "corrupted");
  expect_input_error("not a checkpoint at all", "magic");
  EXPECT_THROW(Simulation::from_checkpoint(dir / "missing.ckpt"), InputError);
  fs::remove_all(dir);
}

TEST(Checkpoint, ReaderChecksNamesTypesAndSizes) {
  StateWriter w("m");
  w.put("x", std::vector<double>{1.0, 2.0});
  w.put("t", std::uint64_t{3});
  w.put_strings("s", {"a", "bc"});
  {
    StateReader r(w.payload(), "f.ckpt", "m");
    std::vector<double> x(2);
    r.get_same_size("x", x);
    EXPECT_EQ(x[1], 2.0);
    EXPECT_EQ(r.get<std::uint64_t>("t"), 3u);
    EXPECT_EQ(r.get_strings("s"), (std::vector<std::string>{"a", "bc"}));
    EXPECT_NO_THROW(r.expect_end());
  }
  {
    StateReader r(w.payload(), "f.ckpt", "m");
    std::vector<double> x(3);
    EXPECT_THROW(r.get_same_size("x", x), InputError);
  }
  {
    StateReader r(w.payload(), "f.ckpt", "m");
    std::vector<float> x;
    EXPECT_THROW(r.get("x", x), InputError);
  }
  {
    StateReader r(w.payload(), "f.ckpt", "m");
    std::vector<double> x;
    EXPECT_THROW(r.get("y", x), InputError);
  }
  {
    StateReader r(w.payload(), "f.ckpt", "m");
    std::vector<double> x;
    r.get("x", x);
    EXPECT_THROW(r.expect_end(), InputError);
  }
}
