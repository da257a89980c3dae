// FFmpeg's own log messages, routed into our warnings lists instead of stderr.
// av_log_set_callback is process-wide; install() sets our callback once (thread-safe). A message is
// delivered to the WarningSink of the codec or format context that logged it (found through the
// context's `opaque` pointer, which FFmpeg copies into its frame-thread workers' contexts), else to the
// sink bound to the calling thread by a ScopedLogSink, else dropped. Messages above AV_LOG_WARNING
// (info, verbose, debug) are always dropped.
#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <vector>

namespace sevila::media {

// A thread-safe, bounded list of warnings about one file.
class WarningSink {
public:
  explicit WarningSink(std::size_t limit = 100) : m_limit(limit) {}
  void add(std::string message);
  // The warnings so far (plus one line counting those beyond the limit).
  std::vector<std::string> snapshot() const;
  // Moves the warnings out, leaving the sink empty.
  std::vector<std::string> take();
  std::size_t count() const;

private:
  mutable std::mutex m_mutex;
  std::vector<std::string> m_messages;
  std::size_t m_limit;
  std::size_t m_dropped = 0;
};

namespace ffmpeg_log {

// Installs the process-wide av_log callback (idempotent, thread-safe).
void install();

// A log line without the context's memory address: "[h264 @ 0x55d0c8] slice" -> "[h264] slice", so that
// two runs on the same file give the same warnings.
std::string withoutAddresses(std::string line);

}  // namespace ffmpeg_log

// Binds `sink` to the calling thread for FFmpeg messages that no context claims (swscale, probing).
class ScopedLogSink {
public:
  explicit ScopedLogSink(WarningSink* sink);
  ~ScopedLogSink();
  ScopedLogSink(const ScopedLogSink&) = delete;
  ScopedLogSink& operator=(const ScopedLogSink&) = delete;

private:
  WarningSink* m_previous;
};

}  // namespace sevila::media
