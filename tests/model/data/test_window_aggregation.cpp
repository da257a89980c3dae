// Our frame-to-window aggregation (window_aggregation.h) on hand-computed cases.
#include "data/window_aggregation.h"

#include <cmath>

#include "minitest.h"

using namespace sevila::data;

namespace {
// Ten frames at t = 1, 3, ..., 19 s of a 20 s video: cells are [2j, 2j+2].
std::vector<FrameScore> tenFrames() {
  const double p[10] = {0.2, 0.7, 0.9, 0.4, 0.8, 0.1, 0.1, 0.6, 0.6, 0.3};
  std::vector<FrameScore> f;
  for (int j = 0; j < 10; ++j) f.push_back({1.0 + 2 * j, p[j]});
  return f;
}
}  // namespace

TEST(mergesRunsAndRanksByMeanProbability) {
  // positive (> 0.5): frames 1-2, 4, 7-8 -> windows [2,6] mean (0.7+0.9)/2 = 0.8, [8,10] 0.8,
  // [14,18] (0.6+0.6)/2 = 0.6. Sorted by score, the tie keeps time order.
  const auto w = aggregateWindows(tenFrames(), 20.0);
  REQUIRE(w.size() == 3u);
  CHECK_EQ(w[0].start, 2.0);
  CHECK_EQ(w[0].end, 6.0);
  CHECK_NEAR(w[0].score, 0.8, 1e-12);
  CHECK_EQ(w[1].start, 8.0);
  CHECK_EQ(w[1].end, 10.0);
  CHECK_NEAR(w[1].score, 0.8, 1e-12);
  CHECK_EQ(w[2].start, 14.0);
  CHECK_EQ(w[2].end, 18.0);
  CHECK_NEAR(w[2].score, 0.6, 1e-12);
}

TEST(bridgesGapsUpToTheThreshold) {
  // maxGap 2 s: [2,6] and [8,10] are 2 s apart -> one span, frames 1..4, mean (0.7+0.9+0.4+0.8)/4 = 0.7,
  // window [2,10]; [14,18] is 4 s further -> stays apart.
  WindowAggregationOptions o;
  o.maxGapSeconds = 2.0;
  const auto w = aggregateWindows(tenFrames(), 20.0, o);
  REQUIRE(w.size() == 2u);
  CHECK_EQ(w[0].start, 2.0);
  CHECK_EQ(w[0].end, 10.0);
  CHECK_NEAR(w[0].score, 0.7, 1e-12);
  CHECK_EQ(w[1].start, 14.0);
  // maxGap 1.9 s: nothing bridged.
  o.maxGapSeconds = 1.9;
  CHECK_EQ(aggregateWindows(tenFrames(), 20.0, o).size(), 3u);
  // maxWindows 1 keeps the best.
  WindowAggregationOptions one;
  one.maxWindows = 1;
  const auto best = aggregateWindows(tenFrames(), 20.0, one);
  REQUIRE(best.size() == 1u);
  CHECK_EQ(best[0].end, 6.0);
}

TEST(fallbackAndUnevenFrames) {
  // No frame above 0.5 (0.5 itself is not "yes"): the best frame's cell. Frames 1,3,5,7 in 8 s:
  // best is frame 2 (0.5) -> [4, 6], score 0.5.
  const auto w = aggregateWindows({{1, 0.1}, {3, 0.3}, {5, 0.5}, {7, 0.2}}, 8.0);
  REQUIRE(w.size() == 1u);
  CHECK_EQ(w[0].start, 4.0);
  CHECK_EQ(w[0].end, 6.0);
  CHECK_EQ(w[0].score, 0.5);
  WindowAggregationOptions noFallback;
  noFallback.fallbackToBestFrame = false;
  CHECK(aggregateWindows({{1, 0.1}}, 8.0, noFallback).empty());
  // Uneven times 0.5, 2.5, 7: cells [0, 1.5], [1.5, 4.75], [4.75, 10].
  const auto u = aggregateWindows({{0.5, 0.9}, {2.5, 0.2}, {7.0, 0.95}}, 10.0);
  REQUIRE(u.size() == 2u);
  CHECK_EQ(u[0].start, 4.75);
  CHECK_EQ(u[0].end, 10.0);
  CHECK_EQ(u[1].start, 0.0);
  CHECK_EQ(u[1].end, 1.5);
}

TEST(probabilityAndErrors) {
  CHECK_NEAR(yesProbability(2.0, 0.0), 1.0 / (1.0 + std::exp(-2.0)), 1e-15);  // 0.8808
  CHECK_EQ(yesProbability(3.0, 3.0), 0.5);
  CHECK_NEAR(yesProbability(-800.0, 0.0), 0.0, 1e-300);  // no overflow
  CHECK_THROWS_WITH(aggregateWindows({{3, 0.1}, {1, 0.2}}, 8.0), "strictly increasing");
  CHECK_THROWS_WITH(aggregateWindows({{9, 0.1}}, 8.0), "outside [0, duration]");
  CHECK_THROWS_WITH(aggregateWindows({{1, 1.5}}, 8.0), "outside [0, 1]");
  CHECK_THROWS_WITH(aggregateWindows({{1, 0.5}}, 0.0), "duration must be positive");
  CHECK(aggregateWindows({}, 8.0).empty());
}

MINITEST_MAIN
