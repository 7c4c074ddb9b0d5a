// Every network in shared/data loads through the "file" network kind with
// the node, edge and label counts of shared/data/README.md, including the
// directed, weighted and multi-edge variants (after dropping self-loops and
// repeated edges, counted by ReadStats).
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "microcosm/core/error.hpp"
#include "microcosm/graph/network.hpp"
#include "microcosm/io/network_readers.hpp"

using namespace microcosm;

namespace {

const std::filesystem::path kData = std::filesystem::path(MICROCOSM_SHARED_DIR) / "data";

Network load(std::map<std::string, spec::Value> values) {
  const NetworkKind& kind = find_network_kind("file");
  const spec::ParamSet params = kind.schema.resolve(values, "test [network]");
  return kind.make(NetworkContext{params, 1, kData});
}

std::map<std::string, std::size_t> label_counts(const Network& net) {
  std::map<std::string, std::size_t> counts;
  for (const auto& l : net.labels) ++counts[l];
  return counts;
}

struct Expected {
  std::string folder;
  std::size_t nodes, edges;
  std::map<std::string, std::size_t> labels;  // empty: no label file
};

}  // namespace

TEST(NetworkData, UndirectedEdgeListsWithLabels) {
  const std::vector<Expected> all = {
      {"polblogs", 1490, 16715, {{"0", 758}, {"1", 732}}},
      {"polbooks", 105, 441, {{"l", 43}, {"n", 13}, {"c", 49}}},
      {"karate", 34, 78, {{"MrHi", 17}, {"Officer", 17}}},
      {"congress_twitter", 475, 10222, {{"D", 255}, {"R", 220}}},
      {"email_eu_core", 1005, 16064, {}},  // 42 departments, checked below
      {"facebook_combined", 4039, 88234, {}},
      {"musae_facebook",
       22470,
       170823,
       {{"government", 6880}, {"company", 6495}, {"politician", 5768}, {"tvshow", 3327}}},
  };
  for (const auto& e : all) {
    SCOPED_TRACE(e.folder);
    const bool has_labels = std::filesystem::exists(kData / e.folder / "labels.txt");
    for (const std::string ids : {"integer", "auto"}) {
      SCOPED_TRACE(ids);
      std::map<std::string, spec::Value> values{{"path", e.folder + "/edges.txt"},
                                                {"ids", ids}};
      if (has_labels) values["labels"] = e.folder + "/labels.txt";
      const Network net = load(values);
      EXPECT_FALSE(net.graph.directed());
      EXPECT_EQ(net.graph.num_edges(), e.edges);
      if (has_labels || ids == "integer") {
        EXPECT_EQ(net.num_nodes(), e.nodes);
      }
      EXPECT_EQ(net.labels.size(), has_labels ? e.nodes : 0u);
      if (!e.labels.empty()) {
        EXPECT_EQ(label_counts(net), e.labels);
      }
      EXPECT_EQ(net.node_names.size(), ids == "auto" ? net.num_nodes() : 0u);
    }
  }
}

TEST(NetworkData, AutoIdsWithoutLabelsSeeOnlyNodesWithEdges) {
  // README: polblogs has 1224 nodes with edges, email_eu_core 986.
  EXPECT_EQ(load({{"path", "polblogs/edges.txt"}}).num_nodes(), 1224u);
  EXPECT_EQ(load({{"path", "email_eu_core/edges.txt"}}).num_nodes(), 986u);
}

TEST(NetworkData, LabelsMatchNodesByName) {
  // Auto ids permute the nodes; labels must follow the names, so the
  // labelled graph is the same as with integer ids up to that permutation.
  const Network by_int = load({{"path", "polbooks/edges.txt"},
                               {"ids", "integer"},
                               {"labels", "polbooks/labels.txt"}});
  const Network by_name =
      load({{"path", "polbooks/edges.txt"}, {"labels", "polbooks/labels.txt"}});
  ASSERT_EQ(by_name.num_nodes(), by_int.num_nodes());
  for (NodeId u = 0; u < by_name.num_nodes(); ++u) {
    const NodeId original = static_cast<NodeId>(std::stoul(by_name.node_names[u]));
    EXPECT_EQ(by_name.labels[u], by_int.labels[original]);
    EXPECT_EQ(by_name.graph.degree(u), by_int.graph.degree(original));
  }
}

TEST(NetworkData, EmailDepartments) {
  const Network net = load({{"path", "email_eu_core/edges.txt"},
                            {"ids", "integer"},
                            {"labels", "email_eu_core/labels.txt"}});
  const auto counts = label_counts(net);
  EXPECT_EQ(counts.size(), 42u);
  EXPECT_EQ(counts.at("4"), 109u);
  EXPECT_EQ(counts.at("14"), 92u);
}

TEST(NetworkData, DirectedWeightedAndMultiEdgeVariants) {
  ReadStats stats;
  // polblogs: 19090 directed records, 3 self-loops, 65 repeats -> 19022 arcs.
  const Network blogs = read_edgelist(kData / "polblogs/edges_directed_multi.txt",
                                      {.directed = true, .ids = IdMode::Integer}, &stats);
  EXPECT_EQ(blogs.num_nodes(), 1490u);
  EXPECT_EQ(blogs.graph.num_edges(), 19022u);
  EXPECT_EQ(stats.records, 19090u);
  EXPECT_EQ(stats.self_loops, 3u);
  EXPECT_EQ(stats.duplicates, 65u);
  // Read undirected, the same file gives the simple undirected graph.
  EXPECT_EQ(load({{"path", "polblogs/edges_directed_multi.txt"}, {"ids", "integer"}})
                .graph.num_edges(),
            16715u);

  // email_eu_core: 25571 records with 642 self-loops.
  const Network email = read_edgelist(kData / "email_eu_core/edges_directed.txt",
                                      {.directed = true, .ids = IdMode::Integer}, &stats);
  EXPECT_EQ(email.num_nodes(), 1005u);
  EXPECT_EQ(email.graph.num_edges(), 24929u);
  EXPECT_EQ(stats.self_loops, 642u);
  EXPECT_EQ(stats.duplicates, 0u);

  // congress_twitter: 13289 weighted arcs; 10222 undirected edges.
  const Network congress = load({{"path", "congress_twitter/edges_directed_weighted.txt"},
                                 {"directed", true},
                                 {"weighted", true},
                                 {"ids", "integer"},
                                 {"labels", "congress_twitter/labels.txt"}});
  EXPECT_TRUE(congress.graph.directed());
  EXPECT_TRUE(congress.graph.weighted());
  EXPECT_EQ(congress.graph.num_edges(), 13289u);
  EXPECT_EQ(congress.labels.size(), 475u);
  for (float w : congress.graph.weights()) {
    EXPECT_GT(w, 0.0f);
    EXPECT_LE(w, 1.0f);
  }
  EXPECT_EQ(load({{"path", "congress_twitter/edges_directed_weighted.txt"}, {"ids", "integer"}})
                .graph.num_edges(),
            10222u);

  // karate: interaction counts as weights; first edge 0-1 has weight 4.
  const Network karate =
      load({{"path", "karate/edges_weighted.txt"}, {"weighted", true}, {"ids", "integer"}});
  EXPECT_EQ(karate.graph.num_edges(), 78u);
  EXPECT_EQ(karate.graph.neighbor_weights(0)[0], 4.0f);
  double total = 0.0;
  for (float w : karate.graph.weights()) total += w;
  EXPECT_EQ(total / 2.0, 231.0);  // sum of the third column
}
