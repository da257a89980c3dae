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
