// A video handed over as still pictures, one per frame with its time: what `sevila serve` answers on
// when it cannot read the client's file (the studio uploads the frames it sampled). Every picture is
// checked when the set is made: JPEG or PNG by its signature, its size read from the header before
// anything is decoded (a small file cannot claim a huge canvas), then decoded once; frames are decoded
// again when read, so many uploads stay small in memory. The content key is a SHA-256 of every
// picture and time, so the feature cache serves a repeated upload and no crafted upload can take
// another's cached features.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "media/frame_source.h"

namespace sevila::media {

struct Picture {
  std::string bytes;   // a JPEG or PNG file's bytes
  double seconds = 0;  // when it is shown
};

struct PictureLimits {
  int maxPictures = 1024;
  int maxSide = 4096;  // pixels, either side
};

class PictureFrames : public FrameSource {
public:
  // `name` names the set in messages and results. Times must be finite, >= 0 and strictly increasing.
  // Throws sevila::Error naming the picture and the reason.
  PictureFrames(std::string name, std::vector<Picture> pictures, PictureLimits limits = {});

  const VideoInfo& info() const override;
  const FrameIndex& index() const override;
  std::vector<RgbImage> read(const std::vector<int64_t>& indices, const FrameFormat& format) override;
  std::vector<std::string> warnings() const override { return {}; }

  size_t bytes() const { return m_bytes; }  // the pictures' encoded size

private:
  std::vector<Picture> m_pictures;
  VideoInfo m_info;
  FrameIndex m_index;
  size_t m_bytes = 0;
};

// The width and height a JPEG (SOF segment) or PNG (IHDR) header states, without decoding; false for
// anything else or a truncated header.
bool pictureSize(const std::string& bytes, int& width, int& height);

}  // namespace sevila::media
