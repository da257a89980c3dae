// The answer panel: the Answerer's option probabilities as bars, the chosen answer, the ground truth
// when known, and optionally a second ("what if", human keyframes) answer beside the model's.
#pragma once

#include <QStringList>
#include <QVector>
#include <QWidget>

class QCustomPlot;
class QCPBars;
class QLabel;

namespace sevila::widgets {

struct AnswerView {
  QStringList options;
  QVector<double> probabilities;       // the model's keyframes
  QVector<double> whatIfProbabilities; // the human's keyframes (empty when not asked)
  int answer = -1;
  int whatIfAnswer = -1;
  int groundTruth = -1;
  QString note;                        // e.g. "random tiny model: answers mean nothing"
};

class AnswerPanel : public QWidget {
  Q_OBJECT
public:
  explicit AnswerPanel(QWidget* parent = nullptr);

  void setAnswer(const AnswerView& view);
  void clear();
  const AnswerView& view() const { return m_view; }
  QString answerText() const;
  void restyle();

private:
  void rebuild();

  QCustomPlot* m_plot;
  QCPBars* m_modelBars;
  QCPBars* m_whatIfBars;
  QLabel* m_answer;
  QLabel* m_note;
  AnswerView m_view;
};

}  // namespace sevila::widgets
