// What a video file is: the container's and decoder's facts plus the decoded frame count.
// Plain data, no FFmpeg types: GUI code may include this header.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace sevila::media {

struct VideoInfo {
  std::string path;
  std::string container;    // demuxer name, e.g. "mov,mp4,m4a,3gp,3g2,mj2"
  std::string codec;        // decoder name, e.g. "h264"
  std::string pixelFormat;  // e.g. "yuv420p"
  int width = 0;            // coded picture size, before rotation
  int height = 0;
  int rotation = 0;      // clockwise degrees applied for display (0, 90, 180, 270); pens.mp4: 90
  int displayWidth = 0;  // size after rotation
  int displayHeight = 0;
  double fps = 0;       // the container's average frame rate (r_frame_rate when it has none)
  double duration = 0;  // seconds; the decoded frames' span when the container's figure is missing or lies
  double containerDuration = -1;      // what the container says, -1 when it says nothing
  double startTime = 0;               // first frame's timestamp in seconds (0 without timestamps)
  int64_t containerFrameCount = -1;   // the container's nb_frames, -1 when absent
  int64_t frameCount = -1;            // decoded frames (pictures with their own timestamp); -1 until indexed
  bool hasTimestamps = true;          // false: frames are indexed by decode order (e.g. raw MPEG-1 streams)
  std::vector<std::string> warnings;  // recoverable damage and FFmpeg's complaints
};

}  // namespace sevila::media
