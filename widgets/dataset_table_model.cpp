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
  for (size_t i = 0; i < m_rows.size(); ++i) {
    m_searchText.push_back(makeSearchText(m_rows[i]));
    m_rowOfQid.insert(m_rows[i].qid, int(i));
  }
  if (!m_thumbnails.isEmpty())  // keep the thumbnails of the items still listed
    for (auto it = m_thumbnails.begin(); it != m_thumbnails.end();)
      it = m_rowOfQid.contains(it.key()) ? std::next(it) : m_thumbnails.erase(it);
  endResetModel();
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
  old = row;
  m_searchText[size_t(i)] = makeSearchText(row);
  Q_EMIT dataChanged(index(i, 0), index(i, ColumnCount - 1));
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
        case ModelAnswer:
          return optionLetter(r.modelAnswer);
        case GroundTruth:
          return optionLetter(r.groundTruth);
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
      return {};
    case Qt::TextAlignmentRole:
      if (column == Question || column == Qid || column == Video)
        return int(Qt::AlignLeft | Qt::AlignVCenter);
      if (column == Confidence || column == Overlap) return int(Qt::AlignRight | Qt::AlignVCenter);
      return int(Qt::AlignCenter);
    case Qt::ForegroundRole:
      if (column == Outcome && r.outcome() != DatasetRow::Outcome::Unknown)
        // Mid-saturation colours that read on both the light and the dark palette.
        return QBrush(r.outcome() == DatasetRow::Outcome::Right ? QColor(0x2e, 0xa0, 0x4f)
                                                                : QColor(0xe0, 0x4a, 0x4a));
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
      case ModelAnswer:
        return tr("Model");
      case GroundTruth:
        return tr("Truth");
      case Outcome:
        return tr("Right/wrong");
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
      case ModelAnswer:
        return tr("The model's answer");
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
