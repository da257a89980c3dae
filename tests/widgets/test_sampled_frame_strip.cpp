// The strip of all sampled frames: what each sample shows, and the intent it emits (go to, mark).
#include <QAction>
#include <QListView>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QVBoxLayout>
#include <QtTest>

#include "widgets/plot_style.h"
#include "widgets/sampled_frame_strip.h"

using sevila::widgets::SampledFrame;
using sevila::widgets::SampledFrameStrip;

namespace {
// n samples 0.5 s apart from 0.5 s, frame index 12 + 25 i; scores rise then fall (highest at i = 3).
QVector<SampledFrame> frames(int n) {
  QVector<SampledFrame> out;
  for (int i = 0; i < n; ++i) {
    SampledFrame f;
    f.position = i;
    f.frameIndex = 12 + 25 * i;
    f.seconds = 0.5 + 0.5 * i;
    f.score = 0.9 - 0.05 * std::abs(i - 3);
    f.modelKeyframe = i == 1 || i == 3;
    f.humanKeyframe = i == 2;
    f.correct = i % 3 == 0 ? 1 : (i % 3 == 1 ? 0 : -1);
    out << f;
  }
  return out;
}

QImage solid(QColor colour) {
  QImage image(320, 180, QImage::Format_RGB32);
  image.fill(colour);
  return image;
}

QRect itemRect(const SampledFrameStrip& strip, int row) {
  return strip.view()->visualRect(strip.view()->model()->index(row, 0));
}

// The picture inside a sample's rectangle (the delegate's 4 px padding, 128 × 72 thumbnail).
QRect pictureRect(const SampledFrameStrip& strip, int row) {
  const QRect r = itemRect(strip, row);
  return QRect(r.left() + 4, r.top() + 4, 128, 72);
}

// Colours compare by their #rrggbb name: a pixel and a palette colour may differ only in their spec.
QString at(const QImage& image, QPoint p) {
  return QColor(image.pixel(p)).name();
}
QString at(const QImage& image, int x, int y) {
  return at(image, QPoint(x, y));
}

QImage shot(const SampledFrameStrip& strip) {
  return strip.view()->viewport()->grab().toImage();
}
}  // namespace

class TestSampledFrameStrip : public QObject {
  Q_OBJECT
private Q_SLOTS:
  void startsEmpty() {
    SampledFrameStrip strip;
    QCOMPARE(strip.count(), 0);
    QCOMPARE(strip.currentPosition(), -1);
    QCOMPARE(strip.frame(0).position, -1);
    QVERIFY(strip.caption(0).isEmpty());
    QVERIFY(strip.findChild<QListView*>("sampledFrames") == strip.view());
  }

  void showsEverySampleWithItsNumberTimeAndScore() {
    SampledFrameStrip strip;
    strip.setFrames(frames(8));
    QCOMPARE(strip.count(), 8);
    QCOMPARE(strip.view()->model()->rowCount(), 8);
    // Position 5 is sample 6 (as the studio counts them), at 3.0 s, score 0.9 - 0.10.
    QCOMPARE(strip.caption(5), QString("6 · 3.0 s\nP(yes) 0.80"));
    QCOMPARE(strip.view()->model()->index(5, 0).data().toString(), strip.caption(5));
    const QString tip = strip.view()->model()->index(3, 0).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains("Sample 4 of 8 · frame 87 · 2.00 s"), qPrintable(tip));
    QVERIFY2(tip.contains("P(yes | yes, no) 0.9000"), qPrintable(tip));
    QVERIFY2(tip.contains("model keyframe"), qPrintable(tip));
    QVERIFY2(tip.contains("single frame answers right"), qPrintable(tip));
    QVERIFY2(tip.contains("Double-click or M: mark/unmark as a human keyframe"), qPrintable(tip));
    QVERIFY(strip.isModelKeyframe(1) && strip.isModelKeyframe(3) && !strip.isModelKeyframe(2));
    QVERIFY(strip.isHumanKeyframe(2) && !strip.isHumanKeyframe(1));
    QCOMPARE(strip.frame(4).frameIndex, 112);
    QCOMPARE(strip.frame(4).correct, 0);  // 4 % 3 == 1: wrong
    QCOMPARE(strip.frame(9).position, -1);
    strip.clear();
    QCOMPARE(strip.count(), 0);
    QVERIFY(!strip.isHumanKeyframe(2));
  }

  void thumbnailsReachTheirSampleOnly() {
    SampledFrameStrip strip;
    strip.resize(1200, strip.sizeHint().height());
    strip.setFrames(frames(8));
    strip.show();
    QVERIFY(QTest::qWaitForWindowExposed(&strip));
    QSignalSpy changed(strip.view()->model(), &QAbstractItemModel::dataChanged);

    strip.setThumbnail(999, solid(Qt::blue));  // no sample shows frame 999
    QCOMPARE(changed.count(), 0);
    for (int i = 0; i < 8; ++i) QVERIFY(!strip.hasThumbnail(i));

    strip.setThumbnail(12 + 25 * 5, solid(Qt::red));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), 5);
    QVERIFY(strip.hasThumbnail(5));
    QVERIFY(!strip.hasThumbnail(4));

    // Drawn: red in sample 5's picture, the grey placeholder in sample 4's.
    const QImage image = shot(strip);
    const QString grey = strip.view()->palette().color(QPalette::Mid).name();  // the light placeholder
    QCOMPARE(at(image, pictureRect(strip, 5).center()), QColor(Qt::red).name());
    QCOMPARE(at(image, pictureRect(strip, 4).center()), grey);

    // A new run keeps the pictures of frames still sampled, and drops the others.
    QVector<SampledFrame> next = frames(8);
    next[5].score = 0.1;
    strip.setFrames(next);
    QVERIFY(strip.hasThumbnail(5));
    next[5].frameIndex = 140;
    strip.setFrames(next);
    QVERIFY(!strip.hasThumbnail(5));
    strip.setFrames(frames(8));
    QVERIFY(!strip.hasThumbnail(5));  // frame 137 was forgotten with the run that dropped it
  }

  void marksKeyframesOracleAndScoreBar() {
    SampledFrameStrip strip;
    strip.resize(1200, strip.sizeHint().height());
    strip.setFrames(frames(8));
    strip.show();
    QVERIFY(QTest::qWaitForWindowExposed(&strip));
    const auto colors = sevila::widgets::plotColors(strip.view()->palette());
    const QImage image = shot(strip);
    const QString grey = strip.view()->palette().color(QPalette::Mid).name();  // the light placeholder
    // Model keyframe (3): the outer frame; human keyframe (2): the inner frame; sample 0: neither.
    const QRect model = pictureRect(strip, 3), human = pictureRect(strip, 2), plain = pictureRect(strip, 0);
    const int midY = model.center().y();
    QCOMPARE(at(image, model.left() + 1, midY), colors.modelKeyframe.name());
    QCOMPARE(at(image, human.left() + 5, midY), colors.humanKeyframe.name());
    QVERIFY(at(image, human.left() + 1, midY) != colors.modelKeyframe.name());
    QCOMPARE(at(image, plain.left() + 1, midY), grey);
    // Oracle: sample 0 answers right, sample 1 wrong, sample 2 unknown (a square 8..18 px in from the
    // bottom-right corner).
    const QPoint oracle(-13, -13);
    QCOMPARE(at(image, pictureRect(strip, 0).bottomRight() + oracle), colors.right.name());
    QCOMPARE(at(image, pictureRect(strip, 1).bottomRight() + oracle), colors.wrong.name());
    QCOMPARE(at(image, pictureRect(strip, 2).bottomRight() + oracle), grey);
    // Score bar (3 px under the picture): full for the highest score (3), empty for the lowest (7).
    const QRect top = pictureRect(strip, 3), low = pictureRect(strip, 7);
    const int barY = top.bottom() + 1 + 3 + 1;
    QCOMPARE(at(image, top.right() - 1, barY), colors.curve.name());
    QCOMPARE(at(image, low.left() + 1, barY), colors.grid.name());
    // Sample 5 (0.80, halfway from 0.70 to 0.90): half full, 64 of 128 px.
    const QRect mid = pictureRect(strip, 5);
    QCOMPARE(at(image, mid.left() + 60, barY), colors.curve.name());
    QCOMPARE(at(image, mid.left() + 68, barY), colors.grid.name());
  }

  void followsTheDarkPalette() {
    SampledFrameStrip strip;
    strip.resize(1200, strip.sizeHint().height());
    strip.setFrames(frames(8));
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(30, 30, 30));
    dark.setColor(QPalette::Base, QColor(20, 20, 20));
    dark.setColor(QPalette::Text, QColor(230, 230, 230));
    dark.setColor(QPalette::Midlight, QColor(70, 70, 70));  // the dark theme's placeholder
    strip.setPalette(dark);
    strip.show();
    QVERIFY(QTest::qWaitForWindowExposed(&strip));
    const auto colors = sevila::widgets::plotColors(strip.view()->palette());
    QCOMPARE(colors.modelKeyframe, QColor(255, 170, 60));  // plot_style's dark model colour
    const QImage image = shot(strip);
    const QRect model = pictureRect(strip, 3), human = pictureRect(strip, 2);
    QCOMPARE(at(image, model.left() + 1, model.center().y()), QColor(255, 170, 60).name());
    QCOMPARE(at(image, human.left() + 5, human.center().y()), QColor(120, 230, 120).name());
    QCOMPARE(at(image, pictureRect(strip, 0).center()), QColor(70, 70, 70).name());
  }

  void retranslatesItsTexts() {
    SampledFrameStrip strip;
    strip.setFrames(frames(8));
    QSignalSpy changed(strip.view()->model(), &QAbstractItemModel::dataChanged);
    QEvent languageChange(QEvent::LanguageChange);
    QApplication::sendEvent(&strip, &languageChange);
    // Every caption and tooltip is asked for again (they are made with tr() on demand).
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), 0);
    QCOMPARE(changed.first().at(1).toModelIndex().row(), 7);
    QCOMPARE(strip.view()->accessibleName(), QString("Sampled frames"));
  }

  void clickSelectsASample() {
    SampledFrameStrip strip;
    strip.resize(1200, strip.sizeHint().height());
    strip.setFrames(frames(8));
    strip.show();
    QVERIFY(QTest::qWaitForWindowExposed(&strip));
    QSignalSpy selected(&strip, &SampledFrameStrip::sampleSelected);
    QSignalSpy marked(&strip, &SampledFrameStrip::markRequested);
    QTest::mouseClick(strip.view()->viewport(), Qt::LeftButton, {}, itemRect(strip, 2).center());
    QCOMPARE(selected.count(), 1);
    QCOMPARE(selected.first().at(0).toInt(), 2);
    QCOMPARE(strip.currentPosition(), 2);
    // Clicking the current sample again still goes there (the playhead may be between samples).
    QTest::mouseClick(strip.view()->viewport(), Qt::LeftButton, {}, itemRect(strip, 2).center());
    QCOMPARE(selected.count(), 2);
    QCOMPARE(selected.last().at(0).toInt(), 2);
    QTest::mouseClick(strip.view()->viewport(), Qt::LeftButton, {}, itemRect(strip, 6).center());
    QCOMPARE(selected.count(), 3);
    QCOMPARE(selected.last().at(0).toInt(), 6);
    // Right-clicks and clicks past the last sample do nothing.
    QTest::mouseClick(strip.view()->viewport(), Qt::RightButton, {}, itemRect(strip, 4).center());
    QTest::mouseClick(strip.view()->viewport(), Qt::LeftButton, {},
                      QPoint(itemRect(strip, 7).right() + 40, itemRect(strip, 7).center().y()));
    QCOMPARE(selected.count(), 3);
    QCOMPARE(strip.currentPosition(), 6);
    QCOMPARE(marked.count(), 0);
  }

  void doubleClickAndMRequestAMark() {
    SampledFrameStrip strip;
    strip.resize(1200, strip.sizeHint().height());
    strip.setFrames(frames(8));
    strip.show();
    QVERIFY(QTest::qWaitForWindowExposed(&strip));
    QSignalSpy selected(&strip, &SampledFrameStrip::sampleSelected);
    QSignalSpy marked(&strip, &SampledFrameStrip::markRequested);
    strip.setFocus();
    QVERIFY(strip.view()->hasFocus());
    QCOMPARE(strip.currentPosition(), -1);     // taking the keyboard makes no sample current
    QTest::keyClick(strip.view(), Qt::Key_M);  // nothing is current yet
    QCOMPARE(marked.count(), 0);
    QCOMPARE(selected.count(), 0);

    // A double-click as a mouse makes it: press, release, double-click, release.
    const QPoint at = itemRect(strip, 4).center();
    QTest::mouseClick(strip.view()->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(strip.view()->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseRelease(strip.view()->viewport(), Qt::LeftButton, {}, at);
    QCOMPARE(marked.count(), 1);
    QCOMPARE(marked.first().at(0).toInt(), 4);
    QCOMPARE(selected.count(), 1);       // the first click went there; the double-click only marks
    QVERIFY(!strip.isHumanKeyframe(4));  // the strip asks; the studio answers with setHumanKeyframes

    QTest::keyClick(strip.view(), Qt::Key_M);
    QCOMPARE(marked.count(), 2);
    QCOMPARE(marked.last().at(0).toInt(), 4);
    QTest::keyClick(strip.view(), Qt::Key_M, Qt::ControlModifier);  // not ours
    QCOMPARE(marked.count(), 2);

    // A double-click on another sample selects it and marks it.
    QTest::mouseDClick(strip.view()->viewport(), Qt::LeftButton, {}, itemRect(strip, 6).center());
    QCOMPARE(marked.count(), 3);
    QCOMPARE(marked.last().at(0).toInt(), 6);
    QCOMPARE(strip.currentPosition(), 6);
    QCOMPARE(selected.last().at(0).toInt(), 6);
  }

  void arrowsMoveTheCurrentSample() {
    SampledFrameStrip strip;
    strip.setFrames(frames(8));
    strip.show();
    QVERIFY(QTest::qWaitForWindowExposed(&strip));
    QSignalSpy selected(&strip, &SampledFrameStrip::sampleSelected);
    strip.setCurrentPosition(3);
    QCOMPARE(selected.count(), 0);
    QWidget* keys = strip.view();
    QTest::keyClick(keys, Qt::Key_Right);
    QCOMPARE(strip.currentPosition(), 4);
    QCOMPARE(selected.count(), 1);
    QCOMPARE(selected.last().at(0).toInt(), 4);
    QTest::keyClick(keys, Qt::Key_Left);
    QTest::keyClick(keys, Qt::Key_Left);
    QCOMPARE(strip.currentPosition(), 2);
    QCOMPARE(selected.count(), 3);
    QCOMPARE(selected.last().at(0).toInt(), 2);
    QTest::keyClick(keys, Qt::Key_Home);
    QCOMPARE(selected.last().at(0).toInt(), 0);
    QTest::keyClick(keys, Qt::Key_Left);  // already at the first sample
    QCOMPARE(selected.count(), 4);
    QTest::keyClick(keys, Qt::Key_End);
    QCOMPARE(selected.last().at(0).toInt(), 7);
    QTest::keyClick(keys, Qt::Key_Right);  // already at the last
    QCOMPARE(selected.count(), 5);
    QCOMPARE(strip.currentPosition(), 7);
    // Letters do not search the captions (they are the window's shortcuts).
    QTest::keyClick(keys, Qt::Key_1);
    QCOMPARE(strip.currentPosition(), 7);
    QCOMPARE(selected.count(), 5);
  }

  void itsKeysWinOverTheWindowsShortcutsWhileFocused() {
    QWidget window;
    auto* layout = new QVBoxLayout(&window);
    auto* button = new QPushButton("elsewhere", &window);
    auto* strip = new SampledFrameStrip(&window);
    layout->addWidget(button);
    layout->addWidget(strip);
    auto* markAtPlayhead = new QAction(&window);
    markAtPlayhead->setShortcut(Qt::Key_M);
    auto* previousFrame = new QAction(&window);
    previousFrame->setShortcut(Qt::Key_Left);
    window.addAction(markAtPlayhead);
    window.addAction(previousFrame);
    QSignalSpy windowMarks(markAtPlayhead, &QAction::triggered);
    QSignalSpy windowSteps(previousFrame, &QAction::triggered);
    strip->setFrames(frames(8));
    strip->setCurrentPosition(5);
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QSignalSpy marked(strip, &SampledFrameStrip::markRequested);
    QSignalSpy selected(strip, &SampledFrameStrip::sampleSelected);

    button->setFocus();  // the window's shortcuts work here
    QTest::keyClick(button, Qt::Key_M);
    QTest::keyClick(button, Qt::Key_Left);
    QCOMPARE(windowMarks.count(), 1);
    QCOMPARE(windowSteps.count(), 1);

    strip->setFocus();
    QVERIFY(strip->view()->hasFocus());
    QTest::keyClick(strip->view(), Qt::Key_M);
    QTest::keyClick(strip->view(), Qt::Key_Left);
    QCOMPARE(windowMarks.count(), 1);
    QCOMPARE(windowSteps.count(), 1);
    QCOMPARE(marked.count(), 1);
    QCOMPARE(marked.first().at(0).toInt(), 5);
    QCOMPARE(selected.count(), 1);
    QCOMPARE(selected.first().at(0).toInt(), 4);
  }

  void humanKeyframesUpdateCheaply() {
    SampledFrameStrip strip;
    strip.setFrames(frames(8));
    strip.setCurrentPosition(2);
    QSignalSpy changed(strip.view()->model(), &QAbstractItemModel::dataChanged);
    QSignalSpy reset(strip.view()->model(), &QAbstractItemModel::modelReset);
    QSignalSpy selected(&strip, &SampledFrameStrip::sampleSelected);
    strip.setHumanKeyframes({1, 5});
    QVERIFY(strip.isHumanKeyframe(1) && strip.isHumanKeyframe(5));
    QVERIFY(!strip.isHumanKeyframe(2));
    QVERIFY(strip.isModelKeyframe(3));  // untouched
    QCOMPARE(changed.count(), 3);       // samples 1, 2 and 5 changed; no reset
    QCOMPARE(reset.count(), 0);
    QCOMPARE(strip.currentPosition(), 2);
    QVERIFY(strip.view()->model()->index(5, 0).data(Qt::ToolTipRole).toString().contains("human keyframe"));
    strip.setHumanKeyframes({1, 5});
    QCOMPARE(changed.count(), 3);  // nothing changed
    strip.setHumanKeyframes({});
    QVERIFY(!strip.isHumanKeyframe(1) && !strip.isHumanKeyframe(5));
    QCOMPARE(selected.count(), 0);
  }

  void followsPlaybackQuietlyOver256Samples() {
    SampledFrameStrip strip;
    strip.resize(600, strip.sizeHint().height());
    strip.setFrames(frames(256));
    strip.show();
    QVERIFY(QTest::qWaitForWindowExposed(&strip));
    QCOMPARE(strip.count(), 256);
    QCOMPARE(strip.caption(255), QString("256 · 128.0 s\nP(yes) %1").arg(0.9 - 0.05 * 252, 0, 'f', 2));
    // One row, scrolling sideways: sample 1 is right of sample 0 at the same height.
    QCOMPARE(itemRect(strip, 1).top(), itemRect(strip, 0).top());
    QVERIFY(itemRect(strip, 1).left() > itemRect(strip, 0).right());
    QVERIFY(strip.view()->horizontalScrollBar()->maximum() > 0);
    QCOMPARE(strip.view()->verticalScrollBar()->maximum(), 0);

    QSignalSpy selected(&strip, &SampledFrameStrip::sampleSelected);
    const QRect viewport = strip.view()->viewport()->rect();
    QVERIFY(!viewport.intersects(itemRect(strip, 200)));
    strip.setCurrentPosition(200);
    QCOMPARE(strip.currentPosition(), 200);
    QVERIFY(viewport.contains(itemRect(strip, 200)));
    QCOMPARE(selected.count(), 0);
    strip.setCurrentPosition(999);  // not a sample: none is current
    QCOMPARE(strip.currentPosition(), -1);
    strip.setCurrentPosition(10);
    QVERIFY(viewport.contains(itemRect(strip, 10)));
    QCOMPARE(selected.count(), 0);

    // Pictures for every sample; a re-run on the same frames keeps them and the current sample.
    for (int i = 255; i >= 0; --i) strip.setThumbnail(12 + 25 * i, solid(QColor(i, 0, 0)));
    for (int i = 0; i < 256; ++i) QVERIFY(strip.hasThumbnail(i));
    strip.setFrames(frames(256));
    QVERIFY(strip.hasThumbnail(0) && strip.hasThumbnail(255));
    QCOMPARE(strip.currentPosition(), 10);
    // A run with fewer samples drops the current one past its end.
    strip.setCurrentPosition(100);
    strip.setFrames(frames(32));
    QCOMPARE(strip.count(), 32);
    QCOMPARE(strip.currentPosition(), -1);
    QCOMPARE(selected.count(), 0);
  }

  void theWheelScrollsSideways() {
    SampledFrameStrip strip;
    strip.resize(600, strip.sizeHint().height());
    strip.setFrames(frames(64));
    strip.show();
    QVERIFY(QTest::qWaitForWindowExposed(&strip));
    QScrollBar* bar = strip.view()->horizontalScrollBar();
    QCOMPARE(bar->value(), 0);
    const QPointF at = strip.view()->viewport()->rect().center();
    QWheelEvent down(at, strip.view()->viewport()->mapToGlobal(at), QPoint(), QPoint(0, -120), Qt::NoButton,
                     Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(strip.view()->viewport(), &down);
    QVERIFY(bar->value() > 0);
  }
};

QTEST_MAIN(TestSampledFrameStrip)
#include "test_sampled_frame_strip.moc"
