#include "widgets/plot_style.h"

#include <QPalette>
#include <qcustomplot.h>

namespace sevila::widgets {
namespace {
bool isDark(const QColor& c) {
  return c.lightness() < 128;
}
// `from` moved a fraction `t` of the way to `to`.
QColor blend(const QColor& from, const QColor& to, double t) {
  return QColor::fromRgbF(float(from.redF() + (to.redF() - from.redF()) * t),
                          float(from.greenF() + (to.greenF() - from.greenF()) * t),
                          float(from.blueF() + (to.blueF() - from.blueF()) * t));
}
}  // namespace

PlotColors plotColors(const QPalette& palette) {
  const bool dark = isDark(palette.color(QPalette::Window));
  PlotColors c;
  // A palette that sets only Window and Text (or a style that leaves Base white) must not give a white
  // plot in a dark window, nor dark text on a dark plot.
  c.background = palette.color(QPalette::Base);
  if (isDark(c.background) != dark) c.background = palette.color(QPalette::Window);
  c.foreground = palette.color(QPalette::Text);
  if (isDark(c.foreground) == isDark(c.background)) c.foreground = palette.color(QPalette::WindowText);
  if (isDark(c.foreground) == isDark(c.background))
    c.foreground = dark ? QColor(Qt::white) : QColor(Qt::black);
  c.grid = blend(c.background, c.foreground, 0.2);
  c.frame = blend(c.background, c.foreground, 0.45);
  c.curve = dark ? QColor(100, 170, 255) : QColor(30, 100, 200);
  c.modelKeyframe = dark ? QColor(255, 170, 60) : QColor(220, 120, 0);
  c.humanKeyframe = dark ? QColor(120, 230, 120) : QColor(20, 150, 40);
  c.humanWindow = c.humanKeyframe;
  c.humanWindow.setAlpha(dark ? 60 : 45);
  c.playhead = dark ? QColor(255, 90, 90) : QColor(200, 30, 30);
  c.right = QColor(60, 170, 80);
  c.wrong = QColor(210, 70, 60);
  return c;
}

void applyPlotStyle(QCustomPlot* plot, const QPalette& palette) {
  const PlotColors c = plotColors(palette);
  plot->setBackground(c.background);
  plot->axisRect()->setBackground(c.background);
  for (QCPAxis* axis : plot->axisRect()->axes()) {
    axis->setBasePen(QPen(c.foreground));
    axis->setTickPen(QPen(c.foreground));
    axis->setSubTickPen(QPen(c.foreground));
    axis->setTickLabelColor(c.foreground);
    axis->setLabelColor(c.foreground);
    axis->setSelectedTickLabelColor(c.foreground);
    axis->setSelectedLabelColor(c.foreground);
    axis->grid()->setPen(QPen(c.grid, 1, Qt::DotLine));
    axis->grid()->setSubGridPen(QPen(c.grid, 1, Qt::DotLine));
    axis->grid()->setZeroLinePen(QPen(c.grid, 1, Qt::SolidLine));
  }
  // The legend's box and text; setTextColor recolours the entries already there, and new entries take it.
  plot->legend->setBrush(c.background);
  plot->legend->setBorderPen(QPen(c.frame));
  plot->legend->setTextColor(c.foreground);
  plot->legend->setSelectedTextColor(c.foreground);
  plot->replot();
}

}  // namespace sevila::widgets
