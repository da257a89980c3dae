// The forward chain's options (frames, keyframes, ranking, mode, baselines, batch, feature cache),
// declared once for `answer` and `run`, with engine::ChainOptions' defaults.
#pragma once

#include <memory>

#include "arguments.h"
#include "engine/forward_chain.h"
#include "option_set.h"

namespace sevila::engine {
class FeatureCache;
}

namespace sevila::cli {

const OptionSet& chainOptions();
// ChainOptions from the arguments; what is not given keeps engine::ChainOptions' default.
engine::ChainOptions chainOptionsFrom(const Arguments& args);
// The feature cache --cache / --no-cache ask for (null for --no-cache).
std::shared_ptr<engine::FeatureCache> featureCacheFrom(const Arguments& args);

}  // namespace sevila::cli
