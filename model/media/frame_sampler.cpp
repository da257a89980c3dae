#include "media/frame_sampler.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/error.h"

namespace sevila::media {
namespace {

void checkCounts(int64_t vlen, int n) {
  if (vlen < 1) throw Error("frame sampling", "the video has no decoded frames");
  if (n < 1) throw Error("--num", "the number of frames must be at least 1, got " + std::to_string(n));
}

// Python's int() of a float: truncation toward zero.
int64_t truncate(double x) {
  return static_cast<int64_t>(std::trunc(x));
}

}  // namespace

std::vector<int64_t> intervalBoundaries(int64_t start, int64_t end, int64_t count) {
  // numpy.linspace(start, stop, num=count+1): y_i = i * (delta / div) + start, with y_last = stop.
  std::vector<int64_t> b(static_cast<std::size_t>(count + 1));
  const double delta = static_cast<double>(end - start);
  const double div = static_cast<double>(count);
  const double step = delta / div;
  for (int64_t i = 0; i <= count; ++i) {
    const double y = step == 0 ? (i / div) * delta + start : i * step + start;
    b[static_cast<std::size_t>(i)] = truncate(y);
  }
  b.back() = end;
  return b;
}

std::pair<int64_t, int64_t> clipFrames(int64_t vlen, double fps, const std::optional<ClipWindow>& clip) {
  if (!clip) return {0, vlen};
  if (!std::isfinite(clip->start) || !std::isfinite(clip->end))
    throw Error("--clip", "the clip's start and end must be finite numbers of seconds");
  if (clip->end < clip->start)
    throw Error("--clip", "the clip ends (" + std::to_string(clip->end) + " s) before it starts (" +
                              std::to_string(clip->start) + " s)");
  const auto frameOf = [&](double s) {
    const double f = s * fps;
    if (f <= 0) return int64_t(0);
    if (f >= static_cast<double>(vlen)) return vlen;
    return std::clamp<int64_t>(truncate(f), 0, vlen);
  };
  return {frameOf(clip->start), frameOf(clip->end)};
}

std::vector<int64_t> sampleFrameIndices(int64_t vlen, int n, double fps,
                                        const std::optional<ClipWindow>& clip) {
  checkCounts(vlen, n);
  const int64_t count = std::min<int64_t>(n, vlen);
  const auto [start, end] = clipFrames(vlen, fps, clip);
  const auto b = intervalBoundaries(start, end, count);
  std::vector<int64_t> indices(static_cast<std::size_t>(count));
  for (int64_t j = 0; j < count; ++j) {
    // Python's // floors; the sum is never negative here. A clip at the very end (start == vlen) still
    // yields the last frame rather than none.
    indices[j] = std::min<int64_t>((b[j] + b[j + 1]) / 2, vlen - 1);
  }
  return indices;
}

std::vector<int64_t> sampleFrameIndicesRandom(int64_t vlen, int n, double fps, std::mt19937_64& rng,
                                              const std::optional<ClipWindow>& clip) {
  checkCounts(vlen, n);
  const int64_t count = std::min<int64_t>(n, vlen);
  const auto [start, end] = clipFrames(vlen, fps, clip);
  const auto b = intervalBoundaries(start, end, count);
  std::vector<int64_t> indices(static_cast<std::size_t>(count));
  for (int64_t j = 0; j < count; ++j) {
    int64_t pick = b[j];
    if (b[j + 1] > b[j]) pick = std::uniform_int_distribution<int64_t>(b[j], b[j + 1] - 1)(rng);
    indices[j] = std::min<int64_t>(pick, vlen - 1);
  }
  return indices;
}

}  // namespace sevila::media
