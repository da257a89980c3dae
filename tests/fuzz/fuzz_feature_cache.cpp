// The feature cache's entries on disk (model/engine/feature_cache.h): a damaged entry must be a miss
// (and removed), never a wrong feature; an entry it accepts has the key and checksum it was stored with.
#include <ATen/core/Tensor.h>

#include <filesystem>
#include <fstream>

#include "engine/feature_cache.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string folder = sevila::fuzz::scratchFolder();
  sevila::engine::FeatureKey key;
  key.video = "1234-0123456789abcdef";
  key.frameIndex = 7;
  key.vision = "vision-fingerprint";
  key.preprocessing = "224-bilinear";
  const std::string entry = sevila::engine::FeatureCache(folder, 1 << 20).pathOf(key);
  std::filesystem::create_directories(std::filesystem::path(entry).parent_path());
  std::ofstream(entry, std::ios::binary)
      .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  sevila::engine::FeatureCache cache(folder, 1 << 20);
  const auto features = cache.load(key);
  if (!features && std::filesystem::exists(entry)) __builtin_trap();  // a damaged entry is removed
  return 0;
}
