// The cached frame index (model/media/frame_index.h): a sidecar is a cache, so bad bytes must give
// "rebuild" (nullptr), never an error; an index it accepts must answer lookups inside its frames.
#include "fuzz_input.h"
#include "media/frame_index.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto index = sevila::media::parseFrameIndexSidecar(text, "1234-0123456789abcdef");
  if (!index) return 0;
  const int64_t n = index->frameCount();
  for (const double t : {-1.0, 0.0, 0.5, 1e9}) {
    const int64_t f = index->frameAt(t);
    if (n > 0 && (f < 0 || f >= n)) __builtin_trap();
  }
  if (!index->timestamps.empty()) (void)index->findTimestamp(index->timestamps.back());
  (void)index->keyFrameBetween(0, n);
  (void)index->span();
  return 0;
}
