#include "widgets/dataset_summary.h"

#include <algorithm>
#include <cmath>

#include "widgets/dataset_filter_model.h"
#include "widgets/dataset_row.h"
#include "widgets/dataset_table_model.h"

namespace sevila::widgets {

double confidenceBinLow(int bin, int bins) {
  return double(bin) / double(bins);
}

double confidenceBinHigh(int bin, int bins) {
  return double(bin + 1) / double(bins);
}

int confidenceBin(double confidence, int bins) {
  if (bins <= 1) return 0;
  int bin = std::clamp(int(std::floor(confidence * bins)), 0, bins - 1);
  // confidence * bins rounds: settle on the bin whose [lo, hi) holds the value as the filter compares it.
  if (bin > 0 && confidence < confidenceBinLow(bin, bins))
    --bin;
  else if (bin < bins - 1 && confidence >= confidenceBinHigh(bin, bins))
    ++bin;
  return bin;
}

DatasetSummary summarize(const DatasetFilterModel& filter, int bins) {
  bins = std::max(1, bins);
  DatasetSummary s;
  s.confidenceRight.fill(0, bins);
  s.confidenceWrong.fill(0, bins);
  s.confidenceUnknown.fill(0, bins);
  const DatasetTableModel* source = filter.datasetModel();
  if (!source) return s;
  const int n = filter.rowCount();
  s.items = n;
  // Rows of one type tend to come together: keep the map entry of the last type at hand.
  QString lastType;
  AccuracyCount* typeCount = nullptr;
  for (int i = 0; i < n; ++i) {
    const DatasetRow& row = source->row(filter.mapToSource(filter.index(i, 0)).row());
    if (!typeCount || row.type != lastType) {
      lastType = row.type;
      typeCount = &s.byType[row.type];
    }
    const DatasetRow::Outcome outcome = row.outcome();
    if (outcome != DatasetRow::Outcome::Unknown) {
      const int right = outcome == DatasetRow::Outcome::Right;
      ++s.all.answered;
      s.all.right += right;
      ++typeCount->answered;
      typeCount->right += right;
    }
    if (row.hasCompare() && row.modelAnswer >= 0) {
      ++s.compared;
      s.fixed += row.fixed();
      s.broken += row.broken();
      s.changed += row.answerChanged();
    }
    if (row.hasConfidence()) {
      const int bin = confidenceBin(row.confidence, bins);
      switch (outcome) {
        case DatasetRow::Outcome::Right:
          ++s.confidenceRight[bin];
          break;
        case DatasetRow::Outcome::Wrong:
          ++s.confidenceWrong[bin];
          break;
        case DatasetRow::Outcome::Unknown:
          ++s.confidenceUnknown[bin];
          break;
      }
    }
  }
  return s;
}

}  // namespace sevila::widgets
