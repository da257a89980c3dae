// Edit: mark the author's label confirmed or unsure.
#pragma once

#include "commands/label_command.h"

namespace sevila::studio {

class SetLabelStateCommand : public LabelCommand {
public:
  SetLabelStateCommand(ProjectStore& store, LabelTarget target, LabelState state,
                       QUndoCommand* parent = nullptr);

protected:
  KeyframeLabel apply(const std::optional<KeyframeLabel>& before) const override;

private:
  LabelState m_state;
};

}  // namespace sevila::studio
