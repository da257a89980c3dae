#include <QSignalSpy>
#include <QtTest>

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
