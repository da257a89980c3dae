#include "widgets/plot_style.h"

#include <QPalette>
#include <qcustomplot.h>

namespace sevila::widgets {

PlotColors plotColors(const QPalette& palette) {
  const bool dark = palette.color(QPalette::Window).lightness() < 128;
  PlotColors c;
  c.background = palette.color(QPalette::Base);
  c.foreground = palette.color(QPalette::Text);
  c.grid = dark ? QColor(80, 80, 80) : QColor(220, 220, 220);
  c.curve = dark ? QColor(100, 170, 255) : QColor(30, 100, 200);
  c.modelKeyframe = dark ? QColor(255, 170, 60) : QColor(220, 120, 0);
  c.humanKeyframe = dark ? QColor(120, 230, 120) : QColor(20, 150, 40);
  c.playhead = dark ? QColor(255, 90, 90) : QColor(200, 30, 30);
  c.right = QColor(60, 170, 80);
  c.wrong = QColor(210, 70, 60);
  return c;
}

void applyPlotStyle(QCustomPlot* plot, const QPalette& palette) {
  const PlotColors c = plotColors(palette);
  plot->setBackground(c.background);
  for (QCPAxis* axis : {plot->xAxis, plot->yAxis}) {
    axis->setBasePen(QPen(c.foreground));
    axis->setTickPen(QPen(c.foreground));
    axis->setSubTickPen(QPen(c.foreground));
    axis->setTickLabelColor(c.foreground);
    axis->setLabelColor(c.foreground);
    axis->grid()->setPen(QPen(c.grid, 1, Qt::DotLine));
  }
  plot->replot();
}

}  // namespace sevila::widgets
