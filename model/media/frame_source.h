// Where the engine's frames come from: a video file (FrameReader) or a video handed over as pictures
// (PictureFrames, what `sevila serve` answers on when it cannot read the client's file). Both index
// frames in presentation order with their times and name their content by a key for the caches.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "media/frame_index.h"
#include "media/frame_preprocess.h"
#include "media/rgb_image.h"
#include "media/video_info.h"

namespace sevila::media {

class FrameSource {
public:
  virtual ~FrameSource() = default;
  virtual const VideoInfo& info() const = 0;    // frameCount, fps, duration, a path or name for messages
  virtual const FrameIndex& index() const = 0;  // contentKey (cache keys) and every frame's seconds
  // The frames at `indices` (any order, repeats allowed), converted to `format`, in the order asked.
  // Throws sevila::Error for an index outside [0, frameCount).
  virtual std::vector<RgbImage> read(const std::vector<int64_t>& indices, const FrameFormat& format) = 0;
  virtual std::vector<std::string> warnings() const = 0;
};

}  // namespace sevila::media
