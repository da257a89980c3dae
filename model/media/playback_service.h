// Video playback for the studio, in plain C++ (no Qt): a worker thread decodes ahead into a bounded
// queue; the client pulls the frame due at the current time (the video's own timing, scaled by the
// rate), steps one frame forward or back, and seeks to any frame or time and gets exactly that frame.
// Memory stays bounded on any length of video: at most `queueFrames` decoded frames are held, plus the
// thumbnail cache's byte bound. All methods are thread-safe; the frame-ready callback runs on the
// worker thread (a GUI posts an event from it and calls pull() on its own thread).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "media/frame_index.h"
#include "media/rgb_image.h"
#include "media/thumbnail_cache.h"
#include "media/video_info.h"

namespace sevila::media {

struct PlaybackOptions {
  std::size_t queueFrames = 8;   // decoded frames held ahead of the display, at most
  int maxWidth = 0;              // larger frames are scaled down to fit this box (0 = full size)
  int maxHeight = 0;
  int threads = 2;               // decoder threads
  std::size_t thumbnailBytes = std::size_t(64) << 20;
  FrameIndexOptions index;       // where the frame index comes from (and its progress/cancel)
};

struct PlaybackPosition {
  int64_t frame = -1;  // index of the frame on screen, -1 before the first
  double seconds = 0;  // its presentation time
};

class PlaybackService {
public:
  using Clock = std::chrono::steady_clock;

  // Opens the video and loads or builds its frame index (a decode pass on first use); throws
  // sevila::Error for bad input. Starts paused; the first frame is ready to pull.
  explicit PlaybackService(const std::string& path, PlaybackOptions options = {});
  ~PlaybackService();  // stops and joins the worker
  PlaybackService(const PlaybackService&) = delete;
  PlaybackService& operator=(const PlaybackService&) = delete;

  const VideoInfo& info() const;
  std::shared_ptr<const FrameIndex> index() const;

  void play();
  void pause();
  bool playing() const;
  void setRate(double rate);  // 1 = real time

  void seekToFrame(int64_t frame);     // clamped to the video
  void seekToSeconds(double seconds);  // the frame shown at that time
  void stepForward();                  // pauses, then shows the next frame
  void stepBackward();                 // pauses, then shows the previous frame

  // The frame to show at `now` when it changed since the last call: while playing the latest frame
  // whose time has come (late frames are dropped); after a seek or step exactly the frame asked for.
  std::optional<RgbImage> pull(Clock::time_point now = Clock::now());
  // Waits up to `timeout` for pull() to have a frame, then pulls.
  std::optional<RgbImage> waitFrame(std::chrono::milliseconds timeout);
  void setFrameReadyCallback(std::function<void()> callback);

  PlaybackPosition position() const;  // of the last frame pull() returned
  bool atEnd() const;                 // played through the last frame

  std::size_t queuedFrames() const;
  std::size_t queuedBytes() const;
  std::size_t peakQueuedBytes() const;  // high-water mark of queuedBytes()
  std::size_t queueCapacity() const;

  // A frame scaled to fit maxWidth×maxHeight, from the thumbnail cache or decoded on the calling thread
  // (by a reader separate from playback's). For timeline and keyframe strips.
  RgbImage thumbnail(int64_t frame, int maxWidth, int maxHeight);
  std::vector<RgbImage> thumbnails(const std::vector<int64_t>& frames, int maxWidth, int maxHeight);
  const ThumbnailCache& thumbnailCache() const;

  std::vector<std::string> warnings() const;

private:
  struct Impl;
  std::unique_ptr<Impl> d;
};

}  // namespace sevila::media
