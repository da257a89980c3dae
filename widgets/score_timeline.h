// The score timeline: the Localizer's per-frame yes-score at each sampled frame's time, the model's and
// the human's keyframes, the human's relevant windows (shaded spans), an oracle strip (single-frame answer
// right/wrong), and the playhead. Renders a snapshot and emits intent (seek, toggle a keyframe, draw or
// remove a window); it never runs the model and never changes its own state from a gesture.
#pragma once

#include <QPair>
#include <QVector>
#include <QWidget>

class QCustomPlot;
class QCPBars;
class QCPGraph;
class QCPItemRect;
class QCPItemStraightLine;
class QEvent;
class QLabel;
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
  // The spans the human marked as relevant (QVHighlights-style windows), [start, end] in seconds.
  QVector<QPair<double, double>> windows;
  // Another model version's scores on the same grid (before/after a refinement): drawn dashed under the
  // shown run's curve. Empty: none. The names label the two curves in the legend.
  QVector<double> compareProb, compareLogit;
  QString compareName;  // e.g. "before: base model"
  QString curveName;    // e.g. "after: refined 1" (default: "Localizer score")
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
  // Shift+drag / Shift+click edit relevant windows (windowDrawn, windowRemoveRequested) only when the
  // owner handles them; off by default, and the hint says only what works.
  void setWindowEditing(bool on);
  bool windowEditing() const { return m_windowEditing; }
  // Restyles from the current palette. The widget calls it itself on QEvent::PaletteChange and
  // QEvent::StyleChange (QApplication::setPalette / setStyle, as the studio's theme switch does).
  void restyle();

  QCustomPlot* plot() const { return m_plot; }
  // The plot as a widget (for chart export without the QCustomPlot header).
  QWidget* chart() const;
  int pointCount() const;
  int comparePointCount() const;  // points of the other version's curve (0: none shown)
  int modelMarkCount() const;
  int humanMarkCount() const;
  // The relevant windows drawn (shaded rectangles), one per finite window of the state.
  int windowCount() const;

Q_SIGNALS:
  void seekRequested(double seconds);
  // The user clicked near sampled frame `position` (index in the sampled grid).
  void sampledFrameClicked(int position);
  // Shift+drag drew a span: startSeconds < endSeconds, clamped to [0, duration]. The widget does not
  // add it; the owner updates its state and calls setState.
  void windowDrawn(double startSeconds, double endSeconds);
  // Shift+click (no drag) inside the state's window `index` (the last one listed when they overlap).
  void windowRemoveRequested(int index);

protected:
  void changeEvent(QEvent* event) override;

private:
  void rebuild();
  void rebuildWindows();
  void onPlotClicked(QMouseEvent* event);
  void updateRubberBand(int x);
  void finishSpan(QMouseEvent* event);
  int nearestSample(double seconds) const;
  int windowAt(double seconds) const;

  QCustomPlot* m_plot;
  QCPGraph* m_curve = nullptr;
  QCPGraph* m_compareCurve = nullptr;
  QCPGraph* m_modelMarks = nullptr;
  QCPGraph* m_humanMarks = nullptr;
  QCPGraph* m_rightStrip = nullptr;
  QCPGraph* m_wrongStrip = nullptr;
  void updateHint();

  QLabel* m_hint = nullptr;
  bool m_windowEditing = false;
  QToolButton* m_fitButton = nullptr;
  QCPItemStraightLine* m_playhead = nullptr;
  QCPBars* m_windowLegend = nullptr;  // no data: only names the windows in the legend
  QVector<QCPItemRect*> m_windowItems;
  QCPItemRect* m_rubberBand = nullptr;  // the span being drawn
  TimelineState m_state;
  double m_duration = 0;
  bool m_showLogit = false;
  bool m_fitScores = true;
  QPoint m_pressPos;
  bool m_drawingSpan = false;  // a Shift+press started a span gesture (instead of a pan)
};

}  // namespace sevila::widgets
