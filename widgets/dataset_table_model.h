// The dataset browser's table: one row per item, read-only, virtual (no per-row widgets), so that
// 50,000 items stay responsive. Each row's case-folded search text (qid + question) is computed
// once, when the row is set, so filtering never allocates per row. Thumbnails come from a per-qid cache
// the studio fills lazily (only for the rows scrolled into view), scaled once to kThumbnailHeight.
// The Before and Change columns compare two model versions; they are always there (fixed column
// indices) and empty while no row has a compare answer: hasComparison() says when the view should
// show them, and comparisonAvailableChanged() when that flips.
#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QImage>
#include <QString>
#include <vector>

#include "widgets/dataset_row.h"

namespace sevila::widgets {

class DatasetTableModel : public QAbstractTableModel {
  Q_OBJECT
public:
  enum Column {
    Thumbnail,  // the video's frame (Qt::DecorationRole), when the studio has decoded it
    Qid,
    Type,
    Video,
    Question,
    Before,  // the compared ("before") version's answer, marked right or wrong
    ModelAnswer,
    GroundTruth,
    Outcome,
    Change,  // "fixed", "broken", "changed" or empty (see DatasetRow::Change)
    Confidence,
    Labelled,
    Overlap,
    ColumnCount
  };
  enum Role {
    SortRole = Qt::UserRole + 1,  // numeric for numeric columns (confidence, overlap, answers...)
    QidRole,                      // the row's qid, for any column
  };

  static constexpr int kThumbnailHeight = 36;  // device-independent pixels

  explicit DatasetTableModel(QObject* parent = nullptr);

  void setRows(std::vector<DatasetRow> rows);
  // Replaces row i (e.g. after a run or a label edit) and emits dataChanged for the whole row.
  void updateRow(int i, const DatasetRow& row);
  const std::vector<DatasetRow>& rows() const { return m_rows; }
  const DatasetRow& row(int i) const { return m_rows[size_t(i)]; }
  // Some row has a compare answer: the Before and Change columns and filters mean something.
  bool hasComparison() const { return m_compareRows > 0; }
  // What the two versions are called (e.g. "base model", "refined 2"), for headers and tooltips; empty
  // names read as "the other version" and "this version".
  void setComparisonNames(const QString& before, const QString& after);
  QString beforeName() const { return m_beforeName; }
  QString afterName() const { return m_afterName; }
  // Case-folded "qid question" of row i.
  const QString& searchText(int i) const { return m_searchText[size_t(i)]; }
  int rowOfQid(const QString& qid) const { return m_rowOfQid.value(qid, -1); }

  // Caches the item's thumbnail, scaled to kThumbnailHeight (aspect kept); a null image removes it.
  // Emits dataChanged for that row's Thumbnail cell. Thumbnails of qids absent after setRows() are dropped.
  void setThumbnail(const QString& qid, const QImage& image);
  bool hasThumbnail(const QString& qid) const { return m_thumbnails.contains(qid); }
  QImage thumbnail(const QString& qid) const { return m_thumbnails.value(qid); }
  int thumbnailCount() const { return int(m_thumbnails.size()); }
  void clearThumbnails();

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
  Qt::ItemFlags flags(const QModelIndex& index) const override;

  // After a language change: headers and cells are re-read through tr().
  void retranslate();

  // Numeric (or text) key of a row for a column: what SortRole returns.
  static QVariant sortKey(const DatasetRow& row, int column);

Q_SIGNALS:
  // hasComparison() flipped (after setRows or updateRow).
  void comparisonAvailableChanged(bool available);

private:
  static QString makeSearchText(const DatasetRow& row);
  QString beforeLabel() const;
  QString afterLabel() const;
  void setCompareRows(int count);

  std::vector<DatasetRow> m_rows;
  std::vector<QString> m_searchText;
  QHash<QString, int> m_rowOfQid;
  QHash<QString, QImage> m_thumbnails;  // by qid, already scaled
  int m_compareRows = 0;                // rows with a compare answer, kept by setRows and updateRow
  QString m_beforeName, m_afterName;
};

}  // namespace sevila::widgets
