// Storage behind HugePageAllocator (microcosm/core/huge_pages.hpp). On Linux,
// a block of at least kHugePageMinBytes is its own anonymous mapping whose
// start is 2 MiB aligned (an over-sized mmap with the unaligned head and the
// unused tail unmapped), advised with madvise(MADV_HUGEPAGE) before first
// touch, so the page faults that fill it map transparent huge pages even
// where the system default is "madvise". The mapping ends at the block's end
// rounded to a base page, so the last, partial 2 MiB of a block gets base
// pages: no resident memory is wasted on rounding. A failed madvise (THP
// disabled, old kernel) is ignored: the block is then ordinary memory. Freeing
// unmaps it. Everything else, and every block on other systems, is
// ::operator new. AddressSanitizer does not instrument these mappings (no
// redzones) but accepts accesses to them.
#include "microcosm/core/huge_pages.hpp"

#include <cstdint>
#include <limits>

#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace microcosm {

namespace {

#if defined(__linux__) && defined(MADV_HUGEPAGE)
constexpr bool kMapHuge = true;

std::size_t base_page() noexcept {
  static const std::size_t page = [] {
    const long p = ::sysconf(_SC_PAGESIZE);
    return p > 0 ? static_cast<std::size_t>(p) : std::size_t{4096};
  }();
  return page;
}

std::size_t round_up(std::size_t bytes, std::size_t unit) noexcept {
  return (bytes + unit - 1) / unit * unit;
}

void* map_huge(std::size_t bytes) {
  if (bytes > std::numeric_limits<std::size_t>::max() / 2) throw std::bad_alloc();
  const std::size_t length = round_up(bytes, base_page());
  const std::size_t span = length + kHugePageBytes;
  void* raw = ::mmap(nullptr, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) throw std::bad_alloc();
  const auto start = reinterpret_cast<std::uintptr_t>(raw);
  const std::uintptr_t aligned = round_up(start, kHugePageBytes);
  const std::size_t head = aligned - start;
  const std::size_t tail = span - head - length;
  if (head > 0) ::munmap(raw, head);
  if (tail > 0) ::munmap(reinterpret_cast<void*>(aligned + length), tail);
  void* p = reinterpret_cast<void*>(aligned);
  ::madvise(p, length, MADV_HUGEPAGE);  // best effort, see above
  return p;
}

void unmap_huge(void* p, std::size_t bytes) noexcept { ::munmap(p, round_up(bytes, base_page())); }
#else
constexpr bool kMapHuge = false;
void* map_huge(std::size_t) { throw std::bad_alloc(); }
void unmap_huge(void*, std::size_t) noexcept {}
#endif

bool huge(std::size_t bytes) noexcept { return kMapHuge && bytes >= kHugePageMinBytes; }

}  // namespace

bool huge_pages_requested(std::size_t bytes) noexcept { return huge(bytes); }

void* huge_page_alloc(std::size_t bytes, std::size_t align) {
  if (huge(bytes)) return map_huge(bytes);
  if (align > __STDCPP_DEFAULT_NEW_ALIGNMENT__) return ::operator new(bytes, std::align_val_t(align));
  return ::operator new(bytes);
}

void huge_page_free(void* p, std::size_t bytes, std::size_t align) noexcept {
  if (p == nullptr) return;
  if (huge(bytes)) {
    unmap_huge(p, bytes);
    return;
  }
  if (align > __STDCPP_DEFAULT_NEW_ALIGNMENT__) {
    ::operator delete(p, std::align_val_t(align));
    return;
  }
  ::operator delete(p);
}

}  // namespace microcosm
