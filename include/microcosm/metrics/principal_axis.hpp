// The leading principal axis of a population's positions: issue alignment
// (lambda_1 / tr Sigma) and the first-principal-component scores on which
// the opinion statistics are repeated (MODEL.md §8).
#pragma once

#include <span>
#include <vector>

namespace microcosm::metrics {

struct LeadingAxis {
  std::vector<double> axis;  // unit eigenvector, first nonzero entry positive
  double lambda = 0.0;       // its eigenvalue
};

// Leading eigenpair of a symmetric positive semi-definite `dims` x `dims`
// matrix (row-major) by 100 power iterations from (1, ..., 1). A zero matrix
// gives lambda = 0 and the axis e_0. The sign of an eigenvector is arbitrary;
// fixing it keeps scores comparable from one recorded step to the next.
LeadingAxis leading_axis(std::span<const double> matrix, int dims);

// Position of x along `axis`, v.x / ||v||_1: points of the cube [-1, 1]^dims
// map into [-1, 1], the cube's corners farthest along v to +-1, and the
// score is x_0 itself when the axis is e_0. Clamped against rounding.
double axis_score(std::span<const double> axis, const double* x) noexcept;

}  // namespace microcosm::metrics
