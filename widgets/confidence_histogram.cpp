#include "widgets/confidence_histogram.h"

#include <QEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QToolTip>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

#include "widgets/dataset_summary.h"
#include "widgets/plot_style.h"

namespace sevila::widgets {

namespace {
constexpr double kBarFill = 0.85;  // of a bin's width
}

ConfidenceHistogram::ConfidenceHistogram(QWidget* parent) : QWidget(parent), m_plot(new QCustomPlot(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_plot);
  setMinimumHeight(110);
  m_plot->setObjectName(QStringLiteral("confidenceHistogramPlot"));
  m_plot->setMouseTracking(true);

  // Stacked bottom-up: wrong (what the explorer is for), right, then answers without a ground truth.
  m_wrongBars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
  m_rightBars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
  m_unknownBars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
  m_rightBars->moveAbove(m_wrongBars);
  m_unknownBars->moveAbove(m_rightBars);
  for (QCPBars* bars : {m_wrongBars, m_rightBars, m_unknownBars}) bars->setWidthType(QCPBars::wtPlotCoords);

  m_plot->xAxis->setRange(0, 1);
  QSharedPointer<QCPAxisTickerFixed> counts(new QCPAxisTickerFixed);
  counts->setTickStep(1);
  counts->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);  // whole items only
  counts->setTickCount(3);  // a short plot: a few labels that do not collide
  m_plot->yAxis->setTicker(counts);
  m_plot->legend->setVisible(true);
  QFont small = font();
  small.setPointSizeF(small.pointSizeF() * 0.85);
  m_plot->legend->setFont(small);
  // One line above the axes, so it never hides a bar however short the plot.
  m_plot->plotLayout()->insertRow(0);
  m_plot->plotLayout()->addElement(0, 0, m_plot->legend);
  m_plot->plotLayout()->setRowStretchFactor(0, 0.001);
  m_plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
  m_plot->legend->setMargins(QMargins(4, 0, 4, 0));
  m_plot->legend->setColumnSpacing(12);
  m_plot->legend->setIconSize(10, 10);

  // No pan or zoom: a release near its press is a click on a bar.
  connect(m_plot, &QCustomPlot::mousePress, this, [this](QMouseEvent* e) { m_pressPos = e->pos(); });
  connect(m_plot, &QCustomPlot::mouseRelease, this, [this](QMouseEvent* e) {
    if (e->button() == Qt::LeftButton && (e->pos() - m_pressPos).manhattanLength() <= 4)
      activateBin(binAt(e->pos()));
  });
  connect(m_plot, &QCustomPlot::mouseMove, this, &ConfidenceHistogram::onMouseMove);

  retranslate();
  restyle();
  setCounts({}, {}, {});
}

int ConfidenceHistogram::count(int bin) const {
  if (bin < 0 || bin >= binCount()) return 0;
  return m_right.value(bin) + m_wrong.value(bin) + m_unknown.value(bin);
}

void ConfidenceHistogram::setCounts(const QVector<int>& right, const QVector<int>& wrong,
                                    const QVector<int>& unknown) {
  m_right = right;
  m_wrong = wrong;
  m_unknown = unknown;
  const int bins = int(m_right.size());
  m_wrong.resize(bins);
  m_unknown.resize(bins);
  rebuild();
}

void ConfidenceHistogram::rebuild() {
  const int bins = binCount();
  QVector<double> keys, right, wrong, unknown;
  keys.reserve(bins);
  int highest = 0;
  bool anyUnknown = false;
  for (int i = 0; i < bins; ++i) {
    keys << (confidenceBinLow(i, bins) + confidenceBinHigh(i, bins)) / 2;
    right << m_right[i];
    wrong << m_wrong[i];
    unknown << m_unknown[i];
    highest = std::max(highest, count(i));
    anyUnknown = anyUnknown || m_unknown[i] > 0;
  }
  const double width = bins > 0 ? kBarFill / bins : 0.1;
  m_wrongBars->setWidth(width);
  m_rightBars->setWidth(width);
  m_unknownBars->setWidth(width);
  m_wrongBars->setData(keys, wrong, true);
  m_rightBars->setData(keys, right, true);
  m_unknownBars->setData(keys, unknown, true);
  if (anyUnknown)
    m_unknownBars->addToLegend();
  else
    m_unknownBars->removeFromLegend();
  m_plot->legend->setVisible(highest > 0);
  m_plot->yAxis->setRange(0, std::max(1.0, highest * 1.08));
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

int ConfidenceHistogram::binAt(const QPoint& plotPos) const {
  const int bins = binCount();
  if (bins == 0 || !m_plot->axisRect()->rect().contains(plotPos)) return -1;
  const double x = m_plot->xAxis->pixelToCoord(plotPos.x());
  if (x < 0 || x > 1) return -1;
  const int bin = confidenceBin(x, bins);
  const double centre = (confidenceBinLow(bin, bins) + confidenceBinHigh(bin, bins)) / 2;
  // The whole column of a bar counts (a short bar is hard to hit), the gaps between bars do not.
  return std::abs(x - centre) <= kBarFill / bins / 2 ? bin : -1;
}

QPoint ConfidenceHistogram::barCenter(int bin) const {
  const int bins = binCount();
  if (bin < 0 || bin >= bins) return {};
  const double centre = (confidenceBinLow(bin, bins) + confidenceBinHigh(bin, bins)) / 2;
  return QPoint(qRound(m_plot->xAxis->coordToPixel(centre)),
                qRound(m_plot->yAxis->coordToPixel(count(bin) / 2.0)));
}

void ConfidenceHistogram::activateBin(int bin) {
  if (count(bin) <= 0) return;
  Q_EMIT rangeActivated(confidenceBinLow(bin, binCount()), confidenceBinHigh(bin, binCount()));
}

void ConfidenceHistogram::onMouseMove(QMouseEvent* event) {
  const int bin = binAt(event->pos());
  if (bin < 0) {
    QToolTip::hideText();
    return;
  }
  const QLocale locale;
  const int bins = binCount();
  QString text = tr("confidence %1–%2\n%n wrong", nullptr, m_wrong[bin])
                     .arg(locale.toString(confidenceBinLow(bin, bins), 'g', 3),
                          locale.toString(confidenceBinHigh(bin, bins), 'g', 3));
  text += QLatin1Char('\n') + tr("%n right", nullptr, m_right[bin]);
  if (m_unknown[bin] > 0)
    text += QLatin1Char('\n') + tr("%n without a ground truth", nullptr, m_unknown[bin]);
  if (count(bin) > 0) text += QLatin1Char('\n') + tr("Click: show only these items");
  QToolTip::showText(event->globalPosition().toPoint(), text, m_plot);
}

void ConfidenceHistogram::retranslate() {
  m_wrongBars->setName(tr("wrong"));
  m_rightBars->setName(tr("right"));
  m_unknownBars->setName(tr("no ground truth"));
  m_plot->xAxis->setLabel(tr("confidence of the model's answer"));
  m_plot->yAxis->setLabel(tr("items"));
  setAccessibleName(tr("Confidence histogram"));
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ConfidenceHistogram::restyle() {
  applyPlotStyle(m_plot, palette());
  const PlotColors c = plotColors(palette());
  m_plot->legend->setBrush(c.background);
  m_plot->legend->setBorderPen(Qt::NoPen);
  m_plot->legend->setTextColor(c.foreground);
  m_wrongBars->setPen(Qt::NoPen);
  m_wrongBars->setBrush(c.wrong);
  m_rightBars->setPen(Qt::NoPen);
  m_rightBars->setBrush(c.right);
  m_unknownBars->setPen(Qt::NoPen);
  m_unknownBars->setBrush(c.grid.darker(130));
  m_plot->replot();
}

void ConfidenceHistogram::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  if (event->type() == QEvent::PaletteChange) restyle();
  QWidget::changeEvent(event);
}

}  // namespace sevila::widgets
