// Bounded confidence, the influence rule shared by the classic models
// (Deffuant, Hegselmann–Krause, algorithmic bias) and the micro-identity
// model's assimilation (MODEL.md §4.4, §4.5). One definition, so that the
// micro-identity model reduced to its influence rule (MODEL.md §7 fact 8)
// runs the same code the classic validations check. Inline: these run once
// per interaction in the hottest loops.
#pragma once

namespace microcosm::mechanisms {

// The confidence bound as each paper writes it. Deffuant et al. (2000) let
// agents interact when |x - x'| < d (open); Hegselmann & Krause (2002)
// average over |x_i - x_j| <= eps (closed), and MODEL.md §4.4 assimilates
// at d <= eps_i. The two differ only when a distance equals the bound
// exactly; each model keeps its paper's form so it reproduces it bit for bit.
enum class Bound { Open, Closed };

template <Bound B>
constexpr bool within_confidence(double distance, double bound) noexcept {
  if constexpr (B == Bound::Open) {
    return distance < bound;
  } else {
    return distance <= bound;
  }
}

// One-sided assimilation: x moves the share mu of the way toward y, in every
// dimension (the reader's update of Deffuant's rule; a feed item or a
// mainstream item does not move).
// Items may carry their position in single precision (the difference is
// then taken in double).
template <class Position>
inline void assimilate(double* x, const Position* y, int dims, double mu) noexcept {
  for (int d = 0; d < dims; ++d) x[d] += mu * (y[d] - x[d]);
}

// The pull of j on i in a pair exchange, mu of the gap (used alone where
// several contacts of one step are accumulated and averaged, MODEL.md §4.5).
inline double pull(double xi, double xj, double mu) noexcept { return mu * (xj - xi); }

// Deffuant's pair update in one dimension: both move mu of the way toward
// each other, from the old values (mu = 1/2 meets halfway). Returns the
// change of x_i.
inline double exchange(double& xi, double& xj, double mu) noexcept {
  const double delta = pull(xi, xj, mu);
  xi += delta;
  xj -= delta;
  return delta;
}

}  // namespace microcosm::mechanisms
