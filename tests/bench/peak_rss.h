// The process's peak resident memory so far, as every benchmark reports it.
#pragma once

#include <sys/resource.h>

namespace benchutil {

inline double peakRssMiB() {
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux reports KiB
}

}  // namespace benchutil
