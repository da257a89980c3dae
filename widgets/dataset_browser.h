// The dataset browser, a failure explorer: a search field, failure filters, a confidence range, saved
// filters, a sortable virtual table of every item (thumbnail, qid, type, video, question, answers...),
// an "N of M items" count, the accuracy of the filtered items overall and per question type, and a
// confidence histogram whose bars narrow the filter. When the rows carry a second model version's answers
// (DatasetRow::compareAnswer) it also shows the Before and Change columns, the fixed / broken / answer
// changed filters and "3 fixed, 1 broken" in the count; without them those stay out of the way.
// It renders the rows it is given and emits intent:
// itemActivated(qid) when the user opens an item (double-click, Enter, or next()/previous(), which the
// studio binds to N / P), thumbnailsWanted(qids) for rows scrolled into view that lack a thumbnail, and
// savedFiltersChanged(filters) for the studio to persist.
#pragma once

#include <QByteArray>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QVector>
#include <QWidget>
#include <functional>
#include <vector>

#include "widgets/dataset_filter_state.h"
#include "widgets/dataset_row.h"
#include "widgets/dataset_summary.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QImage;
class QLabel;
class QLineEdit;
class QModelIndex;
class QSplitter;
class QTableView;
class QTimer;
class QToolButton;

namespace sevila::widgets {

class ConfidenceHistogram;
class DatasetFilterModel;
class DatasetTableModel;

class DatasetBrowser : public QWidget {
  Q_OBJECT
public:
  static constexpr int kHistogramBins = 10;

  explicit DatasetBrowser(QWidget* parent = nullptr);

  void setRows(std::vector<DatasetRow> rows);
  // Replaces the row with this qid (no-op when absent).
  void updateRow(const DatasetRow& row);
  DatasetTableModel* tableModel() const { return m_model; }
  DatasetFilterModel* filterModel() const { return m_filter; }
  QTableView* view() const { return m_view; }
  ConfidenceHistogram* histogram() const { return m_histogram; }
  QSplitter* tableHistogramSplit() const { return m_split; }
  // How the table and the histogram share the panel (the histogram may be collapsed), for the settings.
  QByteArray layoutState() const;
  bool restoreLayoutState(const QByteArray& state);

  QString currentQid() const;
  // Selects the item without emitting itemActivated (the studio opened it some other way).
  // Returns false when the item is absent or filtered out.
  bool setCurrentQid(const QString& qid);
  // The qids in the filtered, sorted order (e.g. a scripted demo list for the presentation view).
  QStringList filteredQids() const;
  // "12 of 40 items", plus "· 3 fixed, 1 broken" among them while comparing.
  QString countText() const;

  // Some row has a compare answer (the Before and Change columns and their filters are shown).
  bool comparing() const;
  // What the two compared model versions are called, for the column headers and the filters' tooltips
  // (e.g. "base model" and "refined 2").
  void setComparisonNames(const QString& before, const QString& after);

  // The accuracy and confidence histogram of the filtered items, and the line under the table
  // ("Accuracy 61.3 % (46 of 75 answered) · CW 70.0 % (14/20) · ..."). Both are brought up to date
  // lazily after a change (once per event-loop pass); these accessors bring them up to date first.
  DatasetSummary summary() const;
  QString summaryText() const;

  // Thumbnails: the studio decodes a frame when asked (thumbnailsWanted) and hands it over here.
  void setThumbnail(const QString& qid, const QImage& image);
  // The qids of the rows now in view (filtered order) that have no thumbnail yet; empty while hidden
  // or while the thumbnail column is off.
  QStringList visibleQidsWithoutThumbnail() const;
  // The thumbnail column, and rows tall enough for it (default on). Off, e.g. when the dataset's videos
  // cannot be decoded: compact rows and no thumbnailsWanted.
  void setShowThumbnails(bool show);
  bool showsThumbnails() const;

  // Every filter at once: the controls follow and the table re-filters once.
  DatasetFilterState filterState() const;
  void applyFilterState(const DatasetFilterState& state);

  // Saved filters (the "Saved filters" combo). The studio restores them with setSavedFilters (no
  // signal) and persists what savedFiltersChanged reports after a save or delete.
  QVector<DatasetFilterState> savedFilters() const { return m_saved; }
  void setSavedFilters(const QVector<DatasetFilterState>& filters);
  // Saves the current filters under `name` (trimmed; replaces a filter of that name). False when empty.
  bool saveCurrentFilter(const QString& name);
  bool deleteSavedFilter(const QString& name);
  // Applies the saved filter of that name; false when there is none.
  bool applySavedFilter(const QString& name);
  // How "Save…" asks for a name (default: a QInputDialog); returns an empty string when cancelled.
  using NamePrompt = std::function<QString(const QString& suggestion)>;
  void setNamePrompt(NamePrompt prompt) { m_namePrompt = std::move(prompt); }

public Q_SLOTS:
  // Move the current row in the filtered order and emit itemActivated. Return false at the end.
  bool next();
  bool previous();
  void focusSearch();
  // Only items whose confidence lies in [lo, hi) (see DatasetFilterModel); shown as a removable chip.
  void setConfidenceRange(double lo, double hi);
  void clearConfidenceRange();

Q_SIGNALS:
  void itemActivated(const QString& qid);
  // Rows scrolled into view without a thumbnail (each qid asked once per setRows).
  void thumbnailsWanted(const QStringList& qids);
  void savedFiltersChanged(const QVector<DatasetFilterState>& filters);

protected:
  void changeEvent(QEvent* event) override;
  void showEvent(QShowEvent* event) override;
  bool eventFilter(QObject* watched, QEvent* event) override;

private:
  void retranslate();
  bool moveTo(int proxyRow);
  void onViewActivated(const QModelIndex& index);
  void updateCount(int shown, int total);
  QString countLine(int shown, int total) const;
  void updateComparison();
  void scheduleUpdate();
  void onUpdateTimer();
  void updateSummary() const;
  void syncSavedSelection();
  QString describe(const DatasetSummary& summary) const;
  void updateRangeChip();
  void scheduleThumbnails();
  void requestThumbnails();
  void rebuildSavedCombo(const QString& select);
  void promptAndSave();
  int savedIndex(const QString& name) const;

  DatasetTableModel* m_model;
  DatasetFilterModel* m_filter;
  QLineEdit* m_search;
  QComboBox* m_savedCombo;
  QToolButton* m_saveFilter;
  QToolButton* m_deleteFilter;
  QCheckBox* m_wrongOnly;
  QCheckBox* m_lowConfidence;
  QDoubleSpinBox* m_threshold;
  QCheckBox* m_disagree;
  QCheckBox* m_unlabelled;
  QCheckBox* m_fixed;
  QCheckBox* m_broken;
  QCheckBox* m_answerChanged;
  QToolButton* m_rangeChip;
  QTableView* m_view;
  QLabel* m_count;
  ConfidenceHistogram* m_histogram;
  QSplitter* m_split;
  QLabel* m_summaryLabel;
  QTimer* m_updateTimer;
  QTimer* m_thumbnailTimer;

  mutable DatasetSummary m_summary;
  mutable bool m_summaryDirty = true;
  QSet<QString> m_thumbnailsAsked;
  QVector<DatasetFilterState> m_saved;
  NamePrompt m_namePrompt;
};

}  // namespace sevila::widgets
