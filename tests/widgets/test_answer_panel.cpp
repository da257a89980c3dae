#include <QtTest>

#include "widgets/answer_panel.h"

using sevila::widgets::AnswerPanel;
using sevila::widgets::AnswerView;

class TestAnswerPanel : public QObject {
  Q_OBJECT
private Q_SLOTS:
  void showsTheAnswerAndWhetherItIsRight() {
    AnswerPanel p;
    AnswerView v;
    v.options = {"red", "green", "blue"};
    v.probabilities = {0.2, 0.7, 0.1};
    v.answer = 1;
    v.groundTruth = 1;
    p.setAnswer(v);
    QVERIFY(p.answerText().contains("B"));
    QVERIFY(p.answerText().contains("green"));
    QVERIFY(p.answerText().contains("right"));
    v.groundTruth = 2;
    p.setAnswer(v);
    QVERIFY(p.answerText().contains("wrong"));
  }

  void whatIfAnswerShownBesideTheModels() {
    AnswerPanel p;
    AnswerView v;
    v.options = {"red", "green"};
    v.probabilities = {0.6, 0.4};
    v.answer = 0;
    v.whatIfProbabilities = {0.3, 0.7};
    v.whatIfAnswer = 1;
    p.setAnswer(v);
    QVERIFY(p.answerText().contains("human keyframes"));
    p.clear();
    QCOMPARE(p.answerText(), QString("No answer yet"));
  }
};

QTEST_MAIN(TestAnswerPanel)
#include "test_answer_panel.moc"
