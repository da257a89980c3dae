// Edit without a project: the shown run's human keyframes, kept in memory only. Same undo path as the
// project's edits; undo restores the set it replaced. A command made on a run that is no longer shown
// does nothing and is dropped from the stack.
#pragma once

#include <functional>

#include <QString>
#include <QUndoCommand>
#include <QVector>

namespace sevila::studio {

class SetUnsavedKeyframesCommand : public QUndoCommand {
public:
  // Shows `positions` on the run the command was made on; false when that run is gone.
  using Apply = std::function<bool(const QVector<int>& positions)>;

  SetUnsavedKeyframesCommand(QVector<int> before, QVector<int> after, const QString& text, Apply apply,
                             QUndoCommand* parent = nullptr);
  void redo() override;
  void undo() override;

private:
  QVector<int> m_before;
  QVector<int> m_after;
  Apply m_apply;
};

}  // namespace sevila::studio
