// Edit: add or remove one human keyframe (a position on the sampling grid) for (item, author). On a label
// with drawn windows the windows change with it (data::toggleKeyframeInWindows): a keyframe is cut out
// of its window, a new one gets its own small window.
#pragma once

#include "commands/label_command.h"

namespace sevila::studio {

class ToggleKeyframeCommand : public LabelCommand {
public:
  // `position` is a position in target.grid. Creates the author's label when there is none.
  ToggleKeyframeCommand(ProjectStore& store, LabelTarget target, int position,
                        QUndoCommand* parent = nullptr);
  int position() const { return m_position; }

protected:
  KeyframeLabel apply(const std::optional<KeyframeLabel>& before) const override;

private:
  int m_position;
};

}  // namespace sevila::studio
