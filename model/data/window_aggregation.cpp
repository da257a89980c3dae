#include "data/window_aggregation.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/error.h"

namespace sevila::data {

double yesProbability(double yesLogit, double noLogit) {
  const double d = yesLogit - noLogit;
  // Stable sigmoid.
  if (d >= 0) return 1.0 / (1.0 + std::exp(-d));
  const double e = std::exp(d);
  return e / (1.0 + e);
}

std::vector<ScoredWindow> aggregateWindows(const std::vector<FrameScore>& frames, double duration,
                                           const WindowAggregationOptions& options) {
  if (!(duration > 0) || !std::isfinite(duration))
    throw Error("window aggregation", "duration must be positive, got " + std::to_string(duration));
  if (options.maxWindows < 1) throw Error("window aggregation", "maxWindows must be at least 1");
  if (!(options.maxGapSeconds >= 0)) throw Error("window aggregation", "maxGapSeconds must be >= 0");
  const size_t n = frames.size();
  for (size_t j = 0; j < n; ++j) {
    const FrameScore& f = frames[j];
    const std::string which = "frame " + std::to_string(j);
    if (!(f.time >= 0 && f.time <= duration))
      throw Error("window aggregation",
                  which + " at " + std::to_string(f.time) + " s lies outside [0, duration]");
    if (j > 0 && !(f.time > frames[j - 1].time))
      throw Error("window aggregation", which + ": frame times must be strictly increasing");
    if (!(f.yesProbability >= 0 && f.yesProbability <= 1))
      throw Error("window aggregation",
                  which + ": yes-probability " + std::to_string(f.yesProbability) + " outside [0, 1]");
  }
  std::vector<ScoredWindow> windows;
  if (n == 0) return windows;
  // Cell boundaries c_0..c_n.
  std::vector<double> cut(n + 1);
  cut[0] = 0.0;
  for (size_t j = 1; j < n; ++j) cut[j] = (frames[j - 1].time + frames[j].time) / 2.0;
  cut[n] = duration;

  // Runs of positive frames [first, last].
  std::vector<std::pair<size_t, size_t>> spans;
  for (size_t j = 0; j < n; ++j) {
    if (!(frames[j].yesProbability > options.threshold)) continue;
    if (!spans.empty() && spans.back().second + 1 == j)
      spans.back().second = j;
    else
      spans.emplace_back(j, j);
  }
  // Bridge short gaps.
  std::vector<std::pair<size_t, size_t>> merged;
  for (const auto& s : spans) {
    if (!merged.empty() && cut[s.first] - cut[merged.back().second + 1] <= options.maxGapSeconds)
      merged.back().second = s.second;
    else
      merged.push_back(s);
  }
  for (const auto& [first, last] : merged) {
    double sum = 0.0;
    for (size_t j = first; j <= last; ++j) sum += frames[j].yesProbability;
    windows.push_back(ScoredWindow{cut[first], cut[last + 1], sum / static_cast<double>(last - first + 1)});
  }
  if (windows.empty()) {
    if (!options.fallbackToBestFrame) return windows;
    size_t best = 0;
    for (size_t j = 1; j < n; ++j)
      if (frames[j].yesProbability > frames[best].yesProbability) best = j;
    windows.push_back(ScoredWindow{cut[best], cut[best + 1], frames[best].yesProbability});
    return windows;
  }
  std::stable_sort(windows.begin(), windows.end(),
                   [](const ScoredWindow& a, const ScoredWindow& b) { return a.score > b.score; });
  if (windows.size() > static_cast<size_t>(options.maxWindows)) windows.resize(options.maxWindows);
  return windows;
}

}  // namespace sevila::data
