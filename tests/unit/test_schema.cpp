#include <gtest/gtest.h>
#include <fmt/format.h>

#include "microcosm/core/error.hpp"
#include "microcosm/spec/schema.hpp"

using namespace microcosm;
using namespace microcosm::spec;

namespace {

Schema example() {
  return Schema("example", {open_min(real_param("epsilon", 0.2, 0.0, 1.0, "threshold")),
                            int_param("steps", 10, 1, 100, "steps"),
                            bool_param("flag", false, "a switch"),
                            string_param("policy", "a", {"a", "b"}, "a choice"),
                            list_param("formats", {}, {"x", "y"}, "outputs")});
}

std::string error_of(const Schema& s, const std::map<std::string, Value>& v) {
  try {
    s.resolve(v, "file.toml [model]", {{"epsilon", "line 4"}});
  } catch (const ParameterError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(Schema, DefaultsFillEveryParameter) {
  const auto set = example().defaults();
  EXPECT_EQ(set.real("epsilon"), 0.2);
  EXPECT_EQ(set.integer("steps"), 10);
  EXPECT_FALSE(set.boolean("flag"));
  EXPECT_EQ(set.str("policy"), "a");
  EXPECT_TRUE(set.list("formats").empty());
  EXPECT_FALSE(set.is_set("epsilon"));
}

TEST(Schema, AcceptsValidValuesAndConvertsNumbers) {
  const auto set = example().resolve({{"epsilon", std::int64_t{1}}, {"steps", 5.0}}, "here");
  EXPECT_EQ(set.real("epsilon"), 1.0);
  EXPECT_EQ(set.integer("steps"), 5);
  EXPECT_TRUE(set.is_set("epsilon"));
}

TEST(Schema, OutOfRangeNamesPlaceKeyAndRange) {
  const std::string msg = error_of(example(), {{"epsilon", 1.5}});
  EXPECT_NE(msg.find("file.toml [model] (line 4)"), std::string::npos) << msg;
  EXPECT_NE(msg.find("epsilon = 1.5"), std::string::npos) << msg;
  EXPECT_NE(msg.find("(0, 1]"), std::string::npos) << msg;
  EXPECT_NE(error_of(example(), {{"epsilon", 0.0}}).find("(0, 1]"), std::string::npos);
}

TEST(Schema, RejectsUnknownKeysListingValidOnes) {
  const std::string msg = error_of(example(), {{"epsilonn", 0.3}});
  EXPECT_NE(msg.find("unknown key 'epsilonn'"), std::string::npos) << msg;
  EXPECT_NE(msg.find("epsilon, steps, flag, policy, formats"), std::string::npos) << msg;
}

TEST(Schema, RejectsWrongTypesAndChoices) {
  EXPECT_NE(error_of(example(), {{"steps", 2.5}}).find("must be an integer"), std::string::npos);
  EXPECT_NE(error_of(example(), {{"flag", std::int64_t{1}}}).find("true or false"),
            std::string::npos);
  EXPECT_NE(error_of(example(), {{"policy", std::string("c")}}).find("one of a, b"),
            std::string::npos);
  EXPECT_NE(error_of(example(), {{"formats", StringList{"x", "z"}}}).find("\"z\""),
            std::string::npos);
  EXPECT_NE(error_of(example(), {{"epsilon", std::string("big")}}).find("must be a number"),
            std::string::npos);
}

TEST(Schema, InvalidDefaultIsAProgrammingError) {
  EXPECT_THROW(Schema("bad", {real_param("x", 2.0, 0.0, 1.0, "x")}), Error);
}

TEST(Schema, RangeText) {
  EXPECT_EQ(real_param("a", 0, 0, 1, "").range_text(), "[0, 1]");
  EXPECT_EQ(open_max(real_param("a", 0, 0, 1, "")).range_text(), "[0, 1)");
  EXPECT_EQ(int_param("a", 1, 1, std::numeric_limits<std::int64_t>::max(), "").range_text(), ">= 1");
}

TEST(Schema, UnknownKeyInALongSchemaSuggestsAndPointsToTheListing) {
  std::vector<ParamSpec> params;
  for (int g = 0; g < 4; ++g) {
    for (const char* n : {"rate", "decay", "gain", "k_max"}) {
      params.push_back(real_param(fmt::format("group{}.{}", g, n), 0.5, 0.0, 1.0, "a rate"));
    }
  }
  const Schema big("big", std::move(params));
  std::string msg;
  try {
    big.resolve({{"group2.rates", 0.1}}, "file.toml [model]");
  } catch (const ParameterError& e) {
    msg = e.what();
  }
  EXPECT_NE(msg.find("unknown key 'group2.rates' for big; did you mean 'group2.rate'?"),
            std::string::npos)
      << msg;
  EXPECT_NE(msg.find("keys in group2.*: rate, decay, gain, k_max"), std::string::npos) << msg;
  EXPECT_NE(msg.find("`microcosm models big` lists every key"), std::string::npos) << msg;
  EXPECT_EQ(msg.find("group1."), std::string::npos) << "other groups' keys are not listed: " << msg;
}

// A '|' in a description (as in |x_i - x_j|) must not end the Markdown cell:
// every row of the generated table keeps its seven cells.
TEST(Schema, MarkdownTableEscapesPipesInCells) {
  const Schema s("pipes", {real_param("beta", 0.5, 0.0, 10.0, "contact probability ∝ |x_i - x_j|^-beta")});
  const std::string table = s.markdown_table();
  const std::string row = table.substr(table.rfind("| `beta`"));
  int cell_bars = 0;
  for (std::size_t k = 0; k < row.size(); ++k) cell_bars += row[k] == '|' && (k == 0 || row[k - 1] != '\\');
  EXPECT_EQ(cell_bars, 8) << row;
  EXPECT_NE(row.find("\\|x_i - x_j\\|"), std::string::npos) << row;
  EXPECT_EQ(markdown_cell("a|b"), "a\\|b");
}
