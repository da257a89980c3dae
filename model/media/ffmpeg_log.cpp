#include "media/ffmpeg_log.h"

#include <cctype>
#include <cstdarg>
#include <cstdio>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/log.h>
}

namespace sevila::media {

void WarningSink::add(std::string message) {
  std::lock_guard<std::mutex> lock(m_mutex);
  // Decoders repeat the same complaint for every damaged slice; keep one copy of a consecutive repeat.
  if (!m_messages.empty() && m_messages.back() == message) return;
  if (m_messages.size() >= m_limit) {
    ++m_dropped;
    return;
  }
  m_messages.push_back(std::move(message));
}

std::vector<std::string> WarningSink::snapshot() const {
  std::lock_guard<std::mutex> lock(m_mutex);
  std::vector<std::string> out = m_messages;
  if (m_dropped) out.push_back("(" + std::to_string(m_dropped) + " more warnings not shown)");
  return out;
}

std::vector<std::string> WarningSink::take() {
  std::lock_guard<std::mutex> lock(m_mutex);
  std::vector<std::string> out = std::move(m_messages);
  if (m_dropped) out.push_back("(" + std::to_string(m_dropped) + " more warnings not shown)");
  m_messages.clear();
  m_dropped = 0;
  return out;
}

std::size_t WarningSink::count() const {
  std::lock_guard<std::mutex> lock(m_mutex);
  return m_messages.size() + m_dropped;
}

namespace {

thread_local WarningSink* t_sink = nullptr;

// The sink that owns the context `avcl`, through the `opaque` pointer we set on our own contexts.
WarningSink* sinkOf(void* avcl) {
  if (!avcl) return nullptr;
  const AVClass* cls = *static_cast<const AVClass**>(avcl);
  if (!cls) return nullptr;
  if (cls == avcodec_get_class())
    return static_cast<WarningSink*>(static_cast<AVCodecContext*>(avcl)->opaque);
  if (cls == avformat_get_class())
    return static_cast<WarningSink*>(static_cast<AVFormatContext*>(avcl)->opaque);
  return nullptr;
}

void callback(void* avcl, int level, const char* fmt, va_list args) {
  if (level > AV_LOG_WARNING) return;
  WarningSink* sink = sinkOf(avcl);
  if (!sink) sink = t_sink;
  if (!sink) return;  // nobody asked: keep FFmpeg quiet
  char line[1024];
  int prefix = 1;
  va_list copy;
  va_copy(copy, args);
  av_log_format_line2(avcl, level, fmt, copy, line, sizeof line, &prefix);
  va_end(copy);
  std::string text(line);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
  if (text.empty()) return;
  sink->add("ffmpeg: " + ffmpeg_log::withoutAddresses(std::move(text)));
}

}  // namespace

namespace ffmpeg_log {
std::string withoutAddresses(std::string line) {
  for (size_t at = line.find(" @ 0x"); at != std::string::npos; at = line.find(" @ 0x", at)) {
    size_t end = at + 5;
    while (end < line.size() && std::isxdigit(static_cast<unsigned char>(line[end]))) ++end;
    line.erase(at, end - at);
  }
  return line;
}

void install() {
  static std::once_flag once;
  std::call_once(once, [] { av_log_set_callback(callback); });
}
}  // namespace ffmpeg_log

ScopedLogSink::ScopedLogSink(WarningSink* sink) : m_previous(t_sink) {
  ffmpeg_log::install();
  t_sink = sink;
}

ScopedLogSink::~ScopedLogSink() {
  t_sink = m_previous;
}

}  // namespace sevila::media
