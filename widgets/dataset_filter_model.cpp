#include "widgets/dataset_filter_model.h"

#include "widgets/dataset_filter_state.h"
#include "widgets/dataset_table_model.h"

namespace sevila::widgets {

DatasetFilterModel::DatasetFilterModel(QObject* parent) : QSortFilterProxyModel(parent) {
  setSortRole(DatasetTableModel::SortRole);
  setDynamicSortFilter(true);
  connect(this, &QAbstractItemModel::modelReset, this, &DatasetFilterModel::emitCounts);
  connect(this, &QAbstractItemModel::layoutChanged, this, &DatasetFilterModel::emitCounts);
  connect(this, &QAbstractItemModel::rowsInserted, this, &DatasetFilterModel::emitCounts);
  connect(this, &QAbstractItemModel::rowsRemoved, this, &DatasetFilterModel::emitCounts);
}

void DatasetFilterModel::setSourceModel(QAbstractItemModel* source) {
  m_source = qobject_cast<DatasetTableModel*>(source);
  Q_ASSERT_X(m_source || !source, "DatasetFilterModel", "the source must be a DatasetTableModel");
  QSortFilterProxyModel::setSourceModel(m_source);
  emitCounts();
}

int DatasetFilterModel::totalCount() const {
  return m_source ? m_source->rowCount() : 0;
}

QString DatasetFilterModel::qidAt(int proxyRow) const {
  if (proxyRow < 0 || proxyRow >= rowCount()) return {};
  return data(index(proxyRow, 0), DatasetTableModel::QidRole).toString();
}

void DatasetFilterModel::setSearchText(const QString& text) {
  const QString folded = text.trimmed().toCaseFolded();
  if (folded == m_search) return;
  m_search = folded;
  refilter();
}

void DatasetFilterModel::setWrongOnly(bool on) {
  if (on == m_wrongOnly) return;
  m_wrongOnly = on;
  refilter();
}

void DatasetFilterModel::setLowConfidenceOnly(bool on) {
  if (on == m_lowConfidence) return;
  m_lowConfidence = on;
  refilter();
}

void DatasetFilterModel::setLowConfidenceThreshold(double threshold) {
  if (threshold == m_threshold) return;
  m_threshold = threshold;
  if (m_lowConfidence) refilter();
}

void DatasetFilterModel::setHumanModelDisagreeOnly(bool on) {
  if (on == m_disagree) return;
  m_disagree = on;
  refilter();
}

void DatasetFilterModel::setUnlabelledOnly(bool on) {
  if (on == m_unlabelled) return;
  m_unlabelled = on;
  refilter();
}

void DatasetFilterModel::setFixedOnly(bool on) {
  if (on == m_fixed) return;
  m_fixed = on;
  refilter();
}

void DatasetFilterModel::setBrokenOnly(bool on) {
  if (on == m_broken) return;
  m_broken = on;
  refilter();
}

void DatasetFilterModel::setAnswerChangedOnly(bool on) {
  if (on == m_answerChanged) return;
  m_answerChanged = on;
  refilter();
}

void DatasetFilterModel::setConfidenceRange(double lo, double hi) {
  if (lo < 0 || hi <= lo) lo = hi = -1;
  if (lo == m_confLo && hi == m_confHi) return;
  m_confLo = lo;
  m_confHi = hi;
  refilter();
  Q_EMIT confidenceRangeChanged(lo, hi);
}

void DatasetFilterModel::setFilters(const DatasetFilterState& state) {
  const double lo = state.hasConfidenceRange() ? state.confLo : -1;
  const double hi = state.hasConfidenceRange() ? state.confHi : -1;
  const bool rangeChanged = lo != m_confLo || hi != m_confHi;
  const QString folded = state.search.trimmed().toCaseFolded();
  const bool changed =
      rangeChanged || folded != m_search || state.wrongOnly != m_wrongOnly ||
      state.lowConfidence != m_lowConfidence || (state.lowConfidence && state.threshold != m_threshold) ||
      state.disagree != m_disagree || state.unlabelled != m_unlabelled || state.fixed != m_fixed ||
      state.broken != m_broken || state.answerChanged != m_answerChanged;
  m_search = folded;
  m_wrongOnly = state.wrongOnly;
  m_lowConfidence = state.lowConfidence;
  m_threshold = state.threshold;
  m_disagree = state.disagree;
  m_unlabelled = state.unlabelled;
  m_fixed = state.fixed;
  m_broken = state.broken;
  m_answerChanged = state.answerChanged;
  m_confLo = lo;
  m_confHi = hi;
  if (changed) refilter();
  if (rangeChanged) Q_EMIT confidenceRangeChanged(lo, hi);
}

void DatasetFilterModel::refilter() {
  // invalidate() rebuilds the mapping in one pass and emits a single layoutChanged;
  // invalidateFilter() would remove rows interval by interval, which is quadratic for scattered matches.
  invalidate();  // emits layoutChanged, which emits the counts
}

void DatasetFilterModel::emitCounts() {
  Q_EMIT countsChanged(shownCount(), totalCount());
}

bool DatasetFilterModel::accepts(const DatasetRow& row, const QString& searchText) const {
  if (m_wrongOnly && !row.isWrong()) return false;
  if (m_lowConfidence && !(row.hasConfidence() && row.confidence < m_threshold)) return false;
  if (m_disagree && !row.humanDisagrees()) return false;
  if (m_unlabelled && row.labelled) return false;
  if (m_fixed && !row.fixed()) return false;
  if (m_broken && !row.broken()) return false;
  if (m_answerChanged && !row.answerChanged()) return false;
  if (m_confLo >= 0 && !(row.hasConfidence() && confidenceInRange(row.confidence, m_confLo, m_confHi)))
    return false;
  if (!m_search.isEmpty() && !searchText.contains(m_search)) return false;
  return true;
}

bool DatasetFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
  if (!m_source || sourceParent.isValid()) return false;
  return accepts(m_source->row(sourceRow), m_source->searchText(sourceRow));
}

bool DatasetFilterModel::lessThan(const QModelIndex& left, const QModelIndex& right) const {
  if (!m_source) return QSortFilterProxyModel::lessThan(left, right);
  const DatasetRow& a = m_source->row(left.row());
  const DatasetRow& b = m_source->row(right.row());
  switch (left.column()) {
    case DatasetTableModel::Thumbnail:
      return left.row() < right.row();  // no order of its own: the source order
    case DatasetTableModel::Qid:
      return a.qid.compare(b.qid, Qt::CaseInsensitive) < 0;
    case DatasetTableModel::Video:
      return a.videoId.compare(b.videoId, Qt::CaseInsensitive) < 0;
    case DatasetTableModel::Type:
      return a.type.compare(b.type, Qt::CaseInsensitive) < 0;
    case DatasetTableModel::Question:
      return a.question.compare(b.question, Qt::CaseInsensitive) < 0;
    case DatasetTableModel::Before:
      return a.compareAnswer < b.compareAnswer;
    case DatasetTableModel::ModelAnswer:
      return a.modelAnswer < b.modelAnswer;
    case DatasetTableModel::GroundTruth:
      return a.groundTruth < b.groundTruth;
    case DatasetTableModel::Outcome:
      return DatasetTableModel::sortKey(a, left.column()).toInt() <
             DatasetTableModel::sortKey(b, left.column()).toInt();
    case DatasetTableModel::Change: {
      // Within one kind of change, the items whose keyframes moved most come last (first descending).
      const int ra = DatasetTableModel::sortKey(a, left.column()).toInt();
      const int rb = DatasetTableModel::sortKey(b, left.column()).toInt();
      return ra != rb ? ra < rb : a.keyframeChange < b.keyframeChange;
    }
    case DatasetTableModel::Confidence:
      return a.confidence < b.confidence;
    case DatasetTableModel::Labelled:
      return int(a.labelled) < int(b.labelled);
    case DatasetTableModel::Overlap:
      return a.overlap < b.overlap;
    default:
      return QSortFilterProxyModel::lessThan(left, right);
  }
}

}  // namespace sevila::widgets
