// GraphML reader on the small pull parser in xml_reader.hpp. Reads <key>
// declarations, the first <graph> with its <node>s and <edge>s and their
// <data>; anything else (yEd graphics inside <data>, <desc>, foreign
// elements) is skipped. Edge endpoints are resolved as they are read; an
// edge naming a node declared later is kept aside and resolved at the end.
#include <charconv>
#include <cmath>
#include <deque>

#include <fmt/format.h>

#include "microcosm/core/error.hpp"
#include "microcosm/io/network_readers.hpp"
#include "name_index.hpp"
#include "text_file.hpp"
#include "xml_reader.hpp"

namespace microcosm {

namespace {

struct Key {
  std::string id, domain, name, type;  // domain: node, edge, graph, all, ...
  std::string default_value;
  bool has_default = false;
};

// One <edge>: endpoints resolved to ids (kNone while pending) and a weight.
struct EdgeRecord {
  std::uint32_t source = io_detail::NameIndex::kNone;
  std::uint32_t target = io_detail::NameIndex::kNone;
  float weight = 1.0f;
  bool has_weight = false;
};

// An edge whose endpoint was not declared yet when the edge was read.
struct PendingEdge {
  std::size_t edge;
  std::string source, target;
  std::size_t line;
};

std::string_view trim(std::string_view s) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

bool for_nodes(const Key& k) { return k.domain == "node" || k.domain == "all"; }
bool for_edges(const Key& k) { return k.domain == "edge" || k.domain == "all"; }

// A finite weight, or false.
bool parse_weight(std::string_view text, float& out) {
  double w = 0.0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), w);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || !std::isfinite(w)) {
    return false;
  }
  out = static_cast<float>(w);
  return true;
}

// k for an id "n<k>" with k in canonical decimal form, else SIZE_MAX.
std::size_t canonical_index(std::string_view id) {
  constexpr std::size_t kNot = ~std::size_t{0};
  if (id.size() < 2 || id[0] != 'n' || (id[1] == '0' && id.size() > 2)) return kNot;
  std::size_t k = 0;
  const auto [end, ec] = std::from_chars(id.data() + 1, id.data() + id.size(), k);
  return ec == std::errc() && end == id.data() + id.size() ? k : kNot;
}

}  // namespace

Network read_graphml(const std::filesystem::path& file, const GraphmlOptions& options,
                     ReadStats* stats) {
  const std::string name = file.string();
  xml::Reader xml(io_detail::read_text_file(file), name);

  std::vector<Key> keys;
  std::deque<std::string> node_ids;  // a deque: the index keeps views into it
  io_detail::NameIndex index;
  std::vector<std::size_t> node_lines;
  std::vector<std::string> node_label, node_name;  // raw data per node
  std::vector<char> has_label, has_name;
  std::vector<EdgeRecord> edges;
  std::vector<PendingEdge> pending;
  std::string edgedefault;
  bool in_first_graph = false, graph_done = false;

  auto key_named = [&](auto pred, std::string_view attr) -> const Key* {
    for (const auto& k : keys) {
      if (pred(k) && k.name == attr) return &k;
    }
    for (const auto& k : keys) {  // a key without attr.name may be named by its id
      if (pred(k) && k.name.empty() && k.id == attr) return &k;
    }
    return nullptr;
  };
  // Resolved at the first <graph> (GraphML declares keys before graphs).
  const Key* label_key = nullptr;
  const Key* name_key = nullptr;
  const Key* weight_key = nullptr;
  float default_weight = 1.0f;
  auto resolve_keys = [&] {
    if (!options.label_attribute.empty()) {
      label_key = key_named(for_nodes, options.label_attribute);
      if (!label_key) {
        xml.fail(fmt::format(
            "no node key with attr.name \"{}\" (label_attribute) is declared before the graph",
            options.label_attribute));
      }
    }
    name_key = key_named(for_nodes, "name");
    if (options.weighted) {
      weight_key = key_named(for_edges, "weight");
      if (!weight_key) weight_key = key_named(for_edges, "Weight");
      if (!weight_key) {
        xml.fail("weighted = true but no edge key with attr.name \"weight\" is declared before "
                 "the graph");
      }
      if (weight_key->has_default && !parse_weight(weight_key->default_value, default_weight)) {
        xml.fail(fmt::format("the default of key '{}' is not a finite number: '{}'",
                             weight_key->id, weight_key->default_value));
      }
    }
  };

  // While every node so far has the id "n<its index>" (as write_graphml and
  // many tools emit), endpoints "n<k>" resolve without a hash lookup.
  bool canonical = true;
  auto resolve = [&](const std::string& id) -> std::uint32_t {
    if (canonical) {
      const std::size_t k = canonical_index(id);
      if (k < node_lines.size()) return static_cast<std::uint32_t>(k);
    }
    return index.find(id);
  };

  enum class Ctx { GraphMl, Key, KeyDefault, Graph, Node, Edge, Data, Skip };
  std::vector<Ctx> stack;
  std::string text;  // character data of the current <data> / <default>
  const Key* data_key = nullptr;
  std::size_t data_line = 0;

  for (;;) {
    const xml::Event ev = xml.next();
    if (ev == xml::Event::End) break;
    const Ctx parent = stack.empty() ? Ctx::Skip : stack.back();
    if (ev == xml::Event::Text) {
      if (parent == Ctx::Data || parent == Ctx::KeyDefault) text += xml.text();
      continue;
    }
    if (ev == xml::Event::EndElement) {
      const Ctx closing = stack.back();
      stack.pop_back();
      if (closing == Ctx::KeyDefault) {
        keys.back().default_value = trim(text);
        keys.back().has_default = true;
      } else if (closing == Ctx::Data && data_key) {
        const Ctx owner = stack.back();
        if (owner == Ctx::Node) {
          if (data_key == label_key) {
            node_label.back() = trim(text);
            has_label.back() = 1;
          }
          if (data_key == name_key) {
            node_name.back() = trim(text);
            has_name.back() = 1;
          }
        } else if (owner == Ctx::Edge && data_key == weight_key) {
          const std::string_view value = trim(text);
          if (!parse_weight(value, edges.back().weight)) {
            xml.fail_at(data_line,
                        fmt::format("edge weight '{}' is not a finite number", value));
          }
          edges.back().has_weight = true;
        }
      } else if (closing == Ctx::Graph && in_first_graph) {
        in_first_graph = false;
        graph_done = true;
      }
      continue;
    }
    // StartElement
    const std::string_view tag = xml.local_name();
    Ctx ctx = Ctx::Skip;
    if (stack.empty()) {
      if (tag != "graphml") {
        xml.fail(fmt::format("root element is <{}>; a GraphML file starts with <graphml>",
                             xml.name()));
      }
      ctx = Ctx::GraphMl;
    } else if (parent == Ctx::GraphMl && tag == "key") {
      Key k;
      auto attr = [&](const char* a) {
        const std::string* v = xml.attribute(a);
        return v ? *v : std::string();
      };
      k.id = attr("id");
      if (k.id.empty()) xml.fail("<key> without an id");
      k.domain = attr("for");
      if (k.domain.empty()) k.domain = "all";
      k.name = attr("attr.name");
      k.type = attr("attr.type");
      keys.push_back(std::move(k));
      ctx = Ctx::Key;
    } else if (parent == Ctx::Key && tag == "default") {
      text.clear();
      ctx = Ctx::KeyDefault;
    } else if (parent == Ctx::GraphMl && tag == "graph") {
      if (!graph_done) {
        resolve_keys();
        const std::string* ed = xml.attribute("edgedefault");
        edgedefault = ed ? *ed : "directed";  // the GraphML schema's default
        if (edgedefault != "directed" && edgedefault != "undirected") {
          xml.fail(
              fmt::format("edgedefault = \"{}\" must be directed or undirected", edgedefault));
        }
        in_first_graph = true;
        ctx = Ctx::Graph;
      }
    } else if ((parent == Ctx::Node || parent == Ctx::Edge || parent == Ctx::Graph) &&
               tag == "graph") {
      xml.fail("nested graphs are not supported");
    } else if (parent == Ctx::Graph && tag == "node") {
      const std::string* id = xml.attribute("id");
      if (!id) xml.fail("<node> without an id");
      bool inserted = false;
      const std::uint32_t first = index.insert(node_ids.emplace_back(*id), inserted);
      if (!inserted) {
        xml.fail(fmt::format("node id '{}' is declared twice (first on line {})", *id,
                             node_lines[first]));
      }
      canonical = canonical && canonical_index(*id) == node_lines.size();
      node_lines.push_back(xml.line());
      node_label.emplace_back();
      node_name.emplace_back();
      has_label.push_back(0);
      has_name.push_back(0);
      ctx = Ctx::Node;
    } else if (parent == Ctx::Graph && tag == "edge") {
      const std::string* s = xml.attribute("source");
      const std::string* t = xml.attribute("target");
      if (!s || !t) xml.fail("<edge> needs both source and target");
      if (xml.attribute("sourceport") || xml.attribute("targetport")) {
        xml.fail("ports are not supported");
      }
      EdgeRecord& e = edges.emplace_back();
      e.source = resolve(*s);
      e.target = resolve(*t);
      if (e.source == io_detail::NameIndex::kNone || e.target == io_detail::NameIndex::kNone) {
        pending.push_back({edges.size() - 1, *s, *t, xml.line()});
      }
      ctx = Ctx::Edge;
    } else if (parent == Ctx::Graph && tag == "hyperedge") {
      xml.fail("hyperedges are not supported");
    } else if ((parent == Ctx::Node || parent == Ctx::Edge) && tag == "data") {
      const std::string* key = xml.attribute("key");
      if (!key) xml.fail("<data> without a key");
      data_key = nullptr;
      for (const auto& k : keys) {
        if (k.id == *key) data_key = &k;
      }
      data_line = xml.line();
      text.clear();
      ctx = Ctx::Data;
    } else if (parent == Ctx::Node && tag == "port") {
      xml.fail("ports are not supported");
    }
    stack.push_back(ctx);
  }
  if (!graph_done) xml.fail_at(1, "no <graph> element");

  for (const auto& p : pending) {
    EdgeRecord& e = edges[p.edge];
    e.source = index.find(p.source);
    e.target = index.find(p.target);
    if (e.source == io_detail::NameIndex::kNone || e.target == io_detail::NameIndex::kNone) {
      xml.fail_at(p.line, fmt::format("edge refers to undeclared node '{}'",
                                      e.source == io_detail::NameIndex::kNone ? p.source
                                                                               : p.target));
    }
  }

  const std::size_t n = node_ids.size();
  const bool directed = options.directed.value_or(edgedefault == "directed");
  GraphBuilder builder(n, {.directed = directed});
  builder.reserve(edges.size());
  std::size_t self_loops = 0;
  for (const auto& e : edges) {
    self_loops += e.source == e.target;
    if (options.weighted) {
      builder.add_edge(e.source, e.target, e.has_weight ? e.weight : default_weight);
    } else {
      builder.add_edge(e.source, e.target);
    }
  }

  Network net;
  net.graph = std::move(builder).build();
  if (label_key) {
    net.labels.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      if (has_label[i]) {
        net.labels[i] = std::move(node_label[i]);
      } else if (label_key->has_default) {
        net.labels[i] = label_key->default_value;
      } else {
        xml.fail_at(node_lines[i],
                    fmt::format("node '{}' has no \"{}\" value and the key has no default",
                                node_ids[i], options.label_attribute));
      }
    }
  }
  if (name_key) {
    net.node_names.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      net.node_names[i] = has_name[i]               ? std::move(node_name[i])
                          : name_key->has_default ? name_key->default_value
                                                  : node_ids[i];
    }
  } else if (!canonical) {
    net.node_names.assign(node_ids.begin(), node_ids.end());
  }
  if (stats) {
    stats->records = edges.size();
    stats->self_loops = self_loops;
    stats->duplicates = edges.size() - self_loops - net.graph.num_edges();
  }
  return net;
}

}  // namespace microcosm
