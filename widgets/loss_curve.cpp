#include "widgets/loss_curve.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QToolButton>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

#include "widgets/plot_style.h"

namespace sevila::widgets {
namespace {
constexpr double kMargin = 0.08;  // of the loss range, above and below, so the line never touches the frame
}

LossCurve::LossCurve(QWidget* parent) : QWidget(parent), m_plot(new QCustomPlot(this)) {
  setObjectName(QStringLiteral("lossCurve"));
  m_plot->setObjectName(QStringLiteral("lossChart"));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  // A thin bar over the plot: the latest numbers, and the scale toggle.
  auto* bar = new QHBoxLayout;
  bar->setContentsMargins(4, 2, 4, 0);
  m_readout = new QLabel(this);
  m_readout->setObjectName(QStringLiteral("lossReadout"));
  m_readout->setTextFormat(Qt::PlainText);
  bar->addWidget(m_readout, 1);
  m_logButton = new QToolButton(this);
  m_logButton->setObjectName(QStringLiteral("lossLogScale"));
  m_logButton->setCheckable(true);
  connect(m_logButton, &QToolButton::toggled, this, &LossCurve::setLogScale);
  bar->addWidget(m_logButton);
  layout->addLayout(bar);
  layout->addWidget(m_plot, 1);
  setMinimumHeight(150);

  m_raw = m_plot->addGraph();
  m_smooth = m_plot->addGraph();  // drawn over the raw line
  m_plot->legend->setVisible(true);
  QFont small = font();
  small.setPointSizeF(small.pointSizeF() * 0.9);
  m_plot->legend->setFont(small);
  m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);

  m_empty = new QCPItemText(m_plot);
  m_empty->position->setType(QCPItemPosition::ptAxisRectRatio);
  m_empty->position->setCoords(0.5, 0.5);
  m_empty->setSelectable(false);

  retranslate();
  restyle();
  clear();
}

void LossCurve::clear(qint64 totalSteps) {
  m_totalSteps = std::max<qint64>(0, totalSteps);
  m_raw->data()->clear();
  m_smooth->data()->clear();
  m_smoothed = std::numeric_limits<double>::quiet_NaN();
  rescale();
  updateReadout();
}

void LossCurve::addLoss(qint64 step, double loss) {
  if (!std::isfinite(loss)) return;
  m_smoothed = std::isnan(m_smoothed) ? loss : m_weight * m_smoothed + (1 - m_weight) * loss;
  m_raw->addData(double(step), loss);
  m_smooth->addData(double(step), m_smoothed);
  rescale();
  updateReadout();
}

int LossCurve::pointCount() const {
  return m_raw->data()->size();
}

void LossCurve::setSmoothing(double weight) {
  m_weight = std::clamp(weight, 0.0, 0.999);
  m_smooth->data()->clear();
  m_smoothed = std::numeric_limits<double>::quiet_NaN();
  for (const QCPGraphData& p : *m_raw->data()) {
    m_smoothed = std::isnan(m_smoothed) ? p.value : m_weight * m_smoothed + (1 - m_weight) * p.value;
    m_smooth->addData(p.key, m_smoothed);
  }
  rescale();
  updateReadout();
}

void LossCurve::setLogScale(bool on) {
  if (m_logButton->isChecked() != on) m_logButton->setChecked(on);  // comes back here through toggled
  const bool log = m_plot->yAxis->scaleType() == QCPAxis::stLogarithmic;
  if (log == on) return;
  m_plot->yAxis->setScaleType(on ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
  if (on)
    m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTickerLog));
  else
    m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
  rescale();
}

bool LossCurve::logScale() const {
  return m_plot->yAxis->scaleType() == QCPAxis::stLogarithmic;
}

void LossCurve::rescale() {
  const bool empty = m_raw->data()->isEmpty();
  m_empty->setVisible(empty);
  m_plot->legend->setVisible(!empty);  // names nothing before the first point
  if (m_totalSteps > 0) {
    m_plot->xAxis->setRange(0, double(m_totalSteps));
  } else if (!empty) {
    const double first = m_raw->data()->constBegin()->key, last = (m_raw->data()->constEnd() - 1)->key;
    m_plot->xAxis->setRange(first, std::max(last, first + 1));
  } else {
    m_plot->xAxis->setRange(0, 1);
  }
  // The moving average lies between the raw losses, so their range is the whole plot's.
  bool found = false;
  const bool log = logScale();
  const QCPRange range = m_raw->getValueRange(found, log ? QCP::sdPositive : QCP::sdBoth);
  if (!found) {
    m_plot->yAxis->setRange(log ? QCPRange(0.1, 1) : QCPRange(0, 1));
  } else if (log) {
    const double factor = std::pow(std::max(range.upper / range.lower, 1.5), kMargin);
    m_plot->yAxis->setRange(range.lower / factor, range.upper * factor);
  } else {
    const double span = range.size() > 0 ? range.size() : std::max(std::abs(range.center()) * 0.1, 0.05);
    m_plot->yAxis->setRange(range.lower - kMargin * span, range.upper + kMargin * span);
  }
  // Training calls addLoss once per step: a queued replot draws a burst of them once.
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void LossCurve::updateReadout() {
  if (m_raw->data()->isEmpty()) {
    m_readout->clear();
    return;
  }
  const QLocale locale;
  const QCPGraphData& last = *(m_raw->data()->constEnd() - 1);
  m_readout->setText(tr("Step %1: loss %2, moving average %3")
                         .arg(locale.toString(qint64(last.key)), locale.toString(last.value, 'f', 4),
                              locale.toString(m_smoothed, 'f', 4)));
}

void LossCurve::retranslate() {
  m_raw->setName(tr("loss per step"));
  m_smooth->setName(tr("moving average"));
  m_plot->xAxis->setLabel(tr("step"));
  m_plot->yAxis->setLabel(tr("loss"));
  m_empty->setText(tr("The loss appears here once training starts"));
  m_logButton->setText(tr("Log scale"));
  m_logButton->setToolTip(tr("Show the loss on a logarithmic axis, so late small changes stay visible"));
  setAccessibleName(tr("Training loss"));
  updateReadout();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void LossCurve::restyle() {
  applyPlotStyle(m_plot, palette());
  const PlotColors c = plotColors(palette());
  QColor faint = c.curve;
  faint.setAlpha(90);
  m_raw->setPen(QPen(faint, 1));
  m_smooth->setPen(QPen(c.curve, 2.2));
  m_empty->setColor(c.frame);
  m_plot->replot();
}

void LossCurve::changeEvent(QEvent* event) {
  QWidget::changeEvent(event);
  if (event->type() == QEvent::LanguageChange) retranslate();
  // The theme switch sets the application's palette (and style): every widget gets these events.
  if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange) restyle();
}

}  // namespace sevila::widgets
