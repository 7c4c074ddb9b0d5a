// The network kinds of scenario files: each generator kind builds through
// its schema with the right size and properties, "file" resolves relative
// paths against the scenario directory, and bad parameters throw
// ParameterError naming the parameter.
#include <gtest/gtest.h>

#include <map>

#include "microcosm/core/error.hpp"
#include "microcosm/graph/network.hpp"

using namespace microcosm;

namespace {

Network make(const std::string& kind_name, std::map<std::string, spec::Value> values,
             std::uint64_t seed = 1, std::filesystem::path base = {}) {
  const NetworkKind& kind = find_network_kind(kind_name);
  const spec::ParamSet params = kind.schema.resolve(values, "test [network]");
  return kind.make(NetworkContext{params, seed, std::move(base)});
}

template <class F>
std::string parameter_error(F&& f) {
  try {
    f();
  } catch (const ParameterError& e) {
    return e.what();
  }
  return {};
}

}  // namespace

TEST(NetworkKinds, EveryKindIsListedWithADocumentedSchema) {
  for (const char* name :
       {"barabasi_albert", "watts_strogatz", "sbm", "lattice", "configuration", "file"}) {
    const NetworkKind& kind = find_network_kind(name);
    EXPECT_FALSE(kind.description.empty()) << name;
    for (const auto& p : kind.schema.params()) {
      EXPECT_FALSE(p.description.empty()) << name << "." << p.name;
    }
  }
}

TEST(NetworkKinds, GeneratorsBuildFromDefaults) {
  const Network ba = make("barabasi_albert", {{"n", std::int64_t{500}}, {"m", std::int64_t{2}}});
  EXPECT_EQ(ba.graph.num_edges(), 2u * 498u);
  const Network ws = make("watts_strogatz", {{"n", std::int64_t{200}}, {"p", 0.0}});
  for (NodeId u = 0; u < 200; ++u) EXPECT_EQ(ws.graph.degree(u), 10u);  // default k = 10
  const Network sbm = make("sbm", {{"n", std::int64_t{90}}, {"blocks", std::int64_t{3}},
                                   {"p_in", 1.0}, {"p_out", 0.0}});
  EXPECT_EQ(sbm.graph.num_edges(), 3u * 435u);
  ASSERT_EQ(sbm.labels.size(), 90u);
  EXPECT_EQ(sbm.labels.front(), "0");
  EXPECT_EQ(sbm.labels.back(), "2");
  const Network sized = make("sbm", {{"sizes", spec::StringList{"5", "7"}}, {"p_in", 1.0},
                                     {"p_out", 0.0}});
  EXPECT_EQ(sized.num_nodes(), 12u);
  EXPECT_EQ(sized.graph.num_edges(), 10u + 21u);
  const Network lattice = make("lattice", {{"width", std::int64_t{6}},
                                           {"height", std::int64_t{4}},
                                           {"neighbourhood", std::string("moore")}});
  EXPECT_EQ(lattice.lattice_width, 6u);
  EXPECT_EQ(lattice.lattice_height, 4u);
  EXPECT_EQ(lattice.graph.degree(0), 8u);
  const Network follow = make("configuration", {{"n", std::int64_t{300}}});
  EXPECT_TRUE(follow.graph.directed());
  EXPECT_EQ(follow.graph.num_edges(), 300u * 30u);  // default out_degree 30
  // Seeds matter.
  const Network again = make("configuration", {{"n", std::int64_t{300}}}, 1);
  const Network other = make("configuration", {{"n", std::int64_t{300}}}, 2);
  EXPECT_TRUE(std::ranges::equal(follow.graph.targets(), again.graph.targets()));
  EXPECT_FALSE(std::ranges::equal(follow.graph.targets(), other.graph.targets()));
}

TEST(NetworkKinds, BadParametersNameTheParameter) {
  std::string msg = parameter_error(
      [] { make("barabasi_albert", {{"n", std::int64_t{5}}, {"m", std::int64_t{5}}}); });
  EXPECT_NE(msg.find("m = 5"), std::string::npos) << msg;
  msg = parameter_error([] { make("watts_strogatz", {{"k", std::int64_t{3}}}); });
  EXPECT_NE(msg.find("k = 3"), std::string::npos) << msg;
  msg = parameter_error([] { make("lattice", {{"width", std::int64_t{2}}}); });
  EXPECT_NE(msg.find("width"), std::string::npos) << msg;
  msg = parameter_error([] { make("lattice", {{"neighbourhood", std::string("hex")}}); });
  EXPECT_NE(msg.find("von_neumann"), std::string::npos) << msg;
  msg = parameter_error([] { make("sbm", {{"sizes", spec::StringList{"5", "x"}}}); });
  EXPECT_NE(msg.find("\"x\""), std::string::npos) << msg;
  msg = parameter_error([] { make("configuration", {{"in_exponent", 1.0}}); });
  EXPECT_NE(msg.find("in_exponent"), std::string::npos) << msg;
  msg = parameter_error(
      [] { make("configuration", {{"n", std::int64_t{10}}, {"out_degree", std::int64_t{10}}}); });
  EXPECT_NE(msg.find("out_degree = 10"), std::string::npos) << msg;
  msg = parameter_error([] { make("file", {}); });
  EXPECT_NE(msg.find("path"), std::string::npos) << msg;
  msg = parameter_error([] { make("file", {{"format", std::string("gml")}}); });
  EXPECT_NE(msg.find("edgelist"), std::string::npos) << msg;
}

TEST(NetworkKinds, FileResolvesAgainstBaseDirAndReportsMissingFiles) {
  const std::filesystem::path data = std::filesystem::path(MICROCOSM_SHARED_DIR) / "data";
  const Network karate =
      make("file", {{"path", std::string("karate/edges.txt")}, {"ids", std::string("integer")}},
           1, data);
  EXPECT_EQ(karate.num_nodes(), 34u);
  try {
    make("file", {{"path", std::string("karate/missing.txt")}}, 1, data);
    FAIL() << "no error for a missing file";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find((data / "karate/missing.txt").string()),
              std::string::npos)
        << e.what();
  }
  // A label file that misses nodes: polbooks has 105 nodes, karate's label
  // file covers 0..33.
  try {
    make("file", {{"path", std::string("polbooks/edges.txt")},
                  {"labels", std::string("karate/labels.txt")},
                  {"ids", std::string("integer")}},
         1, data);
    FAIL() << "no error for a label file that misses nodes";
  } catch (const InputError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find((data / "karate/labels.txt").string()), std::string::npos) << msg;
    EXPECT_NE(msg.find("node 34 has no label"), std::string::npos) << msg;
  }
}
