#include "widgets/shortcut_editor.h"

#include <QBrush>
#include <QColor>
#include <QHBoxLayout>
#include <QHash>
#include <QHeaderView>
#include <QKeySequenceEdit>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <utility>

namespace sevila::widgets {

namespace {

// Translucent red: visible on the light and the dark palette without hiding the text.
const QColor kConflictColour(0xe0, 0x40, 0x40, 90);

}  // namespace

ShortcutEditor::ShortcutEditor(QWidget* parent)
    : QWidget(parent),
      m_filter(new QLineEdit(this)),
      m_table(new QTableWidget(this)),
      m_status(new QLabel(this)) {
  m_filter->setPlaceholderText(tr("Filter actions…"));
  m_filter->setClearButtonEnabled(true);
  m_table->setColumnCount(ColumnCount);
  m_table->setHorizontalHeaderLabels({tr("Action"), tr("Id"), tr("Shortcut"), QString()});
  m_table->verticalHeader()->hide();
  m_table->setSelectionMode(QAbstractItemView::NoSelection);
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_table->horizontalHeader()->setSectionResizeMode(DescriptionColumn, QHeaderView::Stretch);
  m_table->horizontalHeader()->setSectionResizeMode(IdColumn, QHeaderView::ResizeToContents);
  m_table->horizontalHeader()->setSectionResizeMode(SequenceColumn, QHeaderView::Interactive);
  m_table->horizontalHeader()->setSectionResizeMode(ResetColumn, QHeaderView::ResizeToContents);
  m_table->setColumnWidth(SequenceColumn,
                          m_table->fontMetrics().horizontalAdvance(QStringLiteral("Ctrl+Shift+Alt+X")) + 40);
  m_status->setWordWrap(true);

  auto* resetAllButton = new QPushButton(tr("Reset &all to defaults"), this);
  resetAllButton->setObjectName(QStringLiteral("resetAll"));
  auto* bottom = new QHBoxLayout;
  bottom->addWidget(m_status, 1);
  bottom->addWidget(resetAllButton);

  auto* layout = new QVBoxLayout(this);
  layout->addWidget(m_filter);
  layout->addWidget(m_table, 1);
  layout->addLayout(bottom);

  connect(resetAllButton, &QPushButton::clicked, this, &ShortcutEditor::resetAll);
  connect(m_filter, &QLineEdit::textChanged, this, &ShortcutEditor::applyFilter);
}

void ShortcutEditor::setShortcuts(const QVector<ShortcutEntry>& entries) {
  m_entries = entries;
  m_editors.clear();
  m_table->setRowCount(0);  // deletes the previous rows' editors and buttons
  m_table->setRowCount(int(entries.size()));
  for (int row = 0; row < entries.size(); ++row) {
    const ShortcutEntry& e = entries[row];
    auto* description = new QTableWidgetItem(e.description);
    auto* id = new QTableWidgetItem(e.id);
    m_table->setItem(row, DescriptionColumn, description);
    m_table->setItem(row, IdColumn, id);

    auto* editor = new QKeySequenceEdit(e.sequence, m_table);
    editor->setClearButtonEnabled(true);
    editor->setAccessibleName(tr("Shortcut for %1").arg(e.description));
    m_table->setCellWidget(row, SequenceColumn, editor);
    m_editors << editor;
    connect(editor, &QKeySequenceEdit::keySequenceChanged, this,
            [this, row](const QKeySequence& s) { onSequenceChanged(row, s); });

    auto* reset = new QToolButton(m_table);
    reset->setText(tr("Reset"));
    const QString defaultText =
        e.defaultSequence.isEmpty() ? tr("none") : e.defaultSequence.toString(QKeySequence::NativeText);
    reset->setToolTip(tr("Reset to the default (%1)").arg(defaultText));
    m_table->setCellWidget(row, ResetColumn, reset);
    connect(reset, &QToolButton::clicked, this, [this, row] { resetRow(row); });
  }
  applyFilter(m_filter->text());
  checkConflicts();
}

QVector<ShortcutEntry> ShortcutEditor::shortcuts() const {
  return m_entries;
}

int ShortcutEditor::rowOf(const QString& id) const {
  for (int i = 0; i < m_entries.size(); ++i)
    if (m_entries[i].id == id) return i;
  return -1;
}

void ShortcutEditor::setSequence(int row, const QKeySequence& sequence) {
  if (row < 0 || row >= m_entries.size()) return;
  m_editors[row]->setKeySequence(sequence);  // emits keySequenceChanged when it differs
  onSequenceChanged(row, sequence);
}

void ShortcutEditor::resetRow(int row) {
  if (row < 0 || row >= m_entries.size()) return;
  setSequence(row, m_entries[row].defaultSequence);
}

void ShortcutEditor::resetAll() {
  for (int row = 0; row < m_entries.size(); ++row) {
    const QSignalBlocker block(m_editors[row]);
    m_editors[row]->setKeySequence(m_entries[row].defaultSequence);
    m_entries[row].sequence = m_entries[row].defaultSequence;
  }
  checkConflicts();
  Q_EMIT shortcutsEdited();
}

void ShortcutEditor::onSequenceChanged(int row, const QKeySequence& sequence) {
  if (m_entries[row].sequence == sequence) return;
  m_entries[row].sequence = sequence;
  checkConflicts();
  Q_EMIT shortcutsEdited();
}

QStringList ShortcutEditor::conflictDescriptions() const {
  QHash<QString, QStringList> users;  // portable text -> descriptions, in row order
  QStringList order;
  for (const ShortcutEntry& e : m_entries) {
    if (e.sequence.isEmpty()) continue;
    const QString key = e.sequence.toString(QKeySequence::PortableText);
    if (!users.contains(key)) order << key;
    users[key] << e.description;
  }
  QStringList lines;
  for (const QString& key : order) {
    if (users[key].size() < 2) continue;
    lines << tr("%1: %2").arg(
        QKeySequence(key, QKeySequence::PortableText).toString(QKeySequence::NativeText),
        users[key].join(QStringLiteral(", ")));
  }
  return lines;
}

void ShortcutEditor::checkConflicts() {
  QHash<QString, QVector<int>> rowsOf;
  for (int row = 0; row < m_entries.size(); ++row)
    if (!m_entries[row].sequence.isEmpty())
      rowsOf[m_entries[row].sequence.toString(QKeySequence::PortableText)] << row;
  const bool had = hasConflicts();
  m_conflictRows.clear();
  for (const QVector<int>& rows : std::as_const(rowsOf))
    if (rows.size() > 1) m_conflictRows << rows;
  std::sort(m_conflictRows.begin(), m_conflictRows.end());

  for (int row = 0; row < m_entries.size(); ++row) {
    const bool conflict = isConflicting(row);
    QString tip;
    if (conflict) {
      QStringList others;
      for (int other : rowsOf.value(m_entries[row].sequence.toString(QKeySequence::PortableText)))
        if (other != row) others << m_entries[other].description;
      tip = tr("Also used by: %1").arg(others.join(QStringLiteral(", ")));
    }
    for (int column : {int(DescriptionColumn), int(IdColumn)}) {
      QTableWidgetItem* item = m_table->item(row, column);
      item->setBackground(conflict ? QBrush(kConflictColour) : QBrush());
      item->setToolTip(conflict ? tip : (column == DescriptionColumn ? m_entries[row].id : QString()));
    }
    m_editors[row]->setToolTip(tip);
  }
  if (hasConflicts())
    m_status->setText(tr("Conflicting shortcuts: %1").arg(conflictDescriptions().join(QStringLiteral("; "))));
  else
    m_status->clear();
  if (had != hasConflicts()) Q_EMIT conflictsChanged(hasConflicts());
}

QString ShortcutEditor::sheetHtml(const QVector<ShortcutEntry>& entries, const QString& title) {
  QString html =
      QStringLiteral("<html><body><h2>%1</h2><table cellpadding=\"4\" cellspacing=\"0\" border=\"1\">")
          .arg(title.toHtmlEscaped());
  html += QStringLiteral("<tr><th align=\"left\">%1</th><th align=\"left\">%2</th></tr>")
              .arg(tr("Action").toHtmlEscaped(), tr("Shortcut").toHtmlEscaped());
  for (const ShortcutEntry& e : entries) {
    if (e.sequence.isEmpty()) continue;
    html += QStringLiteral("<tr><td>%1</td><td><b>%2</b></td></tr>")
                .arg(e.description.toHtmlEscaped(),
                     e.sequence.toString(QKeySequence::NativeText).toHtmlEscaped());
  }
  html += QStringLiteral("</table></body></html>");
  return html;
}

void ShortcutEditor::applyFilter(const QString& text) {
  const QString needle = text.trimmed();
  for (int row = 0; row < m_entries.size(); ++row) {
    const ShortcutEntry& e = m_entries[row];
    const bool match = needle.isEmpty() || e.description.contains(needle, Qt::CaseInsensitive) ||
                       e.id.contains(needle, Qt::CaseInsensitive) ||
                       e.sequence.toString(QKeySequence::NativeText).contains(needle, Qt::CaseInsensitive);
    m_table->setRowHidden(row, !match);
  }
}

}  // namespace sevila::widgets
