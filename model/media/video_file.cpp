#include "media/video_file.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <set>
#include <system_error>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/display.h>
#include <libavutil/pixdesc.h>
}

#include "core/error.h"

namespace sevila::media {
namespace {

constexpr int kMaxSide = 16384;
constexpr int64_t kMaxPixels = int64_t(8192) * 8192;
constexpr int kMaxOtherPacketsInARow = 200000;

std::string avError(int code) {
  char text[AV_ERROR_MAX_STRING_SIZE] = {0};
  av_strerror(code, text, sizeof text);
  return text;
}

bool isRawElementaryStream(const char* name) {
  static const std::set<std::string> raw = {"mpegvideo", "h264",      "hevc", "m4v",       "h261",
                                            "h263",      "cavsvideo", "vc1",  "mjpeg",     "rawvideo",
                                            "dirac",     "ivf",       "obu",  "mpeg1video"};
  return name && raw.count(name) > 0;
}

int rotationOf(const AVStream* stream) {
  size_t size = 0;
  const uint8_t* data = av_stream_get_side_data(stream, AV_PKT_DATA_DISPLAYMATRIX, &size);
  if (!data || size < 9 * sizeof(int32_t)) return 0;
  const double ccw = av_display_rotation_get(reinterpret_cast<const int32_t*>(data));
  if (std::isnan(ccw)) return 0;
  // As the ffmpeg CLI's autorotate: theta = -angle, folded into [0, 360), snapped to quarter turns.
  double theta = -std::round(ccw);
  theta -= 360 * std::floor(theta / 360 + 0.9 / 360);
  const int quarter = static_cast<int>(std::lround(theta / 90.0)) % 4;
  return quarter * 90;
}

double positive(AVRational r) {
  return r.num > 0 && r.den > 0 ? av_q2d(r) : 0;
}

}  // namespace

struct VideoFile::Impl {
  std::string path;
  DecoderOptions options;
  VideoInfo info;
  WarningSink sink;
  AVFormatContext* fmt = nullptr;
  AVCodecContext* codec = nullptr;
  AVPacket* packet = nullptr;
  AVFrame* frame = nullptr;
  int streamIndex = -1;
  AVRational timeBase{1, 1};
  bool seekable = false;
  bool skipAllowed = false;
  bool packetTiming = false;
  bool draining = false;
  bool ended = false;
  bool packetPending = false;
  const std::vector<int64_t>* skipExcept = nullptr;
  std::chrono::steady_clock::time_point deadline;

  ~Impl() { close(); }

  void close() {
    av_frame_free(&frame);
    av_packet_free(&packet);
    avcodec_free_context(&codec);
    avformat_close_input(&fmt);
  }

  void armDeadline() {
    deadline = std::chrono::steady_clock::now() +
               std::chrono::milliseconds(static_cast<int64_t>(options.ioDeadlineSeconds * 1000));
  }

  static int interrupt(void* opaque) {
    auto* self = static_cast<Impl*>(opaque);
    return std::chrono::steady_clock::now() > self->deadline ? 1 : 0;
  }

  [[noreturn]] void fail(const std::string& reason, const std::string& hint = {}) {
    throw Error(path, reason, hint);
  }

  void checkSize(int w, int h) {
    if (w <= 0 || h <= 0) fail("the video stream has no picture size");
    if (w > kMaxSide || h > kMaxSide || int64_t(w) * h > kMaxPixels)
      fail("absurd picture size " + std::to_string(w) + "x" + std::to_string(h) + " (limit " +
               std::to_string(kMaxSide) + " per side, " + std::to_string(kMaxPixels) + " pixels)",
           "the header is damaged or this is not a real video");
  }

  void open(bool first) {
    ffmpeg_log::install();
    ScopedLogSink bind(&sink);
    fmt = avformat_alloc_context();
    if (!fmt) fail("out of memory");
    fmt->opaque = &sink;
    fmt->interrupt_callback.callback = &Impl::interrupt;
    fmt->interrupt_callback.opaque = this;
    armDeadline();
    int r = avformat_open_input(&fmt, path.c_str(), nullptr, nullptr);
    if (r < 0) {
      fmt = nullptr;  // freed by avformat_open_input
      if (r == AVERROR_EXIT)
        fail("opening took longer than " + std::to_string(int(options.ioDeadlineSeconds)) + " s");
      fail("FFmpeg cannot read it as a video (" + avError(r) + ")",
           "check that the file is a complete video in a format FFmpeg knows");
    }
    r = avformat_find_stream_info(fmt, nullptr);
    if (r < 0)
      fail("cannot read the stream information (" + avError(r) + ")", "the file may be truncated or damaged");

    const AVCodec* decoder = nullptr;
    streamIndex = av_find_best_stream(fmt, AVMEDIA_TYPE_VIDEO, -1, -1, &decoder, 0);
    if (streamIndex >= 0 && (fmt->streams[streamIndex]->disposition & AV_DISPOSITION_ATTACHED_PIC)) {
      streamIndex = -1;  // a cover picture is not a video
      for (unsigned i = 0; i < fmt->nb_streams; ++i) {
        const AVStream* s = fmt->streams[i];
        if (s->codecpar->codec_type == AVMEDIA_TYPE_VIDEO &&
            !(s->disposition & AV_DISPOSITION_ATTACHED_PIC)) {
          streamIndex = static_cast<int>(i);
          decoder = avcodec_find_decoder(s->codecpar->codec_id);
          break;
        }
      }
    }
    if (streamIndex == AVERROR_DECODER_NOT_FOUND || (streamIndex >= 0 && !decoder)) {
      fail("FFmpeg has no decoder for this video codec", "re-encode the video, e.g. to H.264");
    }
    if (streamIndex < 0) fail("the file has no video stream (audio only?)", "choose a file with pictures");
    AVStream* stream = fmt->streams[streamIndex];
    for (unsigned i = 0; i < fmt->nb_streams; ++i)
      if (static_cast<int>(i) != streamIndex) fmt->streams[i]->discard = AVDISCARD_ALL;
    checkSize(stream->codecpar->width, stream->codecpar->height);

    codec = avcodec_alloc_context3(decoder);
    if (!codec) fail("out of memory");
    r = avcodec_parameters_to_context(codec, stream->codecpar);
    if (r < 0) fail("cannot configure the decoder (" + avError(r) + ")");
    codec->opaque = &sink;
    codec->pkt_timebase = stream->time_base;
    codec->thread_count = options.threads;
    codec->thread_type = FF_THREAD_FRAME | FF_THREAD_SLICE;
    if (options.fast) {
      codec->skip_loop_filter = AVDISCARD_ALL;
      codec->skip_idct = AVDISCARD_ALL;
      codec->flags2 |= AV_CODEC_FLAG2_FAST;
    }
    r = avcodec_open2(codec, decoder, nullptr);
    if (r < 0) fail("cannot open the " + std::string(decoder->name) + " decoder (" + avError(r) + ")");
    packet = av_packet_alloc();
    frame = av_frame_alloc();
    if (!packet || !frame) fail("out of memory");
    timeBase = stream->time_base;
    draining = ended = packetPending = false;

    seekable =
        !isRawElementaryStream(fmt->iformat->name) && fmt->pb && (fmt->pb->seekable & AVIO_SEEKABLE_NORMAL);
    skipAllowed = seekable && (decoder->id == AV_CODEC_ID_H264 || decoder->id == AV_CODEC_ID_HEVC);
    const std::string demuxer = fmt->iformat->name ? fmt->iformat->name : "";
    packetTiming = seekable && (demuxer.rfind("mov,mp4", 0) == 0 || demuxer.rfind("matroska", 0) == 0) &&
                   (decoder->id == AV_CODEC_ID_H264 || decoder->id == AV_CODEC_ID_HEVC ||
                    decoder->id == AV_CODEC_ID_VP9 || decoder->id == AV_CODEC_ID_AV1);
    if (first) describe(stream, decoder);
  }

  void describe(const AVStream* stream, const AVCodec* decoder) {
    info.path = path;
    info.container = fmt->iformat->name ? fmt->iformat->name : "";
    info.codec = decoder->name;
    const char* pix = av_get_pix_fmt_name(static_cast<AVPixelFormat>(stream->codecpar->format));
    info.pixelFormat = pix ? pix : "unknown";
    info.width = stream->codecpar->width;
    info.height = stream->codecpar->height;
    info.rotation = rotationOf(stream);
    const bool swap = info.rotation == 90 || info.rotation == 270;
    info.displayWidth = swap ? info.height : info.width;
    info.displayHeight = swap ? info.width : info.height;
    info.fps = positive(stream->avg_frame_rate);
    if (info.fps <= 0) info.fps = positive(stream->r_frame_rate);
    if (stream->duration != AV_NOPTS_VALUE && stream->duration > 0)
      info.containerDuration = stream->duration * av_q2d(stream->time_base);
    else if (fmt->duration != AV_NOPTS_VALUE && fmt->duration > 0)
      info.containerDuration = double(fmt->duration) / AV_TIME_BASE;
    info.duration = std::max(0.0, info.containerDuration);
    info.startTime =
        stream->start_time != AV_NOPTS_VALUE ? stream->start_time * av_q2d(stream->time_base) : 0;
    info.hasTimestamps = stream->start_time != AV_NOPTS_VALUE;
    info.containerFrameCount = stream->nb_frames > 0 ? stream->nb_frames : -1;
  }

  const AVFrame* next() {
    ScopedLogSink bind(&sink);
    armDeadline();
    int packetsWithoutPicture = 0;
    int otherPackets = 0;
    int errorsInARow = 0;
    while (!ended) {
      int r = avcodec_receive_frame(codec, frame);
      if (r == 0) {
        checkSize(frame->width, frame->height);
        return frame;
      }
      if (r == AVERROR_EOF) {
        ended = true;
        break;
      }
      if (r != AVERROR(EAGAIN)) {
        sink.add("decoding error: " + avError(r));
        if (++errorsInARow > options.packetBudget) fail("the decoder keeps failing (" + avError(r) + ")");
        if (draining) {
          ended = true;
          break;
        }
      }
      if (draining) continue;
      if (!packetPending) {
        r = av_read_frame(fmt, packet);
        if (r == AVERROR_EXIT)
          fail("reading took longer than " + std::to_string(int(options.ioDeadlineSeconds)) + " s");
        if (r < 0) {
          if (r != AVERROR_EOF) sink.add("read error, treating it as the end of the file: " + avError(r));
          avcodec_send_packet(codec, nullptr);
          draining = true;
          continue;
        }
        if (packet->stream_index != streamIndex) {
          av_packet_unref(packet);
          if (++otherPackets > kMaxOtherPacketsInARow) {
            sink.add("no video data for " + std::to_string(kMaxOtherPacketsInARow) + " packets; stopping");
            avcodec_send_packet(codec, nullptr);
            draining = true;
          }
          continue;
        }
        otherPackets = 0;
        if (++packetsWithoutPicture > options.packetBudget)
          fail(std::to_string(options.packetBudget) + " video packets in a row gave no picture",
               "the video stream is corrupt");
        if (skipAllowed && skipExcept) {
          const bool wanted = packet->pts == AV_NOPTS_VALUE ||
                              std::binary_search(skipExcept->begin(), skipExcept->end(), packet->pts);
          codec->skip_frame = wanted ? AVDISCARD_DEFAULT : AVDISCARD_NONREF;
        }
      }
      r = avcodec_send_packet(codec, packet);
      if (r == AVERROR(EAGAIN)) {
        packetPending = true;  // the decoder is full: receive first, then send this packet again
        continue;
      }
      packetPending = false;
      av_packet_unref(packet);
      if (r < 0 && r != AVERROR_EOF) {
        sink.add("decoding error: " + avError(r));
        if (++errorsInARow > options.packetBudget) fail("the decoder keeps failing (" + avError(r) + ")");
      } else {
        errorsInARow = 0;
      }
    }
    return nullptr;
  }

  void resetDecoder() {
    avcodec_flush_buffers(codec);
    if (packetPending) av_packet_unref(packet);
    draining = ended = packetPending = false;
  }
};

VideoFile::VideoFile(const std::string& path, DecoderOptions options) : d(std::make_unique<Impl>()) {
  d->path = path;
  d->options = options;
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) throw Error(path, "no such file", "check the path");
  if (std::filesystem::is_directory(status)) throw Error(path, "is a directory, not a video file");
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec && size == 0)
    throw Error(path, "the file is empty (0 bytes)", "the copy or download may have failed");
  d->open(true);
  d->info.warnings = d->sink.snapshot();
}

VideoFile::~VideoFile() = default;

const VideoInfo& VideoFile::info() const {
  return d->info;
}
const std::string& VideoFile::path() const {
  return d->path;
}
WarningSink& VideoFile::warnings() {
  return d->sink;
}
const AVFrame* VideoFile::nextFrame() {
  return d->next();
}

int64_t VideoFile::timestampOf(const AVFrame* frame) {
  return frame->best_effort_timestamp == AV_NOPTS_VALUE ? kNoTimestamp : frame->best_effort_timestamp;
}

double VideoFile::secondsOf(int64_t timestamp) const {
  return timestamp * av_q2d(d->timeBase);
}
int64_t VideoFile::timeBaseNum() const {
  return d->timeBase.num;
}
int64_t VideoFile::timeBaseDen() const {
  return d->timeBase.den;
}
bool VideoFile::canSeek() const {
  return d->seekable;
}

bool VideoFile::nextPacket(PacketMeta& meta) {
  ScopedLogSink bind(&d->sink);
  d->armDeadline();
  for (;;) {
    const int r = av_read_frame(d->fmt, d->packet);
    if (r == AVERROR_EXIT)
      d->fail("reading took longer than " + std::to_string(int(d->options.ioDeadlineSeconds)) + " s");
    if (r < 0) {
      if (r != AVERROR_EOF) d->sink.add("read error, treating it as the end of the file: " + avError(r));
      return false;
    }
    if (d->packet->stream_index != d->streamIndex) {
      av_packet_unref(d->packet);
      continue;
    }
    meta.pts = d->packet->pts == AV_NOPTS_VALUE ? kNoTimestamp : d->packet->pts;
    meta.key = d->packet->flags & AV_PKT_FLAG_KEY;
    meta.flagged = (d->packet->flags & (AV_PKT_FLAG_CORRUPT | AV_PKT_FLAG_DISCARD)) || d->packet->size <= 0;
    av_packet_unref(d->packet);
    return true;
  }
}

bool VideoFile::packetTimingTrusted() const {
  return d->packetTiming;
}

bool VideoFile::seek(int64_t timestamp) {
  if (!d->seekable) return false;
  ScopedLogSink bind(&d->sink);
  d->armDeadline();
  const int r = av_seek_frame(d->fmt, d->streamIndex, timestamp, AVSEEK_FLAG_BACKWARD);
  d->resetDecoder();
  return r >= 0;
}

void VideoFile::rewind() {
  // Reopening is the one way back to the first frame that every demuxer honours exactly.
  d->close();
  d->open(false);
}

void VideoFile::setSkipNonReferenceExcept(const std::vector<int64_t>* sortedTargets) {
  d->skipExcept = sortedTargets;
  if (!sortedTargets && d->codec) d->codec->skip_frame = AVDISCARD_DEFAULT;
}

}  // namespace sevila::media
