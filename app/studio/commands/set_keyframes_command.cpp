#include "commands/set_keyframes_command.h"

#include <algorithm>

#include <QCoreApplication>

namespace sevila::studio {

SetKeyframesCommand::SetKeyframesCommand(ProjectStore& store, LabelTarget target, std::vector<int> positions,
                                         QString text, QUndoCommand* parent)
    : LabelCommand(store, std::move(target), parent), m_positions(std::move(positions)) {
  std::sort(m_positions.begin(), m_positions.end());
  m_positions.erase(std::unique(m_positions.begin(), m_positions.end()), m_positions.end());
  if (text.isEmpty())
    text = m_positions.empty() ? QCoreApplication::translate("SetKeyframesCommand", "Clear keyframes")
                               : QCoreApplication::translate("SetKeyframesCommand", "Accept model keyframes");
  setText(text);
}

KeyframeLabel SetKeyframesCommand::apply(const std::optional<KeyframeLabel>& before) const {
  KeyframeLabel l = onTargetGrid(before);
  l.grid = m_target.grid;
  l.fps = m_target.fps;
  l.keyframes = m_positions;
  l.windows.clear();  // a whole new keyframe set replaces any drawn windows
  return l;
}

}  // namespace sevila::studio
