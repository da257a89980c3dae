// The failure explorer's confidence histogram: how sure the model was over the filtered items, each bar
// stacked wrong / right / no ground truth, so over-confident failures stand out. Clicking a bar asks for
// that confidence range as a filter (rangeActivated); the browser owns the filter.
#pragma once

#include <QPoint>
#include <QVector>
#include <QWidget>

class QCustomPlot;
class QCPBars;
class QMouseEvent;

namespace sevila::widgets {

class ConfidenceHistogram : public QWidget {
  Q_OBJECT
public:
  explicit ConfidenceHistogram(QWidget* parent = nullptr);

  // Counts per bin over [0, 1]: bin i covers [i/n, (i+1)/n) (see dataset_summary.h). The vectors have
  // one size, the number of bins; `unknown` (answers without a ground truth) may be empty.
  void setCounts(const QVector<int>& right, const QVector<int>& wrong, const QVector<int>& unknown = {});
  int binCount() const { return int(m_right.size()); }
  // Items in a bin (right + wrong + unknown); 0 outside.
  int count(int bin) const;
  // The bin whose column is under a point of plot() (after a replot), -1 off the bars or outside.
  int binAt(const QPoint& plotPos) const;
  // The centre of a bin's bar in plot() coordinates (after a replot).
  QPoint barCenter(int bin) const;
  QCustomPlot* plot() const { return m_plot; }
  // Restyles from the current palette (also done on a palette change).
  void restyle();

public Q_SLOTS:
  // As a click on bar `bin`: emits rangeActivated with its range when it holds any item.
  void activateBin(int bin);

Q_SIGNALS:
  void rangeActivated(double lo, double hi);

protected:
  void changeEvent(QEvent* event) override;

private:
  void retranslate();
  void rebuild();
  void onMouseMove(QMouseEvent* event);

  QCustomPlot* m_plot;
  QCPBars* m_wrongBars;
  QCPBars* m_rightBars;
  QCPBars* m_unknownBars;
  QVector<int> m_right, m_wrong, m_unknown;
  QPoint m_pressPos;
};

}  // namespace sevila::widgets
