// Measures the GUI thread's responsiveness: a precise timer asks to run every few milliseconds, and the
// time by which it runs late is how long the event loop was blocked (a stall the user feels as a frozen
// window). The studio logs stalls with --watch-stalls; bench_studio reports the longest per phase.
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <QVector>

namespace sevila::studio {

class EventLoopMonitor : public QObject {
  Q_OBJECT
public:
  explicit EventLoopMonitor(int intervalMs = 5, QObject* parent = nullptr);

  void start();
  void stop();
  void reset();  // forget what was measured so far (a new phase)

  double maxStallMs() const { return m_maxStallMs; }
  int stallsOver(double ms) const;  // of those at least reportThresholdMs long
  qint64 ticks() const { return m_ticks; }
  // Stalls this long or longer are emitted by stalled() and counted by stallsOver().
  void setReportThresholdMs(double ms) { m_thresholdMs = ms; }

Q_SIGNALS:
  void stalled(double milliseconds);

private:
  void tick();

  QTimer m_timer;
  QElapsedTimer m_clock;
  qint64 m_lastNs = 0;
  qint64 m_ticks = 0;
  int m_intervalMs;
  double m_thresholdMs = 100;
  double m_maxStallMs = 0;
  QVector<double> m_stalls;
};

}  // namespace sevila::studio
