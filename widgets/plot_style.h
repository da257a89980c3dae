// Colours and fonts shared by the plots so that they follow the application's palette (light/dark).
#pragma once

#include <QColor>

class QCustomPlot;
class QPalette;

namespace sevila::widgets {

struct PlotColors {
  QColor background, foreground, grid, frame, curve, modelKeyframe, humanKeyframe, humanWindow, playhead,
      right, wrong;
};

// The plot colours for `palette`: background and text from the palette (Base and Text; Window and
// WindowText when Base or Text do not match the palette's darkness), the marks in tones that read on it.
PlotColors plotColors(const QPalette& palette);
// Restyles everything of `plot` that is not data from the palette: background, axes (lines, ticks, tick
// labels, labels), grid, and the legend's box and text. Call it again after a theme change.
void applyPlotStyle(QCustomPlot* plot, const QPalette& palette);

}  // namespace sevila::widgets
