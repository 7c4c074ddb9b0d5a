// Edge-list and label-file readers (GraphML is in graphml_reader.cpp).
#include "microcosm/io/network_readers.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <deque>
#include <limits>
#include <string_view>

#include <fmt/format.h>

#include "microcosm/core/error.hpp"
#include "name_index.hpp"
#include "text_file.hpp"

namespace microcosm {

namespace {

using io_detail::next_token;

// Largest id accepted in Integer mode: n = id + 1 must stay below the
// GraphBuilder limit.
constexpr std::uint64_t kMaxId = std::numeric_limits<NodeId>::max() - 2;

std::string shown(std::string_view token) {
  return token.size() > 40 ? std::string(token.substr(0, 40)) + "..." : std::string(token);
}

// Parses a non-negative integer id; nullopt-like: returns false on failure
// with `why` set.
bool parse_id(std::string_view token, std::uint64_t& id, std::string& why) {
  const auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), id);
  if (ec == std::errc() && end == token.data() + token.size()) {
    if (id > kMaxId) {
      why = fmt::format("node id {} is out of range (ids must be in [0, {}])", id, kMaxId);
      return false;
    }
    return true;
  }
  if (ec == std::errc::result_out_of_range) {
    why = fmt::format("node id {} is out of range (ids must be in [0, {}])", shown(token), kMaxId);
  } else {
    why = fmt::format("node id '{}' is not a non-negative integer (ids = \"integer\")",
                      shown(token));
  }
  return false;
}

// "# microcosm edge list: N nodes, ..." -> N.
bool header_node_count(std::string_view line, std::uint64_t& n) {
  constexpr std::string_view prefix = "# microcosm edge list: ";
  if (!line.starts_with(prefix)) return false;
  line.remove_prefix(prefix.size());
  const auto [end, ec] = std::from_chars(line.data(), line.data() + line.size(), n);
  const std::string_view tail(end, static_cast<std::size_t>(line.data() + line.size() - end));
  return ec == std::errc() && tail.starts_with(" nodes");
}

// Copy of g with extra isolated nodes up to n.
CsrGraph with_nodes(const CsrGraph& g, std::size_t n) {
  std::vector<EdgeIndex> offsets(g.offsets().begin(), g.offsets().end());
  offsets.resize(n + 1, offsets.back());
  return CsrGraph(std::move(offsets), std::vector<NodeId>(g.targets().begin(), g.targets().end()),
                  std::vector<float>(g.weights().begin(), g.weights().end()), g.directed());
}

}  // namespace

Network read_edgelist(const std::filesystem::path& file, const EdgeListOptions& options,
                      ReadStats* stats) {
  const std::string text = io_detail::read_text_file(file);
  const std::string name = file.string();
  auto fail = [&](std::size_t line, const std::string& why) -> void {
    throw InputError(fmt::format("{}:{}: {}", name, line, why));
  };

  std::vector<NodeId> src, dst;
  std::vector<float> weights;
  // Auto mode: names are views into `text`. Canonical decimal names map
  // through `direct`, others through `ids` (whose local ids translate to
  // node ids by `hashed_ids`).
  constexpr std::uint64_t kDirectLimit = std::uint64_t{1} << 28;
  constexpr NodeId kUnseen = std::numeric_limits<NodeId>::max();
  io_detail::NameIndex ids;
  std::vector<NodeId> hashed_ids;
  std::vector<NodeId> direct;
  std::vector<std::pair<NodeId, std::string_view>> numeric_names;
  std::uint64_t declared_n = 0, max_id = 0;
  std::size_t max_id_line = 0;
  std::size_t declared_line = 0;
  bool any = false, first_line = true;
  std::string why;

  auto node = [&](std::size_t line, std::string_view token) -> NodeId {
    if (options.ids == IdMode::Integer) {
      std::uint64_t id = 0;
      if (!parse_id(token, id, why)) fail(line, why);
      if (declared_line && id >= declared_n) {
        fail(line, fmt::format("node id {} is out of range [0, {}) declared on line {}", id,
                               declared_n, declared_line));
      }
      if (id >= max_id) {
        max_id = id;
        max_id_line = line;
      }
      return static_cast<NodeId>(id);
    }
    if (ids.size() + numeric_names.size() > kMaxId) fail(line, "too many distinct nodes");
    // Fast path for canonical decimal names ("0", "17", not "007"): a
    // direct table from the number to the id. Other names go through the
    // hash index; the two never share a name.
    std::uint64_t number = 0;
    const auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), number);
    if (ec == std::errc() && end == token.data() + token.size() &&
        (token.size() == 1 || token[0] != '0') && number < kDirectLimit) {
      if (number >= direct.size()) {
        direct.resize(std::max<std::size_t>(number + 1, 2 * direct.size()), kUnseen);
      }
      NodeId& slot = direct[number];
      if (slot == kUnseen) {
        slot = static_cast<NodeId>(ids.size() + numeric_names.size());
        numeric_names.emplace_back(slot, token);
      }
      return slot;
    }
    bool inserted = false;
    const std::uint32_t local = ids.insert(token, inserted);
    if (inserted) {
      hashed_ids.push_back(static_cast<NodeId>(ids.size() - 1 + numeric_names.size()));
    }
    return hashed_ids[local];
  };

  io_detail::for_each_line(text, [&](std::size_t line_no, std::string_view line) {
    if (first_line) {
      first_line = false;
      if (options.ids == IdMode::Integer && header_node_count(line, declared_n)) {
        declared_line = line_no;
        return;
      }
    }
    if (io_detail::skippable(line)) return;
    std::string_view rest = line;
    const std::string_view a = next_token(rest);
    const std::string_view b = next_token(rest);
    if (b.empty()) {
      fail(line_no, fmt::format("expected an edge 'source target{}', found '{}'",
                                options.weighted ? " weight" : "", shown(line)));
    }
    float w = 1.0f;
    if (options.weighted) {
      const std::string_view c = next_token(rest);
      double value = 0.0;
      const auto [end, ec] = std::from_chars(c.data(), c.data() + c.size(), value);
      if (c.empty() || ec != std::errc() || end != c.data() + c.size() || !std::isfinite(value)) {
        fail(line_no, c.empty() ? std::string("missing weight in the third column (weighted = true)")
                                : fmt::format("weight '{}' is not a finite number", shown(c)));
      }
      w = static_cast<float>(value);
    }
    src.push_back(node(line_no, a));
    dst.push_back(node(line_no, b));
    if (options.weighted) weights.push_back(w);
    any = true;
  });

  std::size_t n = ids.size() + numeric_names.size();
  if (options.ids == IdMode::Integer) {
    n = declared_line ? static_cast<std::size_t>(declared_n)
                      : (any ? static_cast<std::size_t>(max_id) + 1 : 0);
    // Ids are array indices here: one stray huge id would allocate memory
    // for billions of isolated nodes. Far sparser than any real network
    // means the ids are external numbers, which auto mode handles.
    const std::size_t plenty = 64 * src.size() + (std::size_t{1} << 20);
    if (!declared_line && n > plenty) {
      fail(max_id_line,
           fmt::format("node id {} would make a network of {} nodes for {} edges; for sparse "
                       "external ids use ids = \"auto\"",
                       max_id, n, src.size()));
    }
  }
  GraphBuilder builder(n, {.directed = options.directed});
  builder.reserve(src.size());
  std::size_t self_loops = 0;
  for (std::size_t e = 0; e < src.size(); ++e) {
    self_loops += src[e] == dst[e];
    if (options.weighted) builder.add_edge(src[e], dst[e], weights[e]);
    else builder.add_edge(src[e], dst[e]);
  }
  const std::size_t records = src.size();
  Network net;
  net.graph = std::move(builder).build();
  if (options.ids == IdMode::Auto) {
    net.node_names.resize(n);
    for (const auto& [id, node_name] : numeric_names) net.node_names[id] = node_name;
    for (std::uint32_t i = 0; i < ids.size(); ++i) net.node_names[hashed_ids[i]] = ids.name(i);
  }
  if (stats) {
    stats->records = records;
    stats->self_loops = self_loops;
    stats->duplicates = records - self_loops - net.graph.num_edges();
  }
  return net;
}

std::string detect_network_format(const std::filesystem::path& file) {
  std::string ext = file.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".graphml" || ext == ".xml" ? "graphml" : "edgelist";
}

void read_labels(const std::filesystem::path& file, Network& network, bool add_missing_nodes) {
  const std::string text = io_detail::read_text_file(file);
  const std::string name = file.string();
  auto fail = [&](std::size_t line, const std::string& why) -> void {
    throw InputError(fmt::format("{}:{}: {}", name, line, why));
  };
  const std::size_t n0 = network.num_nodes();
  const bool by_name = n0 > 0 && network.node_names.size() == n0;
  // Names of nodes the file adds; a deque keeps the views into it stable.
  std::deque<std::string> added;
  io_detail::NameIndex index(by_name ? n0 : 0);
  bool inserted = false;
  if (by_name) {
    for (const auto& node_name : network.node_names) index.insert(node_name, inserted);
  }
  std::vector<std::string> labels(n0);
  std::vector<std::size_t> labelled_on(n0, 0);  // line of each node's label, 0: none yet
  std::string why;

  io_detail::for_each_line(text, [&](std::size_t line_no, std::string_view line) {
    if (io_detail::skippable(line)) return;
    std::string_view rest = line;
    const std::string_view token = next_token(rest);
    while (!rest.empty() && io_detail::is_separator(rest.front())) rest.remove_prefix(1);
    while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\t' || rest.back() == '\r')) {
      rest.remove_suffix(1);
    }
    if (rest.empty()) fail(line_no, fmt::format("expected 'node label', found '{}'", shown(line)));
    std::size_t id = 0;
    if (by_name) {
      id = index.find(token);
      if (id == io_detail::NameIndex::kNone) {
        if (!add_missing_nodes) {
          fail(line_no, fmt::format("node '{}' is not in the network", shown(token)));
        }
        id = index.insert(added.emplace_back(token), inserted);
      }
    } else {
      std::uint64_t value = 0;
      if (!parse_id(token, value, why)) fail(line_no, why);
      id = static_cast<std::size_t>(value);
      if (id >= labels.size() && !add_missing_nodes) {
        fail(line_no, fmt::format("node {} is not in the network (it has {} nodes)", id, n0));
      }
      // Isolated nodes may be added, but not billions of them for one
      // stray id (the file has fewer lines than bytes).
      if (id >= n0 + text.size() + (std::size_t{1} << 20)) {
        fail(line_no, fmt::format("node {} is far outside the network's {} nodes", id, n0));
      }
    }
    if (id >= labels.size()) {
      labels.resize(id + 1);
      labelled_on.resize(id + 1, 0);
    }
    if (labelled_on[id]) {
      fail(line_no, fmt::format("node '{}' already has a label (line {})", shown(token),
                                labelled_on[id]));
    }
    labels[id] = std::string(rest);
    labelled_on[id] = line_no;
  });

  const std::size_t missing =
      static_cast<std::size_t>(std::count(labelled_on.begin(), labelled_on.end(), 0));
  if (missing > 0) {
    const auto first = static_cast<std::size_t>(
        std::find(labelled_on.begin(), labelled_on.end(), 0) - labelled_on.begin());
    const std::string node = by_name ? fmt::format("'{}'", network.node_names[first])
                                     : std::to_string(first);
    throw InputError(fmt::format(
        "{}: node {} has no label ({} of the network's {} nodes are missing from the label file)",
        name, node, missing, labels.size()));
  }
  if (labels.size() > n0) network.graph = with_nodes(network.graph, labels.size());
  if (by_name) {
    for (std::uint32_t i = static_cast<std::uint32_t>(n0); i < index.size(); ++i) {
      network.node_names.emplace_back(index.name(i));
    }
  }
  network.labels = std::move(labels);
}

}  // namespace microcosm
