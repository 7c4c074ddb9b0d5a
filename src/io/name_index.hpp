// Internal: maps node names to ids 0..n-1 in insertion order. Open
// addressing over 32-byte slots holding the 64-bit hash, the id and, for
// names up to 18 bytes, the name itself, so a lookup of a short name costs
// one cache miss; longer names are compared through the caller's storage
// only when the hashes agree. Replaces
// std::unordered_map<std::string_view, ...>, which chased a list node per
// probe and dominated reading files with millions of named edges. The
// names themselves stay with the caller (views into the file text, or a
// vector of strings) and must outlive the index.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace microcosm::io_detail {

class NameIndex {
 public:
  static constexpr std::uint32_t kNone = ~std::uint32_t{0};

  explicit NameIndex(std::size_t expected = 0) { grow(expected); }

  std::size_t size() const noexcept { return names_.size(); }
  std::string_view name(std::uint32_t id) const noexcept { return names_[id]; }

  // Id of `name`, or kNone.
  std::uint32_t find(std::string_view name) const noexcept {
    const std::uint64_t h = hash(name);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.id == kNone) return kNone;
      if (s.hash == h && same(s, name)) return s.id;
    }
  }

  // Id of `name`, adding it (with the next id) if new. `inserted` tells
  // which happened.
  std::uint32_t insert(std::string_view name, bool& inserted) {
    if (2 * (names_.size() + 1) > slots_.size()) grow(2 * slots_.size());
    const std::uint64_t h = hash(name);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.id == kNone) {
        s = make_slot(h, static_cast<std::uint32_t>(names_.size()), name);
        names_.push_back(name);
        inserted = true;
        return s.id;
      }
      if (s.hash == h && same(s, name)) {
        inserted = false;
        return s.id;
      }
    }
  }

 private:
  static constexpr std::size_t kInline = 18;
  static constexpr std::uint8_t kLong = 0xFF;
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t id = kNone;
    std::uint8_t length = kLong;  // kLong: compare names_[id]
    char text[kInline + 1] = {};
  };
  static_assert(sizeof(Slot) == 32);

  static Slot make_slot(std::uint64_t h, std::uint32_t id, std::string_view name) noexcept {
    Slot s;
    s.hash = h;
    s.id = id;
    if (name.size() <= kInline) {
      s.length = static_cast<std::uint8_t>(name.size());
      for (std::size_t k = 0; k < name.size(); ++k) s.text[k] = name[k];
    }
    return s;
  }
  bool same(const Slot& s, std::string_view name) const noexcept {
    if (s.length == kLong) return names_[s.id] == name;
    return s.length == name.size() && std::string_view(s.text, s.length) == name;
  }

  // FNV-1a, then a SplitMix64 finaliser for the low bits used as the slot.
  static std::uint64_t hash(std::string_view s) noexcept {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (char c : s) {
      h ^= static_cast<unsigned char>(c);
      h *= 0x100000001b3ULL;
    }
    h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ULL;
    h = (h ^ (h >> 27)) * 0x94d049bb133111ebULL;
    return h ^ (h >> 31);
  }

  void grow(std::size_t want) {
    std::size_t cap = 16;
    while (cap < want || cap < 2 * names_.size()) cap *= 2;
    if (cap <= slots_.size()) return;
    slots_.assign(cap, Slot{});
    mask_ = cap - 1;
    for (std::uint32_t id = 0; id < names_.size(); ++id) {
      const std::uint64_t h = hash(names_[id]);
      std::size_t i = h & mask_;
      while (slots_[i].id != kNone) i = (i + 1) & mask_;
      slots_[i] = make_slot(h, id, names_[id]);
    }
  }

  std::vector<Slot> slots_;
  std::vector<std::string_view> names_;
  std::size_t mask_ = 0;
};

}  // namespace microcosm::io_detail
