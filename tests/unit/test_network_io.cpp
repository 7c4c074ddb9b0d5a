// Network readers on hand-written files (edge lists, GraphML, label files),
// their error messages (file and line), and writer round trips: edge list
// and GraphML read back to the identical graph; GEXF parses as XML with the
// right node and edge counts.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "../../src/io/xml_reader.hpp"
#include "microcosm/core/error.hpp"
#include "microcosm/graph/generators.hpp"
#include "microcosm/io/network_readers.hpp"
#include "microcosm/io/network_writers.hpp"

using namespace microcosm;
namespace fs = std::filesystem;

namespace {

class NetworkIo : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           (std::string("microcosm_io_") + info->name() + "_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path write(const std::string& name, const std::string& content) {
    const fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << content;
    return p;
  }
  fs::path dir_;
};

// The message of the InputError thrown by f (empty if none was thrown).
template <class F>
std::string input_error(F&& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return {};
}

std::vector<std::pair<NodeId, NodeId>> edges_of(const Network& net) {
  return net.graph.edge_list();
}

void expect_same_graph(const CsrGraph& a, const CsrGraph& b) {
  EXPECT_EQ(a.directed(), b.directed());
  EXPECT_EQ(a.num_nodes(), b.num_nodes());
  EXPECT_TRUE(std::ranges::equal(a.offsets(), b.offsets()));
  EXPECT_TRUE(std::ranges::equal(a.targets(), b.targets()));
  EXPECT_TRUE(std::ranges::equal(a.weights(), b.weights()));
}

}  // namespace

TEST_F(NetworkIo, EdgeListWithNamesCommentsAndCommas) {
  const auto f = write("names.csv",
                       "# a comment\n"
                       "% another comment\n"
                       "\n"
                       "alice,bob\n"
                       "bob carol\r\n"
                       "  carol\t alice  \n"
                       "dave,alice,extra-column-ignored\n"
                       "bob,alice\n");  // repeated undirected edge
  ReadStats stats;
  const Network net = read_edgelist(f, {}, &stats);
  EXPECT_EQ(net.node_names, (std::vector<std::string>{"alice", "bob", "carol", "dave"}));
  EXPECT_FALSE(net.graph.directed());
  EXPECT_EQ(net.graph.num_edges(), 4u);
  EXPECT_TRUE(net.graph.has_edge(0, 3));
  EXPECT_EQ(stats.records, 5u);
  EXPECT_EQ(stats.duplicates, 1u);
  EXPECT_EQ(stats.self_loops, 0u);
}

TEST_F(NetworkIo, EdgeListNumericNamesKeepFirstAppearanceOrder) {
  // Auto mode numbers nodes by first appearance even for integer tokens;
  // "07" and "7" are different names.
  const auto f = write("auto.txt", "10 3\n3 7\n07 10\n");
  const Network net = read_edgelist(f, {});
  EXPECT_EQ(net.node_names, (std::vector<std::string>{"10", "3", "7", "07"}));
  EXPECT_EQ(edges_of(net), (std::vector<std::pair<NodeId, NodeId>>{{0, 1}, {0, 3}, {1, 2}}));
}

TEST_F(NetworkIo, EdgeListIntegerIdsDirectedWeighted) {
  const auto f = write("int.txt", "0 5 1.5\n5 0 2\n2 2 1\n5 0 9\n");
  ReadStats stats;
  const Network net =
      read_edgelist(f, {.directed = true, .weighted = true, .ids = IdMode::Integer}, &stats);
  EXPECT_TRUE(net.node_names.empty());
  EXPECT_EQ(net.num_nodes(), 6u);  // isolated 1, 3, 4 keep their numbers
  EXPECT_TRUE(net.graph.directed());
  EXPECT_EQ(net.graph.num_edges(), 2u);
  EXPECT_EQ(net.graph.neighbor_weights(0)[0], 1.5f);
  EXPECT_EQ(net.graph.neighbor_weights(5)[0], 2.0f);  // first of the repeated 5->0
  EXPECT_EQ(stats.self_loops, 1u);
  EXPECT_EQ(stats.duplicates, 1u);
  // Undirected: 0-5 and 5-0 merge.
  const Network und = read_edgelist(f, {.ids = IdMode::Integer});
  EXPECT_EQ(und.graph.num_edges(), 1u);
}

TEST_F(NetworkIo, EdgeListHeaderFixesNodeCount) {
  const auto f = write("h.txt", "# microcosm edge list: 10 nodes, 1 edges, undirected\n0 1\n");
  EXPECT_EQ(read_edgelist(f, {.ids = IdMode::Integer}).num_nodes(), 10u);
  const auto bad = write("hb.txt", "# microcosm edge list: 3 nodes, 1 edges, undirected\n0 3\n");
  const std::string msg = input_error([&] { read_edgelist(bad, {.ids = IdMode::Integer}); });
  EXPECT_NE(msg.find(bad.string() + ":2:"), std::string::npos) << msg;
  EXPECT_NE(msg.find("declared on line 1"), std::string::npos) << msg;
}

TEST_F(NetworkIo, EdgeListErrorsNameFileAndLine) {
  const std::string missing = input_error([&] { read_edgelist(dir_ / "nope.txt", {}); });
  EXPECT_NE(missing.find("nope.txt"), std::string::npos) << missing;
  EXPECT_NE(missing.find("cannot open"), std::string::npos) << missing;

  const auto one = write("one.txt", "0 1\n# ok\n2\n");
  std::string msg = input_error([&] { read_edgelist(one, {}); });
  EXPECT_NE(msg.find(one.string() + ":3:"), std::string::npos) << msg;

  const auto weight = write("w.txt", "0 1 0.5\n1 2\n");
  msg = input_error([&] { read_edgelist(weight, {.weighted = true}); });
  EXPECT_NE(msg.find(weight.string() + ":2:"), std::string::npos) << msg;
  EXPECT_NE(msg.find("weight"), std::string::npos) << msg;
  const auto nan = write("nan.txt", "0 1 x\n");
  msg = input_error([&] { read_edgelist(nan, {.weighted = true}); });
  EXPECT_NE(msg.find(nan.string() + ":1:"), std::string::npos) << msg;

  const auto negative = write("neg.txt", "0 1\n1 -2\n");
  msg = input_error([&] { read_edgelist(negative, {.ids = IdMode::Integer}); });
  EXPECT_NE(msg.find(negative.string() + ":2:"), std::string::npos) << msg;
  EXPECT_NE(msg.find("'-2'"), std::string::npos) << msg;

  const auto huge = write("huge.txt", "0 1\n\n1 99999999999\n");
  msg = input_error([&] { read_edgelist(huge, {.ids = IdMode::Integer}); });
  EXPECT_NE(msg.find(huge.string() + ":3:"), std::string::npos) << msg;
  EXPECT_NE(msg.find("out of range"), std::string::npos) << msg;

  // A valid but absurd id for an integer-id file (it would allocate
  // billions of nodes) points the user to ids = "auto".
  const auto sparse = write("sparse.txt", "0 1\n4000000000 2\n1 2\n");
  msg = input_error([&] { read_edgelist(sparse, {.ids = IdMode::Integer}); });
  EXPECT_NE(msg.find(sparse.string() + ":2:"), std::string::npos) << msg;
  EXPECT_NE(msg.find("ids = \"auto\""), std::string::npos) << msg;
  EXPECT_EQ(read_edgelist(sparse, {}).num_nodes(), 4u);
}

TEST_F(NetworkIo, LabelsByNameAddIsolatedNodes) {
  Network net = read_edgelist(write("e.txt", "a b\nb c\n"), {});
  read_labels(write("l.txt", "# node label\nc right\na left wing\nb,centre\nz loner\n"), net);
  EXPECT_EQ(net.num_nodes(), 4u);
  EXPECT_EQ(net.node_names.back(), "z");
  EXPECT_EQ(net.labels, (std::vector<std::string>{"left wing", "centre", "right", "loner"}));
  EXPECT_EQ(net.graph.degree(3), 0u);
  EXPECT_EQ(net.graph.num_edges(), 2u);
}

TEST_F(NetworkIo, LabelsByIntegerId) {
  Network net = read_edgelist(write("e.txt", "0 1\n1 2\n"), {.ids = IdMode::Integer});
  read_labels(write("l.txt", "0 x\n1 y\n2 x\n4 z\n3 y\n"), net);
  EXPECT_EQ(net.num_nodes(), 5u);
  EXPECT_EQ(net.labels, (std::vector<std::string>{"x", "y", "x", "y", "z"}));
}

TEST_F(NetworkIo, LabelErrorsNameFileLineAndNode) {
  Network net = read_edgelist(write("e.txt", "a b\nb c\nc d\n"), {});
  const auto partial = write("partial.txt", "a 1\nd 2\n");
  std::string msg = input_error([&] {
    Network copy = net;
    read_labels(partial, copy);
  });
  EXPECT_NE(msg.find(partial.string()), std::string::npos) << msg;
  EXPECT_NE(msg.find("node 'b' has no label"), std::string::npos) << msg;
  EXPECT_NE(msg.find("2 of the network's 4 nodes"), std::string::npos) << msg;

  const auto twice = write("twice.txt", "a 1\nb 2\nc 3\nd 4\nb 5\n");
  msg = input_error([&] {
    Network copy = net;
    read_labels(twice, copy);
  });
  EXPECT_NE(msg.find(twice.string() + ":5:"), std::string::npos) << msg;
  EXPECT_NE(msg.find("line 2"), std::string::npos) << msg;

  const auto stranger = write("stranger.txt", "a 1\nb 2\nc 3\nd 4\ne 5\n");
  msg = input_error([&] {
    Network copy = net;
    read_labels(stranger, copy, /*add_missing_nodes=*/false);
  });
  EXPECT_NE(msg.find(stranger.string() + ":5:"), std::string::npos) << msg;

  const auto no_label = write("nolabel.txt", "a 1\nb\n");
  msg = input_error([&] {
    Network copy = net;
    read_labels(no_label, copy);
  });
  EXPECT_NE(msg.find(no_label.string() + ":2:"), std::string::npos) << msg;

  Network ints = read_edgelist(write("i.txt", "0 1\n1 2\n"), {.ids = IdMode::Integer});
  const auto bad_id = write("badid.txt", "0 a\nx b\n");
  msg = input_error([&] { read_labels(bad_id, ints); });
  EXPECT_NE(msg.find(bad_id.string() + ":2:"), std::string::npos) << msg;
  const auto far = write("far.txt", "0 a\n1 b\n2 c\n3000000000 d\n");
  msg = input_error([&] { read_labels(far, ints); });
  EXPECT_NE(msg.find(far.string() + ":4:"), std::string::npos) << msg;
  msg = input_error([&] { read_labels(dir_ / "missing_labels.txt", ints); });
  EXPECT_NE(msg.find("missing_labels.txt"), std::string::npos) << msg;
}

TEST_F(NetworkIo, GraphmlReadsKeysDefaultsAndEntities) {
  const auto f = write("g.graphml", R"(<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE graphml>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <!-- keys first -->
  <key id="d0" for="node" attr.name="party" attr.type="string"><default>none</default></key>
  <key id="d1" for="edge" attr.name="weight" attr.type="double"><default>2.5</default></key>
  <key id="d2" for="node" attr.name="name" attr.type="string"/>
  <graph id="G" edgedefault="undirected">
    <desc>ignored</desc>
    <node id="x"><data key="d0">left &amp; proud</data><data key="d2">Xavier</data></node>
    <node id="y"><data key="d0"><![CDATA[<right>]]></data></node>
    <edge source="x" target="z"><data key="d1"> 0.25 </data></edge>
    <edge source="y" target="x"/>
    <node id="z"/>
  </graph>
</graphml>
)");
  ReadStats stats;
  const Network net =
      read_graphml(f, {.weighted = true, .label_attribute = "party"}, &stats);
  EXPECT_FALSE(net.graph.directed());
  EXPECT_EQ(net.num_nodes(), 3u);
  EXPECT_EQ(net.graph.num_edges(), 2u);
  EXPECT_EQ(net.labels, (std::vector<std::string>{"left & proud", "<right>", "none"}));
  EXPECT_EQ(net.node_names, (std::vector<std::string>{"Xavier", "y", "z"}));
  ASSERT_TRUE(net.graph.weighted());
  EXPECT_EQ(net.graph.neighbor_weights(0)[0], 2.5f);   // x-y: key default
  EXPECT_EQ(net.graph.neighbor_weights(0)[1], 0.25f);  // x-z
  EXPECT_EQ(stats.records, 2u);
  // edgedefault can be overridden.
  const Network directed = read_graphml(f, {.directed = true});
  EXPECT_TRUE(directed.graph.directed());
  EXPECT_TRUE(directed.graph.has_edge(1, 0));
  EXPECT_FALSE(directed.graph.has_edge(0, 1));
  EXPECT_FALSE(directed.graph.weighted());
}

TEST_F(NetworkIo, GraphmlErrorsNameFileAndLine) {
  auto expect_error = [&](const std::string& body, const std::string& where,
                          const std::string& what, GraphmlOptions opt = {}) {
    const auto f = write("bad.graphml", body);
    const std::string msg = input_error([&] { read_graphml(f, opt); });
    EXPECT_NE(msg.find(f.string() + ":" + where + ":"), std::string::npos) << msg;
    EXPECT_NE(msg.find(what), std::string::npos) << msg;
  };
  const std::string head = "<graphml>\n<graph edgedefault=\"directed\">\n";
  expect_error(head + "<node id=\"a\"/>\n<edge source=\"a\" target=\"b\"/>\n</graph></graphml>",
               "4", "undeclared node 'b'");
  expect_error(head + "<node id=\"a\"/>\n<node id=\"a\"/>\n</graph></graphml>", "4",
               "declared twice");
  expect_error(head + "<node id=\"a\">\n</edge>\n</graph></graphml>", "4", "does not match");
  expect_error(head + "<node id=\"a\"><graph/></node>\n</graph></graphml>", "3", "nested");
  expect_error("<graphml>\n<key id=\"w\" for=\"edge\" attr.name=\"weight\"/>\n"
               "<graph edgedefault=\"directed\"><node id=\"a\"/>\n"
               "<edge source=\"a\" target=\"a\">\n<data key=\"w\">heavy</data></edge>\n"
               "</graph></graphml>",
               "5", "not a finite number", {.weighted = true});
  expect_error(head + "</graph></graphml>", "2", "no edge key", {.weighted = true});
  expect_error("<graph/>", "1", "root element");
  expect_error("<graphml><key id=\"k\"/></graphml>", "1", "no <graph>");
  expect_error(head + "<node id=\"a\" x=1/>\n</graph></graphml>", "3", "not quoted");
  expect_error(head + "<node id=\"a\"/>\n", "4", "not closed");
  expect_error(head + "<node id=\"a&b\"/></graph></graphml>", "3", "&amp;");
  const std::string missing = input_error([&] { read_graphml(dir_ / "none.graphml", {}); });
  EXPECT_NE(missing.find("none.graphml"), std::string::npos) << missing;
}

TEST_F(NetworkIo, DetectFormat) {
  EXPECT_EQ(detect_network_format("a/b.graphml"), "graphml");
  EXPECT_EQ(detect_network_format("b.GraphML"), "graphml");
  EXPECT_EQ(detect_network_format("b.xml"), "graphml");
  EXPECT_EQ(detect_network_format("b.txt"), "edgelist");
  EXPECT_EQ(detect_network_format("edges"), "edgelist");
}

TEST_F(NetworkIo, EdgeListRoundTrip) {
  for (bool directed : {false, true}) {
    Network net;
    net.graph = gen::erdos_renyi_gnp(300, 0.01, 5, directed);  // has isolated nodes
    const auto p = dir_ / "rt.txt";
    write_edgelist(p, net);
    const Network back = read_edgelist(p, {.directed = directed, .ids = IdMode::Integer});
    expect_same_graph(back.graph, net.graph);
  }
  // Weighted, with weights that need every digit of a float.
  GraphBuilder b(5, {});
  b.add_edge(0, 1, 0.1f);
  b.add_edge(1, 2, 1.0f / 3.0f);
  b.add_edge(3, 4, 12345.678f);
  Network weighted;
  weighted.graph = std::move(b).build();
  const auto p = dir_ / "w.txt";
  write_edgelist(p, weighted);
  expect_same_graph(read_edgelist(p, {.weighted = true, .ids = IdMode::Integer}).graph,
                    weighted.graph);
}

TEST_F(NetworkIo, GraphmlRoundTrip) {
  for (bool directed : {false, true}) {
    Network net;
    net.graph = gen::erdos_renyi_gnp(200, 0.02, 7, directed);
    for (NodeId u = 0; u < 200; ++u) {
      net.labels.push_back(u % 3 == 0 ? "a & b" : "<c>");
      net.node_names.push_back("node \"" + std::to_string(u) + "\"");
    }
    const auto p = dir_ / "rt.graphml";
    write_graphml(p, net);
    const Network back = read_graphml(p, {.label_attribute = "label"});
    expect_same_graph(back.graph, net.graph);
    EXPECT_EQ(back.labels, net.labels);
    EXPECT_EQ(back.node_names, net.node_names);
  }
  // Without names the canonical ids n0, n1, ... leave node_names empty.
  GraphBuilder b(4, {.directed = true});
  b.add_edge(0, 3, 0.5f);
  b.add_edge(3, 1, 2.25f);
  Network weighted;
  weighted.graph = std::move(b).build();
  const auto p = dir_ / "w.graphml";
  write_graphml(p, weighted);
  const Network back = read_graphml(p, {.weighted = true});
  expect_same_graph(back.graph, weighted.graph);
  EXPECT_TRUE(back.node_names.empty());
  EXPECT_TRUE(back.labels.empty());
}

TEST_F(NetworkIo, GexfIsWellFormed) {
  Network net;
  net.graph = gen::watts_strogatz(50, 4, 0.2, 3);
  for (NodeId u = 0; u < 50; ++u) net.labels.push_back(u < 25 ? "left" : "right & co");
  const auto p = dir_ / "g.gexf";
  write_gexf(p, net);
  std::ifstream in(p);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  xml::Reader xml(text, p.string());
  std::size_t nodes = 0, edges = 0, attvalues = 0;
  std::string root, mode;
  for (xml::Event ev; (ev = xml.next()) != xml::Event::End;) {
    if (ev != xml::Event::StartElement) continue;
    if (xml.depth() == 1) root = xml.name();
    if (xml.name() == "graph") mode = *xml.attribute("defaultedgetype");
    nodes += xml.name() == "node";
    edges += xml.name() == "edge";
    if (xml.name() == "attvalue") {
      ++attvalues;
      const std::string& v = *xml.attribute("value");
      EXPECT_TRUE(v == "left" || v == "right & co") << v;
    }
  }
  EXPECT_EQ(root, "gexf");
  EXPECT_EQ(mode, "undirected");
  EXPECT_EQ(nodes, 50u);
  EXPECT_EQ(edges, 100u);
  EXPECT_EQ(attvalues, 50u);
}
