#include "data/moment_retrieval_metrics.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <numeric>

#include "data/mc_accuracy.h"
#include "core/error.h"

namespace sevila::data {

const char* mrBucketName(MrBucket bucket) {
  switch (bucket) {
    case MrBucket::Short:
      return "short";
    case MrBucket::Middle:
      return "middle";
    case MrBucket::Long:
      return "long";
    case MrBucket::Full:
      break;
  }
  return "full";
}

double MrReport::r1At05() const {
  return percent2(r1At.at(0));
}
double MrReport::r1At07() const {
  return percent2(r1At.at(4));
}
double MrReport::map05() const {
  return percent2(apAt.at(0));
}
double MrReport::map075() const {
  return percent2(apAt.at(5));
}
double MrReport::mapAvg() const {
  return percent2(apAverage);
}

double numpySum(const double* a, size_t n) {
  // numpy/core/src/umath/loops_utils.h.src pairwise_sum, block size 128.
  if (n < 8) {
    double res = 0.0;
    for (size_t i = 0; i < n; ++i) res += a[i];
    return res;
  }
  if (n <= 128) {
    double r[8];
    for (int j = 0; j < 8; ++j) r[j] = a[j];
    size_t i = 8;
    for (; i < n - (n % 8); i += 8)
      for (int j = 0; j < 8; ++j) r[j] += a[i + j];
    double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; ++i) res += a[i];
    return res;
  }
  size_t n2 = n / 2;
  n2 -= n2 % 8;
  return numpySum(a, n2) + numpySum(a + n2, n - n2);
}

std::vector<double> mapIouThresholds() {
  // eval.py compute_mr_ap: iou_thds = [float(f"{e:.2f}") for e in np.linspace(0.5, 0.95, 10)], i.e. the
  // two-decimal values (0.9, not linspace's 0.8999999999999999).
  std::vector<double> t(10);
  for (int i = 0; i < 10; ++i) {
    char text[16];
    std::snprintf(text, sizeof text, "%.2f", 0.5 + 0.05 * i);
    t[i] = std::strtod(text, nullptr);
  }
  return t;
}

double temporalIou(double s1, double e1, double s2, double e2) {
  const double inter = std::max(0.0, std::min(e1, e2) - std::max(s1, s2));
  const double uni = (e1 - s1) + (e2 - s2) - inter;
  return inter / uni;  // numpy: 0 / 0 is NaN, 0 / negative is -0
}

namespace {
// numpy's ascending order: NaN after every number.
bool numpyLess(double a, double b) {
  return !std::isnan(a) && (std::isnan(b) || a < b);
}
}  // namespace

double temporalIouHull(double s1, double e1, double s2, double e2) {
  const double inter = std::max(0.0, std::min(e1, e2) - std::max(s1, s2));
  const double hull = std::max(e1, e2) - std::min(s1, s2);
  return hull != 0 ? inter / hull : 0.0;
}

double vocAveragePrecision(const std::vector<double>& precision, const std::vector<double>& recall) {
  std::vector<double> mp;
  std::vector<double> mr;
  mp.push_back(0.0);
  mr.push_back(0.0);
  mp.insert(mp.end(), precision.begin(), precision.end());
  mr.insert(mr.end(), recall.begin(), recall.end());
  mp.push_back(0.0);
  mr.push_back(1.0);
  for (size_t i = mp.size() - 1; i-- > 0;) mp[i] = std::max(mp[i], mp[i + 1]);
  std::vector<double> terms;
  for (size_t i = 1; i < mr.size(); ++i)
    if (mr[i] != mr[i - 1]) terms.push_back((mr[i] - mr[i - 1]) * mp[i]);
  return numpySum(terms.data(), terms.size());
}

std::vector<double> averagePrecisionPerThreshold(const std::vector<ScoredWindow>& predictionsIn,
                                                 const std::vector<TimeWindow>& gts,
                                                 const std::vector<double>& thresholds) {
  const size_t nt = thresholds.size();
  std::vector<double> ap(nt, 0.0);
  if (predictionsIn.empty()) return ap;
  std::vector<ScoredWindow> preds = predictionsIn;
  std::stable_sort(preds.begin(), preds.end(),
                   [](const ScoredWindow& a, const ScoredWindow& b) { return a.score > b.score; });
  const size_t np = preds.size(), ng = gts.size();
  std::vector<std::vector<int>> lock(nt, std::vector<int>(ng, -1));
  std::vector<std::vector<double>> tp(nt, std::vector<double>(np, 0.0)), fp = tp;
  for (size_t p = 0; p < np; ++p) {
    std::vector<double> iou(ng);
    for (size_t g = 0; g < ng; ++g)
      iou[g] = temporalIou(preds[p].start, preds[p].end, gts[g].start, gts[g].end);
    // argsort ascending (stable, NaN last), reversed: descending IoU, NaN first, later index first among
    // equals. A NaN IoU is never "< threshold", so the official code matches it: so do we.
    std::vector<size_t> order(ng);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return numpyLess(iou[a], iou[b]); });
    std::reverse(order.begin(), order.end());
    for (size_t t = 0; t < nt; ++t) {
      for (size_t g : order) {
        if (iou[g] < thresholds[t]) {
          fp[t][p] = 1;
          break;
        }
        if (lock[t][g] >= 0) continue;
        tp[t][p] = 1;
        lock[t][g] = static_cast<int>(p);
        break;
      }
      if (fp[t][p] == 0 && tp[t][p] == 0) fp[t][p] = 1;
    }
  }
  for (size_t t = 0; t < nt; ++t) {
    std::vector<double> precision(np), recall(np);
    double tpc = 0, fpc = 0;
    for (size_t p = 0; p < np; ++p) {
      tpc += tp[t][p];
      fpc += fp[t][p];
      recall[p] = tpc / static_cast<double>(ng);
      precision[p] = tpc / (tpc + fpc);
    }
    ap[t] = vocAveragePrecision(precision, recall);
  }
  return ap;
}

namespace {

// Ground truth must be well formed; a predicted window may be inverted (end < start): the official
// evaluation keeps and scores it (IoU 0), and so do we (readQvhPredictions warns about it).
void checkWindow(const std::string& qid, double s, double e, const char* what, bool mayBeInverted) {
  if (!std::isfinite(s) || !std::isfinite(e))
    throw Error("qid " + qid, std::string(what) + " window has a non-finite bound");
  if (e < s && !mayBeInverted)
    throw Error("qid " + qid, std::string(what) + " window [" + std::to_string(s) + ", " + std::to_string(e) +
                                  "] ends before it starts");
}

}  // namespace

MrReport evaluateMomentRetrieval(const std::vector<MrPrediction>& predictions,
                                 const std::vector<MrGroundTruth>& groundTruth, MrBucket bucket) {
  double minLen = 0, maxLen = 150;
  if (bucket == MrBucket::Short) maxLen = 10;
  if (bucket == MrBucket::Middle) minLen = 10, maxLen = 30;
  if (bucket == MrBucket::Long) minLen = 30;

  std::map<std::string, std::vector<TimeWindow>> gt;
  for (const MrGroundTruth& g : groundTruth) {
    if (g.windows.empty())
      throw Error("qid " + g.qid, "ground truth has no relevant window", "is this an unlabelled test file?");
    for (const TimeWindow& w : g.windows) checkWindow(g.qid, w.start, w.end, "ground-truth", false);
    if (gt.count(g.qid)) throw Error("qid " + g.qid, "listed twice in the ground truth");
    std::vector<TimeWindow> kept;
    for (const TimeWindow& w : g.windows)
      if (bucket == MrBucket::Full || (minLen < w.length() && w.length() <= maxLen)) kept.push_back(w);
    gt[g.qid] = kept;  // empty: the query is not in this bucket
  }
  std::map<std::string, bool> predicted;
  std::vector<const MrPrediction*> evaluated;
  for (const MrPrediction& p : predictions) {
    auto it = gt.find(p.qid);
    if (it == gt.end())
      throw Error("qid " + p.qid, "has a prediction but no ground truth",
                  "are the predictions and annotations of the same split?");
    if (predicted.count(p.qid)) throw Error("qid " + p.qid, "listed twice in the predictions");
    predicted[p.qid] = !p.windows.empty();
    for (const ScoredWindow& w : p.windows) {
      checkWindow(p.qid, w.start, w.end, "predicted", true);
      if (!std::isfinite(w.score)) throw Error("qid " + p.qid, "predicted window has a non-finite score");
    }
    if (!p.windows.empty() && !it->second.empty()) evaluated.push_back(&p);
  }

  MrReport report;
  report.bucket = bucket;
  report.mapThresholds = mapIouThresholds();
  report.r1Thresholds = mapIouThresholds();  // compute_mr_r1 rounds the same way
  for (const auto& [qid, windows] : gt)
    if (!windows.empty() && !predicted[qid]) ++report.withoutPrediction;
  report.queries = static_cast<int>(evaluated.size());
  report.apAt.assign(10, 0.0);
  report.r1At.assign(10, 0.0);
  if (evaluated.empty()) return report;

  std::vector<int> hits(10, 0);
  for (const MrPrediction* p : evaluated) {
    const std::vector<TimeWindow>& g = gt.at(p->qid);
    // mAP: first 10 listed windows.
    std::vector<ScoredWindow> top(p->windows.begin(),
                                  p->windows.begin() + std::min<size_t>(10, p->windows.size()));
    const std::vector<double> ap = averagePrecisionPerThreshold(top, g, report.mapThresholds);
    for (int t = 0; t < 10; ++t) report.apAt[t] += ap[t];  // sequential, as numpy's mean over axis 0
    // R1: first listed window against its best ground truth (np.argmax: the first maximum, or the first NaN).
    const ScoredWindow& first = p->windows.front();
    size_t best = 0;
    double bestIou = -1;
    for (size_t j = 0; j < g.size(); ++j) {
      const double iou = temporalIou(first.start, first.end, g[j].start, g[j].end);
      if (std::isnan(iou)) {
        best = j;
        break;
      }
      if (iou > bestIou) bestIou = iou, best = j;
    }
    const double paired = temporalIouHull(first.start, first.end, g[best].start, g[best].end);
    for (int t = 0; t < 10; ++t) hits[t] += paired >= report.r1Thresholds[t];
  }
  const double n = static_cast<double>(evaluated.size());
  for (int t = 0; t < 10; ++t) {
    report.apAt[t] /= n;
    report.r1At[t] = hits[t] / n;
  }
  report.apAverage = numpySum(report.apAt.data(), 10) / 10.0;
  return report;
}

}  // namespace sevila::data
