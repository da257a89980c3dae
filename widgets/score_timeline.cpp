#include "widgets/score_timeline.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

#include "widgets/plot_style.h"

namespace sevila::widgets {
namespace {
constexpr double kStripY = -0.08;  // the oracle strip sits just under the probability range
constexpr int kClickSlop = 4;      // a press and release this close (Manhattan, px) are a click
constexpr int kMinSpanPixels = 4;  // a Shift+drag must be wider than this to draw a window
const char* const kWindowsLayer = "windows";

// A rectangle across the axis rect's whole height between two times.
void placeSpan(QCPItemRect* rect, double start, double end) {
  rect->topLeft->setCoords(start, 0);
  rect->bottomRight->setCoords(end, 1);
}
QCPItemRect* newSpan(QCustomPlot* plot, const QString& layer) {
  auto* rect = new QCPItemRect(plot);
  rect->setLayer(layer);
  rect->setSelectable(false);
  rect->setClipToAxisRect(true);
  for (QCPItemPosition* p : {rect->topLeft, rect->bottomRight}) {
    p->setTypeX(QCPItemPosition::ptPlotCoords);
    p->setTypeY(QCPItemPosition::ptAxisRectRatio);
  }
  return rect;
}
// The outline of a window: the human's colour, half see-through.
QPen windowEdge(const PlotColors& c) {
  QColor edge = c.humanKeyframe;
  edge.setAlpha(150);
  return QPen(edge);
}
}  // namespace

ScoreTimeline::ScoreTimeline(QWidget* parent) : QWidget(parent), m_plot(new QCustomPlot(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  // A thin bar over the plot: how to use it, and the two view controls.
  auto* bar = new QHBoxLayout;
  bar->setContentsMargins(4, 2, 4, 0);
  auto* hint = new QLabel(this);
  m_hint = hint;
  hint->setObjectName("timelineHint");
  updateHint();
  hint->setEnabled(false);  // drawn muted
  hint->setWordWrap(true);
  bar->addWidget(hint, 1);
  m_fitButton = new QToolButton(this);
  m_fitButton->setObjectName("timelineFit");
  m_fitButton->setText(tr("Fit scores"));
  m_fitButton->setToolTip(tr("Fit the y-axis to the scores, or show the whole 0–1 range"));
  m_fitButton->setCheckable(true);
  m_fitButton->setChecked(m_fitScores);
  connect(m_fitButton, &QToolButton::toggled, this, &ScoreTimeline::setFitScores);
  bar->addWidget(m_fitButton);
  auto* reset = new QToolButton(this);
  reset->setObjectName("timelineResetZoom");
  reset->setText(tr("Whole video"));
  reset->setToolTip(tr("Reset the zoom: show the whole video"));
  connect(reset, &QToolButton::clicked, this, &ScoreTimeline::resetZoom);
  bar->addWidget(reset);
  layout->addLayout(bar);
  layout->addWidget(m_plot, 1);
  setMinimumHeight(140);
  // Clicking the plot gives it the keyboard, so Space and M act on the video at once.
  m_plot->setFocusPolicy(Qt::ClickFocus);

  m_plot->xAxis->setLabel(tr("time (s)"));
  m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  m_plot->axisRect()->setRangeDrag(Qt::Horizontal);
  m_plot->axisRect()->setRangeZoom(Qt::Horizontal);
  m_plot->setMouseTracking(true);

  // The relevant windows lie under the curve and the marks, over the grid.
  m_plot->addLayer(kWindowsLayer, m_plot->layer("main"), QCustomPlot::limBelow);

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
  // Items cannot be in the legend: empty bars (a shaded box icon) name the windows there.
  m_windowLegend = new QCPBars(m_plot->xAxis, m_plot->yAxis);
  m_windowLegend->setName(tr("relevant windows"));

  // Last, so the graphs' indices stay put; dashed and translucent, so the shown curve stays readable.
  m_compareCurve = m_plot->addGraph();
  m_compareCurve->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 4));
  // The legend names every mark; graphs without data leave it (see rebuild()).
  m_plot->legend->setVisible(true);
  m_plot->legend->setFont(font());
  m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);

  m_playhead = new QCPItemStraightLine(m_plot);
  m_playhead->point1->setCoords(0, 0);
  m_playhead->point2->setCoords(0, 1);

  // The span a Shift+drag is drawing; on the buffered overlay layer, so following the mouse is cheap.
  m_rubberBand = newSpan(m_plot, QStringLiteral("overlay"));
  m_rubberBand->setObjectName("timelineRubberBand");
  m_rubberBand->setVisible(false);

  // A press starts a pan, or with Shift a span; only a release that did not move counts as a click
  // (seek or toggle; with Shift, remove the window under it). QCustomPlot emits these signals before it
  // hands the event to the axis rect, so switching the range drag off here stops the pan.
  connect(m_plot, &QCustomPlot::mousePress, this, [this](QMouseEvent* e) {
    m_pressPos = e->pos();
    m_drawingSpan = m_windowEditing && e->button() == Qt::LeftButton && (e->modifiers() & Qt::ShiftModifier);
    if (m_drawingSpan) {
      m_plot->setInteraction(QCP::iRangeDrag, false);
      QToolTip::hideText();
    }
  });
  connect(m_plot, &QCustomPlot::mouseRelease, this, [this](QMouseEvent* e) {
    if (m_drawingSpan && e->button() == Qt::LeftButton)
      finishSpan(e);
    else if (!m_drawingSpan && (e->pos() - m_pressPos).manhattanLength() <= kClickSlop)
      onPlotClicked(e);
  });
  connect(m_plot, &QCustomPlot::mouseMove, this, [this](QMouseEvent* e) {
    if (m_drawingSpan) {
      updateRubberBand(e->pos().x());
      return;
    }
    const double t = m_plot->xAxis->pixelToCoord(e->pos().x());
    const int i = nearestSample(t);
    if (i < 0) return;
    const double score = m_showLogit ? m_state.yesLogit.value(i) : m_state.yesProb.value(i);
    QToolTip::showText(
        e->globalPosition().toPoint(),
        tr("frame %1 (sample %2)\n%3 s\n%4 %5\nclick: seek · Ctrl+click: toggle human keyframe")
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

void ScoreTimeline::changeEvent(QEvent* event) {
  QWidget::changeEvent(event);
  // The theme switch sets the application's palette (and style): every widget gets these events.
  if ((event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange) && m_rubberBand)
    restyle();
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

void ScoreTimeline::setFitScores(bool fit) {
  if (m_fitScores == fit) return;
  m_fitScores = fit;
  m_fitButton->setChecked(fit);
  rebuild();
}

void ScoreTimeline::resetZoom() {
  const double end = m_duration > 0 ? m_duration : (m_state.times.isEmpty() ? 1 : m_state.times.last());
  m_plot->xAxis->setRange(0, end > 0 ? end : 1);
  m_plot->replot();
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
  QColor before = c.curve;
  before.setAlphaF(0.55);
  m_compareCurve->setPen(QPen(before, 1.6, Qt::DashLine));
  m_modelMarks->setPen(QPen(c.modelKeyframe, 2));
  m_modelMarks->setScatterStyle(
      QCPScatterStyle(QCPScatterStyle::ssTriangle, c.modelKeyframe, c.modelKeyframe, 11));
  m_humanMarks->setPen(QPen(c.humanKeyframe, 2));
  m_humanMarks->setScatterStyle(
      QCPScatterStyle(QCPScatterStyle::ssDiamond, c.humanKeyframe, c.humanKeyframe, 11));
  m_rightStrip->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, c.right, c.right, 7));
  m_wrongStrip->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, c.wrong, c.wrong, 7));
  m_playhead->setPen(QPen(c.playhead, 1.5));
  m_windowLegend->setPen(windowEdge(c));
  m_windowLegend->setBrush(c.humanWindow);
  for (QCPItemRect* rect : m_windowItems) {
    rect->setPen(windowEdge(c));
    rect->setBrush(c.humanWindow);
  }
  m_rubberBand->setPen(QPen(c.humanKeyframe, 1, Qt::DashLine));
  m_rubberBand->setBrush(c.humanWindow);
  m_plot->replot();
}

void ScoreTimeline::rebuildWindows() {
  for (QCPItemRect* rect : m_windowItems) m_plot->removeItem(rect);
  m_windowItems.clear();
  const PlotColors c = plotColors(palette());
  for (const auto& [a, b] : m_state.windows) {
    if (!std::isfinite(a) || !std::isfinite(b)) continue;
    QCPItemRect* rect = newSpan(m_plot, kWindowsLayer);
    placeSpan(rect, std::min(a, b), std::max(a, b));
    rect->setPen(windowEdge(c));
    rect->setBrush(c.humanWindow);
    m_windowItems << rect;
  }
  if (m_windowItems.isEmpty())
    m_windowLegend->removeFromLegend();
  else
    m_windowLegend->addToLegend();
}

void ScoreTimeline::rebuild() {
  const auto& scores = m_showLogit ? m_state.yesLogit : m_state.yesProb;
  m_plot->yAxis->setLabel(m_showLogit ? tr("yes-logit") : tr("P(yes | yes, no)"));
  m_curve->setData(m_state.times, scores, true);
  m_curve->setName(m_state.curveName.isEmpty() ? tr("Localizer score") : m_state.curveName);
  const auto& compare = m_showLogit ? m_state.compareLogit : m_state.compareProb;
  const bool comparing = !compare.isEmpty() && compare.size() == m_state.times.size();
  m_compareCurve->setData(comparing ? m_state.times : QVector<double>(),
                          comparing ? compare : QVector<double>(), true);
  m_compareCurve->setName(m_state.compareName);

  // Logits always fit their data; probabilities fit too unless the user asks for 0–1.
  double low = 0, high = 1;
  if ((m_showLogit || m_fitScores) && !scores.isEmpty()) {
    low = *std::min_element(scores.begin(), scores.end());
    high = *std::max_element(scores.begin(), scores.end());
    if (comparing) {
      low = std::min(low, *std::min_element(compare.begin(), compare.end()));
      high = std::max(high, *std::max_element(compare.begin(), compare.end()));
    }
    const double pad = std::max(m_showLogit ? 0.1 : 0.005, (high - low) * 0.1);
    low -= pad;
    high += pad;
    if (!m_showLogit) low = std::max(-0.02, low), high = std::min(1.02, high);
  }
  const double stripY = (m_showLogit || m_fitScores) ? low - (high - low) * 0.06 : kStripY;
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
  m_plot->yAxis->setRange(m_state.frameCorrect.isEmpty() ? low : stripY - 0.04 * (high - low),
                          high + 0.02 * (high - low));
  for (QCPGraph* g : {m_compareCurve, m_curve, m_modelMarks, m_humanMarks, m_rightStrip, m_wrongStrip}) {
    if (g->dataCount() > 0)
      g->addToLegend();
    else
      g->removeFromLegend();
  }
  rebuildWindows();
  m_plot->legend->setVisible(m_plot->legend->itemCount() > 0);
  m_plot->replot();
}

int ScoreTimeline::pointCount() const {
  return m_curve->dataCount();
}
int ScoreTimeline::comparePointCount() const {
  return m_compareCurve->dataCount();
}
int ScoreTimeline::modelMarkCount() const {
  return m_modelMarks->dataCount();
}
int ScoreTimeline::humanMarkCount() const {
  return m_humanMarks->dataCount();
}

int ScoreTimeline::windowCount() const {
  return int(m_windowItems.size());
}

int ScoreTimeline::windowAt(double seconds) const {
  for (int i = int(m_state.windows.size()) - 1; i >= 0; --i) {
    const auto& [a, b] = m_state.windows[i];
    if (seconds >= std::min(a, b) && seconds <= std::max(a, b)) return i;
  }
  return -1;
}

void ScoreTimeline::updateRubberBand(int x) {
  const double a = m_plot->xAxis->pixelToCoord(m_pressPos.x());
  const double b = m_plot->xAxis->pixelToCoord(x);
  placeSpan(m_rubberBand, std::min(a, b), std::max(a, b));
  m_rubberBand->setVisible(true);
  m_rubberBand->layer()->replot();
}

void ScoreTimeline::finishSpan(QMouseEvent* event) {
  m_drawingSpan = false;
  m_plot->setInteraction(QCP::iRangeDrag, true);
  m_rubberBand->setVisible(false);
  m_rubberBand->layer()->replot();
  if ((event->pos() - m_pressPos).manhattanLength() <= kClickSlop) {
    // Shift+click: remove the window under the mouse, if any (never a seek).
    const int index = windowAt(m_plot->xAxis->pixelToCoord(m_pressPos.x()));
    if (index >= 0) Q_EMIT windowRemoveRequested(index);
    return;
  }
  double start = m_plot->xAxis->pixelToCoord(m_pressPos.x());
  double end = m_plot->xAxis->pixelToCoord(event->pos().x());
  if (start > end) std::swap(start, end);
  start = std::max(0.0, start);
  if (m_duration > 0) end = std::min(m_duration, end);
  if (end <= start) return;  // wholly outside the video
  if (std::fabs(m_plot->xAxis->coordToPixel(end) - m_plot->xAxis->coordToPixel(start)) <= kMinSpanPixels)
    return;  // too narrow to be meant
  Q_EMIT windowDrawn(start, end);
}

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

void ScoreTimeline::setWindowEditing(bool on) {
  m_windowEditing = on;
  updateHint();
}

void ScoreTimeline::updateHint() {
  m_hint->setText(m_windowEditing
                      ? tr("Click: seek · Ctrl+click: toggle a human keyframe · wheel: zoom · drag: pan · "
                           "Shift+drag: mark a relevant span · Shift+click a span: remove it")
                      : tr("Click: seek · Ctrl+click: toggle a human keyframe · wheel: zoom · drag: pan"));
}

QWidget* ScoreTimeline::chart() const {
  return m_plot;
}

}  // namespace sevila::widgets
