#include <QSignalSpy>
#include <QtTest>

#include <QToolButton>
#include <qcustomplot.h>

#include "widgets/score_timeline.h"

using sevila::widgets::ScoreTimeline;
using sevila::widgets::TimelineState;

namespace {
TimelineState state(int n) {
  TimelineState s;
  for (int i = 0; i < n; ++i) {
    s.times << 0.5 + i;
    s.frameIndices << 12 + 25 * i;
    s.yesProb << (i % 3) / 3.0;
    s.yesLogit << i - 2.0;
    s.frameCorrect << (i % 2);
  }
  s.modelKeyframes = {1, 4, 6};
  s.humanKeyframes = {2};
  return s;
}
}  // namespace

class TestScoreTimeline : public QObject {
  Q_OBJECT
private Q_SLOTS:
  void startsEmpty() {
    ScoreTimeline t;
    QCOMPARE(t.pointCount(), 0);
    QCOMPARE(t.modelMarkCount(), 0);
  }

  void plotsEveryFrameAndMarksKeyframes() {
    ScoreTimeline t;
    t.setDuration(8);
    t.setState(state(8));
    QCOMPARE(t.pointCount(), 8);
    QCOMPARE(t.modelMarkCount(), 3);
    QCOMPARE(t.humanMarkCount(), 1);
    t.clearScores();
    QCOMPARE(t.pointCount(), 0);
  }

  void logitToggleKeepsTheMarks() {
    ScoreTimeline t;
    t.setState(state(8));
    t.setShowLogit(true);
    QVERIFY(t.showLogit());
    QCOMPARE(t.pointCount(), 8);
    QCOMPARE(t.modelMarkCount(), 3);
  }

  void keyframeOutsideTheGridIsIgnored() {
    ScoreTimeline t;
    TimelineState s = state(4);
    s.modelKeyframes = {0, 9};
    t.setState(s);
    QCOMPARE(t.modelMarkCount(), 1);
  }

  void yRangeFitsTheScoresOrShowsZeroToOne() {
    ScoreTimeline t;
    TimelineState s = state(6);
    s.yesProb = {0.70, 0.71, 0.74, 0.72, 0.73, 0.70};
    s.frameCorrect.clear();
    t.setState(s);
    QVERIFY(t.fitScores());
    const QCPRange fitted = t.plot()->yAxis->range();
    QVERIFY2(fitted.lower > 0.68 && fitted.lower < 0.70 && fitted.upper > 0.74 && fitted.upper < 0.76,
             qPrintable(QString("%1..%2").arg(fitted.lower).arg(fitted.upper)));
    // The toggle shows the whole probability range; its button follows.
    t.findChild<QToolButton*>("timelineFit")->click();
    QVERIFY(!t.fitScores());
    QVERIFY(t.plot()->yAxis->range().lower <= 0 && t.plot()->yAxis->range().upper >= 1);
    t.setFitScores(true);
    QVERIFY(t.findChild<QToolButton*>("timelineFit")->isChecked());
    QCOMPARE(t.plot()->yAxis->range().lower, fitted.lower);
  }

  void legendNamesWhatIsDrawn() {
    ScoreTimeline t;
    QVERIFY(!t.plot()->legend->visible());  // nothing drawn, nothing named
    TimelineState s = state(8);
    s.frameCorrect.clear();
    s.humanKeyframes.clear();
    t.setState(s);
    QCOMPARE(t.plot()->legend->itemCount(), 2);  // the scores and the model's keyframes
    t.setState(state(8));
    QCOMPARE(t.plot()->legend->itemCount(), 5);  // + human keyframes, right and wrong single frames
    QVERIFY(t.plot()->legend->visible());
  }

  void resetZoomShowsTheWholeVideo() {
    ScoreTimeline t;
    t.setDuration(8);
    t.setState(state(8));
    t.plot()->xAxis->setRange(2, 3);
    t.findChild<QToolButton*>("timelineResetZoom")->click();
    QCOMPARE(t.plot()->xAxis->range().lower, 0.0);
    QCOMPARE(t.plot()->xAxis->range().upper, 8.0);
  }

  void clickSeeksAndCtrlClickToggles() {
    ScoreTimeline t;
    t.resize(800, 200);
    t.setDuration(8);
    t.setState(state(8));
    t.show();
    QVERIFY(QTest::qWaitForWindowExposed(&t));
    QSignalSpy seek(&t, &ScoreTimeline::seekRequested);
    QSignalSpy toggle(&t, &ScoreTimeline::sampledFrameClicked);
    auto* plot = reinterpret_cast<QWidget*>(t.plot());
    // Pixel of sample 3 (t = 3.5 s): ask the plot where it is drawn.
    const QRect area = plot->rect();
    QTest::mouseClick(plot, Qt::LeftButton, Qt::NoModifier, QPoint(area.width() / 2, area.height() / 2));
    QCOMPARE(seek.count(), 1);
    QVERIFY(seek.first().at(0).toDouble() >= 0);
    QCOMPARE(toggle.count(), 0);
  }
};

QTEST_MAIN(TestScoreTimeline)
#include "test_score_timeline.moc"
