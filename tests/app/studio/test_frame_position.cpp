// Go to Frame/Time: every notation the field accepts, and what it refuses.
#include <QtTest>

#include "frame_position.h"

using sevila::studio::frameForPosition;

class TestFramePosition : public QObject {
  Q_OBJECT
private Q_SLOTS:
  void readsFramesSecondsAndClockTimes() {
    const double fps = 25;
    const qint64 n = 300;  // 12 s
    QCOMPARE(frameForPosition("120", fps, n), std::optional<qint64>(120));
    QCOMPARE(frameForPosition(" #7 ", fps, n), std::optional<qint64>(7));
    QCOMPARE(frameForPosition("4.28 s", fps, n), std::optional<qint64>(107));
    QCOMPARE(frameForPosition("4.28s", fps, n), std::optional<qint64>(107));
    QCOMPARE(frameForPosition(".5s", fps, n), std::optional<qint64>(12));
    QCOMPARE(frameForPosition("0:06.16", fps, n), std::optional<qint64>(154));
    QCOMPARE(frameForPosition("00:00:10.000", fps, n), std::optional<qint64>(250));
    // Past the end: the last frame; a frame number past the end too.
    QCOMPARE(frameForPosition("1:00", fps, n), std::optional<qint64>(299));
    QCOMPARE(frameForPosition("5000", fps, n), std::optional<qint64>(299));
  }

  void refusesWhatIsNotAPosition() {
    QVERIFY(!frameForPosition("", 25, 300));
    QVERIFY(!frameForPosition("abc", 25, 300));
    QVERIFY(!frameForPosition("-3", 25, 300));
    QVERIFY(!frameForPosition("1:75", 25, 300));                          // 75 seconds is not a clock time
    QVERIFY(!frameForPosition("1:61:00", 25, 300));                       // nor 61 minutes
    QVERIFY(!frameForPosition("4.5 s", 0, 300));                          // no frame rate: times mean nothing
    QVERIFY(!frameForPosition("12", 25, 0));                              // no video
    QCOMPARE(frameForPosition("12", 0, 300), std::optional<qint64>(12));  // frames need no rate
  }
};

QTEST_GUILESS_MAIN(TestFramePosition)
#include "test_frame_position.moc"
