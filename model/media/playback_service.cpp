#include "media/playback_service.h"

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "media/frame_preprocess.h"
#include "media/frame_reader.h"
#include "core/error.h"

namespace sevila::media {

struct PlaybackService::Impl {
  std::string path;
  PlaybackOptions options;
  std::unique_ptr<FrameReader> reader;  // used by the worker only once it runs
  std::shared_ptr<const FrameIndex> index;
  VideoInfo info;
  FrameFormat format;

  mutable std::mutex mutex;
  std::condition_variable workerWake;
  std::condition_variable clientWake;
  std::deque<RgbImage> queue;  // frames after the one on screen, in the direction of play
  std::size_t queueBytes = 0;
  std::size_t peakBytes = 0;
  bool stop = false;
  std::optional<int64_t> pendingSeek;
  bool seekBusy = false;       // a seek was asked for and its frame is not published yet
  int64_t seekTarget = 0;      // the frame of the latest seek (steps count from it while busy)
  uint64_t generation = 0;     // bumped whenever the queue's contents become wrong
  bool ended = false;          // the worker produced the last frame (first when backward) of this generation
  int64_t cursor = 0;          // the next frame the worker produces in this generation
  bool readerFollows = false;  // reader->readNext() yields `cursor` (forward continuation)
  std::optional<RgbImage> showNext;  // a seek's or step's frame, waiting for pull()
  bool playing = false;
  bool finished = false;  // stopped after the last frame
  bool started = false;   // stopped after frame 0, playing backward
  double rate = 1;
  Clock::time_point anchorTime;
  double anchorSeconds = 0;
  // play() and setRate() leave the anchoring to the next pull(now): the client's clock, not ours, says
  // when the frame on screen is (tests and GUIs may pass their own time).
  bool anchorPending = false;
  PlaybackPosition position;
  std::function<void()> callback;
  std::vector<std::string> errors;
  std::thread worker;

  std::mutex thumbMutex;
  std::unique_ptr<FrameReader> thumbReader;
  std::unique_ptr<ThumbnailCache> thumbs;

  int64_t frameCount() const { return index->frameCount(); }
  bool backward() const { return rate < 0; }
  std::size_t capacity() const { return options.queueFrames + (backward() ? options.reverseChunkFrames : 0); }

  // Whether the worker may decode more: forward one frame at a time, backward a whole chunk that must
  // fit next to what is queued (so the bound holds while it is being decoded).
  bool hasRoom() const {
    if (!backward()) return queue.size() < options.queueFrames;
    const std::size_t chunk =
        std::min<std::size_t>(options.reverseChunkFrames, static_cast<std::size_t>(cursor + 1));
    return queue.size() + chunk <= capacity();
  }

  // The frame the queue continues from: a pending seek's, an unpulled seek's, else the one on screen.
  int64_t baseFrame() const {
    if (seekBusy) return seekTarget;
    if (showNext) return showNext->frameIndex;
    return position.frame;
  }

  void clearQueue() {
    queue.clear();
    queueBytes = 0;
  }

  // The queue continues from frame `from` in the current direction (after a seek or a turn).
  void continueFrom(int64_t from) {
    cursor = backward() ? from - 1 : from + 1;
    ended = cursor < 0 || cursor >= frameCount();
    readerFollows = false;
  }

  void notify(std::unique_lock<std::mutex>& lock) {
    clientWake.notify_all();
    auto cb = callback;
    lock.unlock();
    if (cb) cb();
    lock.lock();
  }

  void reanchor(Clock::time_point now, double seconds) {
    anchorTime = now;
    anchorSeconds = seconds;
  }

  void requestSeek(int64_t frame) {
    pendingSeek = std::clamp<int64_t>(frame, 0, frameCount() - 1);
    seekTarget = *pendingSeek;
    seekBusy = true;
    showNext.reset();
    finished = started = false;
    workerWake.notify_all();
  }

  // Takes `queue.front()` (the caller checked it is there).
  RgbImage popFront() {
    queueBytes -= queue.front().bytes();
    RgbImage image = std::move(queue.front());
    queue.pop_front();
    workerWake.notify_all();
    return image;
  }

  void run() {
    std::unique_lock<std::mutex> lock(mutex);
    for (;;) {
      workerWake.wait(lock, [&] { return stop || pendingSeek || (!ended && hasRoom()); });
      if (stop) return;
      if (pendingSeek) {
        const int64_t target = *pendingSeek;
        pendingSeek.reset();
        const uint64_t gen = ++generation;
        clearQueue();
        ended = true;
        lock.unlock();
        std::optional<RgbImage> image;
        std::string error;
        try {
          image = reader->read(target, format);
        } catch (const std::exception& e) {
          error = e.what();
        }
        lock.lock();
        if (gen != generation || pendingSeek) continue;  // superseded by a newer request
        seekBusy = false;
        if (image) {
          showNext = std::move(image);
          continueFrom(target);
          readerFollows = !backward();  // the reader sits right after the target
        } else {
          errors.push_back(error);
        }
        notify(lock);
        continue;
      }
      // Forward: the next frame (readNext while the reader follows on). Backward: the chunk of frames
      // ending at the cursor, read in one go from its key frame and queued in decreasing order.
      const uint64_t gen = generation;
      const bool back = backward();
      const int64_t from = cursor;
      const bool follows = readerFollows;
      std::vector<int64_t> frames;
      if (back) {
        const int64_t lo = std::max<int64_t>(0, from - static_cast<int64_t>(options.reverseChunkFrames) + 1);
        for (int64_t f = from; f >= lo; --f) frames.push_back(f);
      }
      lock.unlock();
      std::vector<RgbImage> images;
      std::string error;
      try {
        if (back) {
          images = reader->read(frames, format);
        } else if (follows) {
          if (auto image = reader->readNext(format)) images.push_back(std::move(*image));
        } else {
          images.push_back(reader->read(from, format));
        }
      } catch (const std::exception& e) {
        error = e.what();
      }
      lock.lock();
      if (gen != generation || pendingSeek) continue;
      if (!error.empty()) errors.push_back(error);
      if (images.empty()) {
        ended = true;
        notify(lock);
        continue;
      }
      for (auto& image : images) {
        queueBytes += image.bytes();
        queue.push_back(std::move(image));
      }
      peakBytes = std::max(peakBytes, queueBytes);
      if (back) {
        continueFrom(frames.back());
      } else {
        continueFrom(queue.back().frameIndex);
        readerFollows = true;
      }
      notify(lock);
    }
  }
};

PlaybackService::PlaybackService(const std::string& path, PlaybackOptions options)
    : d(std::make_unique<Impl>()) {
  if (options.queueFrames < 1) options.queueFrames = 1;
  if (options.reverseChunkFrames < 1) options.reverseChunkFrames = 1;
  d->path = path;
  d->options = options;
  FrameReaderOptions readerOptions;
  readerOptions.threads = options.threads;
  readerOptions.skipNonReference = false;  // playback continues from a seek: every frame must come out
  readerOptions.index = options.index;
  d->reader = std::make_unique<FrameReader>(path, readerOptions);
  d->index = d->reader->sharedIndex();
  d->info = d->reader->info();
  d->thumbs = std::make_unique<ThumbnailCache>(options.thumbnailBytes);
  // Playback only ever scales down: a small video is shown at its own size (the view scales the picture).
  if (options.maxWidth > 0 && options.maxHeight > 0 &&
      (d->info.displayWidth > options.maxWidth || d->info.displayHeight > options.maxHeight)) {
    fitWithin(d->info.displayWidth, d->info.displayHeight, options.maxWidth, options.maxHeight,
              d->format.width, d->format.height);
  }
  d->pendingSeek = 0;
  d->seekBusy = true;
  d->worker = std::thread([this] { d->run(); });
}

PlaybackService::~PlaybackService() {
  {
    std::lock_guard<std::mutex> lock(d->mutex);
    d->stop = true;
    d->callback = nullptr;
  }
  d->workerWake.notify_all();
  if (d->worker.joinable()) d->worker.join();
}

const VideoInfo& PlaybackService::info() const {
  return d->info;
}
std::shared_ptr<const FrameIndex> PlaybackService::index() const {
  return d->index;
}

void PlaybackService::play() {
  std::lock_guard<std::mutex> lock(d->mutex);
  if (d->finished && !d->backward()) {
    d->requestSeek(0);
    d->position = {};
  }
  d->playing = true;
  d->anchorPending = true;
  d->workerWake.notify_all();
}

void PlaybackService::pause() {
  std::lock_guard<std::mutex> lock(d->mutex);
  d->playing = false;
}

bool PlaybackService::playing() const {
  std::lock_guard<std::mutex> lock(d->mutex);
  return d->playing;
}

void PlaybackService::setRate(double rate) {
  constexpr double kSlowest = 1.0 / 8, kFastest = 16;
  if (rate == 0) throw Error("playback rate", "0 is not a rate", "pause() stops playback");
  if (!(std::fabs(rate) >= kSlowest && std::fabs(rate) <= kFastest))
    throw Error("playback rate", "must lie between 1/8 and 16 times real time, forwards or backwards (got " +
                                     std::to_string(rate) + ")");
  std::lock_guard<std::mutex> lock(d->mutex);
  const bool turn = (rate < 0) != d->backward();
  d->rate = rate;
  d->anchorPending = true;
  if (!turn) return;
  // The queue holds frames for the other direction: drop them and continue from the frame on screen
  // (a busy seek continues in the new direction by itself once its frame is decoded).
  d->finished = d->started = false;
  if (d->seekBusy) return;
  ++d->generation;
  d->clearQueue();
  d->continueFrom(d->baseFrame());
  d->workerWake.notify_all();
}

double PlaybackService::rate() const {
  std::lock_guard<std::mutex> lock(d->mutex);
  return d->rate;
}

void PlaybackService::seekToFrame(int64_t frame) {
  std::lock_guard<std::mutex> lock(d->mutex);
  d->requestSeek(frame);
}

void PlaybackService::seekToSeconds(double seconds) {
  seekToFrame(d->index->frameAt(seconds));
}

void PlaybackService::stepForward() {
  std::lock_guard<std::mutex> lock(d->mutex);
  d->playing = false;
  const int64_t base = d->baseFrame();
  if (!d->seekBusy && !d->showNext && !d->backward() && !d->queue.empty() &&
      d->queue.front().frameIndex == base + 1) {
    d->showNext = d->popFront();  // already decoded
    d->clientWake.notify_all();
  } else if (base + 1 < d->frameCount()) {
    d->requestSeek(base + 1);
  }
}

void PlaybackService::stepBackward() {
  std::lock_guard<std::mutex> lock(d->mutex);
  d->playing = false;
  const int64_t base = d->baseFrame();
  if (!d->seekBusy && !d->showNext && d->backward() && !d->queue.empty() &&
      d->queue.front().frameIndex == base - 1) {
    d->showNext = d->popFront();  // already decoded
    d->started = false;
    d->clientWake.notify_all();
  } else {
    d->requestSeek(std::max<int64_t>(0, base - 1));
  }
}

std::optional<RgbImage> PlaybackService::pull(Clock::time_point now) {
  std::lock_guard<std::mutex> lock(d->mutex);
  if (d->showNext) {
    RgbImage image = std::move(*d->showNext);
    d->showNext.reset();
    d->position = {image.frameIndex, image.seconds};
    d->reanchor(now, image.seconds);
    d->anchorPending = false;
    return image;
  }
  if (!d->playing || d->seekBusy) return std::nullopt;
  if (d->anchorPending) {
    d->reanchor(now, d->position.frame >= 0 ? d->position.seconds : d->index->seconds.front());
    d->anchorPending = false;
  }
  std::optional<RgbImage> out;
  while (!d->queue.empty()) {
    // Backward the rate is negative and the frames' times decrease: the wait is positive either way.
    const double wait = (d->queue.front().seconds - d->anchorSeconds) / d->rate;
    const auto due =
        d->anchorTime + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(wait));
    if (due > now) break;
    out = d->popFront();
  }
  if (out) {
    d->position = {out->frameIndex, out->seconds};
  } else if (d->queue.empty() && d->ended) {
    d->playing = false;
    (d->backward() ? d->started : d->finished) = true;
  }
  return out;
}

std::optional<RgbImage> PlaybackService::waitFrame(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    if (auto image = pull()) return image;
    std::unique_lock<std::mutex> lock(d->mutex);
    if (Clock::now() >= deadline) return std::nullopt;
    if (!d->showNext && !d->playing && !d->seekBusy) return std::nullopt;  // nothing will come
    d->clientWake.wait_until(lock, std::min(deadline, Clock::now() + std::chrono::milliseconds(5)));
  }
}

void PlaybackService::setFrameReadyCallback(std::function<void()> callback) {
  std::lock_guard<std::mutex> lock(d->mutex);
  d->callback = std::move(callback);
}

PlaybackPosition PlaybackService::position() const {
  std::lock_guard<std::mutex> lock(d->mutex);
  return d->position;
}

bool PlaybackService::atEnd() const {
  std::lock_guard<std::mutex> lock(d->mutex);
  return d->finished;
}

bool PlaybackService::atStart() const {
  std::lock_guard<std::mutex> lock(d->mutex);
  return d->started;
}

std::size_t PlaybackService::queuedFrames() const {
  std::lock_guard<std::mutex> lock(d->mutex);
  return d->queue.size();
}

std::size_t PlaybackService::queuedBytes() const {
  std::lock_guard<std::mutex> lock(d->mutex);
  return d->queueBytes;
}

std::size_t PlaybackService::peakQueuedBytes() const {
  std::lock_guard<std::mutex> lock(d->mutex);
  return d->peakBytes;
}

std::size_t PlaybackService::queueCapacity() const {
  std::lock_guard<std::mutex> lock(d->mutex);
  return d->capacity();
}

std::vector<RgbImage> PlaybackService::thumbnails(const std::vector<int64_t>& frames, int maxWidth,
                                                  int maxHeight) {
  FrameFormat format;
  fitWithin(d->info.displayWidth, d->info.displayHeight, maxWidth, maxHeight, format.width, format.height);
  if (format.width <= 0) throw Error("thumbnail", "the thumbnail size must be positive");
  std::vector<RgbImage> out(frames.size());
  std::vector<int64_t> missing;
  for (std::size_t i = 0; i < frames.size(); ++i) {
    const int64_t f = std::clamp<int64_t>(frames[i], 0, d->frameCount() - 1);
    if (auto hit = d->thumbs->get({f, format.width, format.height}))
      out[i] = *hit;
    else
      missing.push_back(f);
  }
  if (!missing.empty()) {
    std::lock_guard<std::mutex> lock(d->thumbMutex);
    if (!d->thumbReader) {
      FrameReaderOptions readerOptions;
      readerOptions.threads = 1;
      readerOptions.index = d->options.index;
      d->thumbReader = std::make_unique<FrameReader>(d->path, readerOptions);
    }
    const auto decoded = d->thumbReader->read(missing, format);
    for (const auto& image : decoded) d->thumbs->put({image.frameIndex, format.width, format.height}, image);
    for (std::size_t i = 0; i < frames.size(); ++i) {
      if (!out[i].empty()) continue;
      const int64_t f = std::clamp<int64_t>(frames[i], 0, d->frameCount() - 1);
      for (const auto& image : decoded)
        if (image.frameIndex == f) out[i] = image;
    }
  }
  return out;
}

RgbImage PlaybackService::thumbnail(int64_t frame, int maxWidth, int maxHeight) {
  return thumbnails({frame}, maxWidth, maxHeight).front();
}

const ThumbnailCache& PlaybackService::thumbnailCache() const {
  return *d->thumbs;
}

std::vector<std::string> PlaybackService::warnings() const {
  std::vector<std::string> out = d->info.warnings;
  std::lock_guard<std::mutex> lock(d->mutex);
  out.insert(out.end(), d->errors.begin(), d->errors.end());
  return out;
}

}  // namespace sevila::media
