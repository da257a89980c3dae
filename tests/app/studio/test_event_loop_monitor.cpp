// The monitor sees a stall that really happens (the GUI thread blocked on purpose) and measures its length.
#include <QThread>
#include <QtTest>

#include "event_loop_monitor.h"

using sevila::studio::EventLoopMonitor;

class TestEventLoopMonitor : public QObject {
  Q_OBJECT
private Q_SLOTS:
  void measuresABlockedEventLoop() {
    EventLoopMonitor monitor(5);
    monitor.setReportThresholdMs(100);
    QSignalSpy stalled(&monitor, &EventLoopMonitor::stalled);
    monitor.start();
    QTest::qWait(50);
    QTimer::singleShot(0, [] { QThread::msleep(250); });  // the kind of work that must never run here
    QTRY_VERIFY_WITH_TIMEOUT(stalled.count() >= 1, 5000);
    // Blocked for 250 ms: late by at least 250 ms minus one period.
    QVERIFY2(stalled.first().at(0).toDouble() >= 240,
             qPrintable(QString::number(stalled.first().at(0).toDouble())));
    QVERIFY(monitor.maxStallMs() >= 240);
    QVERIFY(monitor.stallsOver(100) >= 1);
    QVERIFY(monitor.ticks() > 3);
    monitor.reset();
    QCOMPARE(monitor.maxStallMs(), 0.0);
    QCOMPARE(monitor.stallsOver(100), 0);
    monitor.stop();
  }
};

QTEST_MAIN(TestEventLoopMonitor)
#include "test_event_loop_monitor.moc"
