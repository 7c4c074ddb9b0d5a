// A std::allocator replacement that asks the kernel for transparent huge
// pages (2 MiB) for large arrays, and `HugeVector<T>` = std::vector<T> with it.
//
// Why: the big per-agent arrays of a 1e7-agent run (several GiB) are read at
// random positions (authors' cards, posts, co-members' slots, tallies). With
// 4 KiB pages nearly every such read also misses the TLB and walks page
// tables that no longer fit the caches; with 2 MiB pages the TLB covers
// gigabytes. Many kernels (this project's machines among them) give huge
// pages only to memory that asks for them (transparent_hugepage = madvise),
// so a block of at least kHugePageMinBytes is mapped 2 MiB aligned and
// advised with madvise(MADV_HUGEPAGE) before anything touches it (details in
// src/core/huge_pages.cpp); that also makes its first-touch page faults up to
// 512 times fewer. Smaller blocks, and every block on systems without
// madvise, come from ::operator new, so results never depend on it: only
// where the elements live changes. The allocator is stateless (all instances
// compare equal), so containers move and swap as with std::allocator. Safe
// under AddressSanitizer (the mappings get no redzones, smaller blocks do).
#pragma once

#include <cstddef>
#include <new>
#include <vector>

namespace microcosm {

inline constexpr std::size_t kHugePageBytes = std::size_t{2} << 20;
// Smaller blocks span only a huge page or two (few TLB entries to save) and
// stay with the ordinary allocator, which reuses freed memory without system
// calls.
inline constexpr std::size_t kHugePageMinBytes = std::size_t{4} << 20;

// Raw storage aligned to at least `align` (a power of two): huge-page
// aligned and advised when huge_pages_requested(bytes), else ::operator new.
// Pass the same bytes and align to huge_page_free. Throws std::bad_alloc.
void* huge_page_alloc(std::size_t bytes, std::size_t align);
void huge_page_free(void* p, std::size_t bytes, std::size_t align) noexcept;
// Whether a block of `bytes` takes the huge-page path on this system.
bool huge_pages_requested(std::size_t bytes) noexcept;

template <class T>
struct HugePageAllocator {
  using value_type = T;

  HugePageAllocator() noexcept = default;
  template <class U>
  HugePageAllocator(const HugePageAllocator<U>&) noexcept {}  // NOLINT: rebinding is implicit

  T* allocate(std::size_t n) {
    if (n > static_cast<std::size_t>(-1) / sizeof(T)) throw std::bad_array_new_length();
    return static_cast<T*>(huge_page_alloc(n * sizeof(T), alignof(T)));
  }
  void deallocate(T* p, std::size_t n) noexcept { huge_page_free(p, n * sizeof(T), alignof(T)); }

  template <class U>
  bool operator==(const HugePageAllocator<U>&) const noexcept {
    return true;
  }
};

template <class T>
using HugeVector = std::vector<T, HugePageAllocator<T>>;

}  // namespace microcosm
