#include "widgets/dataset_browser.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>

#include "widgets/dataset_filter_model.h"
#include "widgets/dataset_table_model.h"

namespace sevila::widgets {

DatasetBrowser::DatasetBrowser(QWidget* parent)
    : QWidget(parent),
      m_model(new DatasetTableModel(this)),
      m_filter(new DatasetFilterModel(this)),
      m_search(new QLineEdit(this)),
      m_wrongOnly(new QCheckBox(this)),
      m_lowConfidence(new QCheckBox(this)),
      m_threshold(new QDoubleSpinBox(this)),
      m_disagree(new QCheckBox(this)),
      m_unlabelled(new QCheckBox(this)),
      m_view(new QTableView(this)),
      m_count(new QLabel(this)) {
  m_filter->setSourceModel(m_model);
  m_search->setObjectName(QStringLiteral("search"));
  m_wrongOnly->setObjectName(QStringLiteral("wrongOnly"));
  m_lowConfidence->setObjectName(QStringLiteral("lowConfidence"));
  m_threshold->setObjectName(QStringLiteral("threshold"));
  m_disagree->setObjectName(QStringLiteral("humanModelDisagree"));
  m_unlabelled->setObjectName(QStringLiteral("unlabelled"));

  m_search->setClearButtonEnabled(true);
  m_threshold->setRange(0.0, 1.0);
  m_threshold->setSingleStep(0.05);
  m_threshold->setDecimals(2);
  m_threshold->setValue(DatasetFilterModel::kDefaultLowConfidence);

  // A virtual table: uniform fixed row heights and no content-based sizing, so 50,000 rows cost
  // nothing until they are scrolled into view.
  m_view->setModel(m_filter);
  m_view->setSortingEnabled(true);
  m_view->sortByColumn(-1, Qt::AscendingOrder);  // source order until the user clicks a header
  m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_view->setSelectionMode(QAbstractItemView::SingleSelection);
  m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_view->setWordWrap(false);
  m_view->setAlternatingRowColors(true);
  m_view->setTextElideMode(Qt::ElideRight);
  m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
  m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
  m_view->verticalHeader()->hide();
  QHeaderView* header = m_view->horizontalHeader();
  header->setSectionResizeMode(QHeaderView::Interactive);
  header->setSectionResizeMode(DatasetTableModel::Question, QHeaderView::Stretch);
  header->setSortIndicatorShown(true);
  // Fixed widths from the header texts (never from the 50,000 cells), room for the sort arrow.
  const QFontMetrics fm = header->fontMetrics();
  const int narrow = fm.horizontalAdvance(QStringLiteral("0000000"));
  for (int c = 0; c < DatasetTableModel::ColumnCount; ++c) {
    if (c == DatasetTableModel::Question) continue;
    const QString title = m_model->headerData(c, Qt::Horizontal).toString();
    m_view->setColumnWidth(c, std::max(narrow, fm.horizontalAdvance(title)) + 28);
  }

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_search);
  auto* filters = new QHBoxLayout;
  filters->addWidget(m_wrongOnly);
  filters->addWidget(m_lowConfidence);
  filters->addWidget(m_threshold);
  filters->addWidget(m_disagree);
  filters->addWidget(m_unlabelled);
  filters->addStretch();
  layout->addLayout(filters);
  layout->addWidget(m_view, 1);
  layout->addWidget(m_count);

  connect(m_search, &QLineEdit::textChanged, m_filter, &DatasetFilterModel::setSearchText);
  connect(m_wrongOnly, &QCheckBox::toggled, m_filter, &DatasetFilterModel::setWrongOnly);
  connect(m_lowConfidence, &QCheckBox::toggled, m_filter, &DatasetFilterModel::setLowConfidenceOnly);
  connect(m_threshold, &QDoubleSpinBox::valueChanged, m_filter,
          &DatasetFilterModel::setLowConfidenceThreshold);
  connect(m_disagree, &QCheckBox::toggled, m_filter, &DatasetFilterModel::setHumanModelDisagreeOnly);
  connect(m_unlabelled, &QCheckBox::toggled, m_filter, &DatasetFilterModel::setUnlabelledOnly);
  connect(m_filter, &DatasetFilterModel::countsChanged, this, &DatasetBrowser::updateCount);
  // activated covers double-click and Enter/Return in the table.
  connect(m_view, &QAbstractItemView::activated, this, &DatasetBrowser::onViewActivated);
  retranslate();
}

void DatasetBrowser::retranslate() {
  m_search->setPlaceholderText(tr("Search question or qid…"));
  m_search->setAccessibleName(tr("Search the dataset"));
  m_wrongOnly->setText(tr("&Wrong"));
  m_wrongOnly->setToolTip(tr("Only items the model answered wrongly"));
  m_lowConfidence->setText(tr("&Low confidence <"));
  m_lowConfidence->setToolTip(tr("Only items whose answer probability is below the threshold"));
  m_threshold->setAccessibleName(tr("Low-confidence threshold"));
  m_disagree->setText(tr("&Human ≠ model"));
  m_disagree->setToolTip(tr("Only labelled items where the human keyframes differ from the model's"));
  m_unlabelled->setText(tr("&Unlabelled"));
  m_unlabelled->setToolTip(tr("Only items without human keyframes"));
  m_view->setAccessibleName(tr("Dataset items"));
  updateCount(m_filter->shownCount(), m_filter->totalCount());
}

void DatasetBrowser::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) {
    retranslate();
    m_model->retranslate();
  }
  QWidget::changeEvent(event);
}

void DatasetBrowser::setRows(std::vector<DatasetRow> rows) {
  m_model->setRows(std::move(rows));
}

void DatasetBrowser::updateRow(const DatasetRow& row) {
  const int i = m_model->rowOfQid(row.qid);
  if (i >= 0) m_model->updateRow(i, row);
}

QString DatasetBrowser::currentQid() const {
  const QModelIndex current = m_view->currentIndex();
  return current.isValid() ? m_filter->qidAt(current.row()) : QString();
}

bool DatasetBrowser::setCurrentQid(const QString& qid) {
  const int sourceRow = m_model->rowOfQid(qid);
  if (sourceRow < 0) return false;
  const QModelIndex proxy = m_filter->mapFromSource(m_model->index(sourceRow, 0));
  if (!proxy.isValid()) return false;
  m_view->setCurrentIndex(proxy);
  m_view->scrollTo(proxy);
  return true;
}

QStringList DatasetBrowser::filteredQids() const {
  QStringList qids;
  const int n = m_filter->rowCount();
  qids.reserve(n);
  for (int i = 0; i < n; ++i) qids << m_filter->qidAt(i);
  return qids;
}

QString DatasetBrowser::countText() const {
  return m_count->text();
}

bool DatasetBrowser::next() {
  const int n = m_filter->rowCount();
  if (n == 0) return false;
  const QModelIndex current = m_view->currentIndex();
  const int row = current.isValid() ? current.row() + 1 : 0;
  return row < n && moveTo(row);
}

bool DatasetBrowser::previous() {
  const int n = m_filter->rowCount();
  if (n == 0) return false;
  const QModelIndex current = m_view->currentIndex();
  const int row = current.isValid() ? current.row() - 1 : n - 1;
  return row >= 0 && moveTo(row);
}

void DatasetBrowser::focusSearch() {
  m_search->setFocus(Qt::ShortcutFocusReason);
  m_search->selectAll();
}

bool DatasetBrowser::moveTo(int proxyRow) {
  const QModelIndex index = m_filter->index(proxyRow, 0);
  if (!index.isValid()) return false;
  m_view->setCurrentIndex(index);
  m_view->scrollTo(index);
  Q_EMIT itemActivated(m_filter->qidAt(proxyRow));
  return true;
}

void DatasetBrowser::onViewActivated(const QModelIndex& index) {
  if (index.isValid()) Q_EMIT itemActivated(m_filter->qidAt(index.row()));
}

void DatasetBrowser::updateCount(int shown, int total) {
  m_count->setText(tr("%1 of %2 items").arg(QLocale().toString(shown), QLocale().toString(total)));
}

}  // namespace sevila::widgets
