#include "event_loop_monitor.h"

#include <algorithm>

namespace sevila::studio {

EventLoopMonitor::EventLoopMonitor(int intervalMs, QObject* parent)
    : QObject(parent), m_intervalMs(intervalMs) {
  m_timer.setTimerType(Qt::PreciseTimer);
  m_timer.setInterval(intervalMs);
  connect(&m_timer, &QTimer::timeout, this, &EventLoopMonitor::tick);
}

void EventLoopMonitor::start() {
  reset();
  m_timer.start();
}

void EventLoopMonitor::stop() {
  m_timer.stop();
}

void EventLoopMonitor::reset() {
  m_clock.start();
  m_lastNs = 0;
  m_ticks = 0;
  m_maxStallMs = 0;
  m_stalls.clear();
}

int EventLoopMonitor::stallsOver(double ms) const {
  return int(std::count_if(m_stalls.begin(), m_stalls.end(), [ms](double s) { return s >= ms; }));
}

void EventLoopMonitor::tick() {
  const qint64 now = m_clock.nsecsElapsed();
  // Lateness beyond the timer's own period: the time the loop spent on something else.
  const double late = double(now - m_lastNs) / 1e6 - m_intervalMs;
  m_lastNs = now;
  ++m_ticks;
  if (late <= 0) return;
  m_maxStallMs = std::max(m_maxStallMs, late);
  if (late >= m_thresholdMs) {
    m_stalls << late;
    Q_EMIT stalled(late);
  }
}

}  // namespace sevila::studio
