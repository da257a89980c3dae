// Keeping freed memory in the process. glibc hands every freed block above its mmap threshold (at most
// 32 MiB) back to the kernel, so each large activation of a real-size forward pass is page-faulted and
// zeroed again: on a 2-core CPU that was a tenth of a question's time. Disabling mmap for allocations
// and heap trimming lets malloc reuse the same pages; the peak RSS is what it was, but memory freed by
// the process stays mapped to it (for the next question or the next model).
#pragma once

namespace sevila {

// Applies the two malloc settings unless the user chose malloc's settings (GLIBC_TUNABLES naming
// glibc.malloc, or a MALLOC_*_ variable) or the C library is not glibc. Returns whether it applied them.
// Call once, early in main.
bool keepFreedMemoryForReuse();

}  // namespace sevila
