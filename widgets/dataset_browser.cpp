#include "widgets/dataset_browser.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QImage>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>

#include "widgets/confidence_histogram.h"
#include "widgets/dataset_filter_model.h"
#include "widgets/dataset_table_model.h"

namespace sevila::widgets {

namespace {
constexpr int kThumbnailDelayMs = 40;  // coalesces a scroll's many steps into one request
}

DatasetBrowser::DatasetBrowser(QWidget* parent)
    : QWidget(parent),
      m_model(new DatasetTableModel(this)),
      m_filter(new DatasetFilterModel(this)),
      m_search(new QLineEdit(this)),
      m_savedCombo(new QComboBox(this)),
      m_saveFilter(new QToolButton(this)),
      m_deleteFilter(new QToolButton(this)),
      m_wrongOnly(new QCheckBox(this)),
      m_lowConfidence(new QCheckBox(this)),
      m_threshold(new QDoubleSpinBox(this)),
      m_disagree(new QCheckBox(this)),
      m_unlabelled(new QCheckBox(this)),
      m_fixed(new QCheckBox(this)),
      m_broken(new QCheckBox(this)),
      m_answerChanged(new QCheckBox(this)),
      m_rangeChip(new QToolButton(this)),
      m_view(new QTableView(this)),
      m_count(new QLabel(this)),
      m_histogram(new ConfidenceHistogram(this)),
      m_split(new QSplitter(Qt::Vertical, this)),
      m_summaryLabel(new QLabel(this)),
      m_updateTimer(new QTimer(this)),
      m_thumbnailTimer(new QTimer(this)) {
  m_filter->setSourceModel(m_model);
  m_search->setObjectName(QStringLiteral("search"));
  m_savedCombo->setObjectName(QStringLiteral("savedFilters"));
  m_saveFilter->setObjectName(QStringLiteral("saveFilter"));
  m_deleteFilter->setObjectName(QStringLiteral("deleteFilter"));
  m_wrongOnly->setObjectName(QStringLiteral("wrongOnly"));
  m_lowConfidence->setObjectName(QStringLiteral("lowConfidence"));
  m_threshold->setObjectName(QStringLiteral("threshold"));
  m_disagree->setObjectName(QStringLiteral("humanModelDisagree"));
  m_unlabelled->setObjectName(QStringLiteral("unlabelled"));
  m_fixed->setObjectName(QStringLiteral("fixedOnly"));
  m_broken->setObjectName(QStringLiteral("brokenOnly"));
  m_answerChanged->setObjectName(QStringLiteral("answerChanged"));
  m_rangeChip->setObjectName(QStringLiteral("confidenceRangeChip"));
  m_histogram->setObjectName(QStringLiteral("confidenceHistogram"));
  m_split->setObjectName(QStringLiteral("tableHistogramSplit"));
  m_summaryLabel->setObjectName(QStringLiteral("datasetSummary"));

  m_search->setClearButtonEnabled(true);
  m_threshold->setRange(0.0, 1.0);
  m_threshold->setSingleStep(0.05);
  m_threshold->setDecimals(2);
  m_threshold->setValue(DatasetFilterModel::kDefaultLowConfidence);
  m_savedCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  m_savedCombo->setMinimumContentsLength(10);
  m_deleteFilter->setEnabled(false);
  m_rangeChip->setAutoRaise(false);
  m_rangeChip->hide();
  m_summaryLabel->setWordWrap(true);
  m_summaryLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_histogram->setMaximumHeight(160);
  m_updateTimer->setSingleShot(true);
  m_updateTimer->setInterval(0);
  m_thumbnailTimer->setSingleShot(true);
  m_thumbnailTimer->setInterval(kThumbnailDelayMs);

  // A virtual table: uniform fixed row heights and no content-based sizing, so 50,000 rows cost
  // nothing until they are scrolled into view. Rows are as tall as a thumbnail.
  const int thumbHeight = DatasetTableModel::kThumbnailHeight;
  m_view->setModel(m_filter);
  m_view->setSortingEnabled(true);
  m_view->sortByColumn(-1, Qt::AscendingOrder);  // source order until the user clicks a header
  m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_view->setSelectionMode(QAbstractItemView::SingleSelection);
  m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_view->setWordWrap(false);
  m_view->setAlternatingRowColors(true);
  m_view->setTextElideMode(Qt::ElideRight);
  m_view->setIconSize(QSize(thumbHeight * 16 / 9, thumbHeight));
  m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
  m_view->verticalHeader()->hide();
  QHeaderView* header = m_view->horizontalHeader();
  header->setSectionResizeMode(QHeaderView::Interactive);
  header->setSectionResizeMode(DatasetTableModel::Question, QHeaderView::Stretch);
  header->setSortIndicatorShown(true);
  // Fixed widths from the header texts and typical NExT-QA ids (never from the 50,000 cells), room for
  // the sort arrow.
  const QFontMetrics fm = header->fontMetrics();
  const int narrow = fm.horizontalAdvance(QStringLiteral("00000"));
  for (int c = 0; c < DatasetTableModel::ColumnCount; ++c) {
    if (c == DatasetTableModel::Question) continue;
    const QString title = m_model->headerData(c, Qt::Horizontal).toString();
    m_view->setColumnWidth(c, std::max(narrow, fm.horizontalAdvance(title)) + 22);
  }
  m_view->setColumnWidth(DatasetTableModel::Thumbnail, thumbHeight * 16 / 9 + 8);
  // NExT-QA ids ("TN_4010069381_5", video "4010069381"); the question keeps the rest of the width.
  m_view->setColumnWidth(DatasetTableModel::Qid,
                         fm.horizontalAdvance(QStringLiteral("TN_0000000000_0")) + 12);
  m_view->setColumnWidth(DatasetTableModel::Video, fm.horizontalAdvance(QStringLiteral("0000000000")) + 20);
  // The Change column holds a word; as wide as the longest, so it never elides.
  int changeWidth =
      fm.horizontalAdvance(m_model->headerData(DatasetTableModel::Change, Qt::Horizontal).toString());
  for (const QString& word :
       {DatasetTableModel::tr("fixed"), DatasetTableModel::tr("broken"), DatasetTableModel::tr("changed")})
    changeWidth = std::max(changeWidth, fm.horizontalAdvance(word));
  m_view->setColumnWidth(DatasetTableModel::Change, changeWidth + 22);
  setShowThumbnails(true);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  auto* top = new QHBoxLayout;
  top->addWidget(m_search, 1);
  top->addWidget(m_savedCombo);
  top->addWidget(m_saveFilter);
  top->addWidget(m_deleteFilter);
  layout->addLayout(top);
  auto* filters = new QHBoxLayout;
  filters->addWidget(m_wrongOnly);
  filters->addWidget(m_lowConfidence);
  filters->addWidget(m_threshold);
  filters->addWidget(m_disagree);
  filters->addWidget(m_unlabelled);
  filters->addWidget(m_fixed);
  filters->addWidget(m_broken);
  filters->addWidget(m_answerChanged);
  filters->addWidget(m_rangeChip);
  filters->addStretch();
  layout->addLayout(filters);
  // The table and its count over the histogram, split so that a short panel (a 1366x768 laptop) can give
  // the histogram's height to the table: drag it away, and it stays away next time (layoutState()).
  auto* table = new QWidget(m_split);
  auto* tableLayout = new QVBoxLayout(table);
  tableLayout->setContentsMargins(0, 0, 0, 0);
  tableLayout->addWidget(m_view, 1);
  tableLayout->addWidget(m_count);
  m_split->addWidget(table);
  m_split->addWidget(m_histogram);
  m_split->setCollapsible(0, false);
  m_split->setCollapsible(1, true);
  m_split->setStretchFactor(0, 1);
  m_split->setStretchFactor(1, 0);
  layout->addWidget(m_split, 1);
  layout->addWidget(m_summaryLabel);

  connect(m_search, &QLineEdit::textChanged, m_filter, &DatasetFilterModel::setSearchText);
  connect(m_wrongOnly, &QCheckBox::toggled, m_filter, &DatasetFilterModel::setWrongOnly);
  connect(m_lowConfidence, &QCheckBox::toggled, m_filter, &DatasetFilterModel::setLowConfidenceOnly);
  connect(m_threshold, &QDoubleSpinBox::valueChanged, m_filter,
          &DatasetFilterModel::setLowConfidenceThreshold);
  connect(m_disagree, &QCheckBox::toggled, m_filter, &DatasetFilterModel::setHumanModelDisagreeOnly);
  connect(m_unlabelled, &QCheckBox::toggled, m_filter, &DatasetFilterModel::setUnlabelledOnly);
  connect(m_fixed, &QCheckBox::toggled, m_filter, &DatasetFilterModel::setFixedOnly);
  connect(m_broken, &QCheckBox::toggled, m_filter, &DatasetFilterModel::setBrokenOnly);
  connect(m_answerChanged, &QCheckBox::toggled, m_filter, &DatasetFilterModel::setAnswerChangedOnly);
  // A comparison filter unchecked while there is nothing to compare goes out of sight.
  for (QCheckBox* box : {m_fixed, m_broken, m_answerChanged})
    connect(box, &QCheckBox::toggled, this, &DatasetBrowser::updateComparison);
  connect(m_model, &DatasetTableModel::comparisonAvailableChanged, this, &DatasetBrowser::updateComparison);
  // The threshold changes the filter state even while "low confidence" is off (no re-filter then).
  connect(m_threshold, &QDoubleSpinBox::valueChanged, this, &DatasetBrowser::scheduleUpdate);
  connect(m_filter, &DatasetFilterModel::countsChanged, this, &DatasetBrowser::updateCount);
  connect(m_filter, &DatasetFilterModel::confidenceRangeChanged, this, &DatasetBrowser::updateRangeChip);
  connect(m_rangeChip, &QToolButton::clicked, this, &DatasetBrowser::clearConfidenceRange);
  connect(m_histogram, &ConfidenceHistogram::rangeActivated, this, &DatasetBrowser::setConfidenceRange);

  // The summary follows every change of the filtered set: filtering, sorting, a reset, an edited row.
  connect(m_filter, &DatasetFilterModel::countsChanged, this, &DatasetBrowser::scheduleUpdate);
  connect(m_filter, &QAbstractItemModel::dataChanged, this,
          [this](const QModelIndex&, const QModelIndex&, const QList<int>& roles) {
            if (roles.size() == 1 && roles.first() == Qt::DecorationRole) return;  // a thumbnail
            scheduleUpdate();
          });
  connect(m_updateTimer, &QTimer::timeout, this, &DatasetBrowser::onUpdateTimer);

  // Thumbnails for what is in view, once the view settles.
  connect(m_view->verticalScrollBar(), &QScrollBar::valueChanged, this, &DatasetBrowser::scheduleThumbnails);
  connect(m_filter, &QAbstractItemModel::layoutChanged, this, &DatasetBrowser::scheduleThumbnails);
  connect(m_filter, &QAbstractItemModel::modelReset, this, &DatasetBrowser::scheduleThumbnails);
  connect(m_filter, &QAbstractItemModel::rowsInserted, this, &DatasetBrowser::scheduleThumbnails);
  connect(m_thumbnailTimer, &QTimer::timeout, this, &DatasetBrowser::requestThumbnails);
  m_view->viewport()->installEventFilter(this);

  // Saved filters: choosing one applies it; Save… asks for a name; Delete removes the chosen one.
  connect(m_savedCombo, &QComboBox::activated, this,
          [this](int index) { applySavedFilter(m_savedCombo->itemText(index)); });
  connect(m_savedCombo, &QComboBox::currentIndexChanged, this,
          [this](int index) { m_deleteFilter->setEnabled(index >= 0); });
  connect(m_saveFilter, &QToolButton::clicked, this, &DatasetBrowser::promptAndSave);
  connect(m_deleteFilter, &QToolButton::clicked, this, [this] {
    if (m_savedCombo->currentIndex() >= 0) deleteSavedFilter(m_savedCombo->currentText());
  });

  // activated covers double-click and Enter/Return in the table.
  connect(m_view, &QAbstractItemView::activated, this, &DatasetBrowser::onViewActivated);
  retranslate();
  updateComparison();
  updateSummary();
}

void DatasetBrowser::retranslate() {
  m_search->setPlaceholderText(tr("Search question or qid…"));
  m_search->setAccessibleName(tr("Search the dataset"));
  m_savedCombo->setPlaceholderText(tr("Saved filters"));
  m_savedCombo->setToolTip(tr("Apply a saved filter"));
  m_savedCombo->setAccessibleName(tr("Saved filters"));
  m_saveFilter->setText(tr("Save…"));
  m_saveFilter->setToolTip(tr("Save the current filters under a name"));
  m_deleteFilter->setText(tr("Delete"));
  m_deleteFilter->setToolTip(tr("Delete the chosen saved filter"));
  m_split->handle(1)->setToolTip(
      tr("Drag to share the height between the table and the histogram; "
         "drag to the bottom to hide the histogram"));
  m_wrongOnly->setText(tr("&Wrong"));
  m_wrongOnly->setToolTip(tr("Only items the model answered wrongly"));
  m_lowConfidence->setText(tr("&Low confidence <"));
  m_lowConfidence->setToolTip(tr("Only items whose answer probability is below the threshold"));
  m_threshold->setAccessibleName(tr("Low-confidence threshold"));
  m_disagree->setText(tr("&Human ≠ model"));
  m_disagree->setToolTip(tr("Only labelled items where the human keyframes differ from the model's"));
  m_unlabelled->setText(tr("&Unlabelled"));
  m_unlabelled->setToolTip(tr("Only items without human keyframes"));
  const QString before = m_model->beforeName().isEmpty() ? tr("the other version") : m_model->beforeName();
  const QString after = m_model->afterName().isEmpty() ? tr("this version") : m_model->afterName();
  m_fixed->setText(tr("F&ixed"));
  m_fixed->setToolTip(tr("Only items %1 answered wrongly and %2 answers rightly").arg(before, after));
  m_broken->setText(tr("&Broken"));
  m_broken->setToolTip(tr("Only items %1 answered rightly and %2 answers wrongly").arg(before, after));
  m_answerChanged->setText(tr("Answer &changed"));
  m_answerChanged->setToolTip(tr("Only items where %1 and %2 give different answers").arg(before, after));
  m_rangeChip->setToolTip(tr("Remove the confidence range"));
  m_view->setAccessibleName(tr("Dataset items"));
  m_summaryLabel->setToolTip(
      tr("Accuracy of the items shown: an item counts as answered when both the model's answer and the "
         "ground truth are known. Per question type (NExT-QA: CW/CH causal why/how, TN/TC/TP temporal "
         "next/current/previous, DL/DC/DO descriptive location/count/other)."));
  m_summaryLabel->setAccessibleName(tr("Accuracy of the items shown"));
  updateCount(m_filter->shownCount(), m_filter->totalCount());
  updateRangeChip();
  updateSummary();
}

void DatasetBrowser::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) {
    retranslate();
    m_model->retranslate();
  }
  QWidget::changeEvent(event);
}

void DatasetBrowser::showEvent(QShowEvent* event) {
  QWidget::showEvent(event);
  scheduleThumbnails();
}

bool DatasetBrowser::eventFilter(QObject* watched, QEvent* event) {
  if (watched == m_view->viewport() && (event->type() == QEvent::Resize || event->type() == QEvent::Show))
    scheduleThumbnails();
  return QWidget::eventFilter(watched, event);
}

void DatasetBrowser::setRows(std::vector<DatasetRow> rows) {
  m_thumbnailsAsked.clear();
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

QByteArray DatasetBrowser::layoutState() const {
  return m_split->saveState();
}

bool DatasetBrowser::restoreLayoutState(const QByteArray& state) {
  return !state.isEmpty() && m_split->restoreState(state);
}

QString DatasetBrowser::countText() const {
  if (m_summaryDirty) updateSummary();
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
  // The fixed / broken counts come with the summary, which follows in this event-loop pass.
  m_count->setText(countLine(shown, total));
}

QString DatasetBrowser::countLine(int shown, int total) const {
  const QLocale locale;
  QString text = tr("%1 of %2 items").arg(locale.toString(shown), locale.toString(total));
  if (m_model->hasComparison())
    text +=
        QStringLiteral(" · ") +
        tr("%1 fixed, %2 broken").arg(locale.toString(m_summary.fixed), locale.toString(m_summary.broken));
  return text;
}

// --- Comparing two model versions ------------------------------------------------------------------------

bool DatasetBrowser::comparing() const {
  return m_model->hasComparison();
}

void DatasetBrowser::setComparisonNames(const QString& before, const QString& after) {
  m_model->setComparisonNames(before, after);
  retranslate();  // the filters' tooltips name the versions
}

void DatasetBrowser::updateComparison() {
  const bool on = m_model->hasComparison();
  m_view->setColumnHidden(DatasetTableModel::Before, !on);
  m_view->setColumnHidden(DatasetTableModel::Change, !on);
  // Out of sight while there is nothing to compare, unless a restored filter has one checked: it stays
  // in view (showing why no item passes) until unchecked.
  for (QCheckBox* box : {m_fixed, m_broken, m_answerChanged}) box->setVisible(on || box->isChecked());
  scheduleUpdate();  // the count line gains or loses "fixed, broken"
}

// --- Summary and histogram ---------------------------------------------------------------------------

void DatasetBrowser::scheduleUpdate() {
  m_summaryDirty = true;
  m_updateTimer->start();
}

void DatasetBrowser::onUpdateTimer() {
  updateSummary();
  syncSavedSelection();
}

DatasetSummary DatasetBrowser::summary() const {
  if (m_summaryDirty) updateSummary();
  return m_summary;
}

QString DatasetBrowser::summaryText() const {
  if (m_summaryDirty) updateSummary();
  return m_summaryLabel->text();
}

void DatasetBrowser::updateSummary() const {
  m_summary = summarize(*m_filter, kHistogramBins);
  m_summaryDirty = false;
  m_summaryLabel->setText(describe(m_summary));
  m_count->setText(countLine(m_filter->shownCount(), m_filter->totalCount()));
  m_histogram->setCounts(m_summary.confidenceRight, m_summary.confidenceWrong, m_summary.confidenceUnknown);
}

QString DatasetBrowser::describe(const DatasetSummary& s) const {
  const QLocale locale;
  if (s.all.answered == 0) return tr("Accuracy: no item shown has both an answer and a ground truth");
  QString text = tr("Accuracy %1 % (%2 of %3 answered)")
                     .arg(locale.toString(s.all.percent(), 'f', 1), locale.toString(s.all.right),
                          locale.toString(s.all.answered));
  for (auto it = s.byType.cbegin(); it != s.byType.cend(); ++it) {
    if (it->answered == 0) continue;  // no accuracy to give
    text += QStringLiteral(" · ") + tr("%1 %2 % (%3/%4)")
                                        .arg(it.key().isEmpty() ? tr("no type") : it.key(),
                                             locale.toString(it->percent(), 'f', 1),
                                             locale.toString(it->right), locale.toString(it->answered));
  }
  return text;
}

// --- Confidence range ------------------------------------------------------------------------------------

void DatasetBrowser::setConfidenceRange(double lo, double hi) {
  m_filter->setConfidenceRange(lo, hi);
}

void DatasetBrowser::clearConfidenceRange() {
  m_filter->clearConfidenceRange();
}

void DatasetBrowser::updateRangeChip() {
  const bool on = m_filter->hasConfidenceRange();
  if (on) {
    const QLocale locale;
    m_rangeChip->setText(tr("confidence %1–%2 ✕")
                             .arg(locale.toString(m_filter->confidenceLow(), 'g', 3),
                                  locale.toString(m_filter->confidenceHigh(), 'g', 3)));
  }
  m_rangeChip->setVisible(on);
  scheduleUpdate();
}

// --- Thumbnails -----------------------------------------------------------------------------------------

void DatasetBrowser::setThumbnail(const QString& qid, const QImage& image) {
  m_model->setThumbnail(qid, image);
}

QStringList DatasetBrowser::visibleQidsWithoutThumbnail() const {
  QStringList qids;
  if (!m_view->isVisible() || m_view->isColumnHidden(DatasetTableModel::Thumbnail)) return qids;
  const int n = m_filter->rowCount();
  const int first = m_view->rowAt(0);
  if (n == 0 || first < 0) return qids;
  int last = m_view->rowAt(m_view->viewport()->height() - 1);
  if (last < 0) last = n - 1;
  for (int i = first; i <= last; ++i) {
    const QString qid = m_filter->qidAt(i);
    if (!m_model->hasThumbnail(qid)) qids << qid;
  }
  return qids;
}

void DatasetBrowser::setShowThumbnails(bool show) {
  m_view->setColumnHidden(DatasetTableModel::Thumbnail, !show);
  const int textHeight = m_view->fontMetrics().height() + 6;
  m_view->verticalHeader()->setDefaultSectionSize(
      show ? std::max(textHeight, DatasetTableModel::kThumbnailHeight + 4) : textHeight);
  if (show) scheduleThumbnails();
}

bool DatasetBrowser::showsThumbnails() const {
  return !m_view->isColumnHidden(DatasetTableModel::Thumbnail);
}

void DatasetBrowser::scheduleThumbnails() {
  if (isVisible()) m_thumbnailTimer->start();
}

void DatasetBrowser::requestThumbnails() {
  QStringList wanted;
  for (const QString& qid : visibleQidsWithoutThumbnail())
    if (!m_thumbnailsAsked.contains(qid)) wanted << qid;
  if (wanted.isEmpty()) return;
  for (const QString& qid : wanted) m_thumbnailsAsked.insert(qid);
  Q_EMIT thumbnailsWanted(wanted);
}

// --- Saved filters ---------------------------------------------------------------------------------------

DatasetFilterState DatasetBrowser::filterState() const {
  DatasetFilterState s;
  s.search = m_search->text();
  s.wrongOnly = m_wrongOnly->isChecked();
  s.lowConfidence = m_lowConfidence->isChecked();
  s.threshold = m_threshold->value();
  s.disagree = m_disagree->isChecked();
  s.unlabelled = m_unlabelled->isChecked();
  s.fixed = m_fixed->isChecked();
  s.broken = m_broken->isChecked();
  s.answerChanged = m_answerChanged->isChecked();
  if (m_filter->hasConfidenceRange()) {
    s.confLo = m_filter->confidenceLow();
    s.confHi = m_filter->confidenceHigh();
  }
  const int chosen = m_savedCombo->currentIndex();
  if (chosen >= 0 && chosen < m_saved.size() && m_saved[chosen].sameFilter(s)) s.name = m_saved[chosen].name;
  return s;
}

void DatasetBrowser::applyFilterState(const DatasetFilterState& state) {
  DatasetFilterState s = state;
  {
    // The controls follow without each re-filtering; the filter model takes everything at once.
    const QSignalBlocker b1(m_search), b2(m_wrongOnly), b3(m_lowConfidence), b4(m_threshold), b5(m_disagree),
        b6(m_unlabelled), b7(m_fixed), b8(m_broken), b9(m_answerChanged);
    m_search->setText(s.search);
    m_wrongOnly->setChecked(s.wrongOnly);
    m_lowConfidence->setChecked(s.lowConfidence);
    m_threshold->setValue(s.threshold);
    s.threshold = m_threshold->value();  // as the spin box rounds it
    m_disagree->setChecked(s.disagree);
    m_unlabelled->setChecked(s.unlabelled);
    m_fixed->setChecked(s.fixed);
    m_broken->setChecked(s.broken);
    m_answerChanged->setChecked(s.answerChanged);
  }
  m_filter->setFilters(s);
  updateComparison();  // a restored comparison filter is shown even with nothing to compare
  scheduleUpdate();
}

int DatasetBrowser::savedIndex(const QString& name) const {
  for (int i = 0; i < m_saved.size(); ++i)
    if (m_saved[i].name == name) return i;
  return -1;
}

void DatasetBrowser::setSavedFilters(const QVector<DatasetFilterState>& filters) {
  m_saved.clear();
  for (const DatasetFilterState& f : filters) {
    const QString name = f.name.trimmed();
    if (name.isEmpty() || savedIndex(name) >= 0) continue;  // unnamed or duplicate: not choosable
    m_saved << f;
    m_saved.last().name = name;
  }
  rebuildSavedCombo(QString());
}

bool DatasetBrowser::saveCurrentFilter(const QString& name) {
  const QString trimmed = name.trimmed();
  if (trimmed.isEmpty()) return false;
  DatasetFilterState state = filterState();
  state.name = trimmed;
  const int existing = savedIndex(trimmed);
  if (existing >= 0)
    m_saved[existing] = state;
  else
    m_saved << state;
  rebuildSavedCombo(trimmed);
  Q_EMIT savedFiltersChanged(m_saved);
  return true;
}

bool DatasetBrowser::deleteSavedFilter(const QString& name) {
  const int i = savedIndex(name);
  if (i < 0) return false;
  m_saved.removeAt(i);
  rebuildSavedCombo(QString());
  Q_EMIT savedFiltersChanged(m_saved);
  return true;
}

bool DatasetBrowser::applySavedFilter(const QString& name) {
  const int i = savedIndex(name);
  if (i < 0) return false;
  applyFilterState(m_saved[i]);
  const QSignalBlocker blocker(m_savedCombo);
  m_savedCombo->setCurrentIndex(i);
  m_deleteFilter->setEnabled(true);
  return true;
}

void DatasetBrowser::rebuildSavedCombo(const QString& select) {
  const QSignalBlocker blocker(m_savedCombo);
  m_savedCombo->clear();
  for (const DatasetFilterState& f : m_saved) m_savedCombo->addItem(f.name);
  m_savedCombo->setCurrentIndex(savedIndex(select));
  m_deleteFilter->setEnabled(m_savedCombo->currentIndex() >= 0);
}

void DatasetBrowser::syncSavedSelection() {
  // Once the filters no longer are the chosen saved filter, the combo says so (shows its placeholder).
  const int chosen = m_savedCombo->currentIndex();
  if (chosen < 0 || chosen >= m_saved.size() || m_saved[chosen].sameFilter(filterState())) return;
  const QSignalBlocker blocker(m_savedCombo);
  m_savedCombo->setCurrentIndex(-1);
  m_deleteFilter->setEnabled(false);
}

void DatasetBrowser::promptAndSave() {
  const int chosen = m_savedCombo->currentIndex();
  const QString suggestion =
      chosen >= 0 ? m_savedCombo->currentText() : tr("Filter %1").arg(m_saved.size() + 1);
  QString name;
  if (m_namePrompt) {
    name = m_namePrompt(suggestion);
  } else {
    bool ok = false;
    name = QInputDialog::getText(this, tr("Save Filter"), tr("Name of the current filters:"),
                                 QLineEdit::Normal, suggestion, &ok);
    if (!ok) return;
  }
  saveCurrentFilter(name);
}

}  // namespace sevila::widgets
