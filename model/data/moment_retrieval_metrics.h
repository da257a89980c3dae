// QVHighlights moment-retrieval metrics, exactly as the official evaluation (jayleicn/moment_detr
// standalone_eval/eval.py + utils.py), which SeViLA's Table 4 reports (R1@0.5, R1@0.7, mAP):
//
//  R1@t   For each query take the FIRST LISTED predicted window (list order, never re-sorted by score)
//         and the ground-truth window of highest IoU with it (first one on ties); a hit when their IoU
//         >= t. This paired IoU divides by the hull, max(ends) - min(starts) (equal to the union when
//         the windows overlap; 0 when the hull is empty). t is 0.50..0.95 rounded to two decimals
//         ("{:.2f}"), so 0.7 is exactly 0.7. Value = hits / queries.
//  mAP@t  Per query keep the first 10 LISTED windows, then sort them by score, descending and stable
//         (equal scores keep list order). Per threshold t, greedy matching in that order: the ground
//         truths are tried in descending IoU (true union), equal IoUs the later-listed one first (numpy
//         argsort()[::-1]); the first unmatched one with IoU >= t makes a true positive, otherwise a
//         false positive. Precision/recall over the ranked list (recall = TP / number of ground-truth
//         windows); VOC AP: prepend (recall 0, precision 0), append (recall 1, precision 0), make
//         precision non-increasing from the right, sum Δrecall × precision where recall changes.
//         Thresholds: numpy.linspace(0.5, 0.95, 10) rounded to two decimals, as eval.py does for both
//         metrics (0.5, 0.55, ..., 0.9, 0.95; IoU exactly 0.7 passes 0.7). Value = mean over queries.
//  mAP    Mean of the 10 unrounded mAP@t values.
//  Each reported figure = 100 × value rounded to two decimals (percent2).
//
// Queries: those with a ground truth AND at least one predicted window; a ground-truth query without
// prediction is left out (and counted in `withoutPrediction`), a prediction for an unknown qid is an
// error. Buckets keep only ground-truth windows of length in (0, 10] (short), (10, 30] (middle),
// (30, 150] (long) and drop queries left with none; Full uses everything as is.
// Sums follow numpy's order (sequential over queries, pairwise within one array), so the figures
// match the official script to the last printed digit.
#pragma once

#include <string>
#include <vector>

#include "data/dataset_item.h"

namespace sevila::data {

struct ScoredWindow {
  double start = 0.0;
  double end = 0.0;
  double score = 0.0;
};

struct MrPrediction {
  std::string qid;                    // matched against MrGroundTruth::qid
  std::vector<ScoredWindow> windows;  // in the order listed in the predictions file
};

struct MrGroundTruth {
  std::string qid;
  std::vector<TimeWindow> windows;  // at least one
};

enum class MrBucket { Full, Short, Middle, Long };
const char* mrBucketName(MrBucket bucket);  // "full", "short", "middle", "long"

struct MrReport {
  MrBucket bucket = MrBucket::Full;
  int queries = 0;                    // evaluated: ground truth in the bucket and a prediction
  int withoutPrediction = 0;          // ground-truth queries in the bucket left out for lack of a prediction
  std::vector<double> mapThresholds;  // the 10 mAP IoU thresholds 0.5, 0.55, ..., 0.95
  std::vector<double> apAt;           // unrounded mean AP per threshold, fraction
  double apAverage = 0.0;             // unrounded mean of apAt
  std::vector<double> r1Thresholds;   // the same 10 thresholds
  std::vector<double> r1At;           // unrounded R1 per threshold, fraction

  // The reported figures (100 ×, two decimals).
  double r1At05() const;
  double r1At07() const;
  double map05() const;
  double map075() const;
  double mapAvg() const;
};

// Throws sevila::Error for duplicate qids, a prediction without ground truth, a ground truth without
// windows, or a window with end < start or non-finite values.
MrReport evaluateMomentRetrieval(const std::vector<MrPrediction>& predictions,
                                 const std::vector<MrGroundTruth>& groundTruth,
                                 MrBucket bucket = MrBucket::Full);

// Pieces of the definition, exposed for tests.
// intersection / union with numpy's arithmetic, as the official compute_temporal_iou_batch_cross: an
// inverted window (end < start) gets 0 (or -0), an empty union NaN; the metrics rank NaN as numpy does.
double temporalIou(double s1, double e1, double s2, double e2);
double temporalIouHull(double s1, double e1, double s2, double e2);  // intersection / hull (R1's paired IoU)
// AP of one query at each threshold (fractions), predictions already cut to 10 but not sorted.
std::vector<double> averagePrecisionPerThreshold(const std::vector<ScoredWindow>& predictions,
                                                 const std::vector<TimeWindow>& groundTruth,
                                                 const std::vector<double>& thresholds);
// VOC interpolated AP from cumulative precision/recall arrays.
double vocAveragePrecision(const std::vector<double>& precision, const std::vector<double>& recall);
// numpy's pairwise summation of a 1-D float64 array (np.sum's order).
double numpySum(const double* values, size_t n);
std::vector<double> mapIouThresholds();

}  // namespace sevila::data
