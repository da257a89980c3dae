#include "data/label_windows.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "core/error.h"

namespace sevila::data {

namespace {

constexpr const char* kSubject = "relevant windows";

// Microseconds, the resolution keyframes.jsonl writes times with.
int64_t microsNearest(double x) {
  return static_cast<int64_t>(std::llround(x * 1e6));
}
// The smallest m with m / 1e6 >= x, and the largest m with m / 1e6 <= x.
int64_t microsUp(double x) {
  auto m = static_cast<int64_t>(std::ceil(x * 1e6));
  while (static_cast<double>(m) / 1e6 < x) ++m;
  while (static_cast<double>(m - 1) / 1e6 >= x) --m;
  return m;
}
int64_t microsDown(double x) {
  auto m = static_cast<int64_t>(std::floor(x * 1e6));
  while (static_cast<double>(m) / 1e6 > x) --m;
  while (static_cast<double>(m + 1) / 1e6 <= x) ++m;
  return m;
}
double seconds(int64_t micros) {
  return static_cast<double>(micros) / 1e6;
}

void checkFps(double fps) {
  if (!(fps > 0) || !std::isfinite(fps))
    throw Error("fps", "must be a positive number, got " + formatShortest(fps));
}

std::vector<double> gridTimes(const SamplingGrid& grid, double fps) {
  checkFps(fps);
  std::vector<double> t(grid.frameIndices.size());
  for (size_t i = 0; i < t.size(); ++i) t[i] = static_cast<double>(grid.frameIndices[i]) / fps;
  return t;
}

std::string windowText(const TimeWindow& w) {
  return "[" + formatShortest(w.start) + ", " + formatShortest(w.end) + "]";
}

LabelSpans spans(const SamplingGrid& grid, double fps, std::vector<TimeWindow> windows) {
  LabelSpans s;
  s.windows = normalizedWindows(std::move(windows));
  s.keyframes = positionsInWindows(grid, fps, s.windows);
  return s;
}

}  // namespace

std::vector<int> positionsInWindows(const SamplingGrid& grid, double fps,
                                    const std::vector<TimeWindow>& windows) {
  const std::vector<double> t = gridTimes(grid, fps);
  std::vector<int> out;
  for (size_t i = 0; i < t.size(); ++i)
    if (insideAnyWindow(t[i], windows)) out.push_back(static_cast<int>(i));
  return out;
}

std::vector<TimeWindow> normalizedWindows(std::vector<TimeWindow> windows) {
  for (TimeWindow& w : windows) {
    if (!std::isfinite(w.start) || !std::isfinite(w.end))
      throw Error(kSubject, "a window end is not a finite number");
    if (w.end < w.start) throw Error(kSubject, "window " + windowText(w) + " ends before it starts");
    if (w.end < 0) throw Error(kSubject, "window " + windowText(w) + " lies before the start of the video");
    w.start = seconds(std::max<int64_t>(0, microsNearest(w.start)));
    w.end = seconds(microsNearest(w.end));
  }
  std::sort(windows.begin(), windows.end(), [](const TimeWindow& a, const TimeWindow& b) {
    return a.start < b.start || (a.start == b.start && a.end < b.end);
  });
  std::vector<TimeWindow> out;
  for (const TimeWindow& w : windows) {
    if (!out.empty() && w.start <= out.back().end)
      out.back().end = std::max(out.back().end, w.end);
    else
      out.push_back(w);
  }
  return out;
}

LabelSpans addWindow(const SamplingGrid& grid, double fps, const std::vector<int>& keyframes,
                     const std::vector<TimeWindow>& windows, TimeWindow w) {
  std::vector<TimeWindow> all =
      windows.empty() && !keyframes.empty() ? relevantWindows(grid, fps, keyframes) : windows;
  all.push_back(w);
  return spans(grid, fps, std::move(all));
}

LabelSpans removeWindow(const SamplingGrid& grid, double fps, const std::vector<TimeWindow>& windows,
                        int index) {
  if (index < 0 || index >= static_cast<int>(windows.size()))
    throw Error(kSubject, "no window " + std::to_string(index) + " to remove (the label has " +
                              std::to_string(windows.size()) + ")");
  std::vector<TimeWindow> rest = windows;
  rest.erase(rest.begin() + index);
  return spans(grid, fps, std::move(rest));
}

LabelSpans toggleKeyframeInWindows(const SamplingGrid& grid, double fps,
                                   const std::vector<TimeWindow>& windows, int position) {
  const std::vector<double> t = gridTimes(grid, fps);
  const int n = static_cast<int>(t.size());
  if (position < 0 || position >= n)
    throw Error("keyframes", "position " + std::to_string(position) + " is outside the grid of " +
                                 std::to_string(n) + " frames");
  std::vector<TimeWindow> current = normalizedWindows(windows);
  const std::vector<int> covered = positionsInWindows(grid, fps, current);
  const double tp = t[position];
  const auto holder = std::find_if(current.begin(), current.end(),
                                   [&](const TimeWindow& w) { return tp >= w.start && tp <= w.end; });
  if (holder == current.end()) {
    current.push_back(relevantWindows(grid, fps, {position}).at(0));
    return spans(grid, fps, std::move(current));
  }

  // Cut the window holding t_p between t_p and its neighbouring frame times.
  double gap = std::numeric_limits<double>::infinity();
  for (int i = 1; i < n; ++i)
    if (t[i] > t[i - 1]) gap = std::min(gap, t[i] - t[i - 1]);
  const double pad = std::isfinite(gap) ? gap / 4 : 0.0;
  const TimeWindow w = *holder;
  current.erase(holder);
  double before = -std::numeric_limits<double>::infinity(), after = std::numeric_limits<double>::infinity();
  for (double ti : t) {
    if (ti < tp) before = std::max(before, ti);
    if (ti > tp) after = std::min(after, ti);
  }
  const std::string tooClose =
      "frames closer than a microsecond around position " + std::to_string(position) + " cannot be separated";
  if (before >= w.start) {  // a frame before t_p stays covered: keep [w.start, just after it]
    const int64_t lo = microsUp(before), hi = microsUp(tp) - 1;
    if (lo > hi) throw Error(kSubject, tooClose);
    current.push_back({w.start, seconds(std::clamp(microsNearest(before + pad), lo, hi))});
  }
  if (after <= w.end) {  // a frame after t_p stays covered: keep [just before it, w.end]
    const int64_t lo = microsDown(tp) + 1, hi = microsDown(after);
    if (lo > hi) throw Error(kSubject, tooClose);
    current.push_back({seconds(std::clamp(microsNearest(after - pad), lo, hi)), w.end});
  }
  LabelSpans out = spans(grid, fps, std::move(current));
  // The cut must remove exactly the frames at t_p (a guard for grids near the microsecond resolution).
  std::vector<int> expected;
  for (int p : covered)
    if (t[p] != tp) expected.push_back(p);
  if (out.keyframes != expected) throw Error(kSubject, tooClose);
  return out;
}

}  // namespace sevila::data
