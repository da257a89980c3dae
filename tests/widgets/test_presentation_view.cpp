#include <QSignalSpy>
#include <QtTest>

#include "widgets/presentation_view.h"

using sevila::widgets::PresentationView;

namespace {

QImage solid(QColor colour) {
  QImage image(160, 90, QImage::Format_RGB32);
  image.fill(colour);
  return image;
}

QRgb pixelAt(PresentationView& v, QPoint p) {
  return v.grab().toImage().pixel(p);
}

}  // namespace

class TestPresentationView : public QObject {
  Q_OBJECT
private Q_SLOTS:
  void keyframesCycleInTurn() {
    PresentationView v;
    v.resize(960, 540);
    v.show();
    const QVector<QColor> colours{Qt::red, Qt::green, Qt::blue};
    v.setKeyframes({solid(colours[0]), solid(colours[1]), solid(colours[2])});
    QCOMPARE(v.keyframeCount(), 3);
    QCOMPARE(v.currentKeyframe(), 0);
    QCOMPARE(v.interval(), PresentationView::kDefaultIntervalMs);
    QVERIFY(!v.keyframeRect().isEmpty());
    QCOMPARE(pixelAt(v, v.keyframeRect().center()), colours[0].rgb());

    QSignalSpy shown(&v, &PresentationView::keyframeShown);
    v.setInterval(20);
    v.start();
    QVERIFY(v.isPlaying());
    QTRY_VERIFY(shown.size() >= 4);
    v.stop();
    QVERIFY(!v.isPlaying());
    QCOMPARE(shown.at(0).at(0).toInt(), 1);
    QCOMPARE(shown.at(1).at(0).toInt(), 2);
    QCOMPARE(shown.at(2).at(0).toInt(), 0);  // wraps around
    QCOMPARE(shown.at(3).at(0).toInt(), 1);

    // What is drawn is the current keyframe.
    const int current = v.currentKeyframe();
    QCOMPARE(pixelAt(v, v.keyframeRect().center()), colours[current].rgb());
    v.showNextKeyframe();
    QCOMPARE(v.currentKeyframe(), (current + 1) % 3);
    QCOMPARE(pixelAt(v, v.keyframeRect().center()), colours[(current + 1) % 3].rgb());
  }

  void oneKeyframeDoesNotPlay() {
    PresentationView v;
    v.setKeyframes({solid(Qt::red)});
    v.start();
    QVERIFY(!v.isPlaying());
    v.setKeyframes({});
    QCOMPARE(v.currentKeyframe(), -1);
    QVERIFY(v.keyframeRect().isEmpty());  // the frame takes the whole width
  }

  void frameQuestionAndAnswerAreShown() {
    PresentationView v;
    v.resize(800, 450);
    v.show();
    v.setFrame(solid(QColor(200, 120, 40)));
    QCOMPARE(pixelAt(v, v.frameRect().center()), QColor(200, 120, 40).rgb());
    v.setQuestion("why did the boy cry?");
    v.setAnswer("B", "he fell.", true);
    QCOMPARE(v.answerText(), QString("B. he fell.  ✓ right"));
    v.setAnswer("C", "he lost a toy.", false);
    QVERIFY(v.answerText().contains("wrong"));
    v.setAnswer("A", "he was hungry.");
    QCOMPARE(v.answerText(), QString("A. he was hungry."));
    v.clearAnswer();
    QVERIFY(v.answerText().isEmpty());
    // Dark background.
    QCOMPARE(QColor(pixelAt(v, QPoint(2, 2))).lightness() < 40, true);
  }

  void escapeAndF11AskToLeave() {
    PresentationView v;
    v.show();
    QSignalSpy exit(&v, &PresentationView::exitRequested);
    QTest::keyClick(&v, Qt::Key_Space);
    QCOMPARE(exit.size(), 0);
    QTest::keyClick(&v, Qt::Key_Escape);
    QCOMPARE(exit.size(), 1);
    QTest::keyClick(&v, Qt::Key_F11);
    QCOMPARE(exit.size(), 2);
  }
};

QTEST_MAIN(TestPresentationView)
#include "test_presentation_view.moc"
