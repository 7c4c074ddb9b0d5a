// Infiltration of micro-communities by disinformation accounts
// (src/models/mim/phase_infiltration.cpp): accounts join communities within
// k_max, leave them when banned or when their campaign ends, count toward no
// observable, and infiltrate = 0 leaves a run exactly as it was without the
// mechanism. Resume from a checkpoint with accounts holding memberships is
// bit-identical.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <filesystem>
#include <string>

#include <fmt/format.h>
#include <unistd.h>

#include "microcosm/engine/simulation.hpp"
#include "microcosm/io/scenario.hpp"

namespace fs = std::filesystem;
using namespace microcosm;

namespace {

constexpr std::size_t kPeople = 1000;
constexpr int kAccounts = 30;

// 1000 people, communities from day 10 (the first ones are born around day
// 30 with seed 1), a campaign from day 40 whose 30 accounts try to join a
// community every day (k_max = 2 to test the bound); at extremity 0.3 every
// corner is within reach of the early, moderate narratives.
std::string scenario_text(int steps, const std::string& campaign_extra = "infiltrate = 1\n",
                          const std::string& extra = "", int threads = 1) {
  return fmt::format(
      "[simulation]\nmodel = \"mim\"\nsteps = {}\nseed = 1\nthreads = {}\n"
      "record_every = 10\nstop_when_converged = false\n"
      "[network]\nkind = \"mean_field\"\nn = 1\n"
      "[model]\npopulation = {}\ncommunities.burn_in = 10\ncommunities.k_max = 2\n"
      "[[events]]\ntype = \"disinformation_campaign\"\nstart = 40\nend = 200\naccounts = {}\n"
      "target = \"all\"\nextremity = 0.3\n{}{}",
      steps, threads, kPeople, kAccounts, campaign_extra, extra);
}

Scenario parse(const std::string& text) { return parse_scenario(text, "infiltration.toml", "."); }

const std::vector<double>& column(const AgentTable& t, const std::string& name) {
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    if (t.columns[c] == name) return t.values[c];
  }
  static const std::vector<double> none;
  ADD_FAILURE() << "no column " << name;
  return none;
}

double last(const RunResult& r, const std::string& metric) { return r.metrics.column(metric).back(); }

bool same_double(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

// Every metric at every recorded step equal bit for bit (steps <= up_to).
void expect_same_metrics(const MetricSeries& a, const MetricSeries& b, std::uint64_t up_to,
                         const std::string& what) {
  ASSERT_EQ(a.names, b.names) << what;
  for (std::size_t r = 0; r < std::min(a.rows(), b.rows()); ++r) {
    if (a.steps[r] > up_to) break;
    for (std::size_t c = 0; c < a.names.size(); ++c) {
      ASSERT_TRUE(same_double(a.at(r, c), b.at(r, c)))
          << what << ": " << a.names[c] << " at step " << a.steps[r] << ": " << a.at(r, c)
          << " vs " << b.at(r, c);
    }
  }
}

// Memberships held by the accounts (agent rows kPeople..).
double account_memberships(const Simulation& sim) {
  const AgentTable t = sim.model().agent_table();
  const auto& m = column(t, "memberships");
  double sum = 0.0;
  for (std::size_t i = kPeople; i < m.size(); ++i) sum += m[i];
  return sum;
}

}  // namespace

TEST(MimInfiltration, AccountsJoinWithinKMaxAndAreExcludedFromObservables) {
  Simulation sim(parse(scenario_text(120)));
  const RunResult r = sim.run();
  const AgentTable agents = sim.model().agent_table();
  const AgentTable communities = sim.model().community_table();
  const auto& memberships = column(agents, "memberships");
  const auto& disinformation = column(agents, "disinformation");
  ASSERT_EQ(memberships.size(), kPeople + kAccounts);
  double held = 0.0, people_affiliated = 0.0;
  for (std::size_t i = 0; i < memberships.size(); ++i) {
    if (disinformation[i] != 0.0) {
      ASSERT_GE(i, kPeople);
      EXPECT_LE(memberships[i], 2.0) << "account " << i << " beyond k_max";
      held += memberships[i];
    } else {
      people_affiliated += memberships[i] > 0.0;
    }
  }
  EXPECT_GT(held, 0.0) << "no account joined a community";
  // The community table lists the accounts apart from the (human) members,
  // and the observables count only the humans.
  const auto& alive = column(communities, "alive");
  const auto& members = column(communities, "members");
  const auto& accounts = column(communities, "accounts");
  double listed = 0.0, micro = 0.0, size_max = 0.0;
  for (std::size_t g = 0; g < alive.size(); ++g) {
    listed += accounts[g];
    if (alive[g] == 0.0) {
      EXPECT_EQ(accounts[g], 0.0) << "account in dead community " << g;
      continue;
    }
    if (accounts[g] > 0.0) {
      EXPECT_GE(members[g], 2.0) << "community " << g;
    }
    if (members[g] >= 5.0) {
      micro += 1.0;
      size_max = std::max(size_max, members[g]);
    }
  }
  EXPECT_EQ(listed, held);
  EXPECT_EQ(last(r, "micro_identities"), micro);
  EXPECT_EQ(last(r, "size_max"), size_max);
  EXPECT_EQ(last(r, "affiliated_share"), people_affiliated / static_cast<double>(kPeople));
}

TEST(MimInfiltration, AccountsLeaveWhenBannedAndWhenTheirCampaignEnds) {
  // Moderation of the mainstream at strength 1 from day 80 bans every
  // account on its first day of posting there.
  const std::string moderation =
      "[[interventions]]\ntype = \"moderation\"\nstart = 80\nend = 120\nmagnitude = 1\n";
  Simulation before(parse(scenario_text(80, "infiltrate = 1\n", moderation)));
  before.run();
  EXPECT_GT(account_memberships(before), 0.0);
  Simulation after(parse(scenario_text(81, "infiltrate = 1\n", moderation)));
  after.run();
  EXPECT_EQ(account_memberships(after), 0.0);
  const AgentTable communities = after.model().community_table();
  for (double a : column(communities, "accounts")) EXPECT_EQ(a, 0.0);

  // A campaign over [40, 90): the accounts leave on day 90.
  std::string text = scenario_text(91);
  text.replace(text.find("end = 200"), 9, "end = 90");
  Simulation ended(parse(text));
  ended.run();
  EXPECT_EQ(account_memberships(ended), 0.0);
}

TEST(MimInfiltration, OffIsInertAndOnIsThreadIndependent) {
  // infiltrate = 0: no account joins and member_u has no effect.
  Simulation off(parse(scenario_text(100, "infiltrate = 0\nmember_u = 0.5\n")));
  Simulation off2(parse(scenario_text(100, "infiltrate = 0\nmember_u = 0.9\n")));
  const RunResult a = off.run();
  const RunResult b = off2.run();
  EXPECT_EQ(account_memberships(off), 0.0);
  expect_same_metrics(a.metrics, b.metrics, 100, "infiltrate = 0");
  // Infiltration draws from streams of its own: the run equals the one
  // without it until the first account joins (day 40, posting from day 41),
  // and differs after.
  Simulation on(parse(scenario_text(100)));
  const RunResult c = on.run();
  expect_same_metrics(a.metrics, c.metrics, 40, "before infiltration");
  EXPECT_NE(a.metrics.column("x0_variance").back(), c.metrics.column("x0_variance").back());
  // Same result on two threads (40 days of infiltration).
  Simulation threads(parse(scenario_text(80, "infiltrate = 1\n", "", 2)));
  const RunResult d = threads.run();
  EXPECT_GT(account_memberships(threads), 0.0);
  expect_same_metrics(c.metrics, d.metrics, 80, "threads = 2");
}

TEST(MimInfiltration, ResumesBitIdenticallyWithAccountMemberships) {
  const fs::path dir = fs::temp_directory_path() / fmt::format("microcosm_infil_{}", ::getpid());
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string text = scenario_text(100);
  Simulation full(parse(text));
  const RunResult expected = full.run();
  const fs::path file = dir / "step_70.ckpt";
  {
    Simulation sim(parse(text));
    std::atomic<bool> stop{false};
    RunOptions opts;
    opts.stop = &stop;
    opts.checkpoint_steps = {70};
    opts.checkpoint = [&](std::uint64_t, const MetricSeries& recorded) {
      EXPECT_GT(account_memberships(sim), 0.0) << "the checkpoint holds no infiltration";
      sim.save_checkpoint(file, recorded);
      stop = true;
    };
    sim.run(opts);
  }
  Simulation resumed = Simulation::from_checkpoint(file);
  const RunResult got = resumed.run();
  ASSERT_EQ(got.metrics.steps.back(), expected.metrics.steps.back());
  // Rows after the checkpoint.
  for (std::size_t r = 0; r < got.metrics.rows(); ++r) {
    const std::uint64_t step = got.metrics.steps[r];
    std::size_t e = 0;
    while (e < expected.metrics.rows() && expected.metrics.steps[e] != step) ++e;
    ASSERT_LT(e, expected.metrics.rows());
    for (std::size_t c = 0; c < got.metrics.names.size(); ++c) {
      ASSERT_TRUE(same_double(got.metrics.at(r, c), expected.metrics.at(e, c)))
          << got.metrics.names[c] << " at step " << step;
    }
  }
  const AgentTable x = full.model().community_table();
  const AgentTable y = resumed.model().community_table();
  ASSERT_EQ(x.columns, y.columns);
  for (std::size_t c = 0; c < x.columns.size(); ++c) {
    for (std::size_t g = 0; g < x.values[c].size(); ++g) {
      ASSERT_TRUE(same_double(x.values[c][g], y.values[c][g])) << x.columns[c] << " of " << g;
    }
  }
  fs::remove_all(dir);
}
