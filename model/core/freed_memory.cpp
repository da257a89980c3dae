#include "core/freed_memory.h"

#include <cstdlib>
#include <cstring>
#include <initializer_list>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace sevila {

namespace {
bool userConfiguredMalloc() {
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  if (tunables && std::strstr(tunables, "glibc.malloc.")) return true;
  for (const char* name : {"MALLOC_MMAP_MAX_", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_",
                           "MALLOC_TOP_PAD_", "MALLOC_ARENA_MAX"})
    if (std::getenv(name)) return true;
  return false;
}
}  // namespace

bool keepFreedMemoryForReuse() {
#if defined(__GLIBC__)
  if (userConfiguredMalloc()) return false;
  // mallopt's manual: M_MMAP_MAX 0 serves large requests from the heap; M_TRIM_THRESHOLD -1 never trims it.
  return mallopt(M_MMAP_MAX, 0) == 1 && mallopt(M_TRIM_THRESHOLD, -1) == 1;
#else
  return false;
#endif
}

}  // namespace sevila
