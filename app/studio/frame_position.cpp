#include "frame_position.h"

#include <algorithm>
#include <cmath>

#include <QRegularExpression>
#include <QStringList>

namespace sevila::studio {

std::optional<qint64> frameForPosition(const QString& text, double fps, qint64 frameCount) {
  const QString t = text.trimmed();
  if (t.isEmpty() || frameCount <= 0) return std::nullopt;
  const auto clamp = [&](qint64 frame) { return std::clamp<qint64>(frame, 0, frameCount - 1); };
  static const QRegularExpression frameNumber(QStringLiteral("^#?(\\d+)$"));
  if (const auto m = frameNumber.match(t); m.hasMatch()) return clamp(m.captured(1).toLongLong());
  if (fps <= 0) return std::nullopt;
  double seconds = 0;
  static const QRegularExpression plainSeconds(QStringLiteral("^(\\d+(?:\\.\\d*)?|\\.\\d+)\\s*s$"));
  static const QRegularExpression clock(QStringLiteral("^(?:(\\d+):)?(\\d{1,2}):(\\d{1,2}(?:\\.\\d*)?)$"));
  if (const auto m = plainSeconds.match(t); m.hasMatch()) {
    seconds = m.captured(1).toDouble();
  } else if (const auto c = clock.match(t); c.hasMatch()) {
    const double hours = c.captured(1).isEmpty() ? 0 : c.captured(1).toDouble();
    const double minutes = c.captured(2).toDouble(), secs = c.captured(3).toDouble();
    if (secs >= 60 || (!c.captured(1).isEmpty() && minutes >= 60)) return std::nullopt;
    seconds = hours * 3600 + minutes * 60 + secs;
  } else {
    return std::nullopt;
  }
  // A small tolerance: "4.28 s" at 25 fps is frame 107 even when 4.28 * 25 lands just below it.
  return clamp(qint64(std::floor(seconds * fps + 1e-6)));
}

}  // namespace sevila::studio
