// An ffmpeg CLI child that turns raw RGB24 frames, written to its stdin through a pipe, into a small
// h264 MP4 (yuv420p, one encoder thread, bit-exact muxing: the same frames give the same bytes). The file
// is written beside the target as "<path>.part" and renamed into place by finish(), so an interrupted
// run never leaves a short video under the real name. ffmpeg's messages go to "<path>.log", which is
// quoted in the error when it fails and removed when it succeeds.
//
// The caller must ignore SIGPIPE (a child that dies would otherwise kill us on the next write); a write
// then fails with EPIPE and the error quotes ffmpeg's log. Destroyed before finish(), it kills the child,
// reaps it and removes the partial file.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>

#include "core/unique_fd.h"

namespace sevila::demo {

struct EncoderSettings {
  std::string ffmpeg = "ffmpeg";  // program name (looked up in PATH) or path
  int width = 0;
  int height = 0;
  int fps = 10;
  int crf = 18;  // x264 quality: flat colours stay within a few levels of what was drawn
};

class RawVideoEncoder {
public:
  // Starts ffmpeg; throws sevila::Error naming the program when it cannot be started.
  RawVideoEncoder(const EncoderSettings& settings, std::string path);
  ~RawVideoEncoder();
  RawVideoEncoder(const RawVideoEncoder&) = delete;
  RawVideoEncoder& operator=(const RawVideoEncoder&) = delete;

  // One frame of width × height × 3 bytes. Throws sevila::Error naming the video when ffmpeg stopped.
  void write(const uint8_t* rgb);
  // Closes the pipe, waits for ffmpeg and moves the file into place; throws sevila::Error (with ffmpeg's
  // last messages) when it failed.
  void finish();

private:
  [[noreturn]] void fail(const std::string& reason);
  int reap();  // waits for the child; its exit status, or -1 when it did not exit normally

  EncoderSettings m_settings;
  std::string m_path;
  std::string m_partPath;
  std::string m_logPath;
  UniqueFd m_pipe;  // the write end, our side of ffmpeg's stdin
  pid_t m_child = -1;
  int64_t m_frames = 0;
};

}  // namespace sevila::demo
