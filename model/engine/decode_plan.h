// What to decode of a video before the model asks for it (engine/frame_prefetch.h): frame indices and
// their format, named by a function the engine makes (SevilaEngine::decodePlan) and a worker calls.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "media/frame_preprocess.h"

namespace sevila::media {
class FrameSource;
}

namespace sevila::engine {

struct DecodePlan {
  std::vector<int64_t> frames;  // frame indices to decode
  media::FrameFormat format;
};
// Called on a worker thread with the opened video: must be safe on any thread.
using DecodePlanFn = std::function<DecodePlan(const media::FrameSource& video)>;

}  // namespace sevila::engine
