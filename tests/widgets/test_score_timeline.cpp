#include <QSignalSpy>
#include <QtTest>

#include <QApplication>
#include <QPalette>
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

// The relevant windows drawn on the plot (the rectangles on the "windows" layer).
QList<QCPItemRect*> windowRects(QCustomPlot* plot) {
  QList<QCPItemRect*> rects;
  for (QCPLayerable* l : plot->layer("windows")->children())
    if (auto* r = qobject_cast<QCPItemRect*>(l)) rects << r;
  return rects;
}

QStringList legendNames(QCustomPlot* plot) {
  QStringList names;
  for (int i = 0; i < plot->legend->itemCount(); ++i)
    if (auto* item = qobject_cast<QCPPlottableLegendItem*>(plot->legend->item(i)))
      names << item->plottable()->name();
  return names;
}

// A timeline on screen, 8 s long, with its plot laid out.
struct Shown {
  ScoreTimeline t;
  QCustomPlot* plot;
  QWidget* widget;  // the plot as the QWidget the mouse events go to
  int y;            // a row inside the axis rect
  Shown(const TimelineState& s, bool windowEditing = true) {
    t.setWindowEditing(windowEditing);
    t.resize(800, 220);
    t.setDuration(8);
    t.setState(s);
    t.show();
    plot = t.plot();
    widget = reinterpret_cast<QWidget*>(plot);
    y = plot->axisRect()->rect().center().y();
  }
  int px(double seconds) const { return int(std::lround(plot->xAxis->coordToPixel(seconds))); }
  double seconds(int x) const { return plot->xAxis->pixelToCoord(x); }
  void drag(int fromX, int toX, Qt::KeyboardModifiers modifiers, int toY = -1) {
    const QPoint from(fromX, y), to(toX, toY < 0 ? y : toY);
    QTest::mousePress(widget, Qt::LeftButton, modifiers, from);
    QTest::mouseMove(widget, (from + to) / 2);
    QTest::mouseMove(widget, to);
    QTest::mouseRelease(widget, Qt::LeftButton, modifiers, to);
  }
};
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

  void drawsTheRelevantWindowsUnderTheCurve() {
    ScoreTimeline t;
    t.setDuration(8);
    TimelineState s = state(8);
    s.windows = {{1.0, 2.5}, {6.0, 5.0}};  // the second one given end first
    t.setState(s);
    QCOMPARE(t.windowCount(), 2);
    const QList<QCPItemRect*> rects = windowRects(t.plot());
    QCOMPARE(rects.size(), 2);
    QCOMPARE(rects[0]->topLeft->key(), 1.0);
    QCOMPARE(rects[0]->bottomRight->key(), 2.5);
    QCOMPARE(rects[1]->topLeft->key(), 5.0);
    QCOMPARE(rects[1]->bottomRight->key(), 6.0);
    // Across the whole height of the plot, under the curve, in the human's colour, see-through.
    QCOMPARE(rects[0]->topLeft->typeY(), QCPItemPosition::ptAxisRectRatio);
    QCOMPARE(rects[0]->topLeft->value(), 0.0);
    QCOMPARE(rects[0]->bottomRight->value(), 1.0);
    QVERIFY(rects[0]->layer()->index() < t.plot()->graph(0)->layer()->index());
    const QColor fill = rects[0]->brush().color();
    QVERIFY2(fill.alpha() > 0 && fill.alpha() < 128, qPrintable(QString::number(fill.alpha())));
    const QColor human = t.plot()->graph(2)->pen().color();  // the human keyframes' graph
    QCOMPARE(fill.rgb(), human.rgb());
    QVERIFY(legendNames(t.plot()).contains("relevant windows"));
    QCOMPARE(t.plot()->legend->itemCount(), 6);

    s.windows.clear();
    t.setState(s);
    QCOMPARE(t.windowCount(), 0);
    QCOMPARE(windowRects(t.plot()).size(), 0);
    QVERIFY(!legendNames(t.plot()).contains("relevant windows"));
    QCOMPARE(t.plot()->legend->itemCount(), 5);
  }

  void shiftDragDrawsASpanInSeconds() {
    Shown v(state(8));
    QVERIFY(QTest::qWaitForWindowExposed(&v.t));
    QSignalSpy drawn(&v.t, &ScoreTimeline::windowDrawn);
    QSignalSpy seek(&v.t, &ScoreTimeline::seekRequested);
    const QRect area = v.plot->axisRect()->rect();
    const int x1 = area.left() + area.width() / 4, x2 = area.left() + area.width() * 3 / 4;
    const QCPRange before = v.plot->xAxis->range();

    // While dragging, a rubber band shows the span.
    auto* band = v.plot->findChild<QCPItemRect*>("timelineRubberBand");
    QVERIFY(band);
    QVERIFY(!band->visible());
    QTest::mousePress(v.widget, Qt::LeftButton, Qt::ShiftModifier, QPoint(x1, v.y));
    QTest::mouseMove(v.widget, QPoint((x1 + x2) / 2, v.y));
    QTest::mouseMove(v.widget, QPoint(x2, v.y));
    QVERIFY(band->visible());
    QVERIFY(qAbs(band->topLeft->key() - v.seconds(x1)) < 1e-6);
    QVERIFY(qAbs(band->bottomRight->key() - v.seconds(x2)) < 1e-6);
    QTest::mouseRelease(v.widget, Qt::LeftButton, Qt::ShiftModifier, QPoint(x2, v.y));
    QVERIFY(!band->visible());

    QCOMPARE(drawn.count(), 1);
    const double start = drawn[0][0].toDouble(), end = drawn[0][1].toDouble();
    QVERIFY2(qAbs(start - v.seconds(x1)) < 1e-6, qPrintable(QString::number(start)));
    QVERIFY2(qAbs(end - v.seconds(x2)) < 1e-6, qPrintable(QString::number(end)));
    QVERIFY(start > 1.5 && start < end && end < 6.5);
    QCOMPARE(seek.count(), 0);
    // No pan, and the widget leaves its windows to the owner.
    QCOMPARE(v.plot->xAxis->range().lower, before.lower);
    QCOMPARE(v.plot->xAxis->range().upper, before.upper);
    QCOMPARE(v.t.windowCount(), 0);

    // Right to left gives the same ordered span.
    v.drag(x2, x1, Qt::ShiftModifier);
    QCOMPARE(drawn.count(), 2);
    QVERIFY(qAbs(drawn[1][0].toDouble() - v.seconds(x1)) < 1e-6);
    QVERIFY(qAbs(drawn[1][1].toDouble() - v.seconds(x2)) < 1e-6);

    // A span started left of the video's start (over the y-axis) is clamped to 0.
    QVERIFY(v.seconds(2) < 0);
    v.drag(2, x1, Qt::ShiftModifier);
    QCOMPARE(drawn.count(), 3);
    QCOMPARE(drawn[2][0].toDouble(), 0.0);
    QVERIFY(qAbs(drawn[2][1].toDouble() - v.seconds(x1)) < 1e-6);
    QCOMPARE(seek.count(), 0);
  }

  void tinyShiftDragDrawsNothing() {
    Shown v(state(8));
    QVERIFY(QTest::qWaitForWindowExposed(&v.t));
    QSignalSpy drawn(&v.t, &ScoreTimeline::windowDrawn);
    QSignalSpy removed(&v.t, &ScoreTimeline::windowRemoveRequested);
    QSignalSpy seek(&v.t, &ScoreTimeline::seekRequested);
    const int x = v.px(4.0);
    v.drag(x, x + 3, Qt::ShiftModifier, v.y + 12);  // moved, but only 3 px wide
    v.drag(x, x + 2, Qt::ShiftModifier);            // a Shift+click off any window
    QCOMPARE(drawn.count(), 0);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(seek.count(), 0);
    // Wide enough counts.
    v.drag(x, x + 8, Qt::ShiftModifier);
    QCOMPARE(drawn.count(), 1);
  }

  void withoutWindowEditingShiftDragDrawsNothing() {
    TimelineState s = state(8);
    s.windows = {{1.0, 2.5}};
    Shown v(s, false);
    QVERIFY(QTest::qWaitForWindowExposed(&v.t));
    QVERIFY(!v.t.findChild<QLabel*>("timelineHint")->text().contains("Shift"));
    QSignalSpy drawn(&v.t, &ScoreTimeline::windowDrawn);
    QSignalSpy removed(&v.t, &ScoreTimeline::windowRemoveRequested);
    const QRect area = v.plot->axisRect()->rect();
    v.drag(area.left() + area.width() / 4, area.left() + area.width() * 3 / 4, Qt::ShiftModifier);
    QTest::mouseClick(v.widget, Qt::LeftButton, Qt::ShiftModifier, QPoint(v.px(1.5), v.y));
    QCOMPARE(drawn.count(), 0);
    QCOMPARE(removed.count(), 0);
    v.t.setWindowEditing(true);
    QVERIFY(v.t.findChild<QLabel*>("timelineHint")->text().contains("Shift+drag"));
  }

  void shiftClickInAWindowAsksToRemoveIt() {
    TimelineState s = state(8);
    s.windows = {{1.0, 2.5}, {5.0, 6.0}, {5.5, 7.0}};
    Shown v(s);
    QVERIFY(QTest::qWaitForWindowExposed(&v.t));
    QSignalSpy removed(&v.t, &ScoreTimeline::windowRemoveRequested);
    QSignalSpy seek(&v.t, &ScoreTimeline::seekRequested);
    QSignalSpy drawn(&v.t, &ScoreTimeline::windowDrawn);
    QTest::mouseClick(v.widget, Qt::LeftButton, Qt::ShiftModifier, QPoint(v.px(1.8), v.y));
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed[0][0].toInt(), 0);
    QTest::mouseClick(v.widget, Qt::LeftButton, Qt::ShiftModifier, QPoint(v.px(5.2), v.y));
    QCOMPARE(removed.count(), 2);
    QCOMPARE(removed[1][0].toInt(), 1);
    // Where two overlap, the one drawn last (on top).
    QTest::mouseClick(v.widget, Qt::LeftButton, Qt::ShiftModifier, QPoint(v.px(5.8), v.y));
    QCOMPARE(removed.count(), 3);
    QCOMPARE(removed[2][0].toInt(), 2);
    QCOMPARE(seek.count(), 0);
    QCOMPARE(drawn.count(), 0);
    QCOMPARE(v.t.windowCount(), 3);  // the owner removes it, not the widget
    // A plain click in a window still seeks.
    QTest::mouseClick(v.widget, Qt::LeftButton, Qt::NoModifier, QPoint(v.px(1.8), v.y));
    QCOMPARE(seek.count(), 1);
    QCOMPARE(removed.count(), 3);
  }

  void plainDragStillPans() {
    Shown v(state(8));
    QVERIFY(QTest::qWaitForWindowExposed(&v.t));
    QSignalSpy drawn(&v.t, &ScoreTimeline::windowDrawn);
    QSignalSpy seek(&v.t, &ScoreTimeline::seekRequested);
    const double lower = v.plot->xAxis->range().lower;
    v.drag(v.px(6), v.px(4), Qt::NoModifier);
    QVERIFY2(v.plot->xAxis->range().lower > lower + 1.5,
             qPrintable(QString::number(v.plot->xAxis->range().lower)));
    QCOMPARE(drawn.count(), 0);
    QCOMPARE(seek.count(), 0);
    // And a Shift+drag afterwards does not leave panning switched off.
    v.drag(v.px(5), v.px(6), Qt::ShiftModifier);
    QCOMPARE(drawn.count(), 1);
    const double panned = v.plot->xAxis->range().lower;
    v.drag(v.px(6), v.px(5), Qt::NoModifier);
    QVERIFY(v.plot->xAxis->range().lower > panned + 0.5);
  }

  void followsTheApplicationsDarkPalette() {
    ScoreTimeline t;
    TimelineState s = state(8);
    s.windows = {{1.0, 2.0}};
    t.setState(s);
    const QPalette original = QApplication::palette();
    QVERIFY(t.plot()->xAxis->basePen().color().lightness() < 128);  // light theme: dark lines
    QPalette dark = original;
    const QColor window("#2b2b2b"), base("#1e1e1e"), text(Qt::white);
    dark.setColor(QPalette::Window, window);
    dark.setColor(QPalette::WindowText, text);
    dark.setColor(QPalette::Base, base);
    dark.setColor(QPalette::Text, text);
    // What the studio's theme switch does; no explicit restyle(): the widget follows on its own.
    QApplication::setPalette(dark);
    QCoreApplication::processEvents();  // Qt posts the palette change to the widgets
    QCustomPlot* plot = t.plot();
    QCOMPARE(plot->axisRect()->backgroundBrush().color(), base);
    QCOMPARE(plot->toPixmap(400, 200).toImage().pixelColor(1, 1), base);  // what is really painted
    for (QCPAxis* axis : {plot->xAxis, plot->yAxis}) {
      QCOMPARE(axis->basePen().color(), text);
      QCOMPARE(axis->tickPen().color(), text);
      QCOMPARE(axis->tickLabelColor(), text);
      QCOMPARE(axis->labelColor(), text);
      const int grid = axis->grid()->pen().color().lightness();
      QVERIFY2(grid > base.lightness() && grid < 128, qPrintable(QString::number(grid)));
    }
    QCOMPARE(plot->legend->brush().color(), base);
    QCOMPARE(plot->legend->textColor(), text);
    QVERIFY(plot->legend->itemCount() > 0);
    for (int i = 0; i < plot->legend->itemCount(); ++i) QCOMPARE(plot->legend->item(i)->textColor(), text);
    // The marks take their dark-theme tones; the windows the human's.
    QCOMPARE(windowRects(plot)[0]->brush().color().rgb(), plot->graph(2)->pen().color().rgb());
    QVERIFY(plot->graph(0)->pen().color().lightness() > 128);

    QApplication::setPalette(original);
    QCoreApplication::processEvents();
    QCOMPARE(plot->axisRect()->backgroundBrush().color(), original.color(QPalette::Base));
    QCOMPARE(plot->xAxis->tickLabelColor(), original.color(QPalette::Text));
    QCOMPARE(plot->legend->textColor(), original.color(QPalette::Text));
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
