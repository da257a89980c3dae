#include "commands/toggle_keyframe_command.h"

#include <algorithm>

#include <QCoreApplication>

#include "data/label_windows.h"

namespace sevila::studio {

ToggleKeyframeCommand::ToggleKeyframeCommand(ProjectStore& store, LabelTarget target, int position,
                                             QUndoCommand* parent)
    : LabelCommand(store, std::move(target), parent), m_position(position) {
  const bool inGrid = position >= 0 && position < m_target.grid.size();
  setText(QCoreApplication::translate("ToggleKeyframeCommand", "Toggle keyframe %1 (frame %2)")
              .arg(position + 1)
              .arg(inGrid ? m_target.grid.frameIndices[position] : -1));
}

KeyframeLabel ToggleKeyframeCommand::apply(const std::optional<KeyframeLabel>& before) const {
  KeyframeLabel l = onTargetGrid(before);
  if (!l.windows.empty()) {  // drawn windows: cut the frame out of its window, or add its own window
    data::LabelSpans spans = data::toggleKeyframeInWindows(l.grid, l.fps, l.windows, m_position);
    l.windows = std::move(spans.windows);
    l.keyframes = std::move(spans.keyframes);
    return l;
  }
  auto it = std::lower_bound(l.keyframes.begin(), l.keyframes.end(), m_position);
  if (it != l.keyframes.end() && *it == m_position)
    l.keyframes.erase(it);
  else
    l.keyframes.insert(it, m_position);  // a position outside the grid is refused by the store
  return l;
}

}  // namespace sevila::studio
