// The loss curve: raw points and their moving average, the axes fitted to them (x following the points
// without a total), the smoothing weight recomputing the average, and the log-scale toggle.
#include <QLabel>
#include <QToolButton>
#include <QtTest>
#include <cmath>
#include <qcustomplot.h>

#include "widgets/loss_curve.h"

using sevila::widgets::LossCurve;

class TestLossCurve : public QObject {
  Q_OBJECT
private Q_SLOTS:
  void initTestCase() { QLocale::setDefault(QLocale::c()); }

  void emptyUntilTheFirstLoss() {
    LossCurve curve;
    QCOMPARE(curve.pointCount(), 0);
    QVERIFY(std::isnan(curve.smoothedLoss()));
    QVERIFY(curve.findChild<QLabel*>("lossReadout")->text().isEmpty());
    curve.addLoss(3, std::numeric_limits<double>::infinity());
    QCOMPARE(curve.pointCount(), 0);
  }

  void xFollowsThePointsWithoutATotal() {
    LossCurve curve;
    for (int step = 10; step <= 30; step += 10) curve.addLoss(step, 1.0 / step);
    QCOMPARE(curve.pointCount(), 3);
    QCOMPARE(curve.plot()->xAxis->range().lower, 10.0);
    QCOMPARE(curve.plot()->xAxis->range().upper, 30.0);
    const QCPRange y = curve.plot()->yAxis->range();
    QVERIFY(y.lower < 1.0 / 30 && y.upper > 0.1);
    QCOMPARE(curve.findChild<QLabel*>("lossReadout")->text(),
             QString("Step 30: loss 0.0333, moving average %1").arg(curve.smoothedLoss(), 0, 'f', 4));
  }

  void smoothingRecomputesTheAverage() {
    LossCurve curve;
    curve.clear(100);
    const double losses[] = {1.0, 0.2, 0.6, 0.4};
    for (int i = 0; i < 4; ++i) curve.addLoss(i + 1, losses[i]);
    curve.setSmoothing(0.5);
    double avg = 1.0;
    for (int i = 0; i < 4; ++i) {
      if (i > 0) avg = 0.5 * avg + 0.5 * losses[i];
      QVERIFY(qAbs(curve.smoothedGraph()->dataMainValue(i) - avg) < 1e-12);
    }
    QVERIFY(qAbs(curve.smoothedLoss() - avg) < 1e-12);
    curve.setSmoothing(0);  // follows every step
    for (int i = 0; i < 4; ++i) QCOMPARE(curve.smoothedGraph()->dataMainValue(i), losses[i]);
    curve.addLoss(5, 0.3);
    QCOMPARE(curve.smoothedLoss(), 0.3);
    QCOMPARE(curve.plot()->xAxis->range().upper, 100.0);
  }

  void logScaleToggle() {
    LossCurve curve;
    curve.addLoss(1, 2.0);
    curve.addLoss(2, 0.02);
    auto* toggle = curve.findChild<QToolButton*>("lossLogScale");
    QVERIFY(toggle && toggle->isCheckable());
    toggle->click();
    QVERIFY(curve.logScale());
    QCOMPARE(curve.plot()->yAxis->scaleType(), QCPAxis::stLogarithmic);
    const QCPRange y = curve.plot()->yAxis->range();
    QVERIFY(y.lower > 0 && y.lower < 0.02 && y.upper > 2.0);
    curve.setLogScale(false);
    QVERIFY(!toggle->isChecked());
    QCOMPARE(curve.plot()->yAxis->scaleType(), QCPAxis::stLinear);
  }
};

QTEST_MAIN(TestLossCurve)
#include "test_loss_curve.moc"
