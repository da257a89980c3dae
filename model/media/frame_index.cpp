#include "media/frame_index.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include <nlohmann/json.hpp>

extern "C" {
#include <libavutil/frame.h>
}

#include "media/video_file.h"
#include "core/error.h"
#include "core/json_integer.h"

namespace sevila::media {
namespace {

// 2: adds "from_packets" (indexes built from the container's packets).
constexpr int kSidecarVersion = 2;

std::mutex g_memoryMutex;
std::map<std::string, std::shared_ptr<const FrameIndex>>& memoryCache() {
  static std::map<std::string, std::shared_ptr<const FrameIndex>> cache;
  return cache;
}

std::string sidecarPath(const std::string& dir, const std::string& key) {
  return (std::filesystem::path(dir) / ("v" + std::to_string(kSidecarVersion) + "-" + key + ".json"))
      .string();
}

std::shared_ptr<FrameIndex> readSidecar(const std::string& file, const std::string& key) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return nullptr;
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return parseFrameIndexSidecar(text, key);
}

void writeSidecar(const std::string& dir, const FrameIndex& index) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return;
  nlohmann::json j;
  j["version"] = kSidecarVersion;
  j["key"] = index.contentKey;
  j["frame_count"] = index.frameCount();
  j["time_base"] = {index.timeBaseNum, index.timeBaseDen};
  j["fps"] = index.fps;
  j["seekable"] = index.seekable;
  auto ts = nlohmann::json::array();
  for (int64_t t : index.timestamps)
    ts.push_back(t == kNoTimestamp ? nlohmann::json(nullptr) : nlohmann::json(t));
  j["timestamps"] = std::move(ts);
  j["seconds"] = index.seconds;
  j["key_frames"] = index.keyFrames;
  j["warnings"] = index.warnings;
  j["from_packets"] = index.fromPackets;
  const std::string target = sidecarPath(dir, index.contentKey);
  const std::string temp = target + ".tmp" + std::to_string(reinterpret_cast<uintptr_t>(&index));
  {
    std::ofstream out(temp);
    if (!out) return;
    out << j.dump();
    if (!out) {
      std::filesystem::remove(temp, ec);
      return;
    }
  }
  std::filesystem::rename(temp, target, ec);  // atomic: readers see the old file or the new one
  if (ec) std::filesystem::remove(temp, ec);
}

}  // namespace

// A sidecar is a cache: anything odd about it means "rebuild", never an error.
std::shared_ptr<FrameIndex> parseFrameIndexSidecar(const std::string& text, const std::string& key) {
  try {
    const auto j = nlohmann::json::parse(text);
    if (jsonInteger<int>(j.at("version")) != kSidecarVersion || j.at("key").get<std::string>() != key)
      return nullptr;
    // Integers only where integers belong: nlohmann casts a float such as 1e30 without a check.
    auto integer = [](const nlohmann::json& v) {
      const auto i = jsonInteger<int64_t>(v);
      if (!i) throw std::invalid_argument("not an integer");
      return *i;
    };
    auto index = std::make_shared<FrameIndex>();
    index->contentKey = key;
    index->timeBaseNum = integer(j.at("time_base").at(0));
    index->timeBaseDen = integer(j.at("time_base").at(1));
    index->fps = j.at("fps").get<double>();
    index->seekable = j.at("seekable").get<bool>();
    for (const auto& t : j.at("timestamps"))
      index->timestamps.push_back(t.is_null() ? kNoTimestamp : integer(t));
    index->seconds = j.at("seconds").get<std::vector<double>>();
    for (const auto& k : j.at("key_frames")) index->keyFrames.push_back(integer(k));
    index->warnings = j.at("warnings").get<std::vector<std::string>>();
    index->fromPackets = j.at("from_packets").get<bool>();
    const int64_t n = integer(j.at("frame_count"));
    if (index->timeBaseNum <= 0 || index->timeBaseDen <= 0 || n < 0 ||
        static_cast<int64_t>(index->timestamps.size()) != n || index->frameCount() != n)
      return nullptr;
    for (std::size_t i = 1; i < index->seconds.size(); ++i)
      if (!(index->seconds[i] > index->seconds[i - 1])) return nullptr;
    for (std::size_t i = 0; i < index->keyFrames.size(); ++i)
      if (index->keyFrames[i] < 0 || index->keyFrames[i] >= n ||
          (i && index->keyFrames[i] <= index->keyFrames[i - 1]))
        return nullptr;
    return index;
  } catch (const std::exception&) {
    return nullptr;
  }
}

int64_t FrameIndex::findTimestamp(int64_t timestamp) const {
  if (timestamp == kNoTimestamp) return -1;
  // Binary search over the present timestamps (a missing one sorts as its predecessor's).
  int64_t lo = 0, hi = frameCount();
  while (lo < hi) {
    const int64_t mid = (lo + hi) / 2;
    int64_t m = mid;
    while (m > 0 && timestamps[m] == kNoTimestamp) --m;
    if (timestamps[m] != kNoTimestamp && timestamps[m] < timestamp)
      lo = mid + 1;
    else
      hi = mid;
  }
  for (int64_t i = lo; i < frameCount(); ++i) {
    if (timestamps[i] == kNoTimestamp) continue;
    return timestamps[i] == timestamp ? i : -1;
  }
  return -1;
}

int64_t FrameIndex::frameAt(double s) const {
  if (seconds.empty()) return -1;
  auto it = std::upper_bound(seconds.begin(), seconds.end(), s + 1e-9);
  const int64_t i = (it - seconds.begin()) - 1;
  return std::clamp<int64_t>(i, 0, frameCount() - 1);
}

bool FrameIndex::keyFrameBetween(int64_t from, int64_t to) const {
  auto it = std::upper_bound(keyFrames.begin(), keyFrames.end(), from);
  return it != keyFrames.end() && *it <= to;
}

double FrameIndex::span() const {
  if (seconds.empty()) return 0;
  double last = fps > 0 ? 1.0 / fps : 0;
  if (seconds.size() > 1 && fps <= 0) last = seconds.back() - seconds[seconds.size() - 2];
  return seconds.back() - seconds.front() + last;
}

std::string defaultCacheDir() {
  if (const char* d = std::getenv("SEVILA_CACHE_DIR"); d && *d) return std::string(d) + "/frame-index";
  if (const char* d = std::getenv("XDG_CACHE_HOME"); d && *d) return std::string(d) + "/sevila/frame-index";
  if (const char* d = std::getenv("HOME"); d && *d) return std::string(d) + "/.cache/sevila/frame-index";
  return {};
}

// Seekability, seconds and warnings from the timestamps and key frames (both ways of building).
static void finishIndex(VideoFile& file, FrameIndex& index) {
  const VideoInfo& info = file.info();
  const int64_t n = static_cast<int64_t>(index.timestamps.size());
  // Seekable: the present timestamps strictly increase, and any frame without one follows a frame with
  // one (the reader then knows it as "the next frame"; Megamind.avi's last, flushed frame has none).
  bool increasing = index.timestamps[0] != kNoTimestamp;
  int64_t previous = kNoTimestamp;
  for (int64_t i = 0; i < n && increasing; ++i) {
    const int64_t t = index.timestamps[i];
    if (t == kNoTimestamp) {
      if (index.timestamps[i - 1] == kNoTimestamp) increasing = false;
      continue;
    }
    if (previous != kNoTimestamp && t <= previous) increasing = false;
    previous = t;
  }
  index.seekable = increasing && file.canSeek();
  // Seconds are strictly increasing whatever the stream says: a missing or non-increasing timestamp is
  // replaced by the previous one plus a nominal frame duration; a stream without any uses i / fps.
  const double step = info.fps > 0 ? 1.0 / info.fps : 1.0 / 25;
  index.seconds.resize(n);
  for (int64_t i = 0; i < n; ++i) {
    const int64_t t = index.timestamps[i];
    double s = t == kNoTimestamp ? (i ? index.seconds[i - 1] + step : 0.0) : file.secondsOf(t);
    if (i && !(s > index.seconds[i - 1])) s = index.seconds[i - 1] + step;
    index.seconds[i] = s;
  }
  const int64_t missing = std::count(index.timestamps.begin(), index.timestamps.end(), kNoTimestamp);
  if (!increasing) {
    index.warnings.push_back(missing == n
                                 ? "the stream has no timestamps: frames are indexed in decode order"
                                 : "timestamps are missing or not increasing (" + std::to_string(missing) +
                                       " missing): frames are indexed in decode order");
  }
  auto decoderWarnings = file.warnings().snapshot();
  index.warnings.insert(index.warnings.end(), decoderWarnings.begin(), decoderWarnings.end());
}

FrameIndex buildFrameIndex(VideoFile& file, const std::function<bool(double)>& progress) {
  const VideoInfo& info = file.info();
  FrameIndex index;
  index.timeBaseNum = file.timeBaseNum();
  index.timeBaseDen = file.timeBaseDen();
  index.fps = info.fps;
  const double expected = info.containerDuration > 0 ? info.containerDuration : 0;
  int64_t n = 0;
  while (const AVFrame* frame = file.nextFrame()) {
    index.timestamps.push_back(VideoFile::timestampOf(frame));
    if (frame->key_frame) index.keyFrames.push_back(n);
    ++n;
    if (progress && (n & 31) == 0) {
      double p = 0;
      const int64_t t = index.timestamps.back();
      if (expected > 0 && t != kNoTimestamp)
        p = (file.secondsOf(t) - info.startTime) / expected;
      else if (info.containerFrameCount > 0)
        p = double(n) / info.containerFrameCount;
      if (!progress(std::clamp(p, 0.0, 0.99))) throw Error(file.path(), "cancelled while indexing frames");
    }
  }
  if (n == 0) throw Error(file.path(), "no picture could be decoded", "the video stream is empty or corrupt");

  finishIndex(file, index);
  if (progress) progress(1.0);
  return index;
}

// Pictures decoded at the start and (from the key frame before them) at the end of a file to check an
// index built from packets against what the decoder really outputs.
constexpr int64_t kCheckHead = 32;
constexpr int64_t kCheckTail = 16;

// Whether decoding the file's first kCheckHead pictures, and its end from the key frame at or before the
// last kCheckTail, gives exactly the index's timestamps (a short file is decoded whole).
static bool decodingAgrees(VideoFile& file, const FrameIndex& index) {
  const int64_t n = index.frameCount();
  file.rewind();
  const int64_t head = std::min(n, kCheckHead + kCheckTail);
  for (int64_t i = 0; i < head; ++i) {
    const AVFrame* frame = file.nextFrame();
    if (!frame || VideoFile::timestampOf(frame) != index.timestamps[static_cast<std::size_t>(i)])
      return false;
  }
  if (n <= kCheckHead + kCheckTail) return file.nextFrame() == nullptr;  // the whole file: the count too
  auto key = std::upper_bound(index.keyFrames.begin(), index.keyFrames.end(), n - 1 - kCheckTail);
  const int64_t from = key == index.keyFrames.begin() ? 0 : *(key - 1);
  if (from == 0)
    file.rewind();
  else if (!file.seek(index.timestamps[static_cast<std::size_t>(from)]))
    return false;
  // Before the key frame a seek may give earlier pictures (they must be known ones, in order); from it on
  // every picture to the end, exactly.
  int64_t next = -1;
  while (const AVFrame* frame = file.nextFrame()) {
    const int64_t t = VideoFile::timestampOf(frame);
    if (next < 0) {
      const int64_t j = index.findTimestamp(t);
      if (j < 0 || j > from) return false;
      if (j == from) next = from + 1;
      continue;
    }
    if (next >= n || t != index.timestamps[static_cast<std::size_t>(next)]) return false;
    ++next;
  }
  return next == n;
}

bool buildFrameIndexFromPackets(VideoFile& file, FrameIndex& index,
                                const std::function<bool(double)>& progress) {
  if (!file.packetTimingTrusted()) return false;
  const VideoInfo& info = file.info();
  std::vector<std::pair<int64_t, bool>> packets;  // pts, key
  PacketMeta packet;
  while (file.nextPacket(packet)) {
    if (packet.pts == kNoTimestamp || packet.flagged) return false;
    packets.emplace_back(packet.pts, packet.key);
    if (progress && (packets.size() & 31) == 0) {
      const double p = info.containerDuration > 0
                           ? 0.5 * (file.secondsOf(packet.pts) - info.startTime) / info.containerDuration
                           : 0;
      if (!progress(std::clamp(p, 0.0, 0.5))) throw Error(file.path(), "cancelled while indexing frames");
    }
  }
  if (progress && !progress(0.5)) throw Error(file.path(), "cancelled while indexing frames");
  const int64_t n = static_cast<int64_t>(packets.size());
  if (n == 0 || (info.containerFrameCount > 0 && info.containerFrameCount != n)) return false;
  if (!file.warnings().snapshot().empty()) return false;  // the demuxer complained: let the decoder judge
  // Presentation order is the packets sorted by pts; equal timestamps would make frames indistinct.
  std::sort(packets.begin(), packets.end());
  for (int64_t i = 1; i < n; ++i)
    if (packets[i].first <= packets[i - 1].first) return false;
  if (!packets.front().second) return false;  // the decoder's first picture would not be this one
  FrameIndex built;
  built.timeBaseNum = file.timeBaseNum();
  built.timeBaseDen = file.timeBaseDen();
  built.fps = info.fps;
  built.fromPackets = true;
  for (int64_t i = 0; i < n; ++i) {
    built.timestamps.push_back(packets[i].first);
    if (packets[i].second) built.keyFrames.push_back(i);
  }
  built.seconds.assign(static_cast<std::size_t>(n), 0.0);  // sizes frameCount(); finishIndex() fills them
  if (!decodingAgrees(file, built)) return false;
  finishIndex(file, built);
  if (progress) progress(1.0);
  index = std::move(built);
  return true;
}

std::shared_ptr<const FrameIndex> frameIndexFor(const std::string& path, const FrameIndexOptions& options) {
  // Opening first gives the proper error for a missing, empty or non-video file.
  DecoderOptions decoderOptions;
  decoderOptions.threads = options.threads;
  decoderOptions.fast = true;  // only timing matters in the index pass
  std::unique_ptr<VideoFile> file = std::make_unique<VideoFile>(path, decoderOptions);
  const std::string key = contentKey(path);
  if (options.memoryCache) {
    std::lock_guard<std::mutex> lock(g_memoryMutex);
    auto it = memoryCache().find(key);
    if (it != memoryCache().end()) return it->second;
  }
  const std::string dir =
      options.diskCache ? (options.cacheDir.empty() ? defaultCacheDir() : options.cacheDir) : "";
  std::shared_ptr<const FrameIndex> index;
  if (!dir.empty()) index = readSidecar(sidecarPath(dir, key), key);
  if (!index) {
    auto built = std::make_shared<FrameIndex>();
    // Progress never goes back, also when the packets fail their checks and the decode pass starts over.
    std::function<bool(double)> progress;
    if (options.progress)
      progress = [&options, high = 0.0](double p) mutable {
        high = std::max(high, p);
        return options.progress(high);
      };
    if (!options.fromPackets || !buildFrameIndexFromPackets(*file, *built, progress)) {
      if (options.fromPackets) file->rewind();
      *built = buildFrameIndex(*file, progress);
    }
    built->contentKey = key;
    if (!dir.empty()) writeSidecar(dir, *built);
    index = built;
  }
  if (options.memoryCache) {
    std::lock_guard<std::mutex> lock(g_memoryMutex);
    memoryCache()[key] = index;
  }
  return index;
}

std::shared_ptr<const FrameIndex> rebuildFrameIndexByDecoding(const std::string& path,
                                                              const FrameIndexOptions& options) {
  DecoderOptions decoderOptions;
  decoderOptions.threads = options.threads;
  decoderOptions.fast = true;
  VideoFile file(path, decoderOptions);
  auto built = std::make_shared<FrameIndex>(buildFrameIndex(file, options.progress));
  built->contentKey = contentKey(path);
  const std::string dir =
      options.diskCache ? (options.cacheDir.empty() ? defaultCacheDir() : options.cacheDir) : "";
  if (!dir.empty()) writeSidecar(dir, *built);
  if (options.memoryCache) {
    std::lock_guard<std::mutex> lock(g_memoryMutex);
    memoryCache()[built->contentKey] = built;
  }
  return built;
}

void clearFrameIndexMemoryCache() {
  std::lock_guard<std::mutex> lock(g_memoryMutex);
  memoryCache().clear();
}

void completeInfo(VideoInfo& info, const FrameIndex& index) {
  info.frameCount = index.frameCount();
  info.hasTimestamps = std::any_of(index.timestamps.begin(), index.timestamps.end(),
                                   [](int64_t t) { return t != kNoTimestamp; });
  info.startTime = info.hasTimestamps && !index.seconds.empty() ? index.seconds.front() : 0;
  // The container's duration when it agrees with the frames (it knows the last frame's length),
  // else the frames' span (alea.mpg's container says 0.018 s for 5.4 s of frames).
  const double span = index.span();
  const double lastStart = index.seconds.empty() ? 0 : index.seconds.back() - index.seconds.front();
  const double step = index.frameCount() > 1 ? span - lastStart : span;
  info.duration = info.containerDuration > lastStart && info.containerDuration <= lastStart + 3 * step
                      ? info.containerDuration
                      : span;
  if (info.fps <= 0 && info.duration > 0) info.fps = index.frameCount() / info.duration;
  for (const auto& w : index.warnings)
    if (std::find(info.warnings.begin(), info.warnings.end(), w) == info.warnings.end())
      info.warnings.push_back(w);
}

VideoInfo probeVideo(const std::string& path, const FrameIndexOptions& options) {
  VideoInfo info = VideoFile(path).info();
  completeInfo(info, *frameIndexFor(path, options));
  return info;
}

}  // namespace sevila::media
