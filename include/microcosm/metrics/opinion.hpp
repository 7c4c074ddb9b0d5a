// Distribution metrics of scalar opinions, shared by every continuous model.
// Definitions follow ../LITERATURE.md §11 and MODEL.md §8; each function is
// O(N) or O(N log N) and allocation-free apart from its result.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace microcosm::metrics {

double mean(std::span<const double> x) noexcept;
// Population variance (divides by N).
double variance(std::span<const double> x) noexcept;

// Pearson correlation of paired samples x[i], y[i] (spans of equal length),
// two-pass for accuracy. NaN when there are fewer than 2 pairs or either
// sample has zero variance. O(N).
double pearson(std::span<const double> x, std::span<const double> y) noexcept;

// SAS bimodality coefficient with bias-corrected (type 2) skewness and excess
// kurtosis (Pfister et al. 2013): (g^2 + 1) / (k + 3 (n-1)^2 / ((n-2)(n-3))).
// > 5/9 suggests bimodality. NaN for n < 4 or zero variance.
double bimodality_coefficient(std::span<const double> x) noexcept;

// Esteban–Ray polarization over `bins` equal bins on [lo, hi] with
// identification sensitivity alpha, normalised so two equal masses at lo
// and hi give 1 and a single mass gives 0. Values outside [lo, hi] count in
// the end bins; NaN values are ignored.
double esteban_ray(std::span<const double> x, double lo, double hi, int bins = 20,
                   double alpha = 1.6);

// Clusters of sorted-adjacent opinions whose consecutive gaps are <= gap.
// Returns the cluster sizes in increasing opinion order. NaN values are
// ignored.
std::vector<std::uint32_t> clusters_by_gap(std::span<const double> x, double gap);

// Clusters as runs of non-empty bins of a `bins`-bin histogram on [lo, hi]
// (MODEL.md §8): a run is one cluster. Returns sizes. Values outside
// [lo, hi] count in the end bins; NaN values are ignored.
std::vector<std::uint32_t> clusters_by_histogram(std::span<const double> x, double lo, double hi,
                                                 int bins = 200);

// Number of clusters holding at least `min_share` of the population.
std::size_t count_major(std::span<const std::uint32_t> sizes, std::size_t population,
                        double min_share) noexcept;

// Participation ratio (sum s)^2 / sum s^2 of cluster sizes.
double effective_number(std::span<const std::uint32_t> sizes) noexcept;

// Mean |x_i - x_j| over `pairs` random pairs i != j (exact over all pairs
// when N(N-1)/2 <= pairs). Deterministic for a given seed.
double mean_pairwise_distance(std::span<const double> x, std::uint64_t pairs, std::uint64_t seed);

// The standard scalar-opinion metric block used by continuous models:
// mean, variance, bimodality, esteban_ray, clusters, major_clusters,
// effective_clusters. `gap` defines clusters (see clusters_by_gap), clusters
// with >= major_share of agents are major.
struct OpinionMetricOptions {
  double lo = 0.0;
  double hi = 1.0;
  double gap = 1e-3;
  double major_share = 0.01;
};
std::vector<std::string> opinion_metric_names();
void opinion_metrics(std::span<const double> x, const OpinionMetricOptions& options,
                     std::span<double> out);

}  // namespace microcosm::metrics
