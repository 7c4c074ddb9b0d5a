#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "microcosm/core/error.hpp"
#include "microcosm/io/scenario.hpp"

using namespace microcosm;

namespace {

const char* kValid = R"(
[simulation]
model = "deffuant"
steps = 50
seed = 7

[network]
kind = "erdos_renyi"
n = 200
mean_degree = 6

[model]
epsilon = 0.3
)";

std::string error_of(const std::string& text, const std::vector<Override>& o = {}) {
  try {
    parse_scenario(text, "s.toml", ".", o);
  } catch (const ParameterError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(Scenario, ParsesAndFillsDefaults) {
  const Scenario sc = parse_scenario(kValid, "s.toml", ".");
  EXPECT_EQ(sc.model, "deffuant");
  EXPECT_EQ(sc.simulation.integer("steps"), 50);
  EXPECT_EQ(sc.seed(), 7u);
  EXPECT_EQ(sc.network_seed(), 7u);
  EXPECT_EQ(sc.network_kind, "erdos_renyi");
  EXPECT_EQ(sc.network_params.integer("n"), 200);
  EXPECT_EQ(sc.model_params.real("epsilon"), 0.3);
  EXPECT_EQ(sc.model_params.real("mu"), 0.5);  // default
}

TEST(Scenario, OverridesApplyAndAreValidated) {
  const Scenario sc = parse_scenario(
      kValid, "s.toml", ".",
      {parse_override("model.epsilon=0.1"), parse_override("simulation.network_seed=3"),
       parse_override("model.pair_selection=node")});
  EXPECT_EQ(sc.model_params.real("epsilon"), 0.1);
  EXPECT_EQ(sc.network_seed(), 3u);
  EXPECT_EQ(sc.model_params.str("pair_selection"), "node");
  const std::string msg = error_of(kValid, {parse_override("model.mu=0.9")});
  EXPECT_NE(msg.find("(--set)"), std::string::npos) << msg;
  EXPECT_NE(msg.find("(0, 0.5]"), std::string::npos) << msg;
  EXPECT_THROW(parse_override("epsilon=0.1"), ParameterError);
  EXPECT_NE(error_of(kValid, {parse_override("modle.mu=0.1")}).find("unknown section"),
            std::string::npos);
}

TEST(Scenario, ErrorsNameFileLineAndKey) {
  std::string bad = kValid;
  bad += "epsilon_typo = 1\n";
  const std::string msg = error_of(bad);
  EXPECT_NE(msg.find("s.toml [model] (line 14)"), std::string::npos) << msg;
  EXPECT_NE(msg.find("unknown key 'epsilon_typo'"), std::string::npos) << msg;

  const std::string syntax = error_of("[simulation\nsteps = 1\n");
  EXPECT_NE(syntax.find("s.toml:1"), std::string::npos) << syntax;
  EXPECT_NE(syntax.find("TOML syntax error"), std::string::npos) << syntax;

  const std::string section = error_of("[simulaton]\nsteps = 1\n");
  EXPECT_NE(section.find("unknown section or key 'simulaton'"), std::string::npos) << section;

  const std::string model = error_of("[simulation]\nmodel = \"nope\"\n");
  EXPECT_NE(model.find("unknown model 'nope'"), std::string::npos) << model;
  EXPECT_NE(model.find("deffuant"), std::string::npos) << model;

  const std::string kind = error_of("[network]\nkind = \"smallworld\"\n");
  EXPECT_NE(kind.find("unknown network kind 'smallworld'"), std::string::npos) << kind;

  const std::string steps = error_of("[simulation]\nsteps = -5\n");
  EXPECT_NE(steps.find("steps = -5"), std::string::npos) << steps;
}

TEST(Scenario, TomlRoundTrip) {
  const Scenario sc = parse_scenario(kValid, "s.toml", ".");
  const Scenario again = parse_scenario(sc.to_toml(), "again.toml", ".");
  EXPECT_EQ(sc.to_json(), again.to_json());
}

TEST(Scenario, NestedModelTablesFlattenToDottedKeys) {
  const std::string msg = error_of(std::string(kValid) + "\n[model.feed]\nk = 3\n");
  EXPECT_NE(msg.find("unknown key 'feed.k'"), std::string::npos) << msg;
  EXPECT_NE(msg.find("(line 16)"), std::string::npos) << msg;
  // Nested tables elsewhere are not parameters.
  const std::string net = error_of(std::string(kValid) + "\n[network.extra]\nx = 1\n");
  EXPECT_NE(net.find("unsupported value type"), std::string::npos) << net;
}

TEST(Scenario, TimelineNeedsAModelThatTakesIt) {
  const std::string msg =
      error_of(std::string(kValid) + "\n[[events]]\ntype = \"lockdown\"\nstart = 10\n");
  EXPECT_NE(msg.find("s.toml:15: [[events]]: model 'deffuant' takes no events"),
            std::string::npos)
      << msg;
  const std::string shape = error_of("events = 3\n" + std::string(kValid));
  EXPECT_NE(shape.find("must be an array of tables"), std::string::npos) << shape;
}
