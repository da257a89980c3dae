// Which frames SeViLA looks at (docs/method.md §2, reference lavis/datasets/data_utils.py::load_video).
// n' = min(n, vlen) with vlen the whole video's decoded frame count (even when a clip is given); the
// window [start, end) is cut at linspace(start, end, n'+1) truncated to integers, and evaluation takes
// the middle of each interval, (b_j + b_{j+1}) // 2; training takes a random index in [b_j, b_{j+1})
// (b_j when the interval is empty). A clip [s, e] in seconds gives start = int(s·fps), end = int(e·fps)
// clamped to [0, vlen]; a clip shorter than n' frames repeats indices. Unlike the reference's dataset,
// a video shorter than n frames is never dropped: it yields n' frames. Pure functions, no FFmpeg.
#pragma once

#include <cstdint>
#include <optional>
#include <random>
#include <vector>

namespace sevila::media {

struct ClipWindow {
  double start = 0;  // seconds
  double end = 0;    // seconds
};

// The int-truncated boundaries linspace(start, end, count + 1), as numpy computes them.
std::vector<int64_t> intervalBoundaries(int64_t start, int64_t end, int64_t count);

// [start, end) in frames for `clip` (the whole video without one). Throws sevila::Error on a clip
// whose end is before its start or that is not finite.
std::pair<int64_t, int64_t> clipFrames(int64_t vlen, double fps, const std::optional<ClipWindow>& clip);

// Evaluation sampling: the middle of each interval. Throws sevila::Error when vlen < 1 or n < 1.
std::vector<int64_t> sampleFrameIndices(int64_t vlen, int n, double fps,
                                        const std::optional<ClipWindow>& clip = std::nullopt);

// Training sampling: a uniformly random index inside each interval, drawn from `rng` (seed it for
// reproducible runs).
std::vector<int64_t> sampleFrameIndicesRandom(int64_t vlen, int n, double fps, std::mt19937_64& rng,
                                              const std::optional<ClipWindow>& clip = std::nullopt);

}  // namespace sevila::media
