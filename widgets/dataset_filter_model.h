// The dataset browser's filters over a DatasetTableModel: a case-insensitive text search over qid and
// question, and toggles that combine with AND: wrong only, low confidence, human ≠ model, unlabelled,
// fixed, broken and answer changed (comparing two model versions), and a confidence range (a bar of the
// confidence histogram).
// Filtering reads the rows directly (no QVariant per row) and each change re-filters in one pass.
#pragma once

#include <QSortFilterProxyModel>
#include <QString>

namespace sevila::widgets {

class DatasetTableModel;
struct DatasetFilterState;
struct DatasetRow;

class DatasetFilterModel : public QSortFilterProxyModel {
  Q_OBJECT
public:
  static constexpr double kDefaultLowConfidence = 0.5;

  explicit DatasetFilterModel(QObject* parent = nullptr);

  // Must be a DatasetTableModel.
  void setSourceModel(QAbstractItemModel* source) override;
  DatasetTableModel* datasetModel() const { return m_source; }

  void setSearchText(const QString& text);
  QString searchText() const { return m_search; }
  // Items where the model's answer differs from the ground truth (both known).
  void setWrongOnly(bool on);
  bool wrongOnly() const { return m_wrongOnly; }
  // Items with a run whose answer probability is below the threshold.
  void setLowConfidenceOnly(bool on);
  bool lowConfidenceOnly() const { return m_lowConfidence; }
  void setLowConfidenceThreshold(double threshold);
  double lowConfidenceThreshold() const { return m_threshold; }
  // Labelled items whose human keyframes differ from the model's (overlap < 1).
  void setHumanModelDisagreeOnly(bool on);
  bool humanModelDisagreeOnly() const { return m_disagree; }
  void setUnlabelledOnly(bool on);
  bool unlabelledOnly() const { return m_unlabelled; }
  // Comparing two model versions (DatasetRow::compareAnswer): before wrong and now right; before right
  // and now wrong; both answered, differently. Rows without a compare answer never pass these.
  void setFixedOnly(bool on);
  bool fixedOnly() const { return m_fixed; }
  void setBrokenOnly(bool on);
  bool brokenOnly() const { return m_broken; }
  void setAnswerChangedOnly(bool on);
  bool answerChangedOnly() const { return m_answerChanged; }
  // Items with a run whose confidence lies in [lo, hi) (hi >= 1 also takes 1.0). lo < 0 or hi <= lo
  // clears the range.
  void setConfidenceRange(double lo, double hi);
  void clearConfidenceRange() { setConfidenceRange(-1, -1); }
  bool hasConfidenceRange() const { return m_confLo >= 0; }
  double confidenceLow() const { return m_confLo; }   // -1 without a range
  double confidenceHigh() const { return m_confHi; }  // -1 without a range
  static bool confidenceInRange(double confidence, double lo, double hi) {
    return confidence >= lo && (confidence < hi || (hi >= 1.0 && confidence <= hi));
  }
  // Every filter at once (the state's name is ignored), re-filtering once.
  void setFilters(const DatasetFilterState& state);

  bool accepts(const DatasetRow& row, const QString& searchText) const;
  int shownCount() const { return rowCount(); }
  int totalCount() const;
  // The qid of the item at a row of this (filtered, sorted) model.
  QString qidAt(int proxyRow) const;

Q_SIGNALS:
  void countsChanged(int shown, int total);
  // The confidence range was set or cleared (-1, -1).
  void confidenceRangeChanged(double lo, double hi);

protected:
  bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
  bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
  void refilter();
  void emitCounts();

  DatasetTableModel* m_source = nullptr;
  QString m_search;  // case-folded
  bool m_wrongOnly = false;
  bool m_lowConfidence = false;
  double m_threshold = kDefaultLowConfidence;
  bool m_disagree = false;
  bool m_unlabelled = false;
  bool m_fixed = false;
  bool m_broken = false;
  bool m_answerChanged = false;
  double m_confLo = -1;
  double m_confHi = -1;
};

}  // namespace sevila::widgets
