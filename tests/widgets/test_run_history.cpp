#include <QLabel>
#include <QSignalSpy>
#include <QTreeWidget>
#include <QtTest>

#include "widgets/run_history.h"

using sevila::widgets::RunHistory;
using sevila::widgets::RunHistoryEntry;

namespace {

RunHistoryEntry run(qint64 id, const char* created, int answer, int truth, double confidence) {
  RunHistoryEntry e;
  e.runId = id;
  e.createdAt = QString::fromLatin1(created);
  e.model = QStringLiteral("sevila-%1").arg(id);
  e.device = id % 2 ? QStringLiteral("cuda") : QStringLiteral("cpu");
  e.precision = QStringLiteral("bf16");
  e.answer = answer;
  e.groundTruth = truth;
  e.confidence = confidence;
  e.keyframeCount = int(id % 5);
  return e;
}

// Given out of order; two share a timestamp (the higher id is newer).
QVector<RunHistoryEntry> runs() {
  return {
      run(3, "2024-05-02T10:00:00Z", 1, 1, 0.81),
      run(7, "2024-05-03T09:00:00Z", 2, 1, 0.40),
      run(1, "2024-04-30T08:00:00Z", 0, -1, 0.20),
      run(9, "2024-05-03T09:00:00Z", 1, 1, 0.93),
  };
}

}  // namespace

class TestRunHistory : public QObject {
  Q_OBJECT
private Q_SLOTS:
  void newestFirstWithOutcome() {
    RunHistory h;
    h.setRuns(runs(), 3);
    QCOMPARE(h.runCount(), 4);
    QCOMPARE(h.runIdAt(0), 9);
    QCOMPARE(h.runIdAt(1), 7);
    QCOMPARE(h.runIdAt(2), 3);
    QCOMPARE(h.runIdAt(3), 1);
    QCOMPARE(h.runIdAt(4), -1);
    QTreeWidget* view = h.view();
    QCOMPARE(view->topLevelItem(0)->text(RunHistory::Outcome), QString("right"));
    QCOMPARE(view->topLevelItem(1)->text(RunHistory::Outcome), QString("wrong"));
    QCOMPARE(view->topLevelItem(3)->text(RunHistory::Outcome), QString());  // truth unknown
    QCOMPARE(view->topLevelItem(1)->text(RunHistory::Answer), QString("C (truth B)"));
    QCOMPARE(view->topLevelItem(3)->text(RunHistory::Answer), QString("A"));
    QCOMPARE(view->topLevelItem(1)->text(RunHistory::Confidence), QString("0.40"));
    QCOMPARE(view->topLevelItem(0)->text(RunHistory::Model), QString("sevila-9"));
    QCOMPARE(view->topLevelItem(0)->text(RunHistory::Device), QString("cuda"));
    QCOMPARE(view->topLevelItem(0)->text(RunHistory::Keyframes), QString("4"));
    QCOMPARE(view->topLevelItem(2)->text(RunHistory::Created), QString("2024-05-02T10:00:00Z"));
  }

  void shownRunIsHighlightedAndCurrent() {
    RunHistory h;
    h.setRuns(runs(), 3);
    QCOMPARE(h.shownRow(), 2);
    QTreeWidget* view = h.view();
    for (int row = 0; row < h.runCount(); ++row) {
      const bool shown = row == 2;
      QCOMPARE(view->topLevelItem(row)->font(RunHistory::Model).bold(), shown);
      QCOMPARE(view->topLevelItem(row)->background(RunHistory::Model).style() != Qt::NoBrush, shown);
    }
    QCOMPARE(view->currentItem(), view->topLevelItem(2));
    h.setRuns(runs(), 42);  // not among them
    QCOMPARE(h.shownRow(), -1);
    for (int row = 0; row < h.runCount(); ++row) QVERIFY(!view->topLevelItem(row)->font(0).bold());
  }

  void doubleClickAndEnterActivateARun() {
    RunHistory h;
    h.resize(700, 300);
    h.show();
    QVERIFY(QTest::qWaitForWindowExposed(&h));
    h.setRuns(runs(), 9);
    QSignalSpy activated(&h, &RunHistory::runActivated);
    QTreeWidget* view = h.view();
    const QPoint at = view->visualItemRect(view->topLevelItem(1)).center();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, at);
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.at(0).at(0).toLongLong(), 7);

    view->setFocus();
    view->setCurrentItem(view->topLevelItem(3));
    QTest::keyClick(view, Qt::Key_Return);
    QCOMPARE(activated.size(), 2);
    QCOMPARE(activated.at(1).at(0).toLongLong(), 1);
  }

  void emptySaysSo() {
    RunHistory h;
    h.show();
    QVERIFY(QTest::qWaitForWindowExposed(&h));
    h.setRuns({}, -1);
    QCOMPARE(h.runCount(), 0);
    QVERIFY(h.findChild<QLabel*>("runHistoryEmpty")->isVisible());
    QVERIFY(!h.view()->isVisible());
    h.setRuns(runs(), -1);
    QVERIFY(!h.findChild<QLabel*>("runHistoryEmpty")->isVisible());
    QVERIFY(h.view()->isVisible());
  }
};

QTEST_MAIN(TestRunHistory)
#include "test_run_history.moc"
