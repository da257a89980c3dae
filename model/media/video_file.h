// One open video: the demuxer, the video stream's decoder and the guards that keep hostile files from
// crashing or hanging us (size limits, a packet budget, an I/O deadline). Internal to sevila_media and
// used by the frame index, the frame reader and the playback worker; not thread-safe (one per thread).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "media/ffmpeg_log.h"
#include "media/video_info.h"

struct AVFrame;

namespace sevila::media {

struct DecoderOptions {
  int threads = 0;          // decoder threads, 0 = FFmpeg's choice (all cores)
  bool fast = false;        // skip loop filter and IDCT: pictures are wrong, timing is right (index pass)
  int packetBudget = 4096;  // video packets in a row that may fail to yield a picture before we give up
  double ioDeadlineSeconds = 60;  // one read may block this long before it is aborted
};

// Marks a timestamp that is absent.
constexpr int64_t kNoTimestamp = INT64_MIN;

// One demuxed packet of the video stream, as the container describes it (no decoding).
struct PacketMeta {
  int64_t pts = kNoTimestamp;
  bool key = false;      // the container marks it as a key frame
  bool flagged = false;  // marked corrupt or to be discarded (e.g. cut by an MP4 edit list)
};

class VideoFile {
public:
  // Throws sevila::Error naming `path` for a missing, empty, unreadable or video-less file.
  explicit VideoFile(const std::string& path, DecoderOptions options = {});
  ~VideoFile();
  VideoFile(const VideoFile&) = delete;
  VideoFile& operator=(const VideoFile&) = delete;

  // The container's and decoder's facts; frameCount stays -1 (the frame index knows it).
  const VideoInfo& info() const;
  const std::string& path() const;
  WarningSink& warnings();

  // The next decoded picture in presentation order, or nullptr at the end of the stream. The frame
  // belongs to this object and is valid until the next call.
  const AVFrame* nextFrame();
  // The timestamp we index frames by: the decoder's best-effort pts (kNoTimestamp when absent).
  static int64_t timestampOf(const AVFrame* frame);
  double secondsOf(int64_t timestamp) const;
  int64_t timeBaseNum() const;
  int64_t timeBaseDen() const;

  // The next video packet's facts without decoding it (false at the end). Not to be mixed with
  // nextFrame() without a rewind() in between.
  bool nextPacket(PacketMeta& packet);
  // Whether the container's packet timestamps may stand for the decoded pictures' (MP4/MOV or
  // Matroska/WebM holding H.264, HEVC, VP9 or AV1: one packet per picture, each with its pts).
  bool packetTimingTrusted() const;

  // Whether timestamp seeks are meaningful (false for raw elementary streams).
  bool canSeek() const;
  // Repositions at a key frame at or before `timestamp`; returns false when the demuxer refuses.
  bool seek(int64_t timestamp);
  // Back to the very first frame: reopens the file (exact for every demuxer, unlike a seek).
  void rewind();
  // Packets whose pts is not in `targets` (sorted) may skip non-reference pictures; nullptr = decode all.
  // Only honoured for codecs whose packet pts is the picture's pts (H.264, HEVC in timestamped containers).
  void setSkipNonReferenceExcept(const std::vector<int64_t>* sortedTargets);

private:
  struct Impl;
  std::unique_ptr<Impl> d;
};

}  // namespace sevila::media
