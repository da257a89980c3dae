// Labels edited as drawn time windows: coverage, merging, removing, cutting a keyframe out of a window,
// the invariant (keyframes == covered positions, windows sorted and disjoint) after long random edit
// sequences, and every edit's result surviving keyframes.jsonl unchanged.
#include "data/label_windows.h"

#include <algorithm>
#include <cmath>
#include <random>

#include "core/error.h"
#include "minitest.h"

using namespace sevila::data;

namespace {

// fps 10, frames 5, 15, ..., 55 -> t = 0.5, 1.5, ..., 5.5; smallest gap 1 s -> pad 0.25 s.
SamplingGrid grid6() {
  SamplingGrid g;
  for (int i = 0; i < 6; ++i) {
    g.frameIndices.push_back(5 + 10 * i);
    g.timestamps.push_back(0.5 + i);
  }
  return g;
}

using Windows = std::vector<TimeWindow>;
using Positions = std::vector<int>;

bool onMicros(double x) {
  return static_cast<double>(std::llround(x * 1e6)) / 1e6 == x;
}

// THE INVARIANT, with a message naming what broke.
std::string invariantBroken(const SamplingGrid& grid, double fps, const LabelSpans& s) {
  for (size_t j = 0; j < s.windows.size(); ++j) {
    const TimeWindow& w = s.windows[j];
    if (w.start < 0) return "window " + std::to_string(j) + " starts before 0";
    if (w.end < w.start) return "window " + std::to_string(j) + " ends before it starts";
    if (!onMicros(w.start) || !onMicros(w.end)) return "window " + std::to_string(j) + " not on microseconds";
    if (j && w.start <= s.windows[j - 1].end) return "window " + std::to_string(j) + " overlaps/touches";
  }
  if (s.windows.empty() ? !s.keyframes.empty() : s.keyframes != positionsInWindows(grid, fps, s.windows))
    return "keyframes are not the covered positions";
  return {};
}

}  // namespace

TEST(positionsInWindowsUsesIndexOverFpsInclusive) {
  const SamplingGrid g = grid6();
  CHECK(positionsInWindows(g, 10, {{1.0, 2.5}}) == Positions({1, 2}));  // 2.5 is on the end: inside
  CHECK(positionsInWindows(g, 10, {{0, 0.5}, {5.5, 9}}) == Positions({0, 5}));
  CHECK(positionsInWindows(g, 10, {{0.6, 1.4}}).empty());
  CHECK(positionsInWindows(g, 10, {}).empty());
  // Index / fps, not the stored timestamps: at fps 5 the frames sit at 1, 3, 5, ... seconds.
  CHECK(positionsInWindows(g, 5, {{2.5, 5}}) == Positions({1, 2}));
  // The derived windows give back their keyframes.
  CHECK(positionsInWindows(g, 10, relevantWindows(g, 10, {1, 2, 4})) == Positions({1, 2, 4}));
  CHECK_THROWS_WITH(positionsInWindows(g, 0, {{0, 1}}), "fps");
}

TEST(normalizedWindowsSortMergeClampAndRound) {
  const Windows w = normalizedWindows({{3, 4}, {1, 2}, {1.5, 2.5}, {4, 5}});
  CHECK(w == Windows({{1, 2.5}, {3, 5}}));  // overlapping and touching (4 = 4) windows merge
  CHECK(normalizedWindows({{-0.3, 0.7}}) == Windows({{0, 0.7}}));
  CHECK(normalizedWindows({{1.0000004, 1.0000006}}) == Windows({{1, 1.000001}}));
  CHECK(normalizedWindows({{2, 3}, {2.5, 2.6}}) == Windows({{2, 3}}));  // inside another
  CHECK(normalizedWindows({}).empty());
  CHECK_THROWS_WITH(normalizedWindows({{2, 1}}), "window [2, 1] ends before it starts");
  CHECK_THROWS_WITH(normalizedWindows({{-2, -1}}), "lies before the start of the video");
  CHECK_THROWS_WITH(normalizedWindows({{0, std::nan("")}}), "not a finite number");
}

TEST(addWindowMergesAndKeepsDerivedKeyframes) {
  const SamplingGrid g = grid6();
  // Keyframes [1, 2, 4] with no drawn windows: their derived windows become drawn, then 3.2..3.8 joins.
  LabelSpans s = addWindow(g, 10, {1, 2, 4}, {}, {3.2, 3.8});
  CHECK(s.windows == Windows({{1.25, 2.75}, {3.2, 3.8}, {4.25, 4.75}}));
  CHECK(s.keyframes == Positions({1, 2, 3, 4}));
  // Overlapping: one window.
  s = addWindow(g, 10, {1, 2}, {{1.25, 2.75}}, {2.5, 3.6});
  CHECK(s.windows == Windows({{1.25, 3.6}}));
  CHECK(s.keyframes == Positions({1, 2, 3}));
  // Touching: one window.
  s = addWindow(g, 10, {1}, {{1, 2}}, {2, 3});
  CHECK(s.windows == Windows({{1, 3}}));
  CHECK(s.keyframes == Positions({1, 2}));
  // A window between frames is kept as drawn; it adds no keyframe.
  s = addWindow(g, 10, {1}, {{1, 2}}, {2.6, 2.9});
  CHECK(s.windows == Windows({{1, 2}, {2.6, 2.9}}));
  CHECK(s.keyframes == Positions({1}));
  // A first window on an empty label; one drawn from right to left is refused.
  s = addWindow(g, 10, {}, {}, {0, 0.6});
  CHECK(s.windows == Windows({{0, 0.6}}));
  CHECK(s.keyframes == Positions({0}));
  CHECK_THROWS_WITH(addWindow(g, 10, {}, {}, {3, 2}), "ends before it starts");
  CHECK_THROWS_WITH(addWindow(g, -1, {}, {}, {0, 1}), "fps");
}

TEST(removeWindowDropsItsKeyframes) {
  const SamplingGrid g = grid6();
  const Windows three = {{1.25, 2.75}, {3.2, 3.8}, {4.25, 4.75}};
  LabelSpans s = removeWindow(g, 10, three, 1);
  CHECK(s.windows == Windows({{1.25, 2.75}, {4.25, 4.75}}));
  CHECK(s.keyframes == Positions({1, 2, 4}));
  s = removeWindow(g, 10, three, 0);
  CHECK(s.keyframes == Positions({3, 4}));
  s = removeWindow(g, 10, {{1.25, 2.75}}, 0);
  CHECK(s.windows.empty() && s.keyframes.empty());
  CHECK_THROWS_WITH(removeWindow(g, 10, three, 3), "no window 3 to remove (the label has 3)");
  CHECK_THROWS_WITH(removeWindow(g, 10, three, -1), "no window -1 to remove");
  CHECK_THROWS_WITH(removeWindow(g, 10, {}, 0), "no window 0 to remove (the label has 0)");
}

TEST(toggleCutsAKeyframeOutOfItsWindow) {
  const SamplingGrid g = grid6();
  // In the middle: [1.25, 4.75] covers 1..4; cutting 2 (t 2.5) leaves [1.25, 1.75] and [3.25, 4.75].
  LabelSpans s = toggleKeyframeInWindows(g, 10, {{1.25, 4.75}}, 2);
  CHECK(s.windows == Windows({{1.25, 1.75}, {3.25, 4.75}}));
  CHECK(s.keyframes == Positions({1, 3, 4}));
  // At the start of a window: no frame before t 1.5 inside it, so no left piece.
  s = toggleKeyframeInWindows(g, 10, {{1.25, 4.75}}, 1);
  CHECK(s.windows == Windows({{2.25, 4.75}}));
  CHECK(s.keyframes == Positions({2, 3, 4}));
  // At the end.
  s = toggleKeyframeInWindows(g, 10, {{1.25, 4.75}}, 4);
  CHECK(s.windows == Windows({{1.25, 3.75}}));
  CHECK(s.keyframes == Positions({1, 2, 3}));
  // A drawn margin is kept on the outer side: [0.1, 2.9] minus t 2.5 is [0.1, 1.75].
  s = toggleKeyframeInWindows(g, 10, {{0.1, 2.9}}, 2);
  CHECK(s.windows == Windows({{0.1, 1.75}}));
  CHECK(s.keyframes == Positions({0, 1}));
  // The only frame of a window: the window goes.
  s = toggleKeyframeInWindows(g, 10, {{1.25, 1.75}, {3, 4}}, 1);
  CHECK(s.windows == Windows({{3, 4}}));
  CHECK(s.keyframes == Positions({3}));
  s = toggleKeyframeInWindows(g, 10, {{1.25, 1.75}}, 1);
  CHECK(s.windows.empty() && s.keyframes.empty());
  // Not covered: its own derived window is added, merged with a neighbour it touches.
  s = toggleKeyframeInWindows(g, 10, {{1.25, 1.75}}, 3);
  CHECK(s.windows == Windows({{1.25, 1.75}, {3.25, 3.75}}));
  CHECK(s.keyframes == Positions({1, 3}));
  s = toggleKeyframeInWindows(g, 10, {{1, 2.25}}, 2);
  CHECK(s.windows == Windows({{1, 2.75}}));
  CHECK(s.keyframes == Positions({1, 2}));
  // Toggling twice gives the keyframes back; the cut stays as three windows.
  s = toggleKeyframeInWindows(g, 10, toggleKeyframeInWindows(g, 10, {{1.25, 4.75}}, 2).windows, 2);
  CHECK(s.keyframes == Positions({1, 2, 3, 4}));
  CHECK(s.windows == Windows({{1.25, 1.75}, {2.25, 2.75}, {3.25, 4.75}}));
}

TEST(toggleRemovesEveryPositionOfARepeatedFrame) {
  // A short clip repeats frame 15 at positions 1 and 2 (t 1.5): they go together.
  const SamplingGrid g{{5, 15, 15, 25}, {0.5, 1.5, 1.5, 2.5}};
  const LabelSpans s = toggleKeyframeInWindows(g, 10, {{0.4, 2.6}}, 2);
  CHECK(s.windows == Windows({{0.4, 0.75}, {2.25, 2.6}}));
  CHECK(s.keyframes == Positions({0, 3}));
}

TEST(toggleErrors) {
  const SamplingGrid g = grid6();
  CHECK_THROWS_WITH(toggleKeyframeInWindows(g, 10, {{1, 2}}, 6),
                    "position 6 is outside the grid of 6 frames");
  CHECK_THROWS_WITH(toggleKeyframeInWindows(g, 10, {{1, 2}}, -1), "position -1 is outside");
  CHECK_THROWS_WITH(toggleKeyframeInWindows(g, 0, {{1, 2}}, 1), "fps");
  // Frames 0.1 us apart (t 0.1 us and 0.2 us) cannot be told apart by windows written to the microsecond.
  const SamplingGrid tight{{1, 2}, {1e-7, 2e-7}};
  CHECK_THROWS_WITH(toggleKeyframeInWindows(tight, 1e7, {{0, 0.000001}}, 1),
                    "frames closer than a microsecond around position 1 cannot be separated");
}

TEST(invariantHoldsAfterRandomEditSequences) {
  // The fps-10 grid and an NTSC grid of 32 frames over 1000 (uneven gaps of 31 and 32 frames).
  SamplingGrid ntsc;
  const double ntscFps = 30000.0 / 1001.0;
  for (int i = 0; i < 32; ++i) {
    const int64_t a = 1000 * i / 32, b = 1000 * (i + 1) / 32;
    ntsc.frameIndices.push_back((a + b) / 2);
    ntsc.timestamps.push_back(((a + b) / 2) / ntscFps);
  }
  struct Case {
    SamplingGrid grid;
    double fps;
    double duration;
  };
  const std::vector<Case> cases = {{grid6(), 10.0, 6.0}, {ntsc, ntscFps, 1000 / ntscFps}};
  std::mt19937 rng(20261124);
  int adds = 0, removes = 0, cuts = 0, joins = 0;
  for (const Case& c : cases) {
    const int n = c.grid.size();
    std::vector<double> t(n);
    for (int i = 0; i < n; ++i) t[i] = c.grid.frameIndices[i] / c.fps;
    std::uniform_real_distribution<double> when(-0.5, c.duration + 0.5);
    std::uniform_int_distribution<int> op(0, 2), pos(0, n - 1);
    for (int run = 0; run < 4; ++run) {
      // Start from a label with keyframes and no drawn windows.
      LabelSpans s;
      for (int i = 0; i < n; ++i)
        if (pos(rng) % 3 == 0) s.keyframes.push_back(i);
      for (int step = 0; step < 150; ++step) {
        const LabelSpans before = s;
        const int kind = s.windows.empty() && !s.keyframes.empty() ? 0 : op(rng);
        if (kind == 0) {
          double a = when(rng), b = when(rng);
          if (a > b) std::swap(a, b);
          if (b < 0) b = 0.01;
          s = addWindow(c.grid, c.fps, s.keyframes, s.windows, {a, b});
          ++adds;
          for (int p : before.keyframes)  // adding never loses a keyframe
            CHECK(std::binary_search(s.keyframes.begin(), s.keyframes.end(), p));
          for (int i = 0; i < n; ++i)  // and the new window's frames are in
            if (t[i] >= std::max(0.0, a) + 1e-6 && t[i] <= b - 1e-6)
              CHECK(std::binary_search(s.keyframes.begin(), s.keyframes.end(), i));
        } else if (kind == 1) {
          if (s.windows.empty()) continue;
          const int index =
              std::uniform_int_distribution<int>(0, static_cast<int>(s.windows.size()) - 1)(rng);
          s = removeWindow(c.grid, c.fps, s.windows, index);
          ++removes;
          CHECK(s.windows.size() == before.windows.size() - 1);
          for (int p : s.keyframes)  // removing never adds a keyframe
            CHECK(std::binary_search(before.keyframes.begin(), before.keyframes.end(), p));
        } else {
          const int p = pos(rng);
          const bool was = std::binary_search(before.keyframes.begin(), before.keyframes.end(), p);
          s = toggleKeyframeInWindows(c.grid, c.fps, s.windows, p);
          // Exactly p (and any position at the same time) changes.
          std::vector<int> expected;
          for (int i = 0; i < n; ++i) {
            const bool had = std::binary_search(before.keyframes.begin(), before.keyframes.end(), i);
            if (t[i] == t[p] ? !was : had) expected.push_back(i);
          }
          CHECK(s.keyframes == expected);
          ++(was ? cuts : joins);
        }
        const std::string broken = invariantBroken(c.grid, c.fps, s);
        if (!broken.empty()) {
          ::minitest::fail(__FILE__, __LINE__, "step " + std::to_string(step) + ": " + broken);
          return;
        }
        // Through keyframes.jsonl (schema 2 when windows are drawn): the same label, the same bytes.
        KeyframeLabelRecord r;
        r.qid = "q";
        r.author = "a";
        r.fps = c.fps;
        r.grid = c.grid;
        r.keyframes = s.keyframes;
        r.windows = s.windows;
        const std::string line = keyframeLabelLine(r);
        const KeyframeLabelRecord back = parseKeyframeLabels(line + "\n", "edit.jsonl").at(0);
        CHECK(back.windows == s.windows);
        CHECK(back.keyframes == s.keyframes);
        CHECK_EQ(keyframeLabelLine(back), line);
      }
    }
  }
  // The sequences did exercise every edit.
  CHECK(adds > 50 && removes > 50 && cuts > 50 && joins > 50);
}

MINITEST_MAIN
