// The live loss of a training run: every step's loss as a faint line and its exponential moving average
// as a solid one (a single step's loss is noisy; the trend is what tells whether training works), x = step,
// y = loss. The y-axis fits the points; a toggle shows it logarithmic. It only draws the points it is
// given (the refinement dialog feeds it from the trainer's progress).
#pragma once

#include <QWidget>
#include <limits>

class QCustomPlot;
class QCPGraph;
class QCPItemText;
class QEvent;
class QLabel;
class QToolButton;

namespace sevila::widgets {

class LossCurve : public QWidget {
  Q_OBJECT
public:
  explicit LossCurve(QWidget* parent = nullptr);

  // Removes every point. `totalSteps` > 0 fixes the x-axis to [0, totalSteps], so the curve's length shows
  // how far the run is; 0 lets the x-axis follow the points.
  void clear(qint64 totalSteps = 0);
  // Appends one step's loss; steps arrive in increasing order. A non-finite loss is not drawn (the trainer
  // stops the run on it and says so) and leaves the average as it was.
  void addLoss(qint64 step, double loss);
  int pointCount() const;
  // The moving average after the last point: avg = w·avg + (1 − w)·loss, starting at the first loss
  // (no pull towards 0 at the start). NaN before any point.
  double smoothedLoss() const { return m_smoothed; }
  // w in [0, 1): 0 follows every step, 0.9 (the default) averages over about the last 10 steps. Changing it
  // recomputes the smoothed line from the raw points.
  void setSmoothing(double weight);
  double smoothing() const { return m_weight; }
  void setLogScale(bool on);
  bool logScale() const;

  QCustomPlot* plot() const { return m_plot; }
  QCPGraph* rawGraph() const { return m_raw; }
  QCPGraph* smoothedGraph() const { return m_smooth; }
  // Restyles from the current palette (also done on a palette or style change).
  void restyle();

protected:
  void changeEvent(QEvent* event) override;

private:
  void retranslate();
  void rescale();
  void updateReadout();

  QCustomPlot* m_plot;
  QCPGraph* m_raw;
  QCPGraph* m_smooth;
  QCPItemText* m_empty;
  QLabel* m_readout;
  QToolButton* m_logButton;
  qint64 m_totalSteps = 0;
  double m_weight = 0.9;
  double m_smoothed = std::numeric_limits<double>::quiet_NaN();
};

}  // namespace sevila::widgets
