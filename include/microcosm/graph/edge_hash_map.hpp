// Open-addressing hash map from a 64-bit edge key (u << 32 | v) to a small
// value. Linear probing with backward-shift deletion (no tombstones), so a
// long run of inserts and erases never degrades lookups; load factor <= 1/2.
// One flat array, no allocation per entry: the dynamic follow graph and the
// Watts–Strogatz rewiring use it where std::unordered_map would allocate a
// node per edge.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "microcosm/core/rng.hpp"
#include "microcosm/graph/csr_graph.hpp"

namespace microcosm {

constexpr std::uint64_t edge_key(NodeId u, NodeId v) noexcept {
  return (static_cast<std::uint64_t>(u) << 32) | v;
}

template <class Value>
class EdgeHashMap {
 public:
  // No valid edge has this key: node id 2^32 - 1 never exists (GraphBuilder
  // limits graphs to fewer nodes).
  static constexpr std::uint64_t kEmpty = ~std::uint64_t{0};

  EdgeHashMap() = default;
  explicit EdgeHashMap(std::size_t expected) { reserve(expected); }

  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }

  // Makes room for `count` entries without rehashing.
  void reserve(std::size_t count) {
    std::size_t cap = 16;
    while (cap < 2 * count) cap *= 2;
    if (cap > slots_.size()) rehash(cap);
  }

  void clear() noexcept {
    for (auto& s : slots_) s.key = kEmpty;
    size_ = 0;
  }

  // Pointer to the value of `key`, or nullptr. Valid until the next insert
  // or erase.
  Value* find(std::uint64_t key) noexcept {
    if (slots_.empty()) return nullptr;
    for (std::size_t i = home(key);; i = (i + 1) & mask_) {
      if (slots_[i].key == key) return &slots_[i].value;
      if (slots_[i].key == kEmpty) return nullptr;
    }
  }
  const Value* find(std::uint64_t key) const noexcept {
    return const_cast<EdgeHashMap*>(this)->find(key);
  }
  bool contains(std::uint64_t key) const noexcept { return find(key) != nullptr; }

  // Hints that `key` will be looked up soon (bulk loads issue this a few
  // keys ahead to overlap cache misses).
  void prefetch(std::uint64_t key) const noexcept {
    if (!slots_.empty()) __builtin_prefetch(&slots_[home(key)]);
  }

  // Inserts key -> value if absent. Returns false (and leaves the map
  // unchanged) when the key is already present.
  bool insert(std::uint64_t key, Value value) {
    if (2 * (size_ + 1) > slots_.size()) rehash(slots_.empty() ? 16 : 2 * slots_.size());
    for (std::size_t i = home(key);; i = (i + 1) & mask_) {
      if (slots_[i].key == key) return false;
      if (slots_[i].key == kEmpty) {
        slots_[i].key = key;
        slots_[i].value = std::move(value);
        ++size_;
        return true;
      }
    }
  }

  // Removes key; returns whether it was present.
  bool erase(std::uint64_t key) noexcept {
    if (slots_.empty()) return false;
    std::size_t i = home(key);
    while (slots_[i].key != key) {
      if (slots_[i].key == kEmpty) return false;
      i = (i + 1) & mask_;
    }
    // Backward shift: move later members of the probe run into the hole
    // unless their home slot lies cyclically in (hole, j].
    std::size_t hole = i;
    for (std::size_t j = (hole + 1) & mask_; slots_[j].key != kEmpty; j = (j + 1) & mask_) {
      const std::size_t h = home(slots_[j].key);
      const bool stays = hole <= j ? (h > hole && h <= j) : (h > hole || h <= j);
      if (stays) continue;
      slots_[hole] = std::move(slots_[j]);
      hole = j;
    }
    slots_[hole].key = kEmpty;
    --size_;
    return true;
  }

  std::size_t memory_bytes() const noexcept { return slots_.capacity() * sizeof(Slot); }

 private:
  // Key and value side by side: one cache line per probe.
  struct Slot {
    std::uint64_t key = kEmpty;
    Value value{};
  };

  std::size_t home(std::uint64_t key) const noexcept { return mix64(key) & mask_; }

  void rehash(std::size_t capacity) {
    std::vector<Slot> old(capacity);
    old.swap(slots_);
    mask_ = capacity - 1;
    for (auto& s : old) {
      if (s.key == kEmpty) continue;
      std::size_t j = home(s.key);
      while (slots_[j].key != kEmpty) j = (j + 1) & mask_;
      slots_[j] = std::move(s);
    }
  }

  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

}  // namespace microcosm
