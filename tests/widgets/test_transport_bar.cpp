// The transport bar shows the player's state and asks for moves: scrubber, position field, speed, loop.
#include <QComboBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSlider>
#include <QToolButton>
#include <QtTest>

#include "widgets/transport_bar.h"

using sevila::widgets::TransportBar;
using sevila::widgets::TransportState;

class TestTransportBar : public QObject {
  Q_OBJECT
private Q_SLOTS:
  void showsTheStateAndAsksForMoves() {
    TransportBar bar;
    auto* scrubber = bar.findChild<QSlider*>("transportScrubber");
    auto* position = bar.findChild<QLineEdit*>("transportPosition");
    auto* rate = bar.findChild<QComboBox*>("transportRate");
    auto* loop = bar.findChild<QToolButton*>("transportLoop");
    auto* play = bar.findChild<QToolButton*>("transportPlay");
    QVERIFY(scrubber && position && rate && loop && play);
    QVERIFY(!scrubber->isEnabled());  // no video
    QSignalSpy seeks(&bar, &TransportBar::seekRequested);

    TransportState s;
    s.frame = 107;
    s.frameCount = 300;
    s.seconds = 4.28;
    s.duration = 12;
    s.rate = 2;
    bar.setState(s);
    QVERIFY(scrubber->isEnabled());
    QCOMPARE(scrubber->maximum(), 299);
    QCOMPARE(scrubber->value(), 107);
    QCOMPARE(position->text(), QString("107 · 0:04.280"));
    QCOMPARE(rate->currentData().toDouble(), 2.0);
    QCOMPARE(play->text(), QString("▶"));
    QVERIFY(seeks.isEmpty());  // showing a state asks for nothing

    scrubber->setValue(150);
    QCOMPARE(seeks.count(), 1);
    QCOMPARE(seeks.first().at(0).toLongLong(), qint64(150));

    QSignalSpy goTo(&bar, &TransportBar::goToRequested);
    position->setText("1:02.5");
    Q_EMIT position->returnPressed();
    QCOMPARE(goTo.count(), 1);
    QCOMPARE(goTo.first().at(0).toString(), QString("1:02.5"));

    QSignalSpy rates(&bar, &TransportBar::rateRequested);
    Q_EMIT rate->activated(0);
    QCOMPARE(rates.first().at(0).toDouble(), 0.25);

    // The loop needs both marks, the end after the start.
    QVERIFY(!loop->isEnabled());
    s.loopStart = 20;
    s.loopEnd = 60;
    bar.setState(s);
    QVERIFY(loop->isEnabled());
    QSignalSpy toggled(&bar, &TransportBar::loopToggled);
    loop->click();
    QCOMPARE(toggled.count(), 1);
    QVERIFY(toggled.first().at(0).toBool());
    s.loopEnd = 10;
    bar.setState(s);
    QVERIFY(!loop->isEnabled());
  }
};

QTEST_MAIN(TestTransportBar)
#include "test_transport_bar.moc"
