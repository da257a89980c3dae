#include "media/frame_preprocess.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

extern "C" {
#include <libavutil/frame.h>
#include <libavutil/pixdesc.h>
#include <libavutil/pixfmt.h>
#include <libswscale/swscale.h>
}

#include "core/error.h"

namespace sevila::media {

void fitWithin(int width, int height, int maxWidth, int maxHeight, int& outWidth, int& outHeight) {
  if (width <= 0 || height <= 0 || maxWidth <= 0 || maxHeight <= 0) {
    outWidth = outHeight = 0;
    return;
  }
  const double scale = std::min(double(maxWidth) / width, double(maxHeight) / height);
  outWidth = std::max(1, static_cast<int>(std::lround(width * scale)));
  outHeight = std::max(1, static_cast<int>(std::lround(height * scale)));
}

namespace {

// Whether the picture's planes can be turned before scaling, as the ffmpeg CLI's transpose / hflip+vflip
// filters do: planar, one byte per sample, and (for a quarter turn) the same chroma subsampling on both
// axes. Other formats are turned after conversion to RGB.
bool canTurnPlanes(const AVFrame* frame, int degrees) {
  const AVPixFmtDescriptor* desc = av_pix_fmt_desc_get(static_cast<AVPixelFormat>(frame->format));
  if (!desc || !(desc->flags & AV_PIX_FMT_FLAG_PLANAR) ||
      (desc->flags & (AV_PIX_FMT_FLAG_BITSTREAM | AV_PIX_FMT_FLAG_PAL | AV_PIX_FMT_FLAG_HWACCEL)))
    return false;
  for (int c = 0; c < desc->nb_components; ++c)
    if (desc->comp[c].step != 1 || desc->comp[c].depth > 8 || desc->comp[c].shift != 0) return false;
  if (degrees != 180 && desc->log2_chroma_w != desc->log2_chroma_h) return false;
  return true;
}

// Turns every plane of `src` clockwise into `dst` (allocated here).
bool turnPlanes(const AVFrame* src, AVFrame* dst, int degrees) {
  const AVPixFmtDescriptor* desc = av_pix_fmt_desc_get(static_cast<AVPixelFormat>(src->format));
  const bool quarter = degrees != 180;
  av_frame_unref(dst);
  dst->format = src->format;
  dst->width = quarter ? src->height : src->width;
  dst->height = quarter ? src->width : src->height;
  if (av_frame_get_buffer(dst, 0) < 0) return false;
  av_frame_copy_props(dst, src);
  const int planes = av_pix_fmt_count_planes(static_cast<AVPixelFormat>(src->format));
  for (int p = 0; p < planes; ++p) {
    const bool chroma = (p == 1 || p == 2) && !(desc->flags & AV_PIX_FMT_FLAG_RGB);
    const int sw = chroma ? AV_CEIL_RSHIFT(src->width, desc->log2_chroma_w) : src->width;
    const int sh = chroma ? AV_CEIL_RSHIFT(src->height, desc->log2_chroma_h) : src->height;
    const int dw = quarter ? sh : sw;
    const int dh = quarter ? sw : sh;
    const uint8_t* in = src->data[p];
    uint8_t* out = dst->data[p];
    const int is = src->linesize[p], os = dst->linesize[p];
    for (int y = 0; y < dh; ++y) {
      uint8_t* row = out + static_cast<std::ptrdiff_t>(y) * os;
      for (int x = 0; x < dw; ++x) {
        int sx, sy;
        if (degrees == 90) {
          sx = y;
          sy = sh - 1 - x;
        } else if (degrees == 180) {
          sx = sw - 1 - x;
          sy = sh - 1 - y;
        } else {
          sx = sw - 1 - y;
          sy = x;
        }
        row[x] = in[static_cast<std::ptrdiff_t>(sy) * is + sx];
      }
    }
  }
  return true;
}

}  // namespace

struct FrameConverter::Impl {
  FrameFormat format;
  int rotation = 0;
  SwsContext* sws = nullptr;
  AVFrame* turned = nullptr;
  std::vector<uint8_t> scratch;
  ~Impl() {
    sws_freeContext(sws);
    av_frame_free(&turned);
  }
};

FrameConverter::FrameConverter(FrameFormat format, int rotation) : d(std::make_unique<Impl>()) {
  d->format = format;
  d->rotation = format.applyRotation ? ((rotation % 360) + 360) % 360 : 0;
}

FrameConverter::~FrameConverter() = default;

RgbImage FrameConverter::convert(const AVFrame* frame) {
  int pending = d->rotation;
  if (pending && canTurnPlanes(frame, pending)) {
    // Turn first, then scale and convert: the order of the ffmpeg CLI's autorotation.
    if (!d->turned) d->turned = av_frame_alloc();
    if (d->turned && turnPlanes(frame, d->turned, pending)) {
      frame = d->turned;
      pending = 0;
    }
  }
  const bool quarter = pending == 90 || pending == 270;
  // Size before rotation: the requested display size with its sides swapped for a quarter turn.
  int w = d->format.width > 0 ? d->format.width : (quarter ? frame->height : frame->width);
  int h = d->format.height > 0 ? d->format.height : (quarter ? frame->width : frame->height);
  if (quarter) std::swap(w, h);
  const int flags = d->format.interpolation == Interpolation::Bicubic ? SWS_BICUBIC : SWS_BILINEAR;
  const auto source = static_cast<AVPixelFormat>(frame->format);
  d->sws = sws_getCachedContext(d->sws, frame->width, frame->height, source, w, h, AV_PIX_FMT_RGB24, flags,
                                nullptr, nullptr, nullptr);
  if (!d->sws)
    throw Error("frame conversion", std::string("swscale cannot convert this picture format to RGB (") +
                                        std::to_string(frame->format) + ")");
  // As FFmpeg's scale filter ("in_color_matrix=auto"): the frame's matrix, BT.601 for unspecified or
  // unknown values, and the frame's range when it states one.
  int* invTable = nullptr;
  int* table = nullptr;
  int srcFull = 0, dstFull = 0, brightness = 0, contrast = 0, saturation = 0;
  if (sws_getColorspaceDetails(d->sws, &invTable, &srcFull, &table, &dstFull, &brightness, &contrast,
                               &saturation) >= 0) {
    int space = frame->colorspace;
    if (space < 1 || space > 10 || space == 8) space = AVCOL_SPC_BT470BG;
    const int* coefficients = sws_getCoefficients(space);
    if (frame->color_range != AVCOL_RANGE_UNSPECIFIED) srcFull = frame->color_range == AVCOL_RANGE_JPEG;
    sws_setColorspaceDetails(d->sws, coefficients, srcFull, coefficients, dstFull, brightness, contrast,
                             saturation);
  }
  // swscale's SIMD code may write past the end of a row and of the buffer: give it an aligned,
  // padded scratch buffer and copy the rows out.
  const int scratchStride = (3 * w + 63) & ~63;
  d->scratch.resize(static_cast<std::size_t>(scratchStride) * (h + 1) + 256);
  uint8_t* aligned =
      reinterpret_cast<uint8_t*>((reinterpret_cast<uintptr_t>(d->scratch.data()) + 63) & ~uintptr_t(63));
  uint8_t* planes[4] = {aligned, nullptr, nullptr, nullptr};
  int strides[4] = {scratchStride, 0, 0, 0};
  sws_scale(d->sws, frame->data, frame->linesize, 0, frame->height, planes, strides);
  RgbImage image = RgbImage::allocate(w, h);
  for (int y = 0; y < h; ++y)
    std::memcpy(image.row(y), aligned + static_cast<std::size_t>(y) * scratchStride,
                static_cast<std::size_t>(3) * w);
  return pending ? rotateClockwise(image, pending) : image;
}

RgbImage rotateClockwise(const RgbImage& src, int degrees) {
  degrees = ((degrees % 360) + 360) % 360;
  if (degrees == 0) return src;
  const bool quarter = degrees == 90 || degrees == 270;
  RgbImage out = RgbImage::allocate(quarter ? src.height : src.width, quarter ? src.width : src.height);
  out.frameIndex = src.frameIndex;
  out.seconds = src.seconds;
  const int pw = src.width, ph = src.height;
  for (int y = 0; y < out.height; ++y) {
    uint8_t* dst = out.row(y);
    for (int x = 0; x < out.width; ++x) {
      int sx, sy;
      if (degrees == 90) {
        sx = y;
        sy = ph - 1 - x;
      } else if (degrees == 180) {
        sx = pw - 1 - x;
        sy = ph - 1 - y;
      } else {
        sx = pw - 1 - y;
        sy = x;
      }
      std::memcpy(dst + 3 * x, src.row(sy) + 3 * sx, 3);
    }
  }
  return out;
}

void normalizeClip(const RgbImage& image, float* out) {
  const std::size_t plane = static_cast<std::size_t>(image.width) * image.height;
  for (int y = 0; y < image.height; ++y) {
    const uint8_t* row = image.row(y);
    for (int x = 0; x < image.width; ++x) {
      const std::size_t at = static_cast<std::size_t>(y) * image.width + x;
      for (int c = 0; c < 3; ++c) {
        // torchvision: x.float() / 255.0, then (x - mean) / std, all in float32.
        const float v = static_cast<float>(row[3 * x + c]) / 255.0f;
        out[c * plane + at] = (v - kClipMean[c]) / kClipStd[c];
      }
    }
  }
}

}  // namespace sevila::media
