// Private helper of the partition metrics: group ids renumbered 0..K-1 so
// per-group totals fit in a vector of K entries.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "microcosm/graph/csr_graph.hpp"

namespace microcosm::metrics::detail {

struct DenseGroups {
  std::vector<std::uint32_t> id;  // per node, in [0, count) or kUnassigned
  std::size_t count = 0;
};

// Renumbers groups in order of first appearance. With
// unassigned_as_singletons every kUnassigned node gets a group of its own;
// otherwise it stays kUnassigned. O(N + largest id), or O(N log N) when the
// ids are sparse (largest id > 4N + 64).
DenseGroups dense_groups(std::span<const std::uint32_t> membership, bool unassigned_as_singletons);

// ParameterError unless membership has one entry per node of `graph`.
void check_membership(const CsrGraph& graph, std::span<const std::uint32_t> membership,
                      std::string_view function);

}  // namespace microcosm::metrics::detail
