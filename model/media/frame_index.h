// The per-file index of decoded frames: one entry per picture the decoder outputs, in presentation
// order, with its timestamp. Built once by a decode pass (the container's frame count can be missing or
// wrong: tree.avi lists 444 entries for 68 pictures) or, where the container can be trusted (MP4/MKV
// with H.264/HEVC/VP9/AV1, every packet timed, checked by decoding both ends), from the demuxed
// packets without decoding; cached in memory for the process and on disk
// as a small JSON sidecar named after the file's content key (media/content_key.h: a hash of every byte),
// so a renamed or copied file reuses it and an edited file does not.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "media/content_key.h"
#include "media/video_info.h"

namespace sevila::media {

class VideoFile;

struct FrameIndex {
  std::string contentKey;
  int64_t timeBaseNum = 1;
  int64_t timeBaseDen = 1;
  double fps = 0;                   // the container's average rate (used for clips and untimed streams)
  std::vector<int64_t> timestamps;  // per frame, in the stream's time base; kNoTimestamp when absent
  std::vector<double> seconds;      // per frame, strictly increasing (interpolated where absent)
  std::vector<int64_t> keyFrames;   // indices of key frames, ascending
  bool seekable = false;  // timestamps strictly increasing (a lone missing one allowed), container seeks
  std::vector<std::string> warnings;  // what the decode pass complained about
  bool fromPackets = false;           // built from the container's packets, not by decoding every picture

  int64_t frameCount() const { return static_cast<int64_t>(seconds.size()); }
  // The frame whose timestamp is `timestamp`, or -1 (only meaningful when seekable; kNoTimestamp: -1).
  int64_t findTimestamp(int64_t timestamp) const;
  // The frame shown at `seconds` (the last one starting at or before it), clamped to the video.
  int64_t frameAt(double seconds) const;
  // Whether a key frame lies in (from, to].
  bool keyFrameBetween(int64_t from, int64_t to) const;
  // From the first frame's start to the last frame's end.
  double span() const;
};

struct FrameIndexOptions {
  // Where sidecars go; empty = $SEVILA_CACHE_DIR/frame-index, else $XDG_CACHE_HOME/sevila/frame-index,
  // else ~/.cache/sevila/frame-index.
  std::string cacheDir;
  bool diskCache = true;
  bool memoryCache = true;
  int threads = 0;  // decoder threads for the decode pass, 0 = all cores
  // Build the index from the demuxed packets where the container is trustworthy (else, and when the
  // checks fail, by the decode pass).
  bool fromPackets = true;
  // Called with 0..1 during a decode pass; return false to cancel (throws sevila::Error "cancelled").
  std::function<bool(double)> progress;
};

std::string defaultCacheDir();

// Reads a frame-index sidecar's text (the on-disk cache, JSON) for the video with content key `key`;
// nullptr for anything malformed, stale or inconsistent (the caller then rebuilds), never an error.
std::shared_ptr<FrameIndex> parseFrameIndexSidecar(const std::string& text, const std::string& key);

// The index of `path`, from the memory cache, the disk cache or a fresh decode pass.
std::shared_ptr<const FrameIndex> frameIndexFor(const std::string& path,
                                                const FrameIndexOptions& options = {});
// A fresh decode pass over an open file (which ends up at its end).
FrameIndex buildFrameIndex(VideoFile& file, const std::function<bool(double)>& progress = {});
// The index from the open file's packets, checked by decoding its first and last pictures; false when
// the container is not trusted or any check fails (the file is then at an arbitrary position).
bool buildFrameIndexFromPackets(VideoFile& file, FrameIndex& index,
                                const std::function<bool(double)>& progress = {});
// A decode pass for `path` whatever the caches hold, replacing them (a packet-built index that proved
// wrong).
std::shared_ptr<const FrameIndex> rebuildFrameIndexByDecoding(const std::string& path,
                                                              const FrameIndexOptions& options = {});
// Drops the process's in-memory indexes (tests).
void clearFrameIndexMemoryCache();

// Everything about a video, including the decoded frame count (builds or loads the index).
VideoInfo probeVideo(const std::string& path, const FrameIndexOptions& options = {});
// Fills the index-derived fields of `info` (frameCount, duration, startTime, warnings).
void completeInfo(VideoInfo& info, const FrameIndex& index);

}  // namespace sevila::media
