#include "commands/set_label_state_command.h"

#include <QCoreApplication>

namespace sevila::studio {

SetLabelStateCommand::SetLabelStateCommand(ProjectStore& store, LabelTarget target, LabelState state,
                                           QUndoCommand* parent)
    : LabelCommand(store, std::move(target), parent), m_state(state) {
  setText(state == LabelState::Confirmed
              ? QCoreApplication::translate("SetLabelStateCommand", "Mark label confirmed")
              : QCoreApplication::translate("SetLabelStateCommand", "Mark label unsure"));
}

KeyframeLabel SetLabelStateCommand::apply(const std::optional<KeyframeLabel>& before) const {
  // An existing label keeps its own grid: the state is about the label, not about the grid on screen.
  KeyframeLabel l = before ? *before : onTargetGrid(before);
  l.state = m_state;
  return l;
}

}  // namespace sevila::studio
