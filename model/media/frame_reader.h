// Frame-accurate access to any set of decoded frames by index (presentation order, as counted by the
// frame index). Seekable files: seek to the key frame at or before the wanted frame, decode forward and
// match by timestamp; a seek that lands after the frame steps back further, and a file whose
// timestamps turn out unreliable falls back to decoding from the start. Files without usable
// timestamps (raw MPEG-1 streams) are read in decode order. Frames spread over several key-frame groups
// are decoded by two decoders at once (see FrameReaderOptions::parallel). Not thread-safe: one reader
// per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "media/frame_index.h"
#include "media/frame_preprocess.h"
#include "media/frame_source.h"
#include "media/rgb_image.h"
#include "media/video_info.h"

namespace sevila::media {

struct FrameReaderOptions {
  int threads = 0;  // decoder threads, 0 = all cores
  // While seeking to H.264/HEVC frames, skip decoding non-reference pictures that are not wanted.
  // Playback turns this off so that readNext() after read() yields every frame.
  bool skipNonReference = true;
  // Reading frames from two key-frame groups or more, split them into two runs of about equal decoding
  // work and decode both at once with a second decoder (same frames, bit for bit, as one decoder).
  // 0 = when at least two cores are allowed (threads 0 or >= 2); 1 = never; 2 = whenever possible.
  int parallel = 0;
  FrameIndexOptions index;
};

struct FrameReaderStats {
  int seeks = 0;          // demuxer seeks done
  int64_t decoded = 0;    // pictures the decoder produced
  int rewinds = 0;        // restarts from the first frame
  int parallelReads = 0;  // reads split over two decoders
};

class FrameReader : public FrameSource {
public:
  // Opens the file and loads or builds its frame index; throws sevila::Error for bad input.
  explicit FrameReader(const std::string& path, FrameReaderOptions options = {});
  ~FrameReader() override;
  FrameReader(const FrameReader&) = delete;
  FrameReader& operator=(const FrameReader&) = delete;

  const VideoInfo& info() const override;  // with frameCount and the index's warnings
  const FrameIndex& index() const override;
  std::shared_ptr<const FrameIndex> sharedIndex() const;

  // The frames at `indices` (any order, repeats allowed), converted to `format`, in the order asked.
  // Throws sevila::Error for an index outside [0, frameCount).
  std::vector<RgbImage> read(const std::vector<int64_t>& indices, const FrameFormat& format) override;
  RgbImage read(int64_t index, const FrameFormat& format);
  // The frame after the last one read (playback), or nullopt at the end of the video. Starts at frame 0
  // when nothing was read yet.
  std::optional<RgbImage> readNext(const FrameFormat& format);

  // Warnings collected so far (index pass, decoding, fallbacks).
  std::vector<std::string> warnings() const override;
  const FrameReaderStats& stats() const;

private:
  struct Impl;
  std::unique_ptr<Impl> d;
};

}  // namespace sevila::media
