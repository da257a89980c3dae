// The answer panel: the Answerer's option probabilities as bars, the chosen answer, the ground truth
// when known, optionally a second ("what if", human keyframes) answer beside the model's, and on demand
// the paper's baselines on the same video (BLIP-2 concat, voting, the oracle).
#pragma once

#include <QStringList>
#include <QVector>
#include <QWidget>

class QCustomPlot;
class QCPBars;
class QEvent;
class QLabel;
class QPushButton;

namespace sevila::widgets {

struct AnswerView {
  QStringList options;
  QVector<double> probabilities;        // the model's keyframes
  QVector<double> whatIfProbabilities;  // the human's keyframes (empty when not asked)
  int answer = -1;
  int whatIfAnswer = -1;
  // Another model version's answer on the same question (before/after a refinement); empty: none.
  QVector<double> compareProbabilities;
  int compareAnswer = -1;
  QString compareName;  // e.g. "before: base model"
  QString modelName;  // the shown run's version, e.g. "after: refined 1" (legend; default "model keyframes")
  int groundTruth = -1;
  QString note;  // e.g. "random tiny model: answers mean nothing"
  // The baselines: offered once there is an answer, shown once computed.
  bool baselinesComputed = false;
  bool baselinesRunning = false;
  int concatAnswer = -1;  // BLIP-2 concat: the Answerer on k uniform frames
  double concatProbability = 0;
  int votingAnswer = -1;  // BLIP-2 voting: majority of the single-frame answers
  int oracle = -1;        // 1 when any single frame answers right, 0 when none, -1 unknown
};

class AnswerPanel : public QWidget {
  Q_OBJECT
public:
  explicit AnswerPanel(QWidget* parent = nullptr);

  void setAnswer(const AnswerView& view);
  void clear();
  const AnswerView& view() const { return m_view; }
  QString answerText() const;
  // Restyles from the current palette. The panel calls it itself on QEvent::PaletteChange and
  // QEvent::StyleChange (QApplication::setPalette / setStyle, as the studio's theme switch does).
  void restyle();
  // The bar chart (for export, e.g. saveChartPng / saveChartSvg).
  QCustomPlot* plot() const { return m_plot; }
  // The plot as a widget (for chart export without the QCustomPlot header).
  QWidget* chart() const;

Q_SIGNALS:
  void baselinesRequested();

protected:
  void changeEvent(QEvent* event) override;

private:
  void rebuild();

  QCustomPlot* m_plot;
  QCPBars* m_modelBars = nullptr;
  QCPBars* m_whatIfBars = nullptr;
  QCPBars* m_compareBars = nullptr;  // another model version's answer
  QLabel* m_answer;
  QLabel* m_note;
  QLabel* m_baselines;
  QPushButton* m_baselinesButton;
  AnswerView m_view;
};

}  // namespace sevila::widgets
