#include <QtTest>

#include <QLabel>
#include <QPalette>
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

  void followsADarkPalette() {
    AnswerPanel p;
    AnswerView v;
    v.options = {"red", "green"};
    v.probabilities = {0.6, 0.4};
    v.answer = 0;
    v.whatIfProbabilities = {0.3, 0.7};
    v.whatIfAnswer = 1;
    p.setAnswer(v);
    QCustomPlot* plot = p.plot();
    QVERIFY(plot);
    QCOMPARE(plot, p.findChild<QCustomPlot*>());
    QVERIFY(plot->axisRect()->backgroundBrush().color().lightness() >= 128);  // light by default
    // Only the window and the text say "dark" (Base stays the light default): the plot must still be
    // dark with light text, not white on white.
    QPalette dark = p.palette();
    const QColor window("#2b2b2b"), text(Qt::white);
    dark.setColor(QPalette::Window, window);
    dark.setColor(QPalette::Text, text);
    QVERIFY(dark.color(QPalette::Base).lightness() >= 128);
    p.setPalette(dark);  // a PaletteChange, as the theme switch sends; no explicit restyle()
    QCOMPARE(plot->axisRect()->backgroundBrush().color(), window);
    QCOMPARE(plot->toPixmap(300, 200).toImage().pixelColor(1, 1), window);
    for (QCPAxis* axis : {plot->xAxis, plot->yAxis}) {
      QCOMPARE(axis->basePen().color(), text);
      QCOMPARE(axis->tickLabelColor(), text);  // the option labels are tick labels
      QCOMPARE(axis->labelColor(), text);
    }
    QCOMPARE(plot->legend->brush().color(), window);
    QCOMPARE(plot->legend->textColor(), text);
    QCOMPARE(plot->legend->itemCount(), 2);
    for (int i = 0; i < plot->legend->itemCount(); ++i) QCOMPARE(plot->legend->item(i)->textColor(), text);
    // A legend entry made after the change (the "what if" bars come back) takes the text colour too.
    v.whatIfProbabilities.clear();
    p.setAnswer(v);
    v.whatIfProbabilities = {0.3, 0.7};
    p.setAnswer(v);
    QCOMPARE(plot->legend->itemCount(), 2);
    QCOMPARE(plot->legend->item(1)->textColor(), text);
  }
};

QTEST_MAIN(TestAnswerPanel)
#include "test_answer_panel.moc"
