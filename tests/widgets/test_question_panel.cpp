#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QtTest>

#include "widgets/question_panel.h"

using sevila::widgets::QuestionInput;
using sevila::widgets::QuestionPanel;

class TestQuestionPanel : public QObject {
  Q_OBJECT
private Q_SLOTS:
  void runIsAbsentUntilAModelIsLoaded() {
    QuestionPanel p;
    p.show();
    auto* run = p.findChild<QPushButton*>();
    QVERIFY(run);
    QVERIFY(!run->isVisible());
    p.setRunAvailable(true);
    QVERIFY(run->isVisible());
  }

  void inputRoundTripsAndRunNeedsEveryField() {
    QuestionPanel p;
    QuestionInput in;
    in.question = "why did the boy cry?";
    in.options = {"he fell.", "he was hungry.", "he lost a toy."};
    in.groundTruth = 2;
    in.frames = 16;
    in.keyframes = 3;
    p.setInput(in);
    const QuestionInput out = p.input();
    QCOMPARE(out.question, in.question);
    QCOMPARE(out.options, in.options);
    QCOMPARE(out.groundTruth, 2);
    QCOMPARE(out.frames, 16);
    QCOMPARE(out.keyframes, 3);
    QVERIFY(p.inputComplete());
    in.options[1].clear();
    p.setInput(in);
    QVERIFY(!p.inputComplete());
  }

  void runEmitsTheInput() {
    QuestionPanel p;
    p.setRunAvailable(true);
    QuestionInput in;
    in.question = "what is red?";
    in.options = {"the ball", "the box"};
    p.setInput(in);
    QSignalSpy spy(&p, &QuestionPanel::runRequested);
    QPushButton* run = nullptr;
    for (auto* b : p.findChildren<QPushButton*>())
      if (b->text() == "Run") run = b;
    QVERIFY(run);
    run->click();
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.first().at(0).value<QuestionInput>().options.size(), 2);
    // The Run action (Ctrl+Enter) does what the button does, and nothing while busy or incomplete.
    QVERIFY(p.requestRun());
    QCOMPARE(spy.count(), 2);
    p.setBusy(true);
    QVERIFY(!p.requestRun());
    p.setBusy(false);
    in.options[1].clear();
    p.setInput(in);
    QVERIFY(!p.requestRun());
    p.setRunAvailable(false);
    QVERIFY(!p.requestRun());
    QCOMPARE(spy.count(), 2);
  }

  void removeOptionRemovesTheChosenOne() {
    QuestionPanel p;
    p.show();
    QVERIFY(QTest::qWaitForWindowExposed(&p));
    QuestionInput in;
    in.question = "what is red?";
    in.options = {"the ball", "the box", "the cup", "the pen"};
    in.groundTruth = 2;  // the cup
    p.setInput(in);
    auto edits = p.findChildren<QLineEdit*>();
    QLineEdit* box = nullptr;
    for (auto* e : edits)
      if (e->text() == "the box") box = e;
    QVERIFY(box);
    p.activateWindow();
    box->setFocus();
    QTRY_VERIFY(box->hasFocus());
    p.removeChosenOption();
    QCOMPARE(p.input().options, (QStringList{"the ball", "the cup", "the pen"}));
    QCOMPARE(p.input().groundTruth, 1);  // still the cup
    // Without a chosen option the last one goes; removing the ground truth's option leaves it unknown.
    for (auto* e : p.findChildren<QLineEdit*>()) e->clearFocus();
    p.setInput(QuestionInput{"what is red?", {"a", "b", "c"}, 2, 32, 4});
    p.removeChosenOption();
    QCOMPARE(p.input().options, (QStringList{"a", "b"}));
    QCOMPARE(p.input().groundTruth, -1);
    p.removeChosenOption();  // two is the least
    QCOMPARE(p.input().options.size(), 2);
  }

  void optionCountStaysBetweenTwoAndFive() {
    QuestionPanel p;
    QuestionInput in;
    in.question = "q";
    in.options = {"a", "b", "c", "d", "e", "f", "g"};
    p.setInput(in);
    QCOMPARE(p.input().options.size(), 5);
    in.options = {"a"};
    p.setInput(in);
    QCOMPARE(p.input().options.size(), 2);
  }

  // A dataset item opened in the studio sets the panel: a QVHighlights query has no options (none of
  // the previous item's stay), a VLEP item has options but no question; both can run.
  void momentQueriesAndVlepItemsFitThePanel() {
    QuestionPanel p;
    QuestionInput in;
    in.question = "q";
    in.options = {"a", "b", "c"};
    p.setInput(in);
    in.question = "A ball rolls towards a magnet";
    in.options.clear();
    p.setInput(in);
    QVERIFY(p.input().options.isEmpty());
    QVERIFY(p.inputComplete());
    in.question.clear();
    in.options = {"The ball rolls on.", "The ball stops."};
    p.setInput(in);
    QCOMPARE(p.input().options, in.options);
    QVERIFY(p.inputComplete());
    in.options = {"The ball rolls on.", ""};
    p.setInput(in);
    QVERIFY(!p.inputComplete());
  }
};

QTEST_MAIN(TestQuestionPanel)
#include "test_question_panel.moc"
