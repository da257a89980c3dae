// A keyframe label edited as time windows: the annotator draws relevant windows (seconds) on the
// timeline, and the keyframes are the sampled frames those windows cover.
//
// A label either has no drawn windows (its windows are derived from the keyframes, relevantWindows() in
// keyframe_labels.h) or has drawn windows, and then THE INVARIANT holds:
//   keyframes == positionsInWindows(grid, fps, windows), with windows sorted by start, not overlapping
//   and not touching (such windows are merged), each end >= start >= 0, both ends on whole microseconds
//   (what keyframes.jsonl writes, so a label reads back exactly as it was edited).
// The edits below are pure functions that take a label's current keyframes/windows and return new ones
// that keep the invariant. They never touch the grid.
//
// Plain C++17, no Qt.
#pragma once

#include <vector>

#include "data/dataset_item.h"
#include "data/keyframe_labels.h"

namespace sevila::data {

// Grid positions whose time t_i = frameIndices[i] / fps lies inside any window, both ends inclusive (the
// t and the test of relevantWindows / insideAnyWindow), sorted. Throws sevila::Error when fps <= 0.
std::vector<int> positionsInWindows(const SamplingGrid& grid, double fps,
                                    const std::vector<TimeWindow>& windows);

// A label's drawn windows and the keyframes they cover (windows empty: none drawn).
struct LabelSpans {
  std::vector<TimeWindow> windows;
  std::vector<int> keyframes;
  bool operator==(const LabelSpans& o) const { return windows == o.windows && keyframes == o.keyframes; }
};

// Windows in the invariant's shape: ends rounded to the nearest microsecond, a start below 0 clamped to
// 0, sorted by start, overlapping or touching windows merged. Throws sevila::Error for a non-finite end,
// an end before its start, or a window that ends before 0.
std::vector<TimeWindow> normalizedWindows(std::vector<TimeWindow> windows);

// Adds the window `w` (merged with those it overlaps or touches). When the label has keyframes but no
// drawn windows, its derived windows (relevantWindows) become drawn first, so no keyframe is lost.
// Throws sevila::Error for a bad window (see normalizedWindows) or fps <= 0.
LabelSpans addWindow(const SamplingGrid& grid, double fps, const std::vector<int>& keyframes,
                     const std::vector<TimeWindow>& windows, TimeWindow w);

// Drops windows[index]; the keyframes are those the other windows cover (none left: no keyframes, no
// drawn windows). Throws sevila::Error when index is outside [0, windows.size()).
LabelSpans removeWindow(const SamplingGrid& grid, double fps, const std::vector<TimeWindow>& windows,
                        int index);

// Toggles one grid position on a label with drawn windows.
// - Covered: the window holding it is cut so that exactly that position (and any position with the same
//   frame index) is no longer covered and every other covered position still is. The left piece ends a
//   quarter of the grid's smallest frame gap after the previous frame, the right piece starts as far
//   before the next frame (the margin relevantWindows uses); a piece that would cover no position is
//   dropped.
// - Not covered: its single-position derived window (relevantWindows(grid, fps, {position})) is added.
// Throws sevila::Error when position is outside the grid, fps <= 0, or the neighbouring frames are too
// close (under a microsecond) to cut between them.
LabelSpans toggleKeyframeInWindows(const SamplingGrid& grid, double fps,
                                   const std::vector<TimeWindow>& windows, int position);

}  // namespace sevila::data
