// Where the vision feature cache lives by default: $SEVILA_CACHE_DIR/features, else
// $XDG_CACHE_HOME/sevila/features, else ~/.cache/sevila/features; 4 GiB unless told otherwise.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "engine/feature_cache.h"

namespace sevila::engine {

constexpr uint64_t kDefaultFeatureCacheBytes = uint64_t(4) << 30;

std::string defaultFeatureCacheDirectory();
// `directory` empty = the default one.
std::shared_ptr<FeatureCache> openFeatureCache(const std::string& directory,
                                               uint64_t capBytes = kDefaultFeatureCacheBytes);

}  // namespace sevila::engine
