#include "commands/set_unsaved_keyframes_command.h"

namespace sevila::studio {

SetUnsavedKeyframesCommand::SetUnsavedKeyframesCommand(QVector<int> before, QVector<int> after,
                                                       const QString& text, Apply apply, QUndoCommand* parent)
    : QUndoCommand(text, parent),
      m_before(std::move(before)),
      m_after(std::move(after)),
      m_apply(std::move(apply)) {}

void SetUnsavedKeyframesCommand::redo() {
  if (!m_apply(m_after)) setObsolete(true);
}

void SetUnsavedKeyframesCommand::undo() {
  if (!m_apply(m_before)) setObsolete(true);
}

}  // namespace sevila::studio
