// The score timeline: the Localizer's per-frame yes-score at each sampled frame's time, the model's and
// the human's keyframes, an oracle strip (single-frame answer right/wrong), and the playhead.
// Renders a snapshot and emits intent (seek, toggle); it never runs the model.
#pragma once

#include <QVector>
#include <QWidget>

class QCustomPlot;
class QCPGraph;
class QCPItemStraightLine;
class QMouseEvent;
class QToolButton;

namespace sevila::widgets {

struct TimelineState {
  QVector<double> times;        // seconds of each sampled frame
  QVector<int> frameIndices;    // absolute frame index of each sampled frame
  QVector<double> yesProb;      // the probability plotted: P(yes | yes, no), the two-way softmax
  QVector<double> yesLogit;     // raw logit of "yes" (what the reference ranks by)
  QVector<int> modelKeyframes;  // positions in the sampled grid
  QVector<int> humanKeyframes;  // positions in the sampled grid
  QVector<int> frameCorrect;    // per sampled frame: 1 right, 0 wrong, -1 unknown (oracle strip)
};

class ScoreTimeline : public QWidget {
  Q_OBJECT
public:
  explicit ScoreTimeline(QWidget* parent = nullptr);

  void setDuration(double seconds);
  void setState(const TimelineState& state);
  const TimelineState& state() const { return m_state; }
  void clearScores();
  void setPlayhead(double seconds);
  void setShowLogit(bool logit);
  bool showLogit() const { return m_showLogit; }
  // The y-range: fitted to the scores (default; 0.70–0.74 must not look flat) or the whole 0–1.
  void setFitScores(bool fit);
  bool fitScores() const { return m_fitScores; }
  // Shows the whole video again after zooming or panning.
  void resetZoom();
  // Restyles from the current palette (after a theme change).
  void restyle();

  QCustomPlot* plot() const { return m_plot; }
  int pointCount() const;
  int modelMarkCount() const;
  int humanMarkCount() const;

Q_SIGNALS:
  void seekRequested(double seconds);
  // The user clicked near sampled frame `position` (index in the sampled grid).
  void sampledFrameClicked(int position);

private:
  void rebuild();
  void onPlotClicked(QMouseEvent* event);
  int nearestSample(double seconds) const;

  QCustomPlot* m_plot;
  QCPGraph* m_curve = nullptr;
  QCPGraph* m_modelMarks = nullptr;
  QCPGraph* m_humanMarks = nullptr;
  QCPGraph* m_rightStrip = nullptr;
  QCPGraph* m_wrongStrip = nullptr;
  QToolButton* m_fitButton = nullptr;
  QCPItemStraightLine* m_playhead = nullptr;
  TimelineState m_state;
  double m_duration = 0;
  bool m_showLogit = false;
  bool m_fitScores = true;
  QPoint m_pressPos;
};

}  // namespace sevila::widgets
