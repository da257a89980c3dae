// The failure explorer's numbers over the dataset browser's current filter: accuracy overall and per
// question type, and a histogram of the model's answer confidence split into right, wrong and
// answers without a ground truth. A pure function of the filtered rows, so it is tested without a view.
#pragma once

#include <QMap>
#include <QString>
#include <QVector>

namespace sevila::widgets {

class DatasetFilterModel;
struct DatasetRow;

struct AccuracyCount {
  int right = 0;
  int answered = 0;  // both the model's answer and the ground truth are known
  // 100 * right / answered; 0 when nothing was answered.
  double percent() const { return answered > 0 ? 100.0 * right / answered : 0.0; }
  bool operator==(const AccuracyCount& o) const { return right == o.right && answered == o.answered; }
};

struct DatasetSummary {
  int items = 0;  // rows that pass the filter
  AccuracyCount all;
  // Every question type present in the filtered rows (NExT-QA codes: CW, CH, TN, TC, TP, DL, DC, DO),
  // with answered == 0 for a type none of whose items is answered.
  QMap<QString, AccuracyCount> byType;
  // Comparing two model versions (DatasetRow::change()): rows where both answered, and of those the
  // ones fixed, broken, or given another answer (fixed and broken included).
  int compared = 0;
  int fixed = 0;
  int broken = 0;
  int changed = 0;
  // Confidence histogram of the rows that have a run: bin i covers [i/bins, (i+1)/bins), the last bin
  // also holds 1.0. Right and wrong need the ground truth; unknown counts answers without one.
  QVector<int> confidenceRight, confidenceWrong, confidenceUnknown;
};

// The histogram bin of a confidence in [0, 1] (clamped); exactly consistent with confidenceBinRange and
// DatasetFilterModel::confidenceInRange, so a bar's filter shows exactly that bar's rows.
int confidenceBin(double confidence, int bins);
// The [lo, hi) range of bin `bin` of `bins`: lo = bin / bins, hi = (bin + 1) / bins.
double confidenceBinLow(int bin, int bins);
double confidenceBinHigh(int bin, int bins);

// Counts the rows of `filter` (the rows that pass its filter). Visits each row once, no allocation per row.
DatasetSummary summarize(const DatasetFilterModel& filter, int bins = 10);

}  // namespace sevila::widgets
