#include "engine/feature_cache_location.h"

#include <cstdlib>

namespace sevila::engine {

std::string defaultFeatureCacheDirectory() {
  if (const char* dir = std::getenv("SEVILA_CACHE_DIR"); dir && *dir) return std::string(dir) + "/features";
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
    return std::string(xdg) + "/sevila/features";
  if (const char* home = std::getenv("HOME"); home && *home)
    return std::string(home) + "/.cache/sevila/features";
  return "/tmp/sevila-features";
}

std::shared_ptr<FeatureCache> openFeatureCache(const std::string& directory, uint64_t capBytes) {
  return std::make_shared<FeatureCache>(directory.empty() ? defaultFeatureCacheDirectory() : directory,
                                        capBytes);
}

}  // namespace sevila::engine
