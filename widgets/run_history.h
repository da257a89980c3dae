// One dataset item's runs, newest first: when, which model on which device and precision, the answer,
// right or wrong, the confidence and how many keyframes. The run on screen is highlighted; activating
// another (double-click, Enter) emits runActivated(runId) so the studio shows it. Renders only.
#pragma once

#include <QString>
#include <QVector>
#include <QWidget>

class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

namespace sevila::widgets {

struct RunHistoryEntry {
  qint64 runId = -1;
  QString createdAt;  // ISO 8601 (UTC); orders the list
  QString model;
  QString device;
  QString precision;
  int answer = -1;       // option index, -1 unknown
  int groundTruth = -1;  // option index, -1 unknown
  double confidence = -1;
  int keyframeCount = 0;
};

class RunHistory : public QWidget {
  Q_OBJECT
public:
  enum Column {
    RunId,
    Created,
    Model,
    Device,
    Precision,
    Answer,
    Outcome,
    Confidence,
    Keyframes,
    ColumnCount
  };

  explicit RunHistory(QWidget* parent = nullptr);

  // Lists `runs` newest first (createdAt, then runId, descending) and highlights `shownRunId`
  // (-1: none), which becomes the current row.
  void setRuns(const QVector<RunHistoryEntry>& runs, qint64 shownRunId);
  void clear() { setRuns({}, -1); }
  int runCount() const;
  // The run id at a row of the list (top = 0), -1 outside.
  qint64 runIdAt(int row) const;
  // The row of the highlighted run, -1 when none is shown.
  int shownRow() const;
  qint64 shownRunId() const { return m_shown; }
  QTreeWidget* view() const { return m_view; }

Q_SIGNALS:
  void runActivated(qint64 runId);

protected:
  void changeEvent(QEvent* event) override;

private:
  void retranslate();
  void rebuild();
  void onItemActivated(QTreeWidgetItem* item);

  QVector<RunHistoryEntry> m_runs;  // sorted, newest first
  qint64 m_shown = -1;
  QTreeWidget* m_view;
  QLabel* m_empty;
};

}  // namespace sevila::widgets
