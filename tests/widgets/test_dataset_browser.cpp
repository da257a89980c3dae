#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QtTest>
#include <qcustomplot.h>

#include "widgets/confidence_histogram.h"
#include "widgets/dataset_browser.h"
#include "widgets/dataset_filter_model.h"
#include "widgets/dataset_filter_state.h"
#include "widgets/dataset_table_model.h"

using sevila::widgets::ConfidenceHistogram;
using sevila::widgets::DatasetBrowser;
using sevila::widgets::DatasetFilterModel;
using sevila::widgets::DatasetFilterState;
using sevila::widgets::DatasetRow;
using sevila::widgets::DatasetTableModel;

namespace {

DatasetRow makeRow(const char* qid, const char* type, const char* question, int answer, int truth,
                   double confidence, bool labelled, double overlap) {
  DatasetRow r;
  r.qid = QString::fromUtf8(qid);
  r.type = QString::fromUtf8(type);
  r.question = QString::fromUtf8(question);
  r.videoId = r.qid.section('_', 1, 1);
  r.modelAnswer = answer;
  r.groundTruth = truth;
  r.confidence = confidence;
  r.labelled = labelled;
  r.overlap = overlap;
  r.hasRun = answer >= 0;
  return r;
}

// Seven items that between them hit every filter and every edge (no run, unknown truth, confidence
// just above the threshold, labelled without a model run, exact agreement).
std::vector<DatasetRow> handBuiltRows() {
  return {
      makeRow("CW_1_0", "CW", "why did the boy cry?", 1, 1, 0.90, true, 1.0),    // right, sure, agree
      makeRow("CW_1_1", "CW", "what is the dog doing?", 0, 2, 0.30, true, 0.5),  // wrong, low, disagree
      makeRow("TN_2_0", "TN", "what did the BOY do after falling?", 2, 0, 0.55, false,
              -1),                                                                 // wrong, unlabelled
      makeRow("TN_2_1", "TN", "how many cups are there?", 3, 3, 0.45, false, -1),  // right, low, unlabelled
      makeRow("DO_3_0", "DO", "where is the cat?", -1, 1, -1, true, -1),           // no run, labelled
      makeRow("DO_3_1", "DO", "Why is the man smiling?", 1, -1, 0.10, true,
              0.0),  // truth unknown, low, disagree
      makeRow("CH_4_0", "CH", "what colour is the ball?", 0, 1, 0.501, true,
              1.0),  // wrong, just above 0.5, agree
  };
}

template <typename T>
T* child(QWidget& w, const char* name) {
  T* c = w.findChild<T*>(QString::fromLatin1(name));
  if (!c) qFatal("no child %s", name);
  return c;
}

}  // namespace

class TestDatasetBrowser : public QObject {
  Q_OBJECT
private Q_SLOTS:
  void filtersCountExactly_data() {
    QTest::addColumn<QString>("search");
    QTest::addColumn<bool>("wrong");
    QTest::addColumn<bool>("low");
    QTest::addColumn<double>("threshold");
    QTest::addColumn<bool>("disagree");
    QTest::addColumn<bool>("unlabelled");
    QTest::addColumn<QStringList>("expected");
    const double t = DatasetFilterModel::kDefaultLowConfidence;
    const QStringList all{"CW_1_0", "CW_1_1", "TN_2_0", "TN_2_1", "DO_3_0", "DO_3_1", "CH_4_0"};
    QTest::addRow("none") << QString() << false << false << t << false << false << all;
    QTest::addRow("wrong only") << QString() << true << false << t << false << false
                                << QStringList{"CW_1_1", "TN_2_0", "CH_4_0"};
    QTest::addRow("low confidence") << QString() << false << true << t << false << false
                                    << QStringList{"CW_1_1", "TN_2_1", "DO_3_1"};
    QTest::addRow("low confidence < 0.6") << QString() << false << true << 0.6 << false << false
                                          << QStringList{"CW_1_1", "TN_2_0", "TN_2_1", "DO_3_1", "CH_4_0"};
    QTest::addRow("human != model") << QString() << false << false << t << true << false
                                    << QStringList{"CW_1_1", "DO_3_1"};
    QTest::addRow("unlabelled") << QString() << false << false << t << false << true
                                << QStringList{"TN_2_0", "TN_2_1"};
    QTest::addRow("search question, any case")
        << QString("boy") << false << false << t << false << false << QStringList{"CW_1_0", "TN_2_0"};
    QTest::addRow("search qid") << QString("tn_2") << false << false << t << false << false
                                << QStringList{"TN_2_0", "TN_2_1"};
    QTest::addRow("search upper case")
        << QString("  WHY ") << false << false << t << false << false << QStringList{"CW_1_0", "DO_3_1"};
    QTest::addRow("search no match") << QString("zebra") << false << false << t << false << false
                                     << QStringList{};
    QTest::addRow("wrong + low") << QString() << true << true << t << false << false << QStringList{"CW_1_1"};
    QTest::addRow("wrong + unlabelled")
        << QString() << true << false << t << false << true << QStringList{"TN_2_0"};
    QTest::addRow("low + disagree") << QString() << false << true << t << true << false
                                    << QStringList{"CW_1_1", "DO_3_1"};
    QTest::addRow("search + wrong") << QString("boy") << true << false << t << false << false
                                    << QStringList{"TN_2_0"};
    QTest::addRow("every toggle") << QString() << true << true << t << true << true << QStringList{};
  }

  void filtersCountExactly() {
    QFETCH(QString, search);
    QFETCH(bool, wrong);
    QFETCH(bool, low);
    QFETCH(double, threshold);
    QFETCH(bool, disagree);
    QFETCH(bool, unlabelled);
    QFETCH(QStringList, expected);

    DatasetBrowser b;
    b.setRows(handBuiltRows());
    QSignalSpy counts(b.filterModel(), &DatasetFilterModel::countsChanged);
    // Drive the filters through the browser's own controls.
    child<QDoubleSpinBox>(b, "threshold")->setValue(threshold);
    child<QLineEdit>(b, "search")->setText(search);
    child<QCheckBox>(b, "wrongOnly")->setChecked(wrong);
    child<QCheckBox>(b, "lowConfidence")->setChecked(low);
    child<QCheckBox>(b, "humanModelDisagree")->setChecked(disagree);
    child<QCheckBox>(b, "unlabelled")->setChecked(unlabelled);

    QCOMPARE(b.filteredQids(), expected);
    QCOMPARE(b.filterModel()->shownCount(), int(expected.size()));
    QCOMPARE(b.filterModel()->totalCount(), 7);
    QCOMPARE(b.countText(), QString("%1 of 7 items").arg(expected.size()));
    if (expected.size() != 7) {
      QVERIFY(!counts.isEmpty());
      QCOMPARE(counts.last().at(0).toInt(), int(expected.size()));
      QCOMPARE(counts.last().at(1).toInt(), 7);
    }
  }

  void cellsShowWhatTheRowSays() {
    DatasetTableModel m;
    m.setRows(handBuiltRows());
    QCOMPARE(m.rowCount(), 7);
    QCOMPARE(m.columnCount(), int(DatasetTableModel::ColumnCount));
    auto text = [&](int row, int column) { return m.index(row, column).data().toString(); };
    QCOMPARE(text(1, DatasetTableModel::Qid), QString("CW_1_1"));
    QCOMPARE(text(1, DatasetTableModel::Type), QString("CW"));
    QCOMPARE(text(2, DatasetTableModel::Video), QString("2"));
    QCOMPARE(text(2, DatasetTableModel::Question), QString("what did the BOY do after falling?"));
    QCOMPARE(text(2, DatasetTableModel::Thumbnail), QString());
    QCOMPARE(m.headerData(DatasetTableModel::Qid, Qt::Horizontal).toString(), QString("qid"));
    QCOMPARE(m.headerData(DatasetTableModel::Video, Qt::Horizontal).toString(), QString("Video"));
    QCOMPARE(text(1, DatasetTableModel::ModelAnswer), QString("A"));
    QCOMPARE(text(1, DatasetTableModel::GroundTruth), QString("C"));
    QCOMPARE(text(1, DatasetTableModel::Outcome), QString("wrong"));
    QCOMPARE(text(0, DatasetTableModel::Outcome), QString("right"));
    QCOMPARE(text(5, DatasetTableModel::Outcome), QString());  // truth unknown
    QCOMPARE(text(4, DatasetTableModel::ModelAnswer), QString());
    QCOMPARE(text(4, DatasetTableModel::Confidence), QString());
    QCOMPARE(text(1, DatasetTableModel::Overlap), QString("50%"));
    QCOMPARE(text(2, DatasetTableModel::Overlap), QString());
    QCOMPARE(text(0, DatasetTableModel::Labelled), QString("yes"));
    QCOMPARE(m.index(3, DatasetTableModel::Question).data(DatasetTableModel::QidRole).toString(),
             QString("TN_2_1"));
    QCOMPARE(m.rowOfQid("DO_3_1"), 5);
    QCOMPARE(m.rowOfQid("nope"), -1);
  }

  void sortKeysAreNumericForNumericColumns() {
    DatasetTableModel m;
    m.setRows(handBuiltRows());
    const QVariant c = m.index(6, DatasetTableModel::Confidence).data(DatasetTableModel::SortRole);
    QCOMPARE(c.typeId(), int(QMetaType::Double));
    QCOMPARE(c.toDouble(), 0.501);
    QCOMPARE(m.index(2, DatasetTableModel::Overlap).data(DatasetTableModel::SortRole).toDouble(), -1.0);
    QCOMPARE(m.index(2, DatasetTableModel::ModelAnswer).data(DatasetTableModel::SortRole).typeId(),
             int(QMetaType::Int));
  }

  void sortingByConfidenceAndOverlapIsNumeric() {
    DatasetBrowser b;
    b.setRows(handBuiltRows());
    b.view()->sortByColumn(DatasetTableModel::Confidence, Qt::AscendingOrder);
    QCOMPARE(b.filteredQids(),
             (QStringList{"DO_3_0", "DO_3_1", "CW_1_1", "TN_2_1", "CH_4_0", "TN_2_0", "CW_1_0"}));
    b.view()->sortByColumn(DatasetTableModel::Confidence, Qt::DescendingOrder);
    QCOMPARE(b.filteredQids().first(), QString("CW_1_0"));
    QCOMPARE(b.filteredQids().last(), QString("DO_3_0"));
    // Displayed as "0%", "50%", "100%": a text sort would put 100% before 50%.
    b.view()->sortByColumn(DatasetTableModel::Overlap, Qt::AscendingOrder);
    QCOMPARE(b.filteredQids(),
             (QStringList{"TN_2_0", "TN_2_1", "DO_3_0", "DO_3_1", "CW_1_1", "CW_1_0", "CH_4_0"}));
  }

  void nextAndPreviousFollowTheFilteredOrder() {
    DatasetBrowser b;
    b.setRows(handBuiltRows());
    b.show();
    QSignalSpy activated(&b, &DatasetBrowser::itemActivated);
    child<QCheckBox>(b, "wrongOnly")->setChecked(true);
    b.view()->sortByColumn(DatasetTableModel::Confidence, Qt::AscendingOrder);
    // wrong items by confidence: CW_1_1 (0.30), CH_4_0 (0.501), TN_2_0 (0.55)
    QVERIFY(b.next());
    QVERIFY(b.next());
    QVERIFY(b.next());
    QVERIFY(!b.next());  // at the end: stays, emits nothing
    QCOMPARE(b.currentQid(), QString("TN_2_0"));
    QVERIFY(b.previous());
    QCOMPARE(activated.size(), 4);
    QCOMPARE(activated.at(0).at(0).toString(), QString("CW_1_1"));
    QCOMPARE(activated.at(1).at(0).toString(), QString("CH_4_0"));
    QCOMPARE(activated.at(2).at(0).toString(), QString("TN_2_0"));
    QCOMPARE(activated.at(3).at(0).toString(), QString("CH_4_0"));
    QCOMPARE(b.currentQid(), QString("CH_4_0"));

    // Enter opens the current item.
    b.view()->setFocus();
    QTest::keyClick(b.view(), Qt::Key_Return);
    QCOMPARE(activated.size(), 5);
    QCOMPARE(activated.last().at(0).toString(), QString("CH_4_0"));

    // Double-click opens the clicked item.
    const QModelIndex first = b.filterModel()->index(0, DatasetTableModel::Question);
    const QPoint at = b.view()->visualRect(first).center();
    // QTest's widget double-click is a lone DblClick event; a real one follows a press on the same item.
    QTest::mouseClick(b.view()->viewport(), Qt::LeftButton, {}, at);
    const qsizetype beforeDoubleClick = activated.size();
    QTest::mouseDClick(b.view()->viewport(), Qt::LeftButton, {}, at);
    QCOMPARE(activated.size(), beforeDoubleClick + 1);
    QCOMPARE(activated.last().at(0).toString(), QString("CW_1_1"));

    // Previous from nothing starts at the end; setCurrentQid selects silently.
    QVERIFY(b.setCurrentQid("TN_2_0"));
    QVERIFY(!b.setCurrentQid("CW_1_0"));  // filtered out
    QVERIFY(!b.setCurrentQid("missing"));
    const int before = int(activated.size());
    QVERIFY(b.previous());
    QCOMPARE(activated.size(), before + 1);
    QCOMPARE(activated.last().at(0).toString(), QString("CH_4_0"));
  }

  void updatedRowIsRefiltered() {
    DatasetBrowser b;
    b.setRows(handBuiltRows());
    child<QCheckBox>(b, "wrongOnly")->setChecked(true);
    QCOMPARE(b.filterModel()->shownCount(), 3);
    DatasetRow r = b.tableModel()->row(0);  // CW_1_0 was right
    r.modelAnswer = 0;
    b.updateRow(r);
    QCOMPARE(b.filterModel()->shownCount(), 4);
    QVERIFY(b.filteredQids().contains("CW_1_0"));
    QCOMPARE(b.countText(), QString("4 of 7 items"));
  }

  void sortingByQidAndVideo() {
    DatasetBrowser b;
    std::vector<DatasetRow> rows = handBuiltRows();
    rows[0].videoId = "9";
    b.setRows(rows);
    b.view()->sortByColumn(DatasetTableModel::Qid, Qt::AscendingOrder);
    QCOMPARE(b.filteredQids(),
             (QStringList{"CH_4_0", "CW_1_0", "CW_1_1", "DO_3_0", "DO_3_1", "TN_2_0", "TN_2_1"}));
    b.view()->sortByColumn(DatasetTableModel::Video, Qt::DescendingOrder);
    QCOMPARE(b.filteredQids().first(), QString("CW_1_0"));  // video 9
    QCOMPARE(b.filteredQids().at(1), QString("CH_4_0"));    // video 4
  }

  // Accuracy over the shown items: 2 of the 5 answered are right (DO_3_0 has no run, DO_3_1 no truth).
  void summaryFollowsTheFilter() {
    DatasetBrowser b;
    b.setRows(handBuiltRows());
    auto* label = child<QLabel>(b, "datasetSummary");
    const QString all =
        "Accuracy 40.0 % (2 of 5 answered) · CH 0.0 % (0/1) · CW 50.0 % (1/2) · TN 50.0 % (1/2)";
    QTRY_COMPARE(label->text(), all);
    QCOMPARE(b.summaryText(), all);
    QCOMPARE(b.summary().all.answered, 5);
    QCOMPARE(b.summary().byType.value("DO").answered, 0);

    child<QCheckBox>(b, "wrongOnly")->setChecked(true);
    const QString wrong =
        "Accuracy 0.0 % (0 of 3 answered) · CH 0.0 % (0/1) · CW 0.0 % (0/1) · TN 0.0 % (0/1)";
    QCOMPARE(b.summaryText(), wrong);  // up to date at once when asked
    QTRY_COMPARE(label->text(), wrong);

    child<QCheckBox>(b, "wrongOnly")->setChecked(false);
    child<QLineEdit>(b, "search")->setText("tn_");
    QTRY_COMPARE(label->text(), QString("Accuracy 50.0 % (1 of 2 answered) · TN 50.0 % (1/2)"));
    child<QLineEdit>(b, "search")->setText("where");  // DO_3_0: no run
    QTRY_COMPARE(label->text(), QString("Accuracy: no item shown has both an answer and a ground truth"));

    // An edited row counts at once, without a filter change.
    child<QLineEdit>(b, "search")->clear();
    DatasetRow r = b.tableModel()->row(6);  // CH_4_0: wrong -> right
    r.modelAnswer = 1;
    b.updateRow(r);
    QTRY_COMPARE(
        label->text(),
        QString("Accuracy 60.0 % (3 of 5 answered) · CH 100.0 % (1/1) · CW 50.0 % (1/2) · TN 50.0 % (1/2)"));
    // The histogram shows the same items: right vs wrong by confidence.
    auto* histogram = child<ConfidenceHistogram>(b, "confidenceHistogram");
    QCOMPARE(histogram->count(5), 2);  // TN_2_0 0.55 (wrong), CH_4_0 0.501 (now right)
    QCOMPARE(histogram->count(1), 1);  // DO_3_1 0.10, no truth
    QCOMPARE(histogram->count(9), 1);
  }

  void thumbnailsAreDecorationsOfTheirRowOnly() {
    DatasetTableModel m;
    m.setRows(handBuiltRows());
    QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
    QImage frame(320, 180, QImage::Format_RGB32);
    frame.fill(QColor(200, 30, 40));
    m.setThumbnail("TN_2_0", frame);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex(), m.index(2, DatasetTableModel::Thumbnail));
    QCOMPARE(changed.at(0).at(2).value<QList<int>>(), QList<int>{Qt::DecorationRole});

    const QVariant decoration = m.index(2, DatasetTableModel::Thumbnail).data(Qt::DecorationRole);
    QCOMPARE(decoration.typeId(), int(QMetaType::QImage));
    const QImage thumb = decoration.value<QImage>();
    QCOMPARE(thumb.height(), DatasetTableModel::kThumbnailHeight);
    QCOMPARE(thumb.width(), 64);  // 16:9 kept
    QCOMPARE(QColor(thumb.pixel(30, 18)), QColor(200, 30, 40));
    for (int row = 0; row < m.rowCount(); ++row)
      if (row != 2) QVERIFY(!m.index(row, DatasetTableModel::Thumbnail).data(Qt::DecorationRole).isValid());
    QVERIFY(!m.index(2, DatasetTableModel::Question).data(Qt::DecorationRole).isValid());

    // A thumbnail for an item that is not (yet) listed is kept by qid; the next rows drop strangers.
    m.setThumbnail("XX_9_9", frame);
    QCOMPARE(m.thumbnailCount(), 2);
    m.setRows(handBuiltRows());
    QCOMPARE(m.thumbnailCount(), 1);
    QVERIFY(m.hasThumbnail("TN_2_0"));
    m.setThumbnail("TN_2_0", QImage());  // removes
    QVERIFY(!m.index(2, DatasetTableModel::Thumbnail).data(Qt::DecorationRole).isValid());
  }

  void thumbnailsAreWantedForTheRowsInView() {
    std::vector<DatasetRow> rows;
    for (int i = 0; i < 200; ++i) {
      DatasetRow r;
      r.qid = QString("CW_%1_0").arg(1000 + i);
      r.type = "CW";
      r.videoId = QString::number(1000 + i);
      r.question = "why?";
      rows.push_back(r);
    }
    DatasetBrowser b;
    QSignalSpy wanted(&b, &DatasetBrowser::thumbnailsWanted);
    b.setRows(rows);
    QCOMPARE(wanted.size(), 0);  // hidden: nothing in view
    QVERIFY(b.visibleQidsWithoutThumbnail().isEmpty());
    b.resize(700, 500);
    b.show();
    QVERIFY(QTest::qWaitForWindowExposed(&b));
    QVERIFY(wanted.wait(2000));
    const QStringList first = wanted.takeFirst().at(0).toStringList();
    const int inView = b.view()->rowAt(b.view()->viewport()->height() - 1) + 1;
    QVERIFY(inView > 2 && inView < 200);
    QCOMPARE(first.size(), inView);
    QCOMPARE(first.first(), QString("CW_1000_0"));
    QCOMPARE(first.last(), QString("CW_%1_0").arg(1000 + inView - 1));
    QCOMPARE(b.visibleQidsWithoutThumbnail(), first);

    // Decoded: no longer wanted; each qid is asked once.
    QImage frame(64, 36, QImage::Format_RGB32);
    frame.fill(Qt::blue);
    for (const QString& qid : first) b.setThumbnail(qid, frame);
    QVERIFY(b.visibleQidsWithoutThumbnail().isEmpty());
    QTest::qWait(100);
    QCOMPARE(wanted.size(), 0);

    // Scrolled to the end: only the rows now in view.
    b.view()->verticalScrollBar()->setValue(b.view()->verticalScrollBar()->maximum());
    QVERIFY(wanted.wait(2000));
    const QStringList last = wanted.takeFirst().at(0).toStringList();
    QCOMPARE(last.last(), QString("CW_1199_0"));
    QVERIFY(last.size() <= inView + 1);
    for (const QString& qid : last) QVERIFY(!first.contains(qid));

    // Rows are as tall as a thumbnail; without the column they are compact and nothing is wanted.
    QVERIFY(b.showsThumbnails());
    QVERIFY(b.view()->rowHeight(0) >= DatasetTableModel::kThumbnailHeight);
    b.setShowThumbnails(false);
    QVERIFY(!b.showsThumbnails());
    QVERIFY(b.view()->rowHeight(0) < DatasetTableModel::kThumbnailHeight);
    b.view()->verticalScrollBar()->setValue(0);
    QTest::qWait(100);
    QVERIFY(b.visibleQidsWithoutThumbnail().isEmpty());
    QCOMPARE(wanted.size(), 0);
  }

  void histogramBarNarrowsTheFilter() {
    DatasetBrowser b;
    b.resize(800, 700);
    b.show();
    QVERIFY(QTest::qWaitForWindowExposed(&b));
    b.setRows(handBuiltRows());
    auto* histogram = child<ConfidenceHistogram>(b, "confidenceHistogram");
    auto* chip = child<QToolButton>(b, "confidenceRangeChip");
    QVERIFY(!chip->isVisible());
    QTRY_COMPARE(histogram->count(5), 2);  // TN_2_0 (0.55) and CH_4_0 (0.501)
    histogram->plot()->replot();

    QTest::mouseClick(histogram->plot(), Qt::LeftButton, {}, histogram->barCenter(5));
    QCOMPARE(b.filteredQids(), (QStringList{"TN_2_0", "CH_4_0"}));
    QCOMPARE(b.countText(), QString("2 of 7 items"));
    QVERIFY(chip->isVisible());
    QCOMPARE(chip->text(), QString("confidence 0.5–0.6 ✕"));
    QCOMPARE(b.summaryText(), QString("Accuracy 0.0 % (0 of 2 answered) · CH 0.0 % (0/1) · TN 0.0 % (0/1)"));
    QTRY_COMPARE(histogram->count(3), 0);  // the histogram shows the narrowed items only

    // Combined with the other filters (AND).
    child<QLineEdit>(b, "search")->setText("boy");
    QCOMPARE(b.filteredQids(), QStringList{"TN_2_0"});
    child<QLineEdit>(b, "search")->clear();

    // The chip removes the range.
    QTest::mouseClick(chip, Qt::LeftButton);
    QCOMPARE(b.filterModel()->shownCount(), 7);
    QVERIFY(!chip->isVisible());
    QVERIFY(!b.filterModel()->hasConfidenceRange());

    // The last bar takes confidence 1.0.
    DatasetRow sure = b.tableModel()->row(0);
    sure.confidence = 1.0;
    b.updateRow(sure);
    QTRY_COMPARE(histogram->count(9), 1);
    histogram->activateBin(9);
    QCOMPARE(b.filteredQids(), QStringList{"CW_1_0"});
    QCOMPARE(chip->text(), QString("confidence 0.9–1 ✕"));
  }

  // On a short panel (a 1366x768 laptop) the histogram's height goes to the table: the user drags the
  // handle down, the histogram folds away, and a panel restored from the saved layout starts that way.
  void histogramFoldsAwayForTheTable() {
    const auto drag = [](QSplitterHandle* handle, int dy) {
      const QPoint from(handle->width() / 2, handle->height() / 2);
      const QPoint to = from + QPoint(0, dy);
      const auto send = [handle](QEvent::Type type, QPoint at, Qt::MouseButtons buttons) {
        QMouseEvent event(type, at, handle->mapToGlobal(at), Qt::LeftButton, buttons, Qt::NoModifier);
        QApplication::sendEvent(handle, &event);
      };
      send(QEvent::MouseButtonPress, from, Qt::LeftButton);
      send(QEvent::MouseMove, to, Qt::LeftButton);
      send(QEvent::MouseButtonRelease, to, Qt::NoButton);
    };

    QByteArray saved;
    int tableHeightBefore = 0;
    int tableHeightFolded = 0;
    {
      DatasetBrowser b;
      b.resize(780, 355);  // the dataset panel's size in the 1366x768 screenshot
      b.show();
      QVERIFY(QTest::qWaitForWindowExposed(&b));
      b.setRows(handBuiltRows());
      QSplitter* split = b.tableHistogramSplit();
      const auto histogramInView = [&] { return split->rect().intersects(b.histogram()->geometry()); };
      QVERIFY(histogramInView());
      QVERIFY(b.histogram()->height() >= b.histogram()->minimumHeight());
      tableHeightBefore = b.view()->height();

      drag(split->handle(1), b.histogram()->height());
      QCOMPARE(split->sizes().at(1), 0);
      QVERIFY(!histogramInView());  // QSplitter moves a folded widget out of view
      tableHeightFolded = b.view()->height();
      QVERIFY2(tableHeightFolded >= tableHeightBefore + b.histogram()->minimumHeight(),
               qPrintable(QString("table %1 px, was %2").arg(tableHeightFolded).arg(tableHeightBefore)));
      // Dragging up past the table's minimum never hides the table.
      drag(split->handle(1), -b.height());
      QVERIFY(b.view()->height() > 0);
      QVERIFY(histogramInView());
      drag(split->handle(1), b.height());
      QCOMPARE(split->sizes().at(1), 0);
      saved = b.layoutState();
    }

    DatasetBrowser restored;
    QVERIFY(restored.restoreLayoutState(saved));
    QVERIFY(!restored.restoreLayoutState(QByteArray("not a splitter state")));
    QVERIFY(!restored.restoreLayoutState({}));
    restored.resize(780, 355);
    restored.show();
    QVERIFY(QTest::qWaitForWindowExposed(&restored));
    restored.setRows(handBuiltRows());
    QCOMPARE(restored.tableHistogramSplit()->sizes().at(1), 0);
    QCOMPARE(restored.view()->height(), tableHeightFolded);
    // The folded histogram still counts: its bars are there when it is dragged back.
    QTRY_COMPARE(restored.histogram()->count(5), 2);
  }

  void filterStateRoundTripsThroughJson() {
    DatasetBrowser b;
    b.setRows(handBuiltRows());
    child<QCheckBox>(b, "lowConfidence")->setChecked(true);
    child<QDoubleSpinBox>(b, "threshold")->setValue(0.6);
    child<QCheckBox>(b, "wrongOnly")->setChecked(true);
    child<QLineEdit>(b, "search")->setText("what");
    b.setConfidenceRange(0.5, 0.6);
    QCOMPARE(b.filteredQids(), (QStringList{"TN_2_0", "CH_4_0"}));
    QVERIFY(b.saveCurrentFilter("  unsure failures "));
    const DatasetFilterState state = b.filterState();
    QCOMPARE(state.name, QString("unsure failures"));
    QCOMPARE(state.search, QString("what"));
    QVERIFY(state.wrongOnly && state.lowConfidence && !state.disagree && !state.unlabelled);
    QCOMPARE(state.threshold, 0.6);
    QCOMPARE(state.confLo, 0.5);
    QCOMPARE(state.confHi, 0.6);

    const QByteArray bytes = QJsonDocument(state.toJson()).toJson();
    const DatasetFilterState back = DatasetFilterState::fromJson(QJsonDocument::fromJson(bytes).object());
    QCOMPARE(back, state);
    // Missing keys keep their defaults; a broken range is dropped.
    const DatasetFilterState partial = DatasetFilterState::fromJson(
        QJsonObject{{"name", "x"}, {"disagree", true}, {"confLo", 0.7}, {"confHi", 0.2}});
    QVERIFY(partial.disagree && !partial.wrongOnly && !partial.hasConfidenceRange());
    QCOMPARE(partial.threshold, 0.5);

    // Another browser (the next session) restores the controls and the count.
    DatasetBrowser other;
    other.setRows(handBuiltRows());
    other.applyFilterState(back);
    QVERIFY(child<QCheckBox>(other, "wrongOnly")->isChecked());
    QVERIFY(child<QCheckBox>(other, "lowConfidence")->isChecked());
    QVERIFY(!child<QCheckBox>(other, "humanModelDisagree")->isChecked());
    QCOMPARE(child<QDoubleSpinBox>(other, "threshold")->value(), 0.6);
    QCOMPARE(child<QLineEdit>(other, "search")->text(), QString("what"));
    QCOMPARE(other.filterModel()->shownCount(), 2);
    QCOMPARE(other.countText(), QString("2 of 7 items"));
    QCOMPARE(other.filteredQids(), b.filteredQids());
    QVERIFY(other.filterState().sameFilter(state));

    // And back to nothing: every item, no chip.
    other.applyFilterState(DatasetFilterState{});
    QCOMPARE(other.filterModel()->shownCount(), 7);
    QVERIFY(!child<QCheckBox>(other, "wrongOnly")->isChecked());
    QVERIFY(!other.filterModel()->hasConfidenceRange());
    QVERIFY(child<QToolButton>(other, "confidenceRangeChip")->isHidden());
  }

  void savedFiltersSaveApplyDelete() {
    DatasetBrowser b;
    b.setRows(handBuiltRows());
    QSignalSpy changed(&b, &DatasetBrowser::savedFiltersChanged);
    auto* combo = child<QComboBox>(b, "savedFilters");
    auto* save = child<QToolButton>(b, "saveFilter");
    auto* remove = child<QToolButton>(b, "deleteFilter");
    QCOMPARE(combo->count(), 0);
    QVERIFY(!remove->isEnabled());

    // Save… asks for a name (injected here), then saves under it.
    QString suggested;
    b.setNamePrompt([&suggested](const QString& suggestion) {
      suggested = suggestion;
      return QStringLiteral("wrong");
    });
    child<QCheckBox>(b, "wrongOnly")->setChecked(true);
    save->click();
    QCOMPARE(suggested, QString("Filter 1"));
    QCOMPARE(changed.size(), 1);
    auto saved = changed.last().at(0).value<QVector<DatasetFilterState>>();
    QCOMPARE(saved.size(), 1);
    QCOMPARE(saved[0].name, QString("wrong"));
    QVERIFY(saved[0].wrongOnly);
    QCOMPARE(combo->currentText(), QString("wrong"));
    QVERIFY(remove->isEnabled());

    // A cancelled prompt saves nothing.
    b.setNamePrompt([](const QString&) { return QString(); });
    save->click();
    QCOMPARE(changed.size(), 1);

    child<QCheckBox>(b, "wrongOnly")->setChecked(false);
    child<QCheckBox>(b, "unlabelled")->setChecked(true);
    QVERIFY(b.saveCurrentFilter("unlabelled"));
    QCOMPARE(changed.size(), 2);
    QCOMPARE(combo->count(), 2);
    QCOMPARE(b.filterModel()->shownCount(), 2);

    // Choosing "wrong" in the combo applies it.
    combo->setCurrentIndex(-1);
    QTest::qWait(1);
    combo->activated(0);  // as the user's choice
    QVERIFY(child<QCheckBox>(b, "wrongOnly")->isChecked());
    QVERIFY(!child<QCheckBox>(b, "unlabelled")->isChecked());
    QCOMPARE(b.filterModel()->shownCount(), 3);
    QCOMPARE(combo->currentText(), QString("wrong"));
    QCOMPARE(b.filterState().name, QString("wrong"));
    // Once the filters change, the combo no longer claims them.
    child<QCheckBox>(b, "humanModelDisagree")->setChecked(true);
    QTRY_COMPARE(combo->currentIndex(), -1);
    QVERIFY(b.filterState().name.isEmpty());

    // Saving under an existing name replaces it.
    QVERIFY(b.saveCurrentFilter("wrong"));
    saved = changed.last().at(0).value<QVector<DatasetFilterState>>();
    QCOMPARE(saved.size(), 2);
    QVERIFY(saved[0].disagree);
    QVERIFY(!b.saveCurrentFilter("   "));

    // Delete removes the chosen one.
    QCOMPARE(combo->currentText(), QString("wrong"));
    remove->click();
    saved = changed.last().at(0).value<QVector<DatasetFilterState>>();
    QCOMPARE(saved.size(), 1);
    QCOMPARE(saved[0].name, QString("unlabelled"));
    QCOMPARE(combo->count(), 1);
    QCOMPARE(combo->currentIndex(), -1);
    QVERIFY(!b.deleteSavedFilter("wrong"));

    // The studio restores them without a signal; applying by name works; unknown names do not.
    const qsizetype emitted = changed.size();
    DatasetFilterState lowState;
    lowState.name = "low";
    lowState.lowConfidence = true;
    b.setSavedFilters({saved[0], lowState, DatasetFilterState{}});  // the unnamed one is dropped
    QCOMPARE(changed.size(), emitted);
    QCOMPARE(b.savedFilters().size(), 2);
    QCOMPARE(combo->count(), 2);
    QVERIFY(b.applySavedFilter("low"));
    QCOMPARE(b.filteredQids(), (QStringList{"CW_1_1", "TN_2_1", "DO_3_1"}));
    QVERIFY(!b.applySavedFilter("nope"));
  }

  void fiftyThousandItemsFilterCorrectly() {
    const int n = 50000;
    std::vector<DatasetRow> rows;
    rows.reserve(n);
    for (int i = 0; i < n; ++i) {
      DatasetRow r;
      r.qid = QString("TN_%1_%2").arg(1000000 + i / 5).arg(i % 5);
      r.type = i % 2 ? "TN" : "CW";
      r.question = QString("what happens in clip %1 after the %2?").arg(i).arg(i % 7 == 0 ? "Jump" : "walk");
      r.hasRun = i % 11 != 0;
      r.modelAnswer = r.hasRun ? i % 5 : -1;
      r.groundTruth = (i / 3) % 5;
      r.confidence = r.hasRun ? double((i * 7919) % 1000) / 1000.0 : -1;
      // Labels reach the browser summarised per item (labelled, overlap), so its cost is per item.
      r.labelled = i % 2 == 0;
      r.overlap = r.labelled && r.hasRun ? double(i % 4) / 3.0 : -1;
      rows.push_back(r);
    }
    int wrong = 0, wrongLow = 0, wrongLowDisagree = 0, jump = 0, right = 0, rightCw = 0, answeredCw = 0;
    for (const DatasetRow& r : rows) {
      right += r.outcome() == DatasetRow::Outcome::Right;
      if (r.type == "CW" && r.outcome() != DatasetRow::Outcome::Unknown) {
        ++answeredCw;
        rightCw += r.outcome() == DatasetRow::Outcome::Right;
      }
      const bool low = r.confidence >= 0 && r.confidence < 0.5;
      wrong += r.isWrong();
      wrongLow += r.isWrong() && low;
      wrongLowDisagree += r.isWrong() && low && r.labelled && r.overlap >= 0 && r.overlap < 1;
      jump += r.question.contains("jump", Qt::CaseInsensitive);
    }
    QVERIFY(wrong > 0 && wrongLow > 0 && wrongLowDisagree > 0 && jump > 0);

    DatasetBrowser b;
    b.resize(900, 600);
    b.show();
    QElapsedTimer timer;
    timer.start();
    b.setRows(std::move(rows));
    QCOMPARE(b.filterModel()->shownCount(), n);
    const qint64 load = timer.restart();
    child<QCheckBox>(b, "wrongOnly")->setChecked(true);
    QCOMPARE(b.filterModel()->shownCount(), wrong);
    child<QCheckBox>(b, "lowConfidence")->setChecked(true);
    QCOMPARE(b.filterModel()->shownCount(), wrongLow);
    child<QCheckBox>(b, "humanModelDisagree")->setChecked(true);
    QCOMPARE(b.filterModel()->shownCount(), wrongLowDisagree);
    child<QCheckBox>(b, "wrongOnly")->setChecked(false);
    child<QCheckBox>(b, "lowConfidence")->setChecked(false);
    child<QCheckBox>(b, "humanModelDisagree")->setChecked(false);
    QCOMPARE(b.filterModel()->shownCount(), n);
    const qint64 toggles = timer.restart();
    child<QLineEdit>(b, "search")->setText("JUMP");
    QCOMPARE(b.filterModel()->shownCount(), jump);
    child<QLineEdit>(b, "search")->clear();
    const qint64 search = timer.restart();
    b.view()->sortByColumn(DatasetTableModel::Confidence, Qt::AscendingOrder);
    const qint64 sort = timer.restart();
    const auto summary = b.summary();
    const qint64 summarizing = timer.restart();
    QCOMPARE(summary.items, n);
    QCOMPARE(summary.all.right, right);
    QCOMPARE(summary.all.answered, n - n / 11 - (n % 11 ? 1 : 0));  // every item with a run has a truth
    QCOMPARE(summary.byType.value("CW"), (sevila::widgets::AccuracyCount{rightCw, answeredCw}));
    QTest::qWait(1);  // let the view paint once
    double previous = -2;
    for (int i = 0; i < n; ++i) {
      const double c =
          b.tableModel()->row(b.filterModel()->mapToSource(b.filterModel()->index(i, 0)).row()).confidence;
      QVERIFY(c >= previous);
      previous = c;
    }
    qDebug(
        "50,000 items: load %lld ms, 8 filter toggles %lld ms, search %lld ms, sort %lld ms, summary %lld ms",
        load, toggles, search, sort, summarizing);
  }
};

QTEST_MAIN(TestDatasetBrowser)
#include "test_dataset_browser.moc"
