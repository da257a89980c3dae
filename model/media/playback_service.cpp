#include "media/playback_service.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "media/frame_preprocess.h"
#include "media/frame_reader.h"
#include "nn/error.h"

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
  std::deque<RgbImage> queue;
  std::size_t queueBytes = 0;
  std::size_t peakBytes = 0;
  bool stop = false;
  std::optional<int64_t> pendingSeek;
  bool seekBusy = false;              // a seek was asked for and its frame is not published yet
  int64_t seekTarget = 0;             // the frame of the latest seek (steps count from it while busy)
  uint64_t generation = 0;
  bool ended = false;                 // the worker decoded the last frame of this generation
  std::optional<RgbImage> showNext;   // a seek's or step's frame, waiting for pull()
  bool playing = false;
  bool finished = false;
  double rate = 1;
  Clock::time_point anchorTime;
  double anchorSeconds = 0;
  PlaybackPosition position;
  std::function<void()> callback;
  std::vector<std::string> errors;
  std::thread worker;

  std::mutex thumbMutex;
  std::unique_ptr<FrameReader> thumbReader;
  std::unique_ptr<ThumbnailCache> thumbs;

  int64_t frameCount() const { return index->frameCount(); }

  void clearQueue() {
    queue.clear();
    queueBytes = 0;
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
    finished = false;
    workerWake.notify_all();
  }

  void run() {
    std::unique_lock<std::mutex> lock(mutex);
    for (;;) {
      workerWake.wait(lock, [&] { return stop || pendingSeek || (!ended && queue.size() < options.queueFrames); });
      if (stop) return;
      if (pendingSeek) {
        const int64_t target = *pendingSeek;
        pendingSeek.reset();
        const uint64_t gen = ++generation;
        clearQueue();
        ended = false;
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
        } else {
          errors.push_back(error);
          ended = true;
        }
        notify(lock);
        continue;
      }
      const uint64_t gen = generation;
      lock.unlock();
      std::optional<RgbImage> image;
      std::string error;
      try {
        image = reader->readNext(format);
      } catch (const std::exception& e) {
        error = e.what();
      }
      lock.lock();
      if (gen != generation || pendingSeek) continue;
      if (!error.empty()) errors.push_back(error);
      if (!image) {
        ended = true;
        notify(lock);
        continue;
      }
      queueBytes += image->bytes();
      peakBytes = std::max(peakBytes, queueBytes);
      queue.push_back(std::move(*image));
      notify(lock);
    }
  }
};

PlaybackService::PlaybackService(const std::string& path, PlaybackOptions options) : d(std::make_unique<Impl>()) {
  if (options.queueFrames < 1) options.queueFrames = 1;
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
    fitWithin(d->info.displayWidth, d->info.displayHeight, options.maxWidth, options.maxHeight, d->format.width,
              d->format.height);
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

const VideoInfo& PlaybackService::info() const { return d->info; }
std::shared_ptr<const FrameIndex> PlaybackService::index() const { return d->index; }

void PlaybackService::play() {
  std::lock_guard<std::mutex> lock(d->mutex);
  if (d->finished) {
    d->requestSeek(0);
    d->position = {};
  }
  d->playing = true;
  d->reanchor(Clock::now(), d->position.frame >= 0 ? d->position.seconds : d->index->seconds.front());
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
  std::lock_guard<std::mutex> lock(d->mutex);
  if (!(rate > 0)) throw Error("playback rate", "must be positive, got " + std::to_string(rate));
  d->rate = rate;
  d->reanchor(Clock::now(), d->position.seconds);
}

void PlaybackService::seekToFrame(int64_t frame) {
  std::lock_guard<std::mutex> lock(d->mutex);
  d->requestSeek(frame);
}

void PlaybackService::seekToSeconds(double seconds) { seekToFrame(d->index->frameAt(seconds)); }

void PlaybackService::stepForward() {
  std::lock_guard<std::mutex> lock(d->mutex);
  d->playing = false;
  if (d->seekBusy) {
    // A seek is being decoded: step from its target, not from the frame still on screen.
    d->requestSeek(d->seekTarget + 1);
  } else if (d->showNext) {
    d->requestSeek(d->showNext->frameIndex + 1);
  } else if (!d->queue.empty() && d->queue.front().frameIndex == d->position.frame + 1) {
    d->queueBytes -= d->queue.front().bytes();
    d->showNext = std::move(d->queue.front());
    d->queue.pop_front();
    d->workerWake.notify_all();
    d->clientWake.notify_all();
  } else if (d->position.frame + 1 < d->frameCount()) {
    d->requestSeek(d->position.frame + 1);
  }
}

void PlaybackService::stepBackward() {
  std::lock_guard<std::mutex> lock(d->mutex);
  d->playing = false;
  int64_t base = d->position.frame;
  if (d->seekBusy) base = d->seekTarget;
  else if (d->showNext) base = d->showNext->frameIndex;
  d->requestSeek(std::max<int64_t>(0, base - 1));
}

std::optional<RgbImage> PlaybackService::pull(Clock::time_point now) {
  std::lock_guard<std::mutex> lock(d->mutex);
  if (d->showNext) {
    RgbImage image = std::move(*d->showNext);
    d->showNext.reset();
    d->position = {image.frameIndex, image.seconds};
    d->reanchor(now, image.seconds);
    return image;
  }
  if (!d->playing || d->seekBusy) return std::nullopt;
  std::optional<RgbImage> out;
  while (!d->queue.empty()) {
    const double wait = (d->queue.front().seconds - d->anchorSeconds) / d->rate;
    const auto due = d->anchorTime + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(wait));
    if (due > now) break;
    d->queueBytes -= d->queue.front().bytes();
    out = std::move(d->queue.front());
    d->queue.pop_front();
  }
  if (out) {
    d->position = {out->frameIndex, out->seconds};
    d->workerWake.notify_all();
  } else if (d->queue.empty() && d->ended) {
    d->playing = false;
    d->finished = true;
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

std::size_t PlaybackService::queueCapacity() const { return d->options.queueFrames; }

std::vector<RgbImage> PlaybackService::thumbnails(const std::vector<int64_t>& frames, int maxWidth, int maxHeight) {
  FrameFormat format;
  fitWithin(d->info.displayWidth, d->info.displayHeight, maxWidth, maxHeight, format.width, format.height);
  if (format.width <= 0) throw Error("thumbnail", "the thumbnail size must be positive");
  std::vector<RgbImage> out(frames.size());
  std::vector<int64_t> missing;
  for (std::size_t i = 0; i < frames.size(); ++i) {
    const int64_t f = std::clamp<int64_t>(frames[i], 0, d->frameCount() - 1);
    if (auto hit = d->thumbs->get({f, format.width, format.height})) out[i] = *hit;
    else missing.push_back(f);
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

const ThumbnailCache& PlaybackService::thumbnailCache() const { return *d->thumbs; }

std::vector<std::string> PlaybackService::warnings() const {
  std::vector<std::string> out = d->info.warnings;
  std::lock_guard<std::mutex> lock(d->mutex);
  out.insert(out.end(), d->errors.begin(), d->errors.end());
  return out;
}

}  // namespace sevila::media
