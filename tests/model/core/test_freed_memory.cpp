// keepFreedMemoryForReuse: a large block freed and allocated again is page-faulted again under glibc's
// defaults, and not once the setting is applied (the pages stay with the process). Counted with the
// kernel's minor page faults of this process.
#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>
#include <unistd.h>

#include "core/freed_memory.h"
#include "minitest.h"

namespace {

constexpr size_t kBlock = size_t{96} << 20;  // above glibc's largest mmap threshold (32 MiB)

long minorFaults() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_minflt;
}

// Faults taken while allocating kBlock, writing every page and freeing it.
long faultsOfOneBlock() {
  const long before = minorFaults();
  auto* block = static_cast<volatile char*>(std::malloc(kBlock));
  if (!block) return -1;
  const long page = sysconf(_SC_PAGESIZE);
  for (size_t i = 0; i < kBlock; i += static_cast<size_t>(page)) block[i] = 1;
  std::free(const_cast<char*>(block));
  return minorFaults() - before;
}

}  // namespace

TEST(freedBlocksAreReusedWithoutPageFaults) {
#if !defined(__GLIBC__) || defined(__SANITIZE_ADDRESS__)
  SKIP("needs glibc's own malloc");
#else
  const long pages = static_cast<long>(kBlock) / sysconf(_SC_PAGESIZE);
  const long defaultFirst = faultsOfOneBlock(), defaultAgain = faultsOfOneBlock();
  std::printf("  glibc defaults: %ld and %ld faults for %ld pages\n", defaultFirst, defaultAgain, pages);
  // mmap'd, returned, mapped afresh (unless the kernel backs it with huge pages: THP "always")
  if (defaultAgain < pages / 2) std::printf("  (few faults by default here: transparent huge pages?)\n");
  unsetenv("GLIBC_TUNABLES");
  CHECK(sevila::keepFreedMemoryForReuse());
  const long first = faultsOfOneBlock(), again = faultsOfOneBlock();
  std::printf("  kept for reuse: %ld and %ld faults\n", first, again);
  CHECK(again < pages / 100);
#endif
}

TEST(respectsTheUsersMallocSettings) {
  setenv("MALLOC_TRIM_THRESHOLD_", "1000000", 1);
  CHECK(!sevila::keepFreedMemoryForReuse());
  unsetenv("MALLOC_TRIM_THRESHOLD_");
  setenv("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1", 1);
  CHECK(!sevila::keepFreedMemoryForReuse());
  unsetenv("GLIBC_TUNABLES");
}

MINITEST_MAIN
