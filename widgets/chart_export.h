// Chart export: writes a plot (or any widget) to a PNG or SVG file, for figures and reports.
// A QCustomPlot is drawn by its own painter: sharp at any PNG scale, and vector in SVG.
// Other widgets fall back to QWidget::render. Files are written atomically (QSaveFile).
#pragma once

#include <QString>

class QWidget;

namespace sevila::widgets {

// Writes `chart` at its current size times `scale` (>= 1; 2 for hi-dpi figures) as a PNG.
// On failure returns false and, if `error` is given, a message that names the file.
bool saveChartPng(QWidget* chart, const QString& path, QString* error, int scale = 2);
// Writes `chart` at its current size as an SVG (text stays text, lines stay lines for a QCustomPlot).
// On failure returns false and, if `error` is given, a message that names the file.
bool saveChartSvg(QWidget* chart, const QString& path, QString* error);

}  // namespace sevila::widgets
