// From SeViLA's frame-level Localizer answers to scored moment windows (QVHighlights moment retrieval).
//
// SeViLA's public code stops at frame level (a yes/no per frame); the paper's appendix only says the
// positive frames are turned into windows. This is OUR definition, documented here and in
// docs/metrics.md; it follows the assumption recorded in docs/method.md §9:
//
//  1. Input: frames with a time t_j (seconds, strictly increasing, inside [0, duration]) and the
//     Localizer's yes-probability p_j = softmax([no_logit, yes_logit])[yes] = sigmoid(yes - no).
//  2. Each frame stands for the stretch of video closer to it than to its neighbours: its cell is
//     [c_j, c_{j+1}] with c_0 = 0, c_j = (t_{j-1} + t_j) / 2, c_n = duration. (QVHighlights at
//     0.5 fps: frames at ~1, 3, 5, ... s give the 2-second clips [0,2], [2,4], ..., so a run of
//     positive frames first..last becomes [2·first, 2·(last+1)].)
//  3. A frame is positive when p_j > threshold (default 0.5: "yes" beats "no").
//  4. Runs of consecutive positive frames are merged into spans; two spans are bridged into one when
//     the negative stretch between them (from the end of one span to the start of the next, in
//     seconds) is <= maxGapSeconds (default 0: only adjacent frames merge).
//  5. A span's score is the mean p_j over ALL its frames (bridged negative frames included, so
//     bridging costs score). Window = [c_first, c_{last+1}].
//  6. Windows are sorted by score, descending (ties: earlier window first) and the best maxWindows
//     (default 10, what the official mAP reads) are kept. The first one is what R1 judges.
//  7. No positive frame: the cell of the single best frame (earliest on ties), scored by its p, so
//     every query gets a prediction (unless fallbackToBestFrame is off: then no window).
#pragma once

#include <vector>

#include "data/moment_retrieval_metrics.h"

namespace sevila::data {

struct FrameScore {
  double time = 0.0;            // seconds from the start of the video
  double yesProbability = 0.0;  // in [0, 1]
};

struct WindowAggregationOptions {
  double threshold = 0.5;
  double maxGapSeconds = 0.0;
  int maxWindows = 10;
  bool fallbackToBestFrame = true;
};

// The yes-probability of a frame from the Localizer's two logits.
double yesProbability(double yesLogit, double noLogit);

// Throws sevila::Error when frames are not strictly increasing in time, lie outside [0, duration],
// have a probability outside [0, 1], or duration <= 0. No frames: no windows.
std::vector<ScoredWindow> aggregateWindows(const std::vector<FrameScore>& frames, double duration,
                                           const WindowAggregationOptions& options = {});

}  // namespace sevila::data
