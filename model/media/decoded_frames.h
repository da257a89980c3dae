// A video's frames decoded ahead of time (engine/frame_prefetch.h): the engine reads them as it would
// read the video. The frames decoded ahead at one format are served from memory; any other frame or
// format is read from the video itself, so a plan that missed a frame costs time, never a wrong answer.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "media/frame_source.h"

namespace sevila::media {

class DecodedFrames : public FrameSource {
public:
  // Decodes `indices` of `source` at `format` now (the caller's thread); throws what the source throws.
  DecodedFrames(std::unique_ptr<FrameSource> source, const std::vector<int64_t>& indices, FrameFormat format);

  const VideoInfo& info() const override { return m_source->info(); }
  const FrameIndex& index() const override { return m_source->index(); }
  std::vector<RgbImage> read(const std::vector<int64_t>& indices, const FrameFormat& format) override;
  std::vector<std::string> warnings() const override { return m_source->warnings(); }

  int64_t decodedAhead() const { return static_cast<int64_t>(m_frames.size()); }
  int64_t readLater() const { return m_readLater; }  // frames read from the video since (not decoded ahead)

private:
  std::unique_ptr<FrameSource> m_source;
  FrameFormat m_format;
  std::map<int64_t, RgbImage> m_frames;
  int64_t m_readLater = 0;
};

}  // namespace sevila::media
