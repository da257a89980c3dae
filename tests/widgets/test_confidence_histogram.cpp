#include <QSignalSpy>
#include <QtTest>
#include <qcustomplot.h>

#include "widgets/confidence_histogram.h"
#include "widgets/plot_style.h"

using sevila::widgets::ConfidenceHistogram;

namespace {

// Ten bins: right in 2 and 9, wrong in 3 and 9, nothing in 5, no ground truth in 7.
void fill(ConfidenceHistogram& h, bool withUnknown = false) {
  QVector<int> right(10, 0), wrong(10, 0), unknown(10, 0);
  right[2] = 4;
  right[9] = 6;
  wrong[3] = 2;
  wrong[9] = 3;
  if (withUnknown) unknown[7] = 5;
  h.setCounts(right, wrong, unknown);
}

QCPBars* barsNamed(QCustomPlot* plot, const QString& name) {
  for (int i = 0; i < plot->plottableCount(); ++i)
    if (plot->plottable(i)->name() == name) return qobject_cast<QCPBars*>(plot->plottable(i));
  return nullptr;
}

}  // namespace

class TestConfidenceHistogram : public QObject {
  Q_OBJECT
private Q_SLOTS:
  void stacksRightOverWrong() {
    ConfidenceHistogram h;
    fill(h);
    QCOMPARE(h.binCount(), 10);
    QCOMPARE(h.count(9), 9);
    QCOMPARE(h.count(3), 2);
    QCOMPARE(h.count(5), 0);
    QCOMPARE(h.count(10), 0);
    QCPBars* right = barsNamed(h.plot(), "right");
    QCPBars* wrong = barsNamed(h.plot(), "wrong");
    QVERIFY(right && wrong);
    QCOMPARE(right->barBelow(), wrong);  // stacked: right sits on wrong
    QCOMPARE(right->data()->size(), 10);
    QCOMPARE(right->data()->at(9)->value, 6.0);
    QCOMPARE(wrong->data()->at(9)->value, 3.0);
    QCOMPARE(right->data()->at(9)->key, 0.95);
    // The y-axis shows the highest stack (9) whole.
    QVERIFY(h.plot()->yAxis->range().upper >= 9);
    // Coloured as the other plots say right and wrong.
    const auto colors = sevila::widgets::plotColors(h.palette());
    QCOMPARE(right->brush().color(), colors.right);
    QCOMPARE(wrong->brush().color(), colors.wrong);
  }

  void legendNamesUnknownOnlyWhenThereIsSome() {
    ConfidenceHistogram h;
    fill(h);
    QCOMPARE(h.plot()->legend->itemCount(), 2);
    QVERIFY(h.plot()->legend->visible());
    fill(h, true);
    QCOMPARE(h.plot()->legend->itemCount(), 3);
    QCOMPARE(h.count(7), 5);
    h.setCounts(QVector<int>(10, 0), QVector<int>(10, 0));
    QVERIFY(!h.plot()->legend->visible());
  }

  void clickingABarAsksForItsRange() {
    ConfidenceHistogram h;
    h.resize(500, 160);
    h.show();
    QVERIFY(QTest::qWaitForWindowExposed(&h));
    fill(h, true);
    h.plot()->replot();
    QSignalSpy range(&h, &ConfidenceHistogram::rangeActivated);

    const QPoint bar3 = h.barCenter(3);
    QCOMPARE(h.binAt(bar3), 3);
    QTest::mouseClick(h.plot(), Qt::LeftButton, {}, bar3);
    QCOMPARE(range.size(), 1);
    QCOMPARE(range.at(0).at(0).toDouble(), 0.3);
    QCOMPARE(range.at(0).at(1).toDouble(), 0.4);

    // High in the column of a short bar still counts; an empty bar, a gap and the margin do not.
    const QPoint above3(bar3.x(), h.plot()->yAxis->coordToPixel(8));
    QTest::mouseClick(h.plot(), Qt::LeftButton, {}, above3);
    QCOMPARE(range.size(), 2);
    QTest::mouseClick(h.plot(), Qt::LeftButton, {}, h.barCenter(5));
    const QPoint gap(qRound(h.plot()->xAxis->coordToPixel(0.4)), bar3.y());
    QCOMPARE(h.binAt(gap), -1);
    QTest::mouseClick(h.plot(), Qt::LeftButton, {}, gap);
    QTest::mouseClick(h.plot(), Qt::LeftButton, {}, QPoint(2, 2));
    QCOMPARE(range.size(), 2);

    // The top bar reaches 1 (the filter takes 1.0 in it).
    QTest::mouseClick(h.plot(), Qt::LeftButton, {}, h.barCenter(9));
    QCOMPARE(range.size(), 3);
    QCOMPARE(range.at(2).at(0).toDouble(), 0.9);
    QCOMPARE(range.at(2).at(1).toDouble(), 1.0);
    // A bar of answers without a ground truth is a bar too.
    h.activateBin(7);
    QCOMPARE(range.size(), 4);
    QCOMPARE(range.at(3).at(0).toDouble(), 0.7);
    h.activateBin(5);   // empty
    h.activateBin(-1);  // nothing
    QCOMPARE(range.size(), 4);
  }

  void restylesOnAPaletteChange() {
    ConfidenceHistogram h;
    fill(h);
    QPalette dark = h.palette();
    dark.setColor(QPalette::Window, QColor(30, 30, 30));
    dark.setColor(QPalette::Base, QColor(20, 20, 20));
    dark.setColor(QPalette::Text, QColor(230, 230, 230));
    h.setPalette(dark);
    QCOMPARE(h.plot()->legend->brush().color(), QColor(20, 20, 20));
    QCOMPARE(h.plot()->xAxis->tickLabelColor(), QColor(230, 230, 230));
  }
};

QTEST_MAIN(TestConfidenceHistogram)
#include "test_confidence_histogram.moc"
