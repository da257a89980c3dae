#include <QtTest>

#include <QLabel>
#include <QPushButton>

#include <qcustomplot.h>

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
    QVERIFY(!p.answerText().contains("right"));  // no ground truth, no verdict
    // With the ground truth, both answers say whether they are right.
    v.groundTruth = 1;
    p.setAnswer(v);
    const QStringList lines = p.answerText().split('\n');
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines[0].contains("wrong"), qPrintable(lines[0]));
    QVERIFY2(lines[1].contains("B  green") && lines[1].contains("right"), qPrintable(lines[1]));
    // The legend names both sets of bars while the "what if" is shown, only the model's without it.
    auto* plot = p.findChild<QCustomPlot*>();
    QVERIFY(plot && plot->legend->visible());
    QCOMPARE(plot->legend->itemCount(), 2);
    v.whatIfProbabilities.clear();
    v.whatIfAnswer = -1;
    p.setAnswer(v);
    QCOMPARE(plot->legend->itemCount(), 1);
    p.clear();
    QCOMPARE(p.answerText(), QString("No answer yet"));
  }

  void baselinesAreOfferedOnDemandThenShown() {
    AnswerPanel p;
    p.show();
    auto* button = p.findChild<QPushButton*>("computeBaselines");
    QVERIFY(button);
    QVERIFY(!button->isVisible());  // nothing to compare with before an answer
    AnswerView v;
    v.options = {"red", "green", "blue"};
    v.probabilities = {0.2, 0.7, 0.1};
    v.answer = 1;
    v.groundTruth = 2;
    p.setAnswer(v);
    QVERIFY(button->isVisible());
    QSignalSpy asked(&p, &AnswerPanel::baselinesRequested);
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(asked.count(), 1);

    v.baselinesRunning = true;
    p.setAnswer(v);
    QVERIFY(!button->isEnabled());
    v.baselinesRunning = false;
    v.baselinesComputed = true;
    v.concatAnswer = 2;
    v.concatProbability = 0.61;
    v.votingAnswer = 0;
    v.oracle = 1;
    p.setAnswer(v);
    QVERIFY(!button->isVisible());
    QString text;
    for (QLabel* l : p.findChildren<QLabel*>()) text += l->text() + "\n";
    QVERIFY2(text.contains("concat, k uniform frames: C (p = 0.610) (right)"), qPrintable(text));
    QVERIFY2(text.contains("voting over the sampled frames: A (wrong)"), qPrintable(text));
    QVERIFY2(text.contains("Oracle, any single frame right: yes"), qPrintable(text));
  }
};

QTEST_MAIN(TestAnswerPanel)
#include "test_answer_panel.moc"
