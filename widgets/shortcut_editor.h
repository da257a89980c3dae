// The Shortcuts page of the settings: one row per action (description, id, key sequence, reset).
// Two actions with the same sequence are a conflict: both rows are marked and hasConflicts() is true,
// so the dialog can refuse OK. It edits a copy; the studio applies shortcuts() to its actions.
#pragma once

#include <QKeySequence>
#include <QString>
#include <QStringList>
#include <QVector>
#include <QWidget>

class QKeySequenceEdit;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace sevila::widgets {

struct ShortcutEntry {
  QString id;           // the action's stable id, e.g. "playback.play"
  QString description;  // translated, e.g. "Play / pause"
  QKeySequence defaultSequence;
  QKeySequence sequence;
};

class ShortcutEditor : public QWidget {
  Q_OBJECT
public:
  enum Column { DescriptionColumn, IdColumn, SequenceColumn, ResetColumn, ColumnCount };

  explicit ShortcutEditor(QWidget* parent = nullptr);

  void setShortcuts(const QVector<ShortcutEntry>& entries);
  QVector<ShortcutEntry> shortcuts() const;
  int rowOf(const QString& id) const;

  // Programmatic edit of one row, exactly as if the user typed it.
  void setSequence(int row, const QKeySequence& sequence);
  void resetRow(int row);
  void resetAll();

  bool hasConflicts() const { return !m_conflictRows.isEmpty(); }
  bool isConflicting(int row) const { return m_conflictRows.contains(row); }
  // One line per clash, e.g. "Ctrl+G: Go to frame, Open project".
  QStringList conflictDescriptions() const;
  QTableWidget* table() const { return m_table; }

  // A printable sheet (Help ▸ Keyboard Shortcuts): an HTML table of description and key, in the
  // platform's key names, for QTextDocument::print or a QTextBrowser. Actions without a key are left out.
  static QString sheetHtml(const QVector<ShortcutEntry>& entries, const QString& title);

Q_SIGNALS:
  void conflictsChanged(bool hasConflicts);
  void shortcutsEdited();

private:
  void onSequenceChanged(int row, const QKeySequence& sequence);
  void checkConflicts();
  void applyFilter(const QString& text);

  QVector<ShortcutEntry> m_entries;
  QVector<QKeySequenceEdit*> m_editors;
  QVector<int> m_conflictRows;
  QLineEdit* m_filter;
  QTableWidget* m_table;
  QLabel* m_status;
};

}  // namespace sevila::widgets
