#include "media/picture_frames.h"

#include <cmath>
#include <cstring>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

extern "C" {
#include <libavutil/frame.h>
}

#include "core/error.h"
#include "core/sha256.h"

namespace sevila::media {
namespace {

uint32_t bigEndian(const std::string& b, size_t at, int bytes) {
  uint32_t v = 0;
  for (int i = 0; i < bytes; ++i) v = (v << 8) | static_cast<uint8_t>(b[at + static_cast<size_t>(i)]);
  return v;
}

bool pngSize(const std::string& b, int& width, int& height) {
  static const char kSignature[] = "\x89PNG\r\n\x1a\n";
  if (b.size() < 24 || b.compare(0, 8, kSignature, 8) != 0 || b.compare(12, 4, "IHDR") != 0) return false;
  const uint32_t w = bigEndian(b, 16, 4), h = bigEndian(b, 20, 4);
  if (w == 0 || h == 0 || w > 1u << 30 || h > 1u << 30) return false;
  width = static_cast<int>(w);
  height = static_cast<int>(h);
  return true;
}

// Walks the segments up to the first start-of-frame (SOF0..SOF15 but DHT, JPG and DAC).
bool jpegSize(const std::string& b, int& width, int& height) {
  if (b.size() < 4 || static_cast<uint8_t>(b[0]) != 0xFF || static_cast<uint8_t>(b[1]) != 0xD8) return false;
  size_t at = 2;
  while (at + 4 <= b.size()) {
    if (static_cast<uint8_t>(b[at]) != 0xFF) return false;
    const uint8_t marker = static_cast<uint8_t>(b[at + 1]);
    if (marker == 0xFF) {  // fill byte
      ++at;
      continue;
    }
    if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {  // no length
      at += 2;
      continue;
    }
    if (marker == 0xD9 || marker == 0xDA) return false;  // end of image or scan before any frame header
    const size_t length = bigEndian(b, at + 2, 2);
    if (length < 2) return false;
    if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
      if (at + 9 > b.size() || length < 7) return false;
      height = static_cast<int>(bigEndian(b, at + 5, 2));
      width = static_cast<int>(bigEndian(b, at + 7, 2));
      return width > 0 && height > 0;
    }
    at += 2 + length;
  }
  return false;
}

RgbImage decode(const std::string& bytes, const std::string& what) {
  cv::Mat bgr;
  try {
    const cv::Mat raw(1, static_cast<int>(bytes.size()), CV_8U, const_cast<char*>(bytes.data()));
    bgr = cv::imdecode(raw, cv::IMREAD_COLOR);
  } catch (const cv::Exception& e) {
    throw Error(what, std::string("cannot decode the picture: ") + e.what());
  }
  if (bgr.empty()) throw Error(what, "cannot decode the picture", "send a whole JPEG or PNG file");
  cv::Mat rgb;
  cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
  RgbImage image = RgbImage::allocate(rgb.cols, rgb.rows);
  for (int y = 0; y < rgb.rows; ++y)
    std::memcpy(image.row(y), rgb.ptr(y), static_cast<size_t>(3) * static_cast<size_t>(rgb.cols));
  return image;
}

// To `format` by the same swscale path as decoded video frames; a picture already at that size is
// kept as it is (so frames a client decoded at the model's size arrive bit for bit).
RgbImage convert(const RgbImage& image, const FrameFormat& format) {
  const int w = format.width > 0 ? format.width : image.width;
  const int h = format.height > 0 ? format.height : image.height;
  if (w == image.width && h == image.height) return image;
  // swscale may read past a row's end: a padded copy of the rows.
  const int stride = (3 * image.width + 63) & ~63;
  std::vector<uint8_t> padded(static_cast<size_t>(stride) * static_cast<size_t>(image.height + 1) + 64);
  for (int y = 0; y < image.height; ++y)
    std::memcpy(padded.data() + static_cast<size_t>(y) * stride, image.row(y),
                static_cast<size_t>(3) * image.width);
  AVFrame* frame = av_frame_alloc();
  if (!frame) throw Error("picture", "out of memory");
  frame->format = AV_PIX_FMT_RGB24;
  frame->width = image.width;
  frame->height = image.height;
  frame->data[0] = padded.data();
  frame->linesize[0] = stride;
  frame->color_range = AVCOL_RANGE_JPEG;
  RgbImage out;
  try {
    FrameConverter converter(FrameFormat{w, h, format.interpolation, false}, 0);
    out = converter.convert(frame);
  } catch (...) {
    av_frame_free(&frame);
    throw;
  }
  av_frame_free(&frame);  // the rows belong to `padded`, not to the frame
  return out;
}

}  // namespace

bool pictureSize(const std::string& bytes, int& width, int& height) {
  return pngSize(bytes, width, height) || jpegSize(bytes, width, height);
}

PictureFrames::PictureFrames(std::string name, std::vector<Picture> pictures, PictureLimits limits)
    : m_pictures(std::move(pictures)) {
  if (m_pictures.empty()) throw Error(name, "no pictures");
  if (m_pictures.size() > static_cast<size_t>(limits.maxPictures))
    throw Error(name, std::to_string(m_pictures.size()) + " pictures; at most " +
                          std::to_string(limits.maxPictures) + " are accepted");
  std::string digest;
  for (size_t i = 0; i < m_pictures.size(); ++i) {
    const Picture& p = m_pictures[i];
    const std::string what = name + " picture " + std::to_string(i);
    if (!std::isfinite(p.seconds) || p.seconds < 0)
      throw Error(what, "its time must be a finite number >= 0");
    if (i > 0 && !(p.seconds > m_pictures[i - 1].seconds))
      throw Error(what, "times must increase from picture to picture");
    int w = 0, h = 0;
    if (!pictureSize(p.bytes, w, h)) throw Error(what, "not a JPEG or PNG file (or its header is cut short)");
    if (w > limits.maxSide || h > limits.maxSide)
      throw Error(what, std::to_string(w) + "x" + std::to_string(h) + " pixels; at most " +
                            std::to_string(limits.maxSide) + " on either side are accepted");
    const RgbImage image = decode(p.bytes, what);
    if (i == 0) {
      m_info.width = m_info.displayWidth = image.width;
      m_info.height = m_info.displayHeight = image.height;
    }
    m_bytes += p.bytes.size();
    char time[32];
    std::snprintf(time, sizeof time, "%.17g", p.seconds);
    digest += std::to_string(p.bytes.size()) + ":" + time + ":" + sha256Hex(p.bytes) + ";";
  }
  const size_t n = m_pictures.size();
  m_index.contentKey = "pictures-" + sha256Hex(digest);
  for (const Picture& p : m_pictures) m_index.seconds.push_back(p.seconds);
  const double first = m_pictures.front().seconds, last = m_pictures.back().seconds;
  // The average rate over the pictures (one picture: one per second); clips are cut with it.
  m_index.fps = n > 1 ? static_cast<double>(n - 1) / (last - first) : 1.0;
  m_index.seekable = true;
  m_info.path = std::move(name);
  m_info.container = "pictures";
  m_info.codec = "jpeg/png";
  m_info.pixelFormat = "rgb24";
  m_info.fps = m_index.fps;
  m_info.duration = last - first + 1.0 / m_index.fps;
  m_info.startTime = first;
  m_info.frameCount = static_cast<int64_t>(n);
  m_info.containerFrameCount = static_cast<int64_t>(n);
}

const VideoInfo& PictureFrames::info() const {
  return m_info;
}

const FrameIndex& PictureFrames::index() const {
  return m_index;
}

std::vector<RgbImage> PictureFrames::read(const std::vector<int64_t>& indices, const FrameFormat& format) {
  std::vector<RgbImage> out;
  out.reserve(indices.size());
  for (int64_t i : indices) {
    if (i < 0 || i >= static_cast<int64_t>(m_pictures.size()))
      throw Error(m_info.path, "frame " + std::to_string(i) + " is outside the " +
                                   std::to_string(m_pictures.size()) + " pictures");
    const Picture& p = m_pictures[static_cast<size_t>(i)];
    RgbImage image = convert(decode(p.bytes, m_info.path + " picture " + std::to_string(i)), format);
    image.frameIndex = i;
    image.seconds = p.seconds;
    out.push_back(std::move(image));
  }
  return out;
}

}  // namespace sevila::media
