// Stochastic block model. Block pair (r, s), r <= s, is one Bernoulli field
// over its candidate pairs (a triangle when r == s, a rectangle otherwise),
// sampled by geometric skipping from the stream (seed, "gen.sbm", pair).
#include <cmath>

#include <fmt/format.h>

#include "geometric_skip.hpp"
#include "microcosm/core/error.hpp"
#include "microcosm/core/rng.hpp"
#include "microcosm/graph/generators.hpp"

namespace microcosm::gen {

std::vector<std::size_t> equal_block_sizes(std::size_t n, std::size_t blocks) {
  if (blocks < 1 || blocks > n) {
    throw ParameterError(
        fmt::format("sbm: blocks = {} is outside its valid range [1, n = {}]", blocks, n));
  }
  std::vector<std::size_t> sizes(blocks, n / blocks);
  for (std::size_t b = 0; b < n % blocks; ++b) ++sizes[b];
  return sizes;
}

std::vector<std::uint32_t> block_membership(std::span<const std::size_t> sizes) {
  std::vector<std::uint32_t> out;
  for (std::size_t b = 0; b < sizes.size(); ++b) {
    out.insert(out.end(), sizes[b], static_cast<std::uint32_t>(b));
  }
  return out;
}

CsrGraph stochastic_block_model(std::span<const std::size_t> sizes, std::span<const double> probs,
                                std::uint64_t seed) {
  const std::size_t B = sizes.size();
  if (B == 0) throw ParameterError("sbm: at least one block is required");
  if (probs.size() != B * B) {
    throw ParameterError(fmt::format(
        "sbm: the probability matrix has {} entries; {} blocks need {} x {} = {}", probs.size(), B,
        B, B, B * B));
  }
  for (std::size_t r = 0; r < B; ++r) {
    for (std::size_t s = 0; s < B; ++s) {
      const double p = probs[r * B + s];
      if (!(p >= 0.0 && p <= 1.0)) {
        throw ParameterError(
            fmt::format("sbm: probability [{}][{}] = {} is outside [0, 1]", r, s, p));
      }
      if (p != probs[s * B + r]) {
        throw ParameterError(fmt::format(
            "sbm: the probability matrix must be symmetric: [{}][{}] = {} but [{}][{}] = {}", r, s,
            p, s, r, probs[s * B + r]));
      }
    }
  }
  std::vector<std::size_t> start(B + 1, 0);
  for (std::size_t b = 0; b < B; ++b) start[b + 1] = start[b] + sizes[b];
  const std::size_t n = start[B];
  GraphBuilder builder(n, {});
  double expected = 0.0;
  for (std::size_t r = 0; r < B; ++r) {
    const auto a = static_cast<double>(sizes[r]);
    expected += probs[r * B + r] * a * (a - 1.0) / 2.0;
    for (std::size_t s = r + 1; s < B; ++s) {
      expected += probs[r * B + s] * a * static_cast<double>(sizes[s]);
    }
  }
  builder.reserve(static_cast<std::size_t>(expected + 4.0 * std::sqrt(expected) + 16.0));

  std::uint64_t pair_index = 0;
  for (std::size_t r = 0; r < B; ++r) {
    for (std::size_t s = r; s < B; ++s, ++pair_index) {
      const double p = probs[r * B + s];
      Rng rng(seed, "gen.sbm", pair_index);
      if (r == s) {
        // Row v holds the pairs (v, w), w < v, of the block's local ids.
        const std::uint64_t a = sizes[r];
        std::uint64_t v = 1, row_start = 0;  // index of pair (v, 0)
        detail::geometric_skip(rng, a * (a - (a > 0)) / 2, p, [&](std::uint64_t i) {
          while (i >= row_start + v) {
            row_start += v;
            ++v;
          }
          builder.add_edge(static_cast<NodeId>(start[r] + v),
                           static_cast<NodeId>(start[r] + (i - row_start)));
        });
      } else {
        const std::uint64_t cols = sizes[s];
        detail::geometric_skip(rng, sizes[r] * cols, p, [&](std::uint64_t i) {
          builder.add_edge(static_cast<NodeId>(start[r] + i / cols),
                           static_cast<NodeId>(start[s] + i % cols));
        });
      }
    }
  }
  return std::move(builder).build();
}

CsrGraph stochastic_block_model(std::span<const std::size_t> sizes, double p_in, double p_out,
                                std::uint64_t seed) {
  const std::size_t B = sizes.size();
  std::vector<double> probs(B * B, p_out);
  for (std::size_t b = 0; b < B; ++b) probs[b * B + b] = p_in;
  return stochastic_block_model(sizes, probs, seed);
}

}  // namespace microcosm::gen
