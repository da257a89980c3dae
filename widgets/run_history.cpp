#include "widgets/run_history.h"

#include <QBrush>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>

namespace sevila::widgets {

namespace {

QString optionLetter(int option) {
  return option < 0 ? QString() : QString(QChar('A' + option));
}

}  // namespace

RunHistory::RunHistory(QWidget* parent)
    : QWidget(parent), m_view(new QTreeWidget(this)), m_empty(new QLabel(this)) {
  m_view->setObjectName(QStringLiteral("runHistoryView"));
  m_empty->setObjectName(QStringLiteral("runHistoryEmpty"));
  m_empty->setEnabled(false);  // drawn muted
  m_empty->setAlignment(Qt::AlignCenter);
  m_view->setColumnCount(ColumnCount);
  m_view->setRootIsDecorated(false);
  m_view->setUniformRowHeights(true);
  m_view->setAlternatingRowColors(true);
  m_view->setSelectionMode(QAbstractItemView::SingleSelection);
  m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_view->header()->setStretchLastSection(false);
  m_view->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
  m_view->header()->setSectionResizeMode(Model, QHeaderView::Stretch);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_empty);
  layout->addWidget(m_view, 1);
  // itemActivated covers double-click and Enter/Return.
  connect(m_view, &QTreeWidget::itemActivated, this, &RunHistory::onItemActivated);
  retranslate();
  rebuild();
}

void RunHistory::setRuns(const QVector<RunHistoryEntry>& runs, qint64 shownRunId) {
  m_runs = runs;
  std::stable_sort(m_runs.begin(), m_runs.end(), [](const RunHistoryEntry& a, const RunHistoryEntry& b) {
    if (a.createdAt != b.createdAt) return a.createdAt > b.createdAt;
    return a.runId > b.runId;
  });
  m_shown = shownRunId;
  rebuild();
}

int RunHistory::runCount() const {
  return m_view->topLevelItemCount();
}

qint64 RunHistory::runIdAt(int row) const {
  const QTreeWidgetItem* item = m_view->topLevelItem(row);
  return item ? item->data(RunId, Qt::UserRole).toLongLong() : -1;
}

int RunHistory::shownRow() const {
  for (int i = 0; i < m_runs.size(); ++i)
    if (m_runs[i].runId == m_shown) return i;
  return -1;
}

void RunHistory::rebuild() {
  m_view->clear();
  const QLocale locale;
  const QColor right(0x2e, 0xa0, 0x4f), wrong(0xe0, 0x4a, 0x4a);  // as the dataset table's outcome
  QColor shownBackground = palette().color(QPalette::Highlight);
  shownBackground.setAlpha(60);
  QList<QTreeWidgetItem*> items;
  QTreeWidgetItem* shown = nullptr;
  for (const RunHistoryEntry& run : m_runs) {
    auto* item = new QTreeWidgetItem;
    item->setData(RunId, Qt::UserRole, run.runId);
    item->setText(RunId, QStringLiteral("#%1").arg(run.runId));
    item->setText(Created, run.createdAt);
    item->setText(Model, run.model);
    item->setText(Device, run.device);
    item->setText(Precision, run.precision);
    item->setText(Answer,
                  run.groundTruth >= 0 && run.answer >= 0
                      ? tr("%1 (truth %2)").arg(optionLetter(run.answer), optionLetter(run.groundTruth))
                      : optionLetter(run.answer));
    if (run.answer >= 0 && run.groundTruth >= 0) {
      const bool isRight = run.answer == run.groundTruth;
      item->setText(Outcome, isRight ? tr("right") : tr("wrong"));
      item->setForeground(Outcome, QBrush(isRight ? right : wrong));
    }
    item->setText(Confidence, run.confidence >= 0 ? locale.toString(run.confidence, 'f', 2) : QString());
    item->setText(Keyframes, locale.toString(run.keyframeCount));
    for (int c : {Confidence, Keyframes}) item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
    if (run.runId == m_shown) {
      shown = item;
      for (int c = 0; c < ColumnCount; ++c) {
        QFont bold = item->font(c);
        bold.setBold(true);
        item->setFont(c, bold);
        item->setBackground(c, shownBackground);
      }
      item->setToolTip(RunId, tr("This run is shown"));
    }
    items << item;
  }
  m_view->addTopLevelItems(items);
  if (shown) m_view->setCurrentItem(shown);
  m_view->setVisible(!items.isEmpty());
  m_empty->setVisible(items.isEmpty());
}

void RunHistory::onItemActivated(QTreeWidgetItem* item) {
  if (item) Q_EMIT runActivated(item->data(RunId, Qt::UserRole).toLongLong());
}

void RunHistory::retranslate() {
  m_view->setHeaderLabels({tr("Run"), tr("Created"), tr("Model"), tr("Device"), tr("Precision"), tr("Answer"),
                           tr("Right/wrong"), tr("Confidence"), tr("Keyframes")});
  m_view->setAccessibleName(tr("Runs of this item"));
  m_empty->setText(tr("No runs of this item yet"));
}

void RunHistory::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) {
    retranslate();
    rebuild();
  } else if (event->type() == QEvent::PaletteChange) {
    rebuild();
  }
  QWidget::changeEvent(event);
}

}  // namespace sevila::widgets
