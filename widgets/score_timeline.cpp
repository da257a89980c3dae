#include "widgets/score_timeline.h"

#include <QToolTip>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <cmath>

#include "widgets/plot_style.h"

namespace sevila::widgets {
namespace {
constexpr double kStripY = -0.08;  // the oracle strip sits just under the probability range
}

ScoreTimeline::ScoreTimeline(QWidget* parent) : QWidget(parent), m_plot(new QCustomPlot(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_plot);
  setMinimumHeight(140);

  m_plot->xAxis->setLabel(tr("time (s)"));
  m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  m_plot->axisRect()->setRangeDrag(Qt::Horizontal);
  m_plot->axisRect()->setRangeZoom(Qt::Horizontal);
  m_plot->setMouseTracking(true);

  m_curve = m_plot->addGraph();
  m_curve->setName(tr("Localizer score"));
  m_curve->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
  m_modelMarks = m_plot->addGraph();
  m_modelMarks->setName(tr("model keyframes"));
  m_modelMarks->setLineStyle(QCPGraph::lsNone);
  m_modelMarks->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssTriangle, 11));
  m_humanMarks = m_plot->addGraph();
  m_humanMarks->setName(tr("human keyframes"));
  m_humanMarks->setLineStyle(QCPGraph::lsNone);
  m_humanMarks->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, 11));
  m_rightStrip = m_plot->addGraph();
  m_rightStrip->setName(tr("single frame answers right"));
  m_rightStrip->setLineStyle(QCPGraph::lsNone);
  m_rightStrip->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, 7));
  m_wrongStrip = m_plot->addGraph();
  m_wrongStrip->setName(tr("single frame answers wrong"));
  m_wrongStrip->setLineStyle(QCPGraph::lsNone);
  m_wrongStrip->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, 7));

  m_playhead = new QCPItemStraightLine(m_plot);
  m_playhead->point1->setCoords(0, 0);
  m_playhead->point2->setCoords(0, 1);

  // A press starts a pan; only a release that did not move counts as a click (seek or toggle).
  connect(m_plot, &QCustomPlot::mousePress, this, [this](QMouseEvent* e) { m_pressPos = e->pos(); });
  connect(m_plot, &QCustomPlot::mouseRelease, this, [this](QMouseEvent* e) {
    if ((e->pos() - m_pressPos).manhattanLength() <= 4) onPlotClicked(e);
  });
  connect(m_plot, &QCustomPlot::mouseMove, this, [this](QMouseEvent* e) {
    const double t = m_plot->xAxis->pixelToCoord(e->pos().x());
    const int i = nearestSample(t);
    if (i < 0) return;
    const double score = m_showLogit ? m_state.yesLogit.value(i) : m_state.yesProb.value(i);
    QToolTip::showText(e->globalPosition().toPoint(),
                       tr("frame %1 (sample %2)\n%3 s\n%4 %5")
                           .arg(m_state.frameIndices.value(i))
                           .arg(i + 1)
                           .arg(m_state.times.value(i), 0, 'f', 3)
                           .arg(m_showLogit ? tr("yes-logit") : tr("P(yes | yes, no)"))
                           .arg(score, 0, 'f', 4),
                       m_plot);
  });
  restyle();
  rebuild();
}

void ScoreTimeline::setDuration(double seconds) {
  m_duration = std::max(0.0, seconds);
  m_plot->xAxis->setRange(0, m_duration > 0 ? m_duration : 1);
  m_plot->replot();
}

void ScoreTimeline::setState(const TimelineState& state) {
  m_state = state;
  rebuild();
}

void ScoreTimeline::clearScores() {
  m_state = TimelineState{};
  rebuild();
}

void ScoreTimeline::setShowLogit(bool logit) {
  if (m_showLogit == logit) return;
  m_showLogit = logit;
  rebuild();
}

void ScoreTimeline::setPlayhead(double seconds) {
  m_playhead->point1->setCoords(seconds, 0);
  m_playhead->point2->setCoords(seconds, 1);
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ScoreTimeline::restyle() {
  applyPlotStyle(m_plot, palette());
  const PlotColors c = plotColors(palette());
  m_curve->setPen(QPen(c.curve, 2));
  m_modelMarks->setPen(QPen(c.modelKeyframe, 2));
  m_modelMarks->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssTriangle, c.modelKeyframe, c.modelKeyframe, 11));
  m_humanMarks->setPen(QPen(c.humanKeyframe, 2));
  m_humanMarks->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, c.humanKeyframe, c.humanKeyframe, 11));
  m_rightStrip->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, c.right, c.right, 7));
  m_wrongStrip->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, c.wrong, c.wrong, 7));
  m_playhead->setPen(QPen(c.playhead, 1.5));
  m_plot->replot();
}

void ScoreTimeline::rebuild() {
  const auto& scores = m_showLogit ? m_state.yesLogit : m_state.yesProb;
  m_plot->yAxis->setLabel(m_showLogit ? tr("yes-logit") : tr("P(yes | yes, no)"));
  m_curve->setData(m_state.times, scores, true);

  double low = 0, high = 1;
  if (m_showLogit && !scores.isEmpty()) {
    low = *std::min_element(scores.begin(), scores.end());
    high = *std::max_element(scores.begin(), scores.end());
    const double pad = std::max(0.1, (high - low) * 0.1);
    low -= pad;
    high += pad;
  }
  const double stripY = m_showLogit ? low - (high - low) * 0.06 : kStripY;
  auto marks = [&](const QVector<int>& positions, QCPGraph* graph) {
    QVector<double> x, y;
    for (int p : positions) {
      if (p < 0 || p >= m_state.times.size() || p >= scores.size()) continue;
      x << m_state.times[p];
      y << scores[p];
    }
    graph->setData(x, y);
  };
  marks(m_state.modelKeyframes, m_modelMarks);
  marks(m_state.humanKeyframes, m_humanMarks);
  QVector<double> rx, ry, wx, wy;
  for (int i = 0; i < m_state.frameCorrect.size() && i < m_state.times.size(); ++i) {
    if (m_state.frameCorrect[i] == 1) rx << m_state.times[i], ry << stripY;
    if (m_state.frameCorrect[i] == 0) wx << m_state.times[i], wy << stripY;
  }
  m_rightStrip->setData(rx, ry);
  m_wrongStrip->setData(wx, wy);
  m_plot->yAxis->setRange(m_state.frameCorrect.isEmpty() ? low : stripY - 0.04 * (high - low), high + 0.02);
  m_plot->replot();
}

int ScoreTimeline::pointCount() const { return m_curve->dataCount(); }
int ScoreTimeline::modelMarkCount() const { return m_modelMarks->dataCount(); }
int ScoreTimeline::humanMarkCount() const { return m_humanMarks->dataCount(); }

int ScoreTimeline::nearestSample(double seconds) const {
  int best = -1;
  double bestDistance = 0;
  for (int i = 0; i < m_state.times.size(); ++i) {
    const double d = std::fabs(m_state.times[i] - seconds);
    if (best < 0 || d < bestDistance) best = i, bestDistance = d;
  }
  // Only "near" when within 2 % of the visible range.
  const double span = m_plot->xAxis->range().size();
  return (best >= 0 && bestDistance <= 0.02 * span) ? best : -1;
}

void ScoreTimeline::onPlotClicked(QMouseEvent* event) {
  if (event->button() != Qt::LeftButton) return;
  const double t = m_plot->xAxis->pixelToCoord(event->pos().x());
  const int sample = nearestSample(t);
  if (sample >= 0 && (event->modifiers() & Qt::ControlModifier)) {
    Q_EMIT sampledFrameClicked(sample);
    return;
  }
  Q_EMIT seekRequested(std::max(0.0, sample >= 0 ? m_state.times[sample] : t));
}

}  // namespace sevila::widgets
