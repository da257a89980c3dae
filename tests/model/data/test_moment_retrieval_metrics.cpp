// QVHighlights moment-retrieval metrics on hand-computed cases: R1 on the FIRST LISTED window, mAP with
// score ties, unmatched ground truths, the first-10 cut, VOC AP, the two-decimal IoU thresholds.
#include "data/moment_retrieval_metrics.h"

#include <cmath>

#include "data/mc_accuracy.h"
#include "minitest.h"

using namespace sevila::data;

TEST(thresholdsAreTwoDecimalValues) {
  const std::vector<double> t = mapIouThresholds();
  REQUIRE(t.size() == 10u);
  CHECK_EQ(t[0], 0.5);
  CHECK_EQ(t[2], 0.6);
  CHECK_EQ(t[4], 0.7);
  CHECK_EQ(t[5], 0.75);
  CHECK_EQ(t[8], 0.9);  // float(f"{0.8999999999999999:.2f}"), not linspace's raw value
  CHECK_EQ(t[9], 0.95);
}

TEST(iouDefinitions) {
  CHECK_NEAR(temporalIou(2, 12, 0, 10), 8.0 / 12.0, 1e-15);  // inter 8, union 10 + 10 - 8 = 12
  CHECK_EQ(temporalIou(0, 5, 10, 20), 0.0);
  CHECK_EQ(temporalIouHull(0, 5, 10, 20), 0.0);
  CHECK_NEAR(temporalIouHull(2, 12, 0, 10), 8.0 / 12.0, 1e-15);  // hull 0..12
  // numpy's arithmetic, as compute_temporal_iou_batch_cross: an empty union is 0 / 0 = NaN, an inverted
  // window meets nothing (0, or -0 when the union is negative).
  CHECK(std::isnan(temporalIou(5, 5, 5, 5)));
  CHECK_EQ(temporalIou(8, 2, 0, 10), 0.0);
  CHECK_EQ(temporalIou(30, 2, 0, 10), 0.0);  // union (2 - 30) + 10 < 0: -0
}

TEST(vocInterpolatedAp) {
  // precision [1, 1/2, 2/3, 3/4], recall [1/3, 1/3, 2/3, 1]:
  // monotone precision [1, 0.75, 0.75, 0.75]; AP = 1/3*1 + 1/3*0.75 + 1/3*0.75 = 0.8333...
  CHECK_NEAR(vocAveragePrecision({1, 0.5, 2.0 / 3, 0.75}, {1.0 / 3, 1.0 / 3, 2.0 / 3, 1}), 5.0 / 6.0, 1e-12);
  CHECK_EQ(vocAveragePrecision({0, 0}, {0, 0}), 0.0);
}

namespace {
// gt: three windows; predictions LISTED p1 [0,10] 0.5, p2 [20,26] 0.9, p3 [40,50] 0.5, p4 [100,110] 0.9.
MrGroundTruth q1Gt() {
  return {"1", {{0, 10}, {20, 30}, {40, 50}}};
}
MrPrediction q1Pred() {
  return {"1", {{0, 10, 0.5}, {20, 26, 0.9}, {40, 50, 0.5}, {100, 110, 0.9}}};
}
}  // namespace

TEST(averagePrecisionWithTiesAndUnmatchedGroundTruth) {
  // Stable sort by score: p2 (0.9), p4 (0.9, tie keeps list order), p1 (0.5), p3 (0.5).
  // IoU: p2 vs [20,30] = 6/10 = 0.6; p4 = 0; p1, p3 = 1.
  // t <= 0.6: TP FP TP TP -> P [1, 1/2, 2/3, 3/4], R [1/3, 1/3, 2/3, 1] -> AP = 5/6 (see above).
  //   (had p4 come first: P [0, 1/2, 2/3, 3/4] -> AP = 0.75: the tie order matters.)
  // t >= 0.65: FP FP TP TP -> P [0, 0, 1/3, 1/2], R [0, 0, 1/3, 2/3]; [20,30] stays unmatched;
  //   monotone P = 0.5 up to recall 2/3 -> AP = 1/3*0.5 + 1/3*0.5 = 1/3.
  const auto ap = averagePrecisionPerThreshold(q1Pred().windows, q1Gt().windows, mapIouThresholds());
  CHECK_NEAR(ap[0], 5.0 / 6.0, 1e-12);
  CHECK_NEAR(ap[1], 5.0 / 6.0, 1e-12);
  CHECK_NEAR(ap[2], 5.0 / 6.0, 1e-12);  // IoU 0.6 >= threshold 0.6 exactly
  CHECK_NEAR(ap[3], 1.0 / 3.0, 1e-12);
  CHECK_NEAR(ap[9], 1.0 / 3.0, 1e-12);
  // Each ground truth is matched once: two identical perfect predictions, one gt -> TP, FP:
  // P [1, 1/2], R [1, 1] -> AP = 1.
  const auto twice = averagePrecisionPerThreshold({{0, 10, 0.9}, {0, 10, 0.8}}, {{0, 10}}, {0.5});
  CHECK_NEAR(twice[0], 1.0, 1e-12);
  // A false positive ranked first: P [0, 1/2], R [0, 1] -> AP = 1 * 0.5 = 0.5.
  const auto fpFirst = averagePrecisionPerThreshold({{50, 60, 0.9}, {0, 10, 0.8}}, {{0, 10}}, {0.5});
  CHECK_NEAR(fpFirst[0], 0.5, 1e-12);
}

TEST(fullReport) {
  // q2: one gt [0,10]; 10 listed misses scored 0.1, then an 11th perfect window scored 1.0. Only the
  // first 10 LISTED windows count: AP = 0 at every threshold (with the 11th it would be 1).
  MrPrediction q2{"2", {}};
  for (int i = 0; i < 10; ++i) q2.windows.push_back({100.0 + 10 * i, 105.0 + 10 * i, 0.1});
  q2.windows.push_back({0, 10, 1.0});
  const std::vector<MrGroundTruth> gt = {q1Gt(), {"2", {{0, 10}}}, {"3", {{5, 9}}}, {"4", {{1, 2}}}};
  const std::vector<MrPrediction> pred = {q1Pred(), q2, {"4", {}}};  // q3 absent, q4 empty: left out
  const MrReport r = evaluateMomentRetrieval(pred, gt);
  CHECK_EQ(r.queries, 2);
  CHECK_EQ(r.withoutPrediction, 2);
  // mAP@0.5 = (5/6 + 0) / 2 = 0.41667 -> 41.67; mAP@0.75 = (1/3 + 0) / 2 -> 16.67
  CHECK_EQ(r.map05(), 41.67);
  CHECK_EQ(r.map075(), 16.67);
  // q1 over the 10 thresholds: (3 * 5/6 + 7 * 1/3) / 10 = 0.48333; mean with q2's 0 -> 0.241667 -> 24.17
  CHECK_NEAR(r.apAverage, (3 * 5.0 / 6 + 7 * 1.0 / 3) / 20, 1e-12);
  CHECK_EQ(r.mapAvg(), 24.17);
  // R1: q1's first listed window is p1 [0,10] (score 0.5, not the top-scored p2): IoU 1 -> hit;
  // q2's first listed [100,105] misses -> 1/2 = 50.00 at 0.5 and 0.7.
  CHECK_EQ(r.r1At05(), 50.0);
  CHECK_EQ(r.r1At07(), 50.0);
}

TEST(r1UsesFirstListedWindowAndBestGt) {
  // qa: gt [0,10]; listed [0,6] 0.1 then [20,30] 0.9. First listed: IoU 6/10 = 0.6 -> hit@0.5 only.
  //     (the best-scored window [20,30] would miss both)
  // qb: gt [0,10], [12,20]; first [2,12]: IoU 8/12 with [0,10], 0 with [12,20] -> [0,10];
  //     hull IoU = 8 / (12 - 0) = 0.667 -> hit@0.5 only.
  // qc: gt [50,60]; first [50,59]: 9/10 = 0.9 -> hit at both.
  // R1@0.5 = 3/3 = 100.00, R1@0.7 = 1/3 = 33.33
  const std::vector<MrGroundTruth> gt = {{"a", {{0, 10}}}, {"b", {{0, 10}, {12, 20}}}, {"c", {{50, 60}}}};
  const std::vector<MrPrediction> pred = {
      {"a", {{0, 6, 0.1}, {20, 30, 0.9}}}, {"b", {{2, 12, 0.5}}}, {"c", {{50, 59, 0.3}}}};
  const MrReport r = evaluateMomentRetrieval(pred, gt);
  CHECK_EQ(r.r1At05(), 100.0);
  CHECK_EQ(r.r1At07(), 33.33);
  CHECK_EQ(r.r1Thresholds[4], 0.7);
  // IoU exactly 0.7 counts as a hit at 0.7: pred [0,7] vs gt [0,10].
  const MrReport edge = evaluateMomentRetrieval({{"a", {{0, 7, 1}}}}, {{"a", {{0, 10}}}});
  CHECK_EQ(edge.r1At07(), 100.0);
}

TEST(lengthBuckets) {
  // gt windows [0,8] (short) and [20,60] (long); prediction [0,8].
  const std::vector<MrGroundTruth> gt = {{"q", {{0, 8}, {20, 60}}}};
  const std::vector<MrPrediction> pred = {{"q", {{0, 8, 1.0}}}};
  // short keeps [0,8]: TP, AP 1; long keeps [20,60]: IoU 0, AP 0; middle: no query at all.
  CHECK_EQ(evaluateMomentRetrieval(pred, gt, MrBucket::Short).mapAvg(), 100.0);
  CHECK_EQ(evaluateMomentRetrieval(pred, gt, MrBucket::Long).mapAvg(), 0.0);
  CHECK_EQ(evaluateMomentRetrieval(pred, gt, MrBucket::Middle).queries, 0);
  // full: one of two gts found at every threshold: P [1], R [1/2] -> AP = 0.5
  CHECK_EQ(evaluateMomentRetrieval(pred, gt).mapAvg(), 50.0);
}

TEST(errors) {
  CHECK_THROWS_WITH(evaluateMomentRetrieval({{"x", {{0, 1, 1}}}}, {{"y", {{0, 1}}}}), "no ground truth");
  CHECK_THROWS_WITH(evaluateMomentRetrieval({{"y", {{0, 1, 1}}}}, {{"y", {{5, 1}}}}),
                    "ends before it starts");
  CHECK_THROWS_WITH(evaluateMomentRetrieval({}, {{"y", {}}}), "no relevant window");
  CHECK_THROWS_WITH(evaluateMomentRetrieval({{"y", {}}, {"y", {}}}, {{"y", {{0, 1}}}}), "listed twice");
}

// Where the official code divides 0 by 0 it gets NaN, and its ranking treats NaN as numpy does: argsort
// puts it last (so first once reversed) and "NaN < threshold" is false, so the NaN ground truth is
// matched; np.argmax returns the first NaN. A zero-length prediction on a zero-length ground truth:
TEST(nanIouRanksAsInNumpy) {
  const std::vector<MrGroundTruth> gt = {{"n", {{5, 5}, {0, 10}}}};
  const std::vector<MrPrediction> pred = {{"n", {{5, 5, 1.0}}}};
  const MrReport r = evaluateMomentRetrieval(pred, gt);
  // mAP: matched to [5,5] (NaN first): P [1], R [1/2] -> AP 0.5. R1: argmax -> [5,5]; hull 0 -> IoU 0.
  CHECK_EQ(r.mapAvg(), 50.0);
  CHECK_EQ(r.r1At05(), 0.0);
}

MINITEST_MAIN
