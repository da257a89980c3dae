#include "media/frame_reader.h"

#include <algorithm>
#include <exception>
#include <map>
#include <thread>

extern "C" {
#include <libavutil/frame.h>
}

#include "media/video_file.h"
#include "core/error.h"

namespace sevila::media {
namespace {

// Thrown inside the reader when the timestamps do not lead to the frames the index promises.
struct Unreliable {
  int64_t frame;
};

// How far before the wanted frame successive retries seek (frames); then the start of the file.
constexpr int64_t kStepsBack[] = {0, 16, 64, 256, 1024};

// A parallel read pays for opening a second decoder once and a thread per read: only worth it when the
// smaller run decodes at least this many pictures.
constexpr int64_t kMinParallelPictures = 24;

}  // namespace

struct FrameReader::Impl {
  std::string path;
  std::unique_ptr<VideoFile> file;
  std::shared_ptr<const FrameIndex> index;
  VideoInfo info;
  FrameReaderStats stats;
  WarningSink notes;
  bool timestampsTrusted = false;
  bool skipNonReference = true;
  FrameIndexOptions indexOptions;  // for a rebuild by decoding
  bool parallel = false;
  int64_t minParallelPictures = kMinParallelPictures;  // 0 when parallel reads are forced
  int laneThreads = 1;                                 // decoder threads of the second decoder
  std::unique_ptr<Impl> helper;  // the second decoder of parallel reads, opened on first use
  std::unique_ptr<FrameConverter> converter;
  FrameFormat converterFormat;

  FrameConverter& converterFor(const FrameFormat& format) {
    if (!converter || format.width != converterFormat.width || format.height != converterFormat.height ||
        format.interpolation != converterFormat.interpolation ||
        format.applyRotation != converterFormat.applyRotation) {
      converter = std::make_unique<FrameConverter>(format, info.rotation);
      converterFormat = format;
    }
    return *converter;
  }
  bool positionKnown = false;  // the decoder sits right after frame `position`
  int64_t position = -1;
  bool sequentialKnown = false;  // the decoder has output frames 0..position in order since a rewind

  RgbImage take(const AVFrame* frame, FrameConverter& converter, int64_t i) {
    RgbImage image = converter.convert(frame);
    image.frameIndex = i;
    image.seconds = index->seconds[static_cast<std::size_t>(i)];
    return image;
  }

  void seekBefore(int64_t target, int attempt) {
    ++stats.seeks;
    positionKnown = sequentialKnown = false;
    const std::size_t steps = sizeof kStepsBack / sizeof kStepsBack[0];
    int64_t from = attempt < static_cast<int>(steps) ? std::max<int64_t>(0, target - kStepsBack[attempt]) : 0;
    while (from > 0 && index->timestamps[static_cast<std::size_t>(from)] == kNoTimestamp) --from;
    if (!file->seek(index->timestamps[static_cast<std::size_t>(from)])) throw Unreliable{target};
  }

  void readBySeeking(const std::vector<int64_t>& wanted, FrameConverter& converter,
                     std::map<int64_t, RgbImage>& got) {
    std::vector<int64_t> wantedTimestamps;
    for (int64_t i : wanted) wantedTimestamps.push_back(index->timestamps[static_cast<std::size_t>(i)]);
    std::sort(wantedTimestamps.begin(), wantedTimestamps.end());
    if (skipNonReference) file->setSkipNonReferenceExcept(&wantedTimestamps);
    struct Reset {
      VideoFile& f;
      ~Reset() { f.setSkipNonReferenceExcept(nullptr); }
    } reset{*file};

    const int maxAttempts = static_cast<int>(sizeof kStepsBack / sizeof kStepsBack[0]) + 1;
    for (int64_t target : wanted) {
      if (got.count(target)) continue;
      int attempt = 0;
      if (!(positionKnown && position < target && !index->keyFrameBetween(position, target)))
        seekBefore(target, attempt);
      for (;;) {
        const AVFrame* frame = file->nextFrame();
        int64_t j = -1;
        if (frame) {
          ++stats.decoded;
          const int64_t t = VideoFile::timestampOf(frame);
          j = index->findTimestamp(t);
          // A picture without a timestamp is the one after the last we knew, when the index agrees.
          if (t == kNoTimestamp && positionKnown && position + 1 < index->frameCount() &&
              index->timestamps[static_cast<std::size_t>(position + 1)] == kNoTimestamp)
            j = position + 1;
          if (j < 0) continue;  // a picture the index does not know (e.g. an undecodable leading frame)
          position = j;
          positionKnown = true;
          if (j < target) continue;
          if (j == target) {
            got[target] = take(frame, converter, target);
            break;
          }
        }
        // At the end, or past the frame: the seek landed after it, or the picture never came out.
        if (++attempt >= maxAttempts) throw Unreliable{target};
        if (attempt == 1) file->setSkipNonReferenceExcept(nullptr);  // be exact from here on
        seekBefore(target, attempt);
      }
    }
  }

  // The key frame a frame's group starts at (frame 0's group when no key frame precedes it).
  int64_t groupOf(int64_t frame) const {
    auto it = std::upper_bound(index->keyFrames.begin(), index->keyFrames.end(), frame);
    return it == index->keyFrames.begin() ? 0 : *(it - 1);
  }

  // Splits sorted `wanted` between two key-frame groups into a low and a high run that decode about as
  // many pictures each (a group costs from its key frame to its last wanted frame); false when there is
  // one group or the smaller run is too small to be worth a thread.
  bool split(const std::vector<int64_t>& wanted, std::vector<int64_t>& low,
             std::vector<int64_t>& high) const {
    std::vector<std::size_t> starts;  // where each group begins in `wanted`
    std::vector<int64_t> cost;
    for (std::size_t i = 0; i < wanted.size(); ++i) {
      const int64_t key = groupOf(wanted[i]);
      if (starts.empty() || key != groupOf(wanted[starts.back()])) {
        starts.push_back(i);
        cost.push_back(0);
      }
      cost.back() = wanted[i] - key + 1;
    }
    if (starts.size() < 2) return false;
    int64_t total = 0;
    for (int64_t c : cost) total += c;
    std::size_t best = 1;
    int64_t bestMax = total, prefix = 0, bestLow = 0;
    for (std::size_t g = 1; g < starts.size(); ++g) {
      prefix += cost[g - 1];
      if (std::max(prefix, total - prefix) < bestMax) {
        bestMax = std::max(prefix, total - prefix);
        best = g;
        bestLow = prefix;
      }
    }
    if (std::min(bestLow, total - bestLow) < minParallelPictures) return false;
    low.assign(wanted.begin(), wanted.begin() + static_cast<std::ptrdiff_t>(starts[best]));
    high.assign(wanted.begin() + static_cast<std::ptrdiff_t>(starts[best]), wanted.end());
    return true;
  }

  // Decodes `low` with the second decoder on a thread while this one decodes `high` (so this decoder
  // ends after the highest frame, as a serial read would). An Unreliable or error of either is rethrown
  // after both finished; frames found so far are in `got` either way.
  void readParallel(const std::vector<int64_t>& low, const std::vector<int64_t>& high,
                    const FrameFormat& format, FrameConverter& converter, std::map<int64_t, RgbImage>& got) {
    if (!helper) {
      helper = std::make_unique<Impl>();
      helper->path = path;
      DecoderOptions decoder;
      decoder.threads = laneThreads;
      helper->file = std::make_unique<VideoFile>(path, decoder);
      helper->index = index;
      helper->info = info;
      helper->timestampsTrusted = true;
      helper->skipNonReference = skipNonReference;
    }
    ++stats.parallelReads;
    const FrameReaderStats before = helper->stats;
    std::map<int64_t, RgbImage> helperGot;
    std::exception_ptr helperError;
    FrameConverter& helperConverter = helper->converterFor(format);
    std::thread lane([&] {
      try {
        helper->readBySeeking(low, helperConverter, helperGot);
      } catch (...) {
        helperError = std::current_exception();
      }
    });
    std::exception_ptr mainError;
    try {
      readBySeeking(high, converter, got);
    } catch (...) {
      mainError = std::current_exception();
    }
    lane.join();
    got.insert(helperGot.begin(), helperGot.end());
    stats.decoded += helper->stats.decoded - before.decoded;
    stats.seeks += helper->stats.seeks - before.seeks;
    if (mainError) std::rethrow_exception(mainError);
    if (helperError) std::rethrow_exception(helperError);
  }

  void readInOrder(const std::vector<int64_t>& wanted, FrameConverter& converter,
                   std::map<int64_t, RgbImage>& got) {
    std::vector<int64_t> missing;
    for (int64_t i : wanted)
      if (!got.count(i)) missing.push_back(i);
    if (missing.empty()) return;
    if (!sequentialKnown || position >= missing.front()) {
      file->rewind();
      ++stats.rewinds;
      position = -1;
      sequentialKnown = true;
    }
    positionKnown = false;
    std::size_t k = 0;
    while (k < missing.size()) {
      const AVFrame* frame = file->nextFrame();
      if (!frame) {
        sequentialKnown = false;
        throw Error(path,
                    "frame " + std::to_string(missing[k]) + " could not be decoded: the file gives " +
                        std::to_string(position + 1) + " pictures now, " +
                        std::to_string(index->frameCount()) + " when it was indexed",
                    "the file changed or decodes differently; delete its frame-index cache entry");
      }
      ++stats.decoded;
      ++position;
      if (position == missing[k]) {
        got[position] = take(frame, converter, position);
        ++k;
      }
    }
  }
};

FrameReader::FrameReader(const std::string& path, FrameReaderOptions options) : d(std::make_unique<Impl>()) {
  d->path = path;
  DecoderOptions decoder;
  decoder.threads = options.threads;
  d->file = std::make_unique<VideoFile>(path, decoder);
  FrameIndexOptions indexOptions = options.index;
  if (indexOptions.threads == 0) indexOptions.threads = options.threads;
  d->index = frameIndexFor(path, indexOptions);
  d->indexOptions = indexOptions;
  d->info = d->file->info();
  completeInfo(d->info, *d->index);
  d->timestampsTrusted = d->index->seekable && d->file->canSeek();
  d->skipNonReference = options.skipNonReference;
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const int allowed = options.threads > 0 ? options.threads : cores;
  d->parallel = options.parallel == 2 || (options.parallel == 0 && allowed >= 2);
  if (options.parallel == 2) d->minParallelPictures = 0;
  // The second decoder gets half the threads (this one keeps its own for serial reads): on 2 cores a
  // single-threaded second decoder beat a frame-threaded one (measured, docs/media.md).
  d->laneThreads = std::max(1, allowed / 2);
}

FrameReader::~FrameReader() = default;

const VideoInfo& FrameReader::info() const {
  return d->info;
}
const FrameIndex& FrameReader::index() const {
  return *d->index;
}
std::shared_ptr<const FrameIndex> FrameReader::sharedIndex() const {
  return d->index;
}
const FrameReaderStats& FrameReader::stats() const {
  return d->stats;
}

std::vector<std::string> FrameReader::warnings() const {
  std::vector<std::string> out = d->info.warnings;
  for (auto& w : d->file->warnings().snapshot())
    if (std::find(out.begin(), out.end(), w) == out.end()) out.push_back(w);
  if (d->helper)
    for (auto& w : d->helper->file->warnings().snapshot())
      if (std::find(out.begin(), out.end(), w) == out.end()) out.push_back(w);
  for (auto& w : d->notes.snapshot()) out.push_back(w);
  return out;
}

std::vector<RgbImage> FrameReader::read(const std::vector<int64_t>& indices, const FrameFormat& format) {
  const int64_t n = d->index->frameCount();
  for (int64_t i : indices)
    if (i < 0 || i >= n)
      throw Error(d->path, "frame " + std::to_string(i) + " does not exist (the video has " +
                               std::to_string(n) + " frames)");
  std::vector<int64_t> wanted(indices);
  std::sort(wanted.begin(), wanted.end());
  wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
  FrameConverter& converter = d->converterFor(format);
  std::map<int64_t, RgbImage> got;
  if (d->timestampsTrusted) {
    try {
      std::vector<int64_t> low, high;
      if (d->parallel && d->split(wanted, low, high))
        d->readParallel(low, high, format, converter, got);
      else
        d->readBySeeking(wanted, converter, got);
    } catch (const Unreliable& u) {
      if (d->index->fromPackets) {
        // The container's packets promised a frame the decoder does not give: index by decoding (once;
        // the new index is not from packets) and read again.
        d->notes.add("seeking did not find frame " + std::to_string(u.frame) +
                     " of the index built from the container's packets; rebuilt the index by decoding");
        d->index = rebuildFrameIndexByDecoding(d->path, d->indexOptions);
        d->info = d->file->info();
        completeInfo(d->info, *d->index);
        d->timestampsTrusted = d->index->seekable && d->file->canSeek();
        d->helper.reset();
        d->positionKnown = d->sequentialKnown = false;
        return read(indices, format);
      }
      d->timestampsTrusted = false;
      d->notes.add("seeking did not find frame " + std::to_string(u.frame) +
                   " by its timestamp; reading this file from the start instead");
    }
  }
  d->readInOrder(wanted, converter, got);
  std::vector<RgbImage> out;
  out.reserve(indices.size());
  for (int64_t i : indices) out.push_back(got.at(i));
  return out;
}

RgbImage FrameReader::read(int64_t index, const FrameFormat& format) {
  return read(std::vector<int64_t>{index}, format).front();
}

}  // namespace sevila::media

namespace sevila::media {

std::optional<RgbImage> FrameReader::readNext(const FrameFormat& format) {
  FrameConverter& converter = d->converterFor(format);
  if (!d->positionKnown && !d->sequentialKnown) {
    if (d->index->frameCount() == 0) return std::nullopt;
    return read(0, format);
  }
  for (;;) {
    const AVFrame* frame = d->file->nextFrame();
    if (!frame) return std::nullopt;
    ++d->stats.decoded;
    int64_t j = d->position + 1;
    if (d->positionKnown && d->timestampsTrusted) {
      const int64_t t = VideoFile::timestampOf(frame);
      j = t == kNoTimestamp ? d->position + 1 : d->index->findTimestamp(t);
      if (j <= d->position) continue;  // unknown or stale picture
    }
    if (j >= d->index->frameCount()) return std::nullopt;
    d->position = j;
    return d->take(frame, converter, j);
  }
}

}  // namespace sevila::media
