#include <QtTest>

#include <QFile>
#include <QImage>
#include <QLabel>
#include <QSet>
#include <QTemporaryDir>

#include <qcustomplot.h>

#include "widgets/answer_panel.h"
#include "widgets/chart_export.h"

using sevila::widgets::AnswerPanel;
using sevila::widgets::AnswerView;
using sevila::widgets::saveChartPng;
using sevila::widgets::saveChartSvg;

namespace {
int colourCount(const QImage& image) {
  QSet<QRgb> colours;
  for (int y = 0; y < image.height(); y += 2)
    for (int x = 0; x < image.width(); x += 2) colours.insert(image.pixel(x, y));
  return int(colours.size());
}

AnswerView answer() {
  AnswerView v;
  v.options = {"red", "green", "blue"};
  v.probabilities = {0.2, 0.7, 0.1};
  v.answer = 1;
  return v;
}
}  // namespace

class TestChartExport : public QObject {
  Q_OBJECT
private Q_SLOTS:
  void pngIsTheChartAtTheScale() {
    AnswerPanel p;
    p.resize(500, 360);
    p.setAnswer(answer());
    p.show();
    QVERIFY(QTest::qWaitForWindowExposed(&p));
    QWidget* chart = reinterpret_cast<QWidget*>(p.plot());
    const QSize size = chart->size();
    QVERIFY(size.width() > 100 && size.height() > 100);
    QTemporaryDir dir;
    QString error;
    const QString path = dir.filePath("answer.png");
    QVERIFY2(saveChartPng(chart, path, &error), qPrintable(error));
    QVERIFY(error.isEmpty());
    QImage image(path);
    QCOMPARE(image.size(), size * 2);  // the default scale
    QVERIFY2(colourCount(image) > 1, "the PNG is blank");
    // The bars are drawn: the model's colour is in the picture.
    const QColor bars = p.plot()->plottable(0)->brush().color();
    bool found = false;
    for (int y = 0; y < image.height() && !found; ++y)
      for (int x = 0; x < image.width() && !found; ++x) found = image.pixelColor(x, y) == bars;
    QVERIFY(found);

    QVERIFY2(saveChartPng(chart, path, &error, 3), qPrintable(error));  // replaces the file
    QCOMPARE(QImage(path).size(), size * 3);
  }

  void pngOfAnyWidget() {
    QLabel label("Hello, chart");
    label.resize(160, 40);
    label.show();
    QVERIFY(QTest::qWaitForWindowExposed(&label));
    QTemporaryDir dir;
    QString error;
    const QString path = dir.filePath("label.png");
    QVERIFY2(saveChartPng(&label, path, &error, 2), qPrintable(error));
    const QImage image(path);
    QCOMPARE(image.size(), QSize(320, 80));
    QVERIFY(colourCount(image) > 1);  // the text is there
  }

  void svgIsVectorWithTheAxisLabel() {
    AnswerPanel p;
    p.resize(500, 360);
    p.setAnswer(answer());
    p.show();
    QVERIFY(QTest::qWaitForWindowExposed(&p));
    QTemporaryDir dir;
    QString error;
    const QString path = dir.filePath("answer.svg");
    QVERIFY2(saveChartSvg(reinterpret_cast<QWidget*>(p.plot()), path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray svg = file.readAll();
    QVERIFY2(svg.startsWith("<?xml") || svg.contains("<svg"), svg.left(200).constData());
    QVERIFY(svg.contains("probability"));  // the x-axis label, as text
    QVERIFY(svg.contains("green"));        // an option's tick label
    QVERIFY2(!svg.contains("<image"), "the plot was embedded as a picture, not drawn as vectors");
    const QSize size = p.plot()->size();
    QVERIFY(
        svg.contains(QStringLiteral("viewBox=\"0 0 %1 %2\"").arg(size.width()).arg(size.height()).toUtf8()));
  }

  void aMissingFolderFailsNamingTheFile() {
    QLabel label("x");
    label.resize(50, 20);
    QTemporaryDir dir;
    const QString path = dir.filePath("no/such/folder/figure.png");
    QString error;
    QVERIFY(!saveChartPng(&label, path, &error));
    QVERIFY2(error.contains("figure.png"), qPrintable(error));
    QVERIFY(!QFile::exists(path));
    error.clear();
    const QString svgPath = dir.filePath("missing/figure.svg");
    QVERIFY(!saveChartSvg(&label, svgPath, &error));
    QVERIFY2(error.contains("figure.svg"), qPrintable(error));
    // No chart at all.
    error.clear();
    QVERIFY(!saveChartPng(nullptr, dir.filePath("none.png"), &error));
    QVERIFY2(error.contains("none.png"), qPrintable(error));
    QVERIFY(!QFile::exists(dir.filePath("none.png")));
  }
};

QTEST_MAIN(TestChartExport)
#include "test_chart_export.moc"
