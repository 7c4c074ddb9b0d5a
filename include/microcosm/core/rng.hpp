// Random streams and samplers.
//
// There is no global generator. Every stream is derived from
// (seed, purpose, entity, step) by hashing, so a model can give each agent,
// each step or each phase its own stream; results then do not depend on the
// order in which threads run. The generator is counter based: output n of a
// stream with key k is mix64(k + (n + 1) * gamma), SplitMix64's construction,
// which passes BigCrush per stream. The samplers are our own (not <random>'s
// distributions, whose output differs between standard libraries) and their
// exact output is pinned by stability tests.
#pragma once

#include <cmath>
#include <cstdint>
#include <span>
#include <string_view>

namespace microcosm {

// 64x64 -> 128-bit product (a GCC/Clang extension; __extension__ keeps
// -Wpedantic quiet).
__extension__ using uint128 = unsigned __int128;

// SplitMix64 finaliser (Stafford variant 13): a bijective avalanche mix.
constexpr std::uint64_t mix64(std::uint64_t z) noexcept {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// FNV-1a hash of a purpose name, usable at compile time: purposes are spelt as
// strings in code ("dynamics", "init.opinion") for readability.
constexpr std::uint64_t purpose_id(std::string_view name) noexcept {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : name) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

// Key of the stream for (seed, purpose, entity, step). Each component passes
// through the mix so that neighbouring seeds, entities or steps give
// unrelated streams.
constexpr std::uint64_t stream_key(std::uint64_t seed, std::uint64_t purpose,
                                   std::uint64_t entity = 0,
                                   std::uint64_t step = 0) noexcept {
  std::uint64_t k = mix64(seed ^ 0x6a09e667f3bcc909ULL);
  k = mix64(k ^ purpose);
  k = mix64(k ^ (entity * 0x9e3779b97f4a7c15ULL + 0x3c6ef372fe94f82bULL));
  k = mix64(k ^ (step * 0xd1b54a32d192ed03ULL + 0xa54ff53a5f1d36f1ULL));
  return k;
}

class Rng {
 public:
  static constexpr std::uint64_t kGamma = 0x9e3779b97f4a7c15ULL;

  constexpr explicit Rng(std::uint64_t key) noexcept : state_(key) {}
  constexpr Rng(std::uint64_t seed, std::string_view purpose, std::uint64_t entity = 0,
                std::uint64_t step = 0) noexcept
      : state_(stream_key(seed, purpose_id(purpose), entity, step)) {}

  constexpr std::uint64_t next_u64() noexcept {
    state_ += kGamma;
    return mix64(state_);
  }

  // Uniform on [0, 1) with 53 random bits.
  double uniform() noexcept {
    return static_cast<double>(next_u64() >> 11) * 0x1.0p-53;
  }
  // Uniform on [a, b).
  double uniform(double a, double b) noexcept { return a + (b - a) * uniform(); }

  // Uniform integer in [0, n), n > 0, without modulo bias (Lemire 2019).
  std::uint64_t bounded(std::uint64_t n) noexcept {
    uint128 m = static_cast<uint128>(next_u64()) * n;
    auto low = static_cast<std::uint64_t>(m);
    if (low < n) {
      const std::uint64_t threshold = (0 - n) % n;
      while (low < threshold) {
        m = static_cast<uint128>(next_u64()) * n;
        low = static_cast<std::uint64_t>(m);
      }
    }
    return static_cast<std::uint64_t>(m >> 64);
  }

  bool bernoulli(double p) noexcept { return uniform() < p; }

  // Standard normal by the Marsaglia polar method; the spare deviate is kept
  // so consecutive calls consume a deterministic number of raw outputs.
  double normal() noexcept {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    double u, v, s;
    do {
      u = 2.0 * uniform() - 1.0;
      v = 2.0 * uniform() - 1.0;
      s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    const double f = std::sqrt(-2.0 * std::log(s) / s);
    spare_ = v * f;
    has_spare_ = true;
    return u * f;
  }
  double normal(double mean, double sd) noexcept { return mean + sd * normal(); }

  // Beta(a, b) from two gamma deviates (Marsaglia & Tsang 2000).
  double beta(double a, double b) noexcept {
    const double x = gamma(a);
    const double y = gamma(b);
    return x / (x + y);
  }
  double gamma(double shape) noexcept;

  // Index i with probability weights[i] / sum(weights), by a linear scan.
  // Returns weights.size() when every weight is zero. O(n): for repeated
  // draws from one distribution use AliasTable.
  std::size_t weighted_choice(std::span<const double> weights) noexcept;

  // Power-law variate on [lo, hi] with density ∝ x^(-exponent), exponent != 1,
  // by inverse transform.
  double power_law(double lo, double hi, double exponent) noexcept;

  std::uint64_t state() const noexcept { return state_; }

 private:
  std::uint64_t state_;
  double spare_ = 0.0;
  bool has_spare_ = false;
};

}  // namespace microcosm
