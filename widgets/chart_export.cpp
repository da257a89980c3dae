#include "widgets/chart_export.h"

#include <QCoreApplication>
#include <QDir>
#include <QImage>
#include <QImageWriter>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QWidget>
#include <qcustomplot.h>

namespace sevila::widgets {
namespace {
bool fail(QString* error, const QString& message) {
  if (error) *error = message;
  return false;
}

QString cannotWrite(const QString& path, const QString& reason) {
  return QCoreApplication::translate("ChartExport", "Cannot write the chart to %1: %2")
      .arg(QDir::toNativeSeparators(path), reason);
}

// Checks the chart and opens the file for writing; on failure fills `error`.
bool begin(QWidget* chart, const QString& path, QSaveFile& file, QString* error) {
  if (!chart)
    return fail(error, cannotWrite(path, QCoreApplication::translate("ChartExport", "there is no chart")));
  if (chart->width() <= 0 || chart->height() <= 0)
    return fail(error,
                cannotWrite(path, QCoreApplication::translate("ChartExport", "the chart has no size")));
  if (path.isEmpty())
    return fail(error,
                QCoreApplication::translate("ChartExport", "Cannot write the chart: no file name given"));
  if (!file.open(QIODevice::WriteOnly)) return fail(error, cannotWrite(path, file.errorString()));
  return true;
}

bool commit(QSaveFile& file, const QString& path, QString* error) {
  if (!file.commit()) return fail(error, cannotWrite(path, file.errorString()));
  return true;
}
}  // namespace

bool saveChartPng(QWidget* chart, const QString& path, QString* error, int scale) {
  if (scale < 1)
    return fail(
        error, cannotWrite(path, QCoreApplication::translate("ChartExport", "the scale must be at least 1")));
  QSaveFile file(path);
  if (!begin(chart, path, file, error)) return false;
  QImage image;
  if (auto* plot = qobject_cast<QCustomPlot*>(chart)) {
    // The plot redraws itself at the scale (vector, not an upscaled screen grab).
    image = plot->toPixmap(0, 0, scale).toImage();
  } else {
    image = QImage(chart->size() * scale, QImage::Format_ARGB32_Premultiplied);
    image.fill(chart->palette().color(QPalette::Window));
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.scale(scale, scale);
    chart->render(&painter);
  }
  if (image.isNull()) {
    file.cancelWriting();
    return fail(
        error, cannotWrite(path, QCoreApplication::translate("ChartExport", "the chart could not be drawn")));
  }
  QImageWriter writer(&file, "png");
  if (!writer.write(image)) {
    file.cancelWriting();
    return fail(error, cannotWrite(path, writer.errorString()));
  }
  return commit(file, path, error);
}

bool saveChartSvg(QWidget* chart, const QString& path, QString* error) {
  QSaveFile file(path);
  if (!begin(chart, path, file, error)) return false;
  const QSize size = chart->size();
  QSvgGenerator svg;
  svg.setOutputDevice(&file);
  svg.setSize(size);
  svg.setViewBox(QRect(QPoint(0, 0), size));
  svg.setTitle(chart->windowTitle().isEmpty() ? chart->objectName() : chart->windowTitle());
  svg.setDescription(QCoreApplication::translate("ChartExport", "Chart exported by SeViLA Studio"));
  if (auto* plot = qobject_cast<QCustomPlot*>(chart)) {
    // As QCustomPlot::savePdf does: vector output, no cached (pixmap) tick labels.
    QCPPainter painter;
    if (!painter.begin(&svg)) {
      file.cancelWriting();
      return fail(error, cannotWrite(path, QCoreApplication::translate("ChartExport",
                                                                       "the SVG could not be started")));
    }
    painter.setMode(QCPPainter::pmVectorized);
    painter.setMode(QCPPainter::pmNoCaching);
    plot->toPainter(&painter, size.width(), size.height());
    painter.end();
  } else {
    QPainter painter;
    if (!painter.begin(&svg)) {
      file.cancelWriting();
      return fail(error, cannotWrite(path, QCoreApplication::translate("ChartExport",
                                                                       "the SVG could not be started")));
    }
    chart->render(&painter);
    painter.end();
  }
  if (file.error() != QFileDevice::NoError) {
    const QString reason = file.errorString();
    file.cancelWriting();
    return fail(error, cannotWrite(path, reason));
  }
  return commit(file, path, error);
}

}  // namespace sevila::widgets
