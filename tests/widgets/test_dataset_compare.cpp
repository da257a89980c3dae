// The dataset browser comparing two model versions: the Before and Change columns, the fixed / broken /
// answer changed filters, their saved form, and how all of it stays out of the way without a comparison.
#include <QBrush>
#include <QCheckBox>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QtTest>

#include "widgets/dataset_browser.h"
#include "widgets/dataset_filter_model.h"
#include "widgets/dataset_filter_state.h"
#include "widgets/dataset_summary.h"
#include "widgets/dataset_table_model.h"

using sevila::widgets::DatasetBrowser;
using sevila::widgets::DatasetFilterModel;
using sevila::widgets::DatasetFilterState;
using sevila::widgets::DatasetRow;
using sevila::widgets::DatasetTableModel;

namespace {

DatasetRow makeRow(const char* qid, int before, int now, int truth, double keyframeChange = -1) {
  DatasetRow r;
  r.qid = QString::fromUtf8(qid);
  r.type = r.qid.left(2);
  r.question = QStringLiteral("question of %1").arg(r.qid);
  r.videoId = r.qid.section('_', 1, 1);
  r.modelAnswer = now;
  r.hasRun = now >= 0;
  r.confidence = now >= 0 ? 0.7 : -1;
  r.groundTruth = truth;
  r.compareAnswer = before;
  r.compareConfidence = before >= 0 ? 0.4 : -1;
  r.keyframeChange = keyframeChange;
  return r;
}

// Every kind of change, and the edges: no truth, no "before" run, no "after" run.
std::vector<DatasetRow> comparedRows() {
  return {
      makeRow("FX_1_0", 0, 1, 1, 0.5),   // fixed (A wrong -> B right)
      makeRow("BR_1_1", 2, 0, 2, 0.25),  // broken (C right -> A wrong)
      makeRow("CH_2_0", 0, 3, 1, 0.75),  // changed, wrong to wrong
      makeRow("SA_2_1", 1, 1, 1, 0.0),   // same answer
      makeRow("UN_3_0", 0, 2, -1),       // changed, truth unknown
      makeRow("NB_3_1", -1, 1, 1),       // no "before" run
      makeRow("NR_4_0", 3, -1, 3),       // no run now
      makeRow("FX_4_1", 2, 0, 0, 0.1),   // fixed
  };
}

std::vector<DatasetRow> plainRows() {
  return {makeRow("CW_1_0", -1, 1, 1), makeRow("CW_1_1", -1, 0, 2), makeRow("TN_2_0", -1, -1, 0)};
}

template <typename T>
T* child(QWidget& w, const char* name) {
  T* c = w.findChild<T*>(QString::fromLatin1(name));
  if (!c) qFatal("no child %s", name);
  return c;
}

QStringList qidsOf(const std::vector<DatasetRow>& rows) {
  QStringList qids;
  for (const DatasetRow& r : rows) qids << r.qid;
  return qids;
}

}  // namespace

class TestDatasetCompare : public QObject {
  Q_OBJECT
private Q_SLOTS:
  void rowHelpersTellTheChange() {
    const auto rows = comparedRows();
    QVERIFY(rows[0].fixed() && !rows[0].broken() && rows[0].answerChanged());
    QVERIFY(rows[1].broken() && !rows[1].fixed() && rows[1].answerChanged());
    QVERIFY(!rows[2].fixed() && !rows[2].broken() && rows[2].answerChanged());
    QVERIFY(!rows[3].answerChanged());
    QVERIFY(rows[4].answerChanged() && rows[4].compareOutcome() == DatasetRow::Outcome::Unknown);
    QVERIFY(!rows[5].hasCompare() && !rows[5].answerChanged());
    QVERIFY(rows[6].compareOutcome() == DatasetRow::Outcome::Right && !rows[6].broken());
    QCOMPARE(rows[0].change(), DatasetRow::Change::Fixed);
    QCOMPARE(rows[1].change(), DatasetRow::Change::Broken);
    QCOMPARE(rows[2].change(), DatasetRow::Change::Changed);
    QCOMPARE(rows[3].change(), DatasetRow::Change::Same);
    QCOMPARE(rows[4].change(), DatasetRow::Change::Changed);
    QCOMPARE(rows[5].change(), DatasetRow::Change::Unknown);
    QCOMPARE(rows[6].change(), DatasetRow::Change::Unknown);
  }

  void beforeAndChangeCellsShowTheComparison() {
    DatasetTableModel m;
    QSignalSpy available(&m, &DatasetTableModel::comparisonAvailableChanged);
    m.setRows(comparedRows());
    QVERIFY(m.hasComparison());
    QCOMPARE(available.size(), 1);
    QCOMPARE(available.last().at(0).toBool(), true);
    auto text = [&](int row, int column) { return m.index(row, column).data().toString(); };
    const QStringList before{"A ✗", "C ✓", "A ✗", "B ✓", "A", "", "D ✓", "C ✗"};
    const QStringList change{"fixed", "broken", "changed", "", "changed", "", "", "fixed"};
    for (int i = 0; i < 8; ++i) {
      QCOMPARE(text(i, DatasetTableModel::Before), before[i]);
      QCOMPARE(text(i, DatasetTableModel::Change), change[i]);
    }
    QCOMPARE(text(0, DatasetTableModel::ModelAnswer), QString("B"));  // the current answer is unchanged
    QCOMPARE(m.headerData(DatasetTableModel::Before, Qt::Horizontal).toString(), QString("Before"));
    QCOMPARE(m.headerData(DatasetTableModel::Change, Qt::Horizontal).toString(), QString("Change"));

    // The marks are coloured like the right/wrong column: green for right, red for wrong.
    auto colour = [&](int row, int column) {
      return m.index(row, column).data(Qt::ForegroundRole).value<QBrush>().color();
    };
    const QColor right = colour(3, DatasetTableModel::Outcome), wrong = colour(1, DatasetTableModel::Outcome);
    QVERIFY(right != wrong);
    QCOMPARE(colour(0, DatasetTableModel::Before), wrong);
    QCOMPARE(colour(1, DatasetTableModel::Before), right);
    QCOMPARE(colour(0, DatasetTableModel::Change), right);                               // fixed
    QCOMPARE(colour(1, DatasetTableModel::Change), wrong);                               // broken
    QVERIFY(!m.index(4, DatasetTableModel::Before).data(Qt::ForegroundRole).isValid());  // no truth

    // Numeric sort keys: the answer index, and the kind of change ranked.
    QCOMPARE(m.index(1, DatasetTableModel::Before).data(DatasetTableModel::SortRole).toInt(), 2);
    QVERIFY(m.index(1, DatasetTableModel::Change).data(DatasetTableModel::SortRole).toInt() >
            m.index(0, DatasetTableModel::Change).data(DatasetTableModel::SortRole).toInt());

    // Names of the versions reach the headers' and the cells' tooltips, with the keyframes' change.
    QSignalSpy headers(&m, &QAbstractItemModel::headerDataChanged);
    m.setComparisonNames("base model", "refined 2");
    QCOMPARE(headers.size(), 1);
    QVERIFY(m.headerData(DatasetTableModel::Before, Qt::Horizontal, Qt::ToolTipRole)
                .toString()
                .startsWith("Before: base model"));
    QVERIFY(m.headerData(DatasetTableModel::ModelAnswer, Qt::Horizontal, Qt::ToolTipRole)
                .toString()
                .startsWith("After: refined 2"));
    const QString tip = m.index(0, DatasetTableModel::Change).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains("base model answered A") && tip.contains("refined 2 answers B") &&
                 tip.contains("50 % of the model's keyframes changed"),
             qPrintable(tip));
    QVERIFY(!m.index(5, DatasetTableModel::Change).data(Qt::ToolTipRole).isValid());
  }

  void comparisonFollowsUpdatedRows() {
    DatasetTableModel m;
    QSignalSpy available(&m, &DatasetTableModel::comparisonAvailableChanged);
    m.setRows(plainRows());
    QVERIFY(!m.hasComparison());
    QCOMPARE(available.size(), 0);
    QCOMPARE(m.index(0, DatasetTableModel::Before).data().toString(), QString());
    QCOMPARE(m.index(0, DatasetTableModel::Change).data().toString(), QString());
    DatasetRow r = m.row(1);
    r.compareAnswer = 2;  // before right, now wrong
    m.updateRow(1, r);
    QVERIFY(m.hasComparison());
    QCOMPARE(available.size(), 1);
    QCOMPARE(m.index(1, DatasetTableModel::Change).data().toString(), QString("broken"));
    r.compareAnswer = -1;
    m.updateRow(1, r);
    QVERIFY(!m.hasComparison());
    QCOMPARE(available.size(), 2);
    QCOMPARE(available.last().at(0).toBool(), false);
  }

  void compareFiltersKeepExactlyTheRightItems_data() {
    QTest::addColumn<bool>("fixed");
    QTest::addColumn<bool>("broken");
    QTest::addColumn<bool>("changed");
    QTest::addColumn<bool>("wrong");
    QTest::addColumn<QString>("search");
    QTest::addColumn<QStringList>("expected");
    QTest::addRow("none") << false << false << false << false << QString() << qidsOf(comparedRows());
    QTest::addRow("fixed") << true << false << false << false << QString() << QStringList{"FX_1_0", "FX_4_1"};
    QTest::addRow("broken") << false << true << false << false << QString() << QStringList{"BR_1_1"};
    QTest::addRow("answer changed") << false << false << true << false << QString()
                                    << QStringList{"FX_1_0", "BR_1_1", "CH_2_0", "UN_3_0", "FX_4_1"};
    QTest::addRow("changed + wrong") << false << false << true << true << QString()
                                     << QStringList{"BR_1_1", "CH_2_0"};
    QTest::addRow("fixed + wrong") << true << false << false << true << QString() << QStringList{};
    QTest::addRow("fixed + broken") << true << true << false << false << QString() << QStringList{};
    QTest::addRow("fixed + changed") << true << false << true << false << QString()
                                     << QStringList{"FX_1_0", "FX_4_1"};
    QTest::addRow("fixed + search") << true << false << false << false << QString("4_")
                                    << QStringList{"FX_4_1"};
  }

  void compareFiltersKeepExactlyTheRightItems() {
    QFETCH(bool, fixed);
    QFETCH(bool, broken);
    QFETCH(bool, changed);
    QFETCH(bool, wrong);
    QFETCH(QString, search);
    QFETCH(QStringList, expected);

    DatasetBrowser b;
    b.setRows(comparedRows());
    // Through the browser's own controls.
    child<QCheckBox>(b, "fixedOnly")->setChecked(fixed);
    child<QCheckBox>(b, "brokenOnly")->setChecked(broken);
    child<QCheckBox>(b, "answerChanged")->setChecked(changed);
    child<QCheckBox>(b, "wrongOnly")->setChecked(wrong);
    child<QLineEdit>(b, "search")->setText(search);
    QCOMPARE(b.filteredQids(), expected);
    QCOMPARE(b.filterModel()->fixedOnly(), fixed);
    QCOMPARE(b.filterModel()->brokenOnly(), broken);
    QCOMPARE(b.filterModel()->answerChangedOnly(), changed);

    // The count line says how many of the shown items were fixed and broken.
    int nFixed = 0, nBroken = 0;
    for (const DatasetRow& r : comparedRows())
      if (expected.contains(r.qid)) {
        nFixed += r.fixed();
        nBroken += r.broken();
      }
    QCOMPARE(b.countText(),
             QString("%1 of 8 items · %2 fixed, %3 broken").arg(expected.size()).arg(nFixed).arg(nBroken));
  }

  void sortingByChangeAndBefore() {
    DatasetBrowser b;
    b.setRows(comparedRows());
    // Unknown, same, changed, fixed, broken; within one kind by the keyframes' change.
    b.view()->sortByColumn(DatasetTableModel::Change, Qt::AscendingOrder);
    QCOMPARE(b.filteredQids(),
             (QStringList{"NB_3_1", "NR_4_0", "SA_2_1", "UN_3_0", "CH_2_0", "FX_4_1", "FX_1_0", "BR_1_1"}));
    b.view()->sortByColumn(DatasetTableModel::Change, Qt::DescendingOrder);
    QCOMPARE(b.filteredQids().mid(0, 5), (QStringList{"BR_1_1", "FX_1_0", "FX_4_1", "CH_2_0", "UN_3_0"}));
    b.view()->sortByColumn(DatasetTableModel::Before, Qt::AscendingOrder);
    QCOMPARE(b.filteredQids().first(), QString("NB_3_1"));  // no "before" answer
    QCOMPARE(b.filteredQids().last(), QString("NR_4_0"));   // D
    // Sorting combines with a comparison filter.
    child<QCheckBox>(b, "answerChanged")->setChecked(true);
    b.view()->sortByColumn(DatasetTableModel::Change, Qt::DescendingOrder);
    QCOMPARE(b.filteredQids(), (QStringList{"BR_1_1", "FX_1_0", "FX_4_1", "CH_2_0", "UN_3_0"}));
  }

  void summaryCountsTheChanges() {
    DatasetBrowser b;
    b.setRows(comparedRows());
    QCOMPARE(b.summary().compared, 6);
    QCOMPARE(b.summary().fixed, 2);
    QCOMPARE(b.summary().broken, 1);
    QCOMPARE(b.summary().changed, 5);
    QCOMPARE(b.countText(), QString("8 of 8 items · 2 fixed, 1 broken"));
    // An edited row counts at once: CH_2_0 now right.
    DatasetRow r = b.tableModel()->row(2);
    r.modelAnswer = 1;
    b.updateRow(r);
    QCOMPARE(b.countText(), QString("8 of 8 items · 3 fixed, 1 broken"));
  }

  void columnsAndFiltersAppearOnlyWhenComparing() {
    DatasetBrowser b;
    b.setRows(plainRows());
    auto* fixedBox = child<QCheckBox>(b, "fixedOnly");
    auto* brokenBox = child<QCheckBox>(b, "brokenOnly");
    auto* changedBox = child<QCheckBox>(b, "answerChanged");
    QVERIFY(!b.comparing());
    QVERIFY(b.view()->isColumnHidden(DatasetTableModel::Before));
    QVERIFY(b.view()->isColumnHidden(DatasetTableModel::Change));
    QVERIFY(fixedBox->isHidden() && brokenBox->isHidden() && changedBox->isHidden());
    QCOMPARE(b.countText(), QString("3 of 3 items"));  // no "fixed, broken"
    QVERIFY(!b.view()->isColumnHidden(DatasetTableModel::ModelAnswer));

    // A run of the other version on one item brings them in; the item's own change shows.
    DatasetRow r = b.tableModel()->row(0);
    r.compareAnswer = 0;  // before wrong, now right
    b.updateRow(r);
    QVERIFY(b.comparing());
    QVERIFY(!b.view()->isColumnHidden(DatasetTableModel::Before));
    QVERIFY(!b.view()->isColumnHidden(DatasetTableModel::Change));
    QVERIFY(!fixedBox->isHidden() && !brokenBox->isHidden() && !changedBox->isHidden());
    QCOMPARE(b.countText(), QString("3 of 3 items · 1 fixed, 0 broken"));
    fixedBox->setChecked(true);
    QCOMPARE(b.filteredQids(), QStringList{"CW_1_0"});
    fixedBox->setChecked(false);

    // New rows without a comparison: out of sight again.
    b.setRows(plainRows());
    QVERIFY(b.view()->isColumnHidden(DatasetTableModel::Before));
    QVERIFY(b.view()->isColumnHidden(DatasetTableModel::Change));
    QVERIFY(fixedBox->isHidden());
    QCOMPARE(b.countText(), QString("3 of 3 items"));

    // A restored filter with a comparison condition stays in view, so the empty table is explained;
    // unchecked, it goes.
    DatasetFilterState state;
    state.broken = true;
    b.applyFilterState(state);
    QVERIFY(!brokenBox->isHidden() && brokenBox->isChecked());
    QVERIFY(fixedBox->isHidden());
    QCOMPARE(b.filterModel()->shownCount(), 0);
    brokenBox->setChecked(false);
    QVERIFY(brokenBox->isHidden());
    QCOMPARE(b.filterModel()->shownCount(), 3);
  }

  void filterStateRoundTripsTheCompareFlags() {
    DatasetBrowser b;
    b.setRows(comparedRows());
    child<QCheckBox>(b, "answerChanged")->setChecked(true);
    child<QCheckBox>(b, "brokenOnly")->setChecked(true);
    QVERIFY(b.saveCurrentFilter("regressions"));
    const DatasetFilterState state = b.filterState();
    QVERIFY(state.broken && state.answerChanged && !state.fixed);
    QCOMPARE(state.name, QString("regressions"));

    const QJsonObject json = state.toJson();
    QCOMPARE(json.value("broken").toBool(), true);
    QCOMPARE(json.value("answerChanged").toBool(), true);
    QCOMPARE(json.value("fixed").toBool(), false);
    const DatasetFilterState back =
        DatasetFilterState::fromJson(QJsonDocument::fromJson(QJsonDocument(json).toJson()).object());
    QCOMPARE(back, state);
    DatasetFilterState other = state;
    other.fixed = true;
    QVERIFY(!other.sameFilter(state));  // the flags are part of the filter

    // Each flag on its own survives.
    for (const char* key : {"fixed", "broken", "answerChanged"}) {
      const DatasetFilterState one = DatasetFilterState::fromJson(QJsonObject{{key, true}});
      QCOMPARE(one.fixed, qstrcmp(key, "fixed") == 0);
      QCOMPARE(one.broken, qstrcmp(key, "broken") == 0);
      QCOMPARE(one.answerChanged, qstrcmp(key, "answerChanged") == 0);
    }

    // A filter saved before these conditions existed reads with them off.
    const QByteArray old =
        R"({"name":"unsure failures","search":"what","wrongOnly":true,"lowConfidence":true,)"
        R"("threshold":0.6,"disagree":false,"unlabelled":false,"confLo":0.5,"confHi":0.6})";
    const DatasetFilterState restored = DatasetFilterState::fromJson(QJsonDocument::fromJson(old).object());
    QCOMPARE(restored.name, QString("unsure failures"));
    QVERIFY(restored.wrongOnly && restored.lowConfidence && restored.hasConfidenceRange());
    QVERIFY(!restored.fixed && !restored.broken && !restored.answerChanged);

    // The next session restores the controls and the items.
    DatasetBrowser next;
    next.setRows(comparedRows());
    next.applyFilterState(back);
    QVERIFY(child<QCheckBox>(next, "brokenOnly")->isChecked());
    QVERIFY(child<QCheckBox>(next, "answerChanged")->isChecked());
    QVERIFY(!child<QCheckBox>(next, "fixedOnly")->isChecked());
    QCOMPARE(next.filteredQids(), QStringList{"BR_1_1"});
    QCOMPARE(next.filteredQids(), b.filteredQids());
    QVERIFY(next.filterState().sameFilter(state));
    next.applyFilterState(restored);
    QVERIFY(!child<QCheckBox>(next, "brokenOnly")->isChecked());
    QVERIFY(!next.filterModel()->brokenOnly() && !next.filterModel()->answerChangedOnly());

    // The filter model alone takes them at once too.
    DatasetTableModel m;
    m.setRows(comparedRows());
    DatasetFilterModel f;
    f.setSourceModel(&m);
    DatasetFilterState fixedState;
    fixedState.fixed = true;
    f.setFilters(fixedState);
    QCOMPARE(f.shownCount(), 2);
    QCOMPARE(f.qidAt(0), QString("FX_1_0"));
  }

  void comparisonNamesReachHeadersAndFilters() {
    DatasetBrowser b;
    b.setRows(comparedRows());
    b.setComparisonNames("base model", "refined 2");
    QVERIFY(b.tableModel()
                ->headerData(DatasetTableModel::Before, Qt::Horizontal, Qt::ToolTipRole)
                .toString()
                .startsWith("Before: base model"));
    const QString tip = child<QCheckBox>(b, "fixedOnly")->toolTip();
    QVERIFY2(tip.contains("base model") && tip.contains("refined 2"), qPrintable(tip));
    QVERIFY(child<QCheckBox>(b, "brokenOnly")->toolTip().contains("base model"));
  }

  // The dataset panel must stay usable on a 1366 px laptop screen with both extra columns shown.
  void readableAt1366WithTheComparison() {
    DatasetBrowser b;
    b.resize(1366, 700);
    b.setRows(comparedRows());
    b.show();
    QVERIFY(QTest::qWaitForWindowExposed(&b));
    QVERIFY(!b.view()->isColumnHidden(DatasetTableModel::Change));
    const QFontMetrics fm = b.view()->horizontalHeader()->fontMetrics();
    // Each of the new columns holds its header and its widest word without eliding.
    QVERIFY(b.view()->columnWidth(DatasetTableModel::Change) > fm.horizontalAdvance("changed"));
    QVERIFY(b.view()->columnWidth(DatasetTableModel::Before) > fm.horizontalAdvance("Before"));
    // The question keeps a good share of the width.
    QTRY_VERIFY(b.view()->columnWidth(DatasetTableModel::Question) >= 1366 / 4);
    // And the filter row fits without squeezing the check boxes below their text.
    for (const char* name : {"wrongOnly", "unlabelled", "fixedOnly", "brokenOnly", "answerChanged"}) {
      auto* box = child<QCheckBox>(b, name);
      QVERIFY2(box->width() >= box->sizeHint().width(), name);
    }
  }
};

QTEST_MAIN(TestDatasetCompare)
#include "test_dataset_compare.moc"
