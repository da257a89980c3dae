// The dataset browser: a search field, failure filters, a sortable virtual table of every item and
// an "N of M items" count. It renders the rows it is given and emits itemActivated(qid) when the user
// opens an item (double-click, Enter, or next()/previous(), which the studio binds to N / P).
#pragma once

#include <QString>
#include <QStringList>
#include <QWidget>
#include <vector>

#include "widgets/dataset_row.h"

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QModelIndex;
class QTableView;

namespace sevila::widgets {

class DatasetFilterModel;
class DatasetTableModel;

class DatasetBrowser : public QWidget {
  Q_OBJECT
public:
  explicit DatasetBrowser(QWidget* parent = nullptr);

  void setRows(std::vector<DatasetRow> rows);
  // Replaces the row with this qid (no-op when absent).
  void updateRow(const DatasetRow& row);
  DatasetTableModel* tableModel() const { return m_model; }
  DatasetFilterModel* filterModel() const { return m_filter; }
  QTableView* view() const { return m_view; }

  QString currentQid() const;
  // Selects the item without emitting itemActivated (the studio opened it some other way).
  // Returns false when the item is absent or filtered out.
  bool setCurrentQid(const QString& qid);
  // The qids in the filtered, sorted order (e.g. a scripted demo list for the presentation view).
  QStringList filteredQids() const;
  QString countText() const;

public Q_SLOTS:
  // Move the current row in the filtered order and emit itemActivated. Return false at the end.
  bool next();
  bool previous();
  void focusSearch();

Q_SIGNALS:
  void itemActivated(const QString& qid);

protected:
  void changeEvent(QEvent* event) override;

private:
  void retranslate();
  bool moveTo(int proxyRow);
  void onViewActivated(const QModelIndex& index);
  void updateCount(int shown, int total);

  DatasetTableModel* m_model;
  DatasetFilterModel* m_filter;
  QLineEdit* m_search;
  QCheckBox* m_wrongOnly;
  QCheckBox* m_lowConfidence;
  QDoubleSpinBox* m_threshold;
  QCheckBox* m_disagree;
  QCheckBox* m_unlabelled;
  QTableView* m_view;
  QLabel* m_count;
};

}  // namespace sevila::widgets
