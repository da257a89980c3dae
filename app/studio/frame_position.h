// What the user types into Go to Frame/Time (Ctrl+G): a frame number ("120", "#120"), seconds ("4.5 s",
// "4.5s") or a clock time ("1:02.5", "00:01:02.500"), read into a frame index of the open video.
#pragma once

#include <optional>

#include <QString>
#include <QtGlobal>

namespace sevila::studio {

// The frame index for `text`, clamped to [0, frameCount - 1]; nullopt when it is not a position.
// Times map to the frame shown at that time (floor(seconds * fps)).
std::optional<qint64> frameForPosition(const QString& text, double fps, qint64 frameCount);

}  // namespace sevila::studio
