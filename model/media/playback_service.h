// Video playback for the studio, in plain C++ (no Qt): a worker thread decodes ahead into a bounded
// queue; the client pulls the frame due at the current time (the video's own timing, scaled by the
// rate), steps one frame forward or back, and seeks to any frame or time and gets exactly that frame.
// A negative rate plays backwards (a J/K/L shuttle): the worker decodes chunks of frames before the one
// on screen, each from its key frame forwards, and queues them in decreasing order.
// Memory stays bounded on any length of video: at most queueCapacity() decoded frames are held
// (`queueFrames` forwards, `queueFrames + reverseChunkFrames` backwards), plus the thumbnail cache's
// byte bound. All methods are thread-safe; the frame-ready callback runs on the
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
  std::size_t queueFrames = 8;  // decoded frames held ahead of the display, at most
  // Backwards, frames are decoded in chunks of this many (one seek + decode from the key frame each);
  // the next chunk is decoded while at most `queueFrames` frames of the last one wait to be shown.
  std::size_t reverseChunkFrames = 8;
  int maxWidth = 0;  // larger frames are scaled down to fit this box (0 = full size)
  int maxHeight = 0;
  int threads = 2;  // decoder threads
  std::size_t thumbnailBytes = std::size_t(64) << 20;
  FrameIndexOptions index;  // where the frame index comes from (and its progress/cancel)
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

  // Plays from the frame on screen in the rate's direction. Forwards after the end it starts again at
  // frame 0; backwards at frame 0 it stops at once (atStart()).
  void play();
  void pause();
  bool playing() const;
  // 1 = real time, 2 = twice as fast, -1 = backwards in real time. |rate| must lie in [1/8, 16]; 0 (use
  // pause()) and anything else throw sevila::Error. Changing direction keeps the frame on screen and
  // continues from it; while paused it only chooses what the next play() does.
  void setRate(double rate);
  double rate() const;

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
  bool atEnd() const;                 // played forwards through the last frame (and stopped)
  bool atStart() const;               // played backwards down to frame 0 (and stopped)

  std::size_t queuedFrames() const;
  std::size_t queuedBytes() const;
  std::size_t peakQueuedBytes() const;  // high-water mark of queuedBytes()
  std::size_t queueCapacity() const;    // frames the queue may hold in the current direction

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
