#include "widgets/dataset_table_model.h"

#include <QBrush>
#include <QColor>
#include <QLocale>
#include <iterator>

namespace sevila::widgets {

namespace {

QString optionLetter(int option) {
  return option < 0 ? QString() : QString(QChar('A' + option));
}

// Ascending sorts the interesting moves last, so a descending sort starts with what refinement broke.
int changeRank(DatasetRow::Change c) {
  switch (c) {
    case DatasetRow::Change::Unknown:
      return -1;
    case DatasetRow::Change::Same:
      return 0;
    case DatasetRow::Change::Changed:
      return 1;
    case DatasetRow::Change::Fixed:
      return 2;
    case DatasetRow::Change::Broken:
      return 3;
  }
  return -1;
}

// Mid-saturation colours that read on both the light and the dark palette.
QBrush rightWrongBrush(bool right) {
  return QBrush(right ? QColor(0x2e, 0xa0, 0x4f) : QColor(0xe0, 0x4a, 0x4a));
}

int outcomeRank(DatasetRow::Outcome o) {
  switch (o) {
    case DatasetRow::Outcome::Unknown:
      return -1;
    case DatasetRow::Outcome::Wrong:
      return 0;
    case DatasetRow::Outcome::Right:
      return 1;
  }
  return -1;
}

}  // namespace

DatasetTableModel::DatasetTableModel(QObject* parent) : QAbstractTableModel(parent) {}

QString DatasetTableModel::makeSearchText(const DatasetRow& row) {
  return (row.qid + QLatin1Char(' ') + row.question).toCaseFolded();
}

void DatasetTableModel::setRows(std::vector<DatasetRow> rows) {
  beginResetModel();
  m_rows = std::move(rows);
  m_searchText.clear();
  m_searchText.reserve(m_rows.size());
  m_rowOfQid.clear();
  m_rowOfQid.reserve(qsizetype(m_rows.size()));
  int compareRows = 0;
  for (size_t i = 0; i < m_rows.size(); ++i) {
    m_searchText.push_back(makeSearchText(m_rows[i]));
    m_rowOfQid.insert(m_rows[i].qid, int(i));
    compareRows += m_rows[i].hasCompare();
  }
  if (!m_thumbnails.isEmpty())  // keep the thumbnails of the items still listed
    for (auto it = m_thumbnails.begin(); it != m_thumbnails.end();)
      it = m_rowOfQid.contains(it.key()) ? std::next(it) : m_thumbnails.erase(it);
  endResetModel();
  setCompareRows(compareRows);
}

void DatasetTableModel::setCompareRows(int count) {
  const bool was = hasComparison();
  m_compareRows = count;
  if (hasComparison() != was) Q_EMIT comparisonAvailableChanged(hasComparison());
}

void DatasetTableModel::setComparisonNames(const QString& before, const QString& after) {
  if (before == m_beforeName && after == m_afterName) return;
  m_beforeName = before;
  m_afterName = after;
  Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
  if (!m_rows.empty())  // the Before and Change cells' tooltips name the versions
    Q_EMIT dataChanged(index(0, Before), index(rowCount() - 1, Change), {Qt::ToolTipRole});
}

QString DatasetTableModel::beforeLabel() const {
  return m_beforeName.isEmpty() ? tr("the other version") : m_beforeName;
}

QString DatasetTableModel::afterLabel() const {
  return m_afterName.isEmpty() ? tr("this version") : m_afterName;
}

void DatasetTableModel::setThumbnail(const QString& qid, const QImage& image) {
  if (image.isNull()) {
    if (!m_thumbnails.remove(qid)) return;
  } else {
    const qreal dpr = image.devicePixelRatio();
    const int height = kThumbnailHeight;
    QImage scaled = image.height() / dpr == height
                        ? image
                        : image.scaledToHeight(qRound(height * dpr), Qt::SmoothTransformation);
    scaled.setDevicePixelRatio(dpr);
    m_thumbnails.insert(qid, scaled);
  }
  const int i = rowOfQid(qid);
  if (i >= 0) Q_EMIT dataChanged(index(i, Thumbnail), index(i, Thumbnail), {Qt::DecorationRole});
}

void DatasetTableModel::clearThumbnails() {
  if (m_thumbnails.isEmpty()) return;
  m_thumbnails.clear();
  if (!m_rows.empty())
    Q_EMIT dataChanged(index(0, Thumbnail), index(rowCount() - 1, Thumbnail), {Qt::DecorationRole});
}

void DatasetTableModel::updateRow(int i, const DatasetRow& row) {
  if (i < 0 || i >= rowCount()) return;
  DatasetRow& old = m_rows[size_t(i)];
  if (old.qid != row.qid) {
    m_rowOfQid.remove(old.qid);
    m_rowOfQid.insert(row.qid, i);
  }
  const int compareRows = m_compareRows - int(old.hasCompare()) + int(row.hasCompare());
  old = row;
  m_searchText[size_t(i)] = makeSearchText(row);
  Q_EMIT dataChanged(index(i, 0), index(i, ColumnCount - 1));
  setCompareRows(compareRows);
}

void DatasetTableModel::retranslate() {
  Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
  if (!m_rows.empty())
    Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1),
                       {Qt::DisplayRole, Qt::ToolTipRole});
}

int DatasetTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : int(m_rows.size());
}

int DatasetTableModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

Qt::ItemFlags DatasetTableModel::flags(const QModelIndex& index) const {
  if (!index.isValid()) return Qt::NoItemFlags;
  return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QVariant DatasetTableModel::sortKey(const DatasetRow& row, int column) {
  switch (column) {
    case Qid:
      return row.qid;
    case Type:
      return row.type;
    case Video:
      return row.videoId;
    case Question:
      return row.question;
    case ModelAnswer:
      return row.modelAnswer;
    case GroundTruth:
      return row.groundTruth;
    case Outcome:
      return outcomeRank(row.outcome());
    case Before:
      return row.compareAnswer;
    case Change:
      return changeRank(row.change());
    case Confidence:
      return row.confidence;
    case Labelled:
      return int(row.labelled);
    case Overlap:
      return row.overlap;
    default:
      return {};
  }
}

QVariant DatasetTableModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount) return {};
  const DatasetRow& r = m_rows[size_t(index.row())];
  const int column = index.column();
  switch (role) {
    case Qt::DisplayRole:
      switch (column) {
        case Qid:
          return r.qid;
        case Type:
          return r.type;
        case Video:
          return r.videoId;
        case Question:
          return r.question;
        case Before:
          // The letter and a mark, so right and wrong do not rest on colour alone.
          switch (r.compareOutcome()) {
            case DatasetRow::Outcome::Right:
              return optionLetter(r.compareAnswer) + QStringLiteral(" ✓");
            case DatasetRow::Outcome::Wrong:
              return optionLetter(r.compareAnswer) + QStringLiteral(" ✗");
            case DatasetRow::Outcome::Unknown:
              return optionLetter(r.compareAnswer);
          }
          return QString();
        case ModelAnswer:
          return optionLetter(r.modelAnswer);
        case GroundTruth:
          return optionLetter(r.groundTruth);
        case Change:
          switch (r.change()) {
            case DatasetRow::Change::Fixed:
              return tr("fixed");
            case DatasetRow::Change::Broken:
              return tr("broken");
            case DatasetRow::Change::Changed:
              return tr("changed");
            case DatasetRow::Change::Same:
            case DatasetRow::Change::Unknown:
              return QString();
          }
          return QString();
        case Outcome:
          switch (r.outcome()) {
            case DatasetRow::Outcome::Right:
              return tr("right");
            case DatasetRow::Outcome::Wrong:
              return tr("wrong");
            case DatasetRow::Outcome::Unknown:
              return QString();
          }
          return QString();
        case Confidence:
          return r.hasConfidence() ? QLocale().toString(r.confidence, 'f', 2) : QString();
        case Labelled:
          return r.labelled ? tr("yes") : QString();
        case Overlap:
          return r.overlap >= 0 ? QLocale().toString(r.overlap * 100.0, 'f', 0) + QLatin1Char('%')
                                : QString();
      }
      return {};
    case Qt::DecorationRole:
      if (column == Thumbnail) {
        const auto it = m_thumbnails.constFind(r.qid);
        if (it != m_thumbnails.cend()) return *it;
      }
      return {};
    case SortRole:
      return sortKey(r, column);
    case QidRole:
      return r.qid;
    case Qt::ToolTipRole:
      if (column == Question || column == Type || column == Qid || column == Video || column == Thumbnail)
        return tr("%1\n%2\nvideo: %3").arg(r.qid, r.question, r.videoId);
      if (column == Overlap && r.overlap >= 0)
        return tr("Overlap of the human keyframes and the model's (intersection over union)");
      if ((column == Before || column == Change) && r.hasCompare()) {
        QString tip = r.compareConfidence >= 0
                          ? tr("%1 answered %2 (confidence %3)")
                                .arg(beforeLabel(), optionLetter(r.compareAnswer),
                                     QLocale().toString(r.compareConfidence, 'f', 2))
                          : tr("%1 answered %2").arg(beforeLabel(), optionLetter(r.compareAnswer));
        if (r.modelAnswer >= 0)
          tip += QLatin1Char('\n') + tr("%1 answers %2").arg(afterLabel(), optionLetter(r.modelAnswer));
        if (r.keyframeChange >= 0)
          tip += QLatin1Char('\n') + tr("%1 % of the model's keyframes changed")
                                         .arg(QLocale().toString(r.keyframeChange * 100.0, 'f', 0));
        return tip;
      }
      return {};
    case Qt::TextAlignmentRole:
      if (column == Question || column == Qid || column == Video)
        return int(Qt::AlignLeft | Qt::AlignVCenter);
      if (column == Confidence || column == Overlap) return int(Qt::AlignRight | Qt::AlignVCenter);
      return int(Qt::AlignCenter);
    case Qt::ForegroundRole:
      if (column == Outcome && r.outcome() != DatasetRow::Outcome::Unknown)
        return rightWrongBrush(r.outcome() == DatasetRow::Outcome::Right);
      if (column == Before && r.compareOutcome() != DatasetRow::Outcome::Unknown)
        return rightWrongBrush(r.compareOutcome() == DatasetRow::Outcome::Right);
      if (column == Change && (r.fixed() || r.broken())) return rightWrongBrush(r.fixed());
      return {};
    default:
      return {};
  }
}

QVariant DatasetTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal) return {};
  if (role == Qt::DisplayRole) {
    switch (section) {
      case Thumbnail:
        return QString();
      case Qid:
        return tr("qid");
      case Type:
        return tr("Type");
      case Video:
        return tr("Video");
      case Question:
        return tr("Question");
      case Before:
        return tr("Before");
      case ModelAnswer:
        return tr("Model");
      case GroundTruth:
        return tr("Truth");
      case Outcome:
        return tr("Right/wrong");
      case Change:
        return tr("Change");
      case Confidence:
        return tr("Confidence");
      case Labelled:
        return tr("Labelled");
      case Overlap:
        return tr("Overlap");
    }
  } else if (role == Qt::ToolTipRole) {
    switch (section) {
      case Thumbnail:
        return tr("A frame of the item's video");
      case Qid:
        return tr("The item's question id");
      case Type:
        return tr(
            "Question type (NExT-QA: CW/CH causal why/how, TN/TC/TP temporal next/current/previous, "
            "DL/DC/DO descriptive location/count/other)");
      case Video:
        return tr("The item's video id");
      case Before:
        return tr("Before: %1\nIts answer (✓ right, ✗ wrong)").arg(beforeLabel());
      case ModelAnswer:
        return m_beforeName.isEmpty() && m_afterName.isEmpty()
                   ? tr("The model's answer")
                   : tr("After: %1\nThe model's answer").arg(afterLabel());
      case Change:
        return tr("From %1 to %2: fixed (wrong, now right), broken (right, now wrong) or changed (another "
                  "answer)")
            .arg(beforeLabel(), afterLabel());
      case GroundTruth:
        return tr("The ground-truth answer");
      case Confidence:
        return tr("Probability of the model's answer");
      case Labelled:
        return tr("A human labelled keyframes for this item");
      case Overlap:
        return tr("Overlap of the human keyframes and the model's (intersection over union)");
    }
  }
  return {};
}

}  // namespace sevila::widgets
