#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QtTest>

#include "widgets/dataset_browser.h"
#include "widgets/dataset_filter_model.h"
#include "widgets/dataset_table_model.h"

using sevila::widgets::DatasetBrowser;
using sevila::widgets::DatasetFilterModel;
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
    int wrong = 0, wrongLow = 0, wrongLowDisagree = 0, jump = 0;
    for (const DatasetRow& r : rows) {
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
    QTest::qWait(1);  // let the view paint once
    double previous = -2;
    for (int i = 0; i < n; ++i) {
      const double c =
          b.tableModel()->row(b.filterModel()->mapToSource(b.filterModel()->index(i, 0)).row()).confidence;
      QVERIFY(c >= previous);
      previous = c;
    }
    qDebug("50,000 items: load %lld ms, 8 filter toggles %lld ms, search %lld ms, sort %lld ms", load,
           toggles, search, sort);
  }
};

QTEST_MAIN(TestDatasetBrowser)
#include "test_dataset_browser.moc"
