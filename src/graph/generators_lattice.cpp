// Periodic 2-D lattice. Each node adds its right and down neighbours (and,
// for Moore, the down-right and down-left diagonals); the torus wrap closes
// the rest, so every degree is 4 or 8.
#include <fmt/format.h>

#include "microcosm/core/error.hpp"
#include "microcosm/graph/generators.hpp"

namespace microcosm::gen {

CsrGraph lattice_2d(std::size_t width, std::size_t height, Neighbourhood neighbourhood) {
  if (width < 3 || height < 3) {
    throw ParameterError(fmt::format(
        "lattice: width = {} and height = {} must both be >= 3 (smaller periodic lattices "
        "would have self-loops or duplicate edges)",
        width, height));
  }
  const std::size_t n = width * height;
  const bool moore = neighbourhood == Neighbourhood::Moore;
  GraphBuilder b(n, {});
  b.reserve(n * (moore ? 4 : 2));
  auto id = [&](std::size_t x, std::size_t y) { return static_cast<NodeId>(y * width + x); };
  for (std::size_t y = 0; y < height; ++y) {
    const std::size_t down = (y + 1) % height;
    for (std::size_t x = 0; x < width; ++x) {
      const std::size_t right = (x + 1) % width;
      const std::size_t left = (x + width - 1) % width;
      b.add_edge(id(x, y), id(right, y));
      b.add_edge(id(x, y), id(x, down));
      if (moore) {
        b.add_edge(id(x, y), id(right, down));
        b.add_edge(id(x, y), id(left, down));
      }
    }
  }
  return std::move(b).build();
}

}  // namespace microcosm::gen
