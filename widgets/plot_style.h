// Colours and fonts shared by the plots so that they follow the application's palette (light/dark).
#pragma once

#include <QColor>

class QCustomPlot;
class QPalette;

namespace sevila::widgets {

struct PlotColors {
  QColor background, foreground, grid, curve, modelKeyframe, humanKeyframe, playhead, right, wrong;
};

PlotColors plotColors(const QPalette& palette);
// Restyles axes, grid and background of `plot` from the palette.
void applyPlotStyle(QCustomPlot* plot, const QPalette& palette);

}  // namespace sevila::widgets
